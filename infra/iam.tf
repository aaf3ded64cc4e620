# One service account per function, each with only what its code does; one for the scheduler
# job's calls and one for the builds. Bucket roles are granted on the bucket, not the project,
# and narrowed with IAM conditions to the objects the code uses.

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

resource "google_service_account" "notify" {
  account_id   = "${var.name_prefix}-notify"
  display_name = "Podcast notify function (tells podcast apps the feed changed)"
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
  # IAM resource names, for the conditions below. A bucket is projects/_/buckets/NAME and each of
  # its objects projects/_/buckets/NAME/objects/OBJECT; a list call is checked against the bucket,
  # every other object call against the object, so a condition on object names also denies
  # listing unless it names the bucket too. Conditions need uniform bucket-level access (on).
  source_bucket_resource = "projects/_/buckets/${local.source_bucket}"
  source_objects         = "projects/_/buckets/${local.source_bucket}/objects/"
  site_objects           = "projects/_/buckets/${local.site_bucket}/objects/"
  # Firestore IAM stops at the database: no condition can name a show's documents.
  firestore_database = "projects/${var.project}/databases/${google_firestore_database.default.name}"

  # Who may do what on the buckets, and why: each function's code calls only this. In functions/,
  # TerraformMatchesCodeTest checks these grants against its table of what each function's code
  # calls (WHAT_THE_CODE_CALLS) and fails when a grant is missing or broader; IamMatchesCodeTest
  # runs the code under these grants and fails when its calls are not that table.
  # condition is null for the whole bucket.
  bucket_grants = {
    # The publisher: a rebuild lists the source, and it reads what SourceObjects publishes:
    # config.toml, podcast.toml, layouts/, content/ (episodes and page bundles) and static/,
    # and the old feeds uploaded to import/. Not the webhook's .podcast/cms/ entries, nor any
    # other object.
    "upload/source" = {
      account   = "upload"
      bucket    = "source"
      role      = "roles/storage.objectViewer"
      title     = "show-files"
      condition = <<-EOT
        resource.name == "${local.source_bucket_resource}" ||
        resource.name == "${local.source_objects}config.toml" ||
        resource.name == "${local.source_objects}podcast.toml" ||
        resource.name.startsWith("${local.source_objects}layouts/") ||
        resource.name.startsWith("${local.source_objects}content/") ||
        resource.name.startsWith("${local.source_objects}static/") ||
        resource.name.startsWith("${local.source_objects}import/")
      EOT
    }
    # The import of an old feed (FeedImport) writes into the show: podcast.toml (the channel's
    # settings), the episode files under content/ (each item's guid; with create-missing, a
    # file for each item that has none), overwriting with generation preconditions (an
    # overwrite needs delete), and its report in import/. Never config.toml, layouts/ or static/.
    "upload/source-import" = {
      account   = "upload"
      bucket    = "source"
      role      = "roles/storage.objectUser"
      title     = "feed-import-writes"
      condition = <<-EOT
        resource.name == "${local.source_objects}podcast.toml" ||
        resource.name.startsWith("${local.source_objects}content/") ||
        resource.name.startsWith("${local.source_objects}import/")
      EOT
    }
    # Writes each upload's status beside it (.podcast/status/<object>.json and .txt) and the
    # status page (.podcast/status/index.html), overwriting them (an overwrite is a delete of the
    # generation replaced); a delivery again looks whether its status is there. Nothing else
    # under .podcast/, and never an author's file.
    "upload/source-status" = {
      account   = "upload"
      bucket    = "source"
      role      = "roles/storage.objectUser"
      title     = "upload-status"
      condition = "resource.name.startsWith(\"${local.source_objects}.podcast/status/\")"
    }
    # Writes, overwrites (with generation preconditions), lists (the rebuild's sweep) and deletes
    # pages, feeds and copied assets: the whole site is derived.
    "upload/site" = {
      account   = "upload"
      bucket    = "site"
      role      = "roles/storage.objectUser"
      title     = null
      condition = null
    }
    # The episodes whose time has come: the configuration and layouts (listed), the episode
    # files under content/; never static/.
    "publish_due/source" = {
      account   = "publish_due"
      bucket    = "source"
      role      = "roles/storage.objectViewer"
      title     = "show-configuration-and-content"
      condition = <<-EOT
        resource.name == "${local.source_bucket_resource}" ||
        resource.name == "${local.source_objects}config.toml" ||
        resource.name == "${local.source_objects}podcast.toml" ||
        resource.name.startsWith("${local.source_objects}layouts/") ||
        resource.name.startsWith("${local.source_objects}content/")
      EOT
    }
    # Writes, overwrites and deletes the pages, listings and feeds those episodes change; it never
    # lists the site, and a condition on object names leaves the bucket's listing out.
    "publish_due/site" = {
      account   = "publish_due"
      bucket    = "site"
      role      = "roles/storage.objectUser"
      title     = "site-objects"
      condition = <<-EOT
        resource.name.startsWith("${local.site_objects}")
      EOT
    }
    # Reads the feed objects it serves (get and metadata only: no list, no write). The whole site
    # is public anyway; the feed function renders nothing.
    "feed/site" = {
      account   = "feed"
      bucket    = "site"
      role      = "roles/storage.legacyObjectReader"
      title     = null
      condition = null
    }
    # Reads the show's config.toml (the parser episodes are checked with) and podcast.toml (its
    # [cms] mapping); nothing else, and never lists.
    "webhook/source-configuration" = {
      account   = "webhook"
      bucket    = "source"
      role      = "roles/storage.objectViewer"
      title     = "show-configuration"
      condition = <<-EOT
        resource.name == "${local.source_objects}config.toml" ||
        resource.name == "${local.source_objects}podcast.toml"
      EOT
    }
    # Reads, writes and deletes the episode files the CMS sends (content/post/<slug>/index.md)
    # and the slug it remembers of each CMS entry (.podcast/cms/<entry>); it cannot touch
    # config.toml, podcast.toml, layouts/, static/ or other files under content/.
    "webhook/source-episodes" = {
      account   = "webhook"
      bucket    = "source"
      role      = "roles/storage.objectUser"
      title     = "cms-episode-files"
      condition = <<-EOT
        (resource.name.startsWith("${local.source_objects}content/post/") &&
        resource.name.endsWith("/index.md")) ||
        resource.name.startsWith("${local.source_objects}.podcast/cms/")
      EOT
    }
    # Reads the show's config.toml (the feed's address) and podcast.toml (its [notify]);
    # nothing else, and never lists.
    "notify/source-configuration" = {
      account   = "notify"
      bucket    = "source"
      role      = "roles/storage.objectViewer"
      title     = "show-configuration"
      condition = <<-EOT
        resource.name == "${local.source_objects}config.toml" ||
        resource.name == "${local.source_objects}podcast.toml"
      EOT
    }
    # Reads the generation of feed.xml (a newer write is told of by its own event): get and
    # metadata only, no list, no write. The site is public anyway.
    "notify/site" = {
      account   = "notify"
      bucket    = "site"
      role      = "roles/storage.legacyObjectReader"
      title     = null
      condition = null
    }
  }

  project_grants = {
    # Reads and writes episode and source records and the guid registry in transactions; only in
    # the show's database (Firestore's IAM goes no finer than a database).
    "upload/datastore" = {
      account   = "upload"
      role      = "roles/datastore.user"
      title     = "show-database"
      condition = "resource.name == \"${local.firestore_database}\""
    }
    "publish_due/datastore" = {
      account   = "publish_due"
      role      = "roles/datastore.user"
      title     = "show-database"
      condition = "resource.name == \"${local.firestore_database}\""
    }
    # Remembers delivered webhook ids (shows/{show}/webhooks, expired by the TTL policy).
    "webhook/datastore" = {
      account   = "webhook"
      role      = "roles/datastore.user"
      title     = "show-database"
      condition = "resource.name == \"${local.firestore_database}\""
    }
    # Records what each service was told (shows/{show}/notifications).
    "notify/datastore" = {
      account   = "notify"
      role      = "roles/datastore.user"
      title     = "show-database"
      condition = "resource.name == \"${local.firestore_database}\""
    }
    # The upload function's Eventarc triggers deliver events as the upload account; this role
    # (granted on the project only) lets it receive them.
    "upload/eventarc" = {
      account   = "upload"
      role      = "roles/eventarc.eventReceiver"
      title     = null
      condition = null
    }
    # Builds the image: reads the source zip, writes the image to Artifact Registry, writes logs.
    "build/cloudbuild" = {
      account   = "build"
      role      = "roles/cloudbuild.builds.builder"
      title     = null
      condition = null
    }
  }

  accounts = {
    upload      = google_service_account.upload
    publish_due = google_service_account.publish_due
    feed        = google_service_account.feed
    webhook     = google_service_account.webhook
    notify      = google_service_account.notify
    build       = google_service_account.build
  }

  buckets = {
    source = google_storage_bucket.source
    site   = google_storage_bucket.site
  }
}

resource "google_storage_bucket_iam_member" "function" {
  for_each = local.bucket_grants
  bucket   = local.buckets[each.value.bucket].name
  role     = each.value.role
  member   = "serviceAccount:${local.accounts[each.value.account].email}"

  dynamic "condition" {
    for_each = each.value.condition == null ? [] : [each.value]
    content {
      title      = condition.value.title
      expression = join(" ", split("\n", trimspace(condition.value.condition)))
    }
  }
}

resource "google_project_iam_member" "function" {
  for_each = local.project_grants
  project  = var.project
  role     = each.value.role
  member   = "serviceAccount:${local.accounts[each.value.account].email}"

  dynamic "condition" {
    for_each = each.value.condition == null ? [] : [each.value]
    content {
      title      = condition.value.title
      expression = condition.value.condition
    }
  }
}

# Reads PODCAST_WEBHOOK_SECRET: this secret only.
resource "google_secret_manager_secret_iam_member" "webhook" {
  secret_id = google_secret_manager_secret.webhook.id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.webhook.email}"
}

# Reads PODPING_TOKEN, when a secret holds it: that secret only.
resource "google_secret_manager_secret_iam_member" "podping" {
  count     = var.podping_token_secret == "" ? 0 : 1
  secret_id = "projects/${var.project}/secrets/${var.podping_token_secret}"
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.notify.email}"
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
