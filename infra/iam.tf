# One service account per function, each with only what its code does; one for the scheduler
# job's calls and one for the builds. Bucket roles are granted on the bucket, not the project.

resource "google_service_account" "upload" {
  account_id   = "${var.name_prefix}-upload"
  display_name = "Podcast upload function (source bucket events)"
  depends_on   = [google_project_service.enabled]
}

resource "google_service_account" "publish_due" {
  account_id   = "${var.name_prefix}-publish-due"
  display_name = "Podcast publishDue function (scheduled episodes)"
  depends_on   = [google_project_service.enabled]
}

resource "google_service_account" "feed" {
  account_id   = "${var.name_prefix}-feed"
  display_name = "Podcast feed endpoint"
  depends_on   = [google_project_service.enabled]
}

resource "google_service_account" "webhook" {
  account_id   = "${var.name_prefix}-webhook"
  display_name = "Podcast CMS webhook"
  depends_on   = [google_project_service.enabled]
}

resource "google_service_account" "scheduler" {
  account_id   = "${var.name_prefix}-scheduler"
  display_name = "Cloud Scheduler's identity when it calls publishDue"
  depends_on   = [google_project_service.enabled]
}

resource "google_service_account" "build" {
  account_id   = "${var.name_prefix}-build"
  display_name = "Cloud Build, building the functions' image from the jar"
  depends_on   = [google_project_service.enabled]
}

locals {
  # Who gets what, and why. Keys are "<account>/<scope>/<role>"; scope is a bucket or "project".
  bucket_roles = {
    # Reads episode files, config.toml, podcast.toml and layouts/ (get and list).
    "upload/source/roles/storage.objectViewer" = { account = "upload", bucket = "source", role = "roles/storage.objectViewer" }
    # Writes, overwrites (with generation preconditions), lists and deletes pages and feeds.
    "upload/site/roles/storage.objectUser" = { account = "upload", bucket = "site", role = "roles/storage.objectUser" }
    # The same work as upload, for the episodes whose publish date has come.
    "publish_due/source/roles/storage.objectViewer" = { account = "publish_due", bucket = "source", role = "roles/storage.objectViewer" }
    "publish_due/site/roles/storage.objectUser"     = { account = "publish_due", bucket = "site", role = "roles/storage.objectUser" }
    # Serves feeds from the site bucket and, when one is missing, renders it from the records with
    # the show's config.toml (Publisher.regenerateAll) and writes it.
    "feed/source/roles/storage.objectViewer" = { account = "feed", bucket = "source", role = "roles/storage.objectViewer" }
    "feed/site/roles/storage.objectUser"     = { account = "feed", bucket = "site", role = "roles/storage.objectUser" }
    # Writes and deletes the episode files the CMS sends; the upload function does the rest.
    "webhook/source/roles/storage.objectUser" = { account = "webhook", bucket = "source", role = "roles/storage.objectUser" }
  }

  project_roles = {
    # Reads and writes episode and source records in transactions.
    "upload/roles/datastore.user"      = { account = "upload", role = "roles/datastore.user" }
    "publish_due/roles/datastore.user" = { account = "publish_due", role = "roles/datastore.user" }
    # Reads the records to render a missing feed; never writes them.
    "feed/roles/datastore.viewer" = { account = "feed", role = "roles/datastore.viewer" }
    # Remembers delivered webhook ids (shows/{show}/webhooks, expired by the TTL policy).
    "webhook/roles/datastore.user" = { account = "webhook", role = "roles/datastore.user" }
    # The upload function's Eventarc triggers deliver events as the upload account; this role
    # (project-wide only) lets it receive them.
    "upload/roles/eventarc.eventReceiver" = { account = "upload", role = "roles/eventarc.eventReceiver" }
    # Builds the image: reads the source zip, writes the image to Artifact Registry, writes logs.
    "build/roles/cloudbuild.builds.builder" = { account = "build", role = "roles/cloudbuild.builds.builder" }
  }

  accounts = {
    upload      = google_service_account.upload
    publish_due = google_service_account.publish_due
    feed        = google_service_account.feed
    webhook     = google_service_account.webhook
    build       = google_service_account.build
  }

  buckets = {
    source = google_storage_bucket.source
    site   = google_storage_bucket.site
  }
}

resource "google_storage_bucket_iam_member" "function" {
  for_each = local.bucket_roles
  bucket   = local.buckets[each.value.bucket].name
  role     = each.value.role
  member   = "serviceAccount:${local.accounts[each.value.account].email}"
}

resource "google_project_iam_member" "function" {
  for_each = local.project_roles
  project  = var.project
  role     = each.value.role
  member   = "serviceAccount:${local.accounts[each.value.account].email}"
}

# Reads PODCAST_WEBHOOK_SECRET: this secret only.
resource "google_secret_manager_secret_iam_member" "webhook" {
  secret_id = google_secret_manager_secret.webhook.id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.webhook.email}"
}

# Google's own agents.

data "google_storage_project_service_account" "gcs" {
  depends_on = [google_project_service.enabled]
}

# Cloud Storage publishes the bucket's events to Pub/Sub, Eventarc's transport.
resource "google_project_iam_member" "gcs_pubsub_publisher" {
  project = var.project
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${data.google_storage_project_service_account.gcs.email_address}"
}
