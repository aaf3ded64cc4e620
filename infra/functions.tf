# The five functions (2nd gen, Java 17), all from the one jar. Entry points and environment
# variable names are the code's (dev.podcast.functions.*, FunctionsConfig); a test in functions/
# (TerraformMatchesCodeTest) fails when this file and the code disagree.

# Every function reads FunctionsConfig (SOURCE_BUCKET, SITE_BUCKET, SHOW_ID); each function's
# variables are spelled out below so that what it gets can be read at a glance. JAVA_TOOL_OPTIONS
# is read by the JVM: the heap may use most of the instance's memory (the JVM's default is a
# quarter), which rendering the feeds and listings of a large show needs; the serial collector
# suits one vCPU. The event functions (upload, publish_due, webhook, notify) stop at the C1 compiler:
# readiness about 19% sooner (functions/bench/cold-start-runtimes.sh, README "Cold start"), and a
# short event gains nothing from C2. The feed function, which answers polls for as long as it
# lives, keeps C2.
locals {
  java_tool_options      = "-XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
  feed_java_tool_options = "-XX:MaxRAMPercentage=75 -XX:+UseSerialGC"

  function_source = {
    bucket = google_storage_bucket.deploy.name
    object = google_storage_bucket_object.function_zip.name
  }
}

# Publishes, updates and unpublishes episodes on the source bucket's events. Retries on: a
# failure (an outage) throws, and the event comes again; invalid files are acknowledged.
resource "google_cloudfunctions2_function" "upload" {
  name        = "${var.name_prefix}-upload"
  location    = var.region
  description = "Source bucket events: publish, update or unpublish an episode"

  build_config {
    runtime         = "java17"
    entry_point     = "dev.podcast.functions.UploadFunction"
    service_account = google_service_account.build.id
    source {
      storage_source {
        bucket = local.function_source.bucket
        object = local.function_source.object
      }
    }
  }

  service_config {
    available_memory                 = var.memory.upload
    available_cpu                    = "1"
    max_instance_request_concurrency = 1
    min_instance_count               = var.min_instances.upload
    max_instance_count               = var.max_instances.upload
    timeout_seconds                  = 540 # the most an event-driven function may run
    service_account_email            = google_service_account.upload.email
    environment_variables = {
      SOURCE_BUCKET     = google_storage_bucket.source.name
      SITE_BUCKET       = google_storage_bucket.site.name
      SHOW_ID           = var.show_id
      SITE_BASE_URL     = local.base_url
      OLD_FEED_PATHS    = join(",", var.old_feed_paths)
      JAVA_TOOL_OPTIONS = local.java_tool_options
    }
    ingress_settings               = "ALLOW_INTERNAL_ONLY" # events only, never the internet
    all_traffic_on_latest_revision = true
  }

  # object.v1.finalized here; object.v1.deleted and object.v1.archived below, on the same service.
  event_trigger {
    trigger_region        = var.region
    event_type            = "google.cloud.storage.object.v1.finalized"
    retry_policy          = "RETRY_POLICY_RETRY"
    service_account_email = google_service_account.upload.email
    event_filters {
      attribute = "bucket"
      value     = google_storage_bucket.source.name
    }
  }

  depends_on = [
    google_project_iam_member.function,
    google_project_iam_member.gcs_pubsub_publisher,
    google_storage_bucket_iam_member.function,
  ]
}

# The source bucket is versioned: deleting a file makes its live version noncurrent, which Cloud
# Storage reports as object.v1.archived, not object.v1.deleted (sent only when a version is
# removed for good). The upload function needs both. Eventarc retries failed deliveries with
# exponential backoff (10 s to 10 min) for 24 hours.
resource "google_eventarc_trigger" "upload" {
  for_each = {
    deleted  = "google.cloud.storage.object.v1.deleted"
    archived = "google.cloud.storage.object.v1.archived"
  }

  name            = "${var.name_prefix}-upload-${each.key}"
  location        = var.region
  service_account = google_service_account.upload.email

  matching_criteria {
    attribute = "type"
    value     = each.value
  }
  matching_criteria {
    attribute = "bucket"
    value     = google_storage_bucket.source.name
  }

  destination {
    cloud_run_service {
      service = google_cloudfunctions2_function.upload.name
      region  = var.region
    }
  }

  depends_on = [google_cloud_run_service_iam_member.upload_invoker]
}

# The triggers call the function as the upload account.
resource "google_cloud_run_service_iam_member" "upload_invoker" {
  location = google_cloudfunctions2_function.upload.location
  service  = google_cloudfunctions2_function.upload.name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.upload.email}"
}

# Publishes the episodes whose publish date has come. Private: only the scheduler job calls it.
resource "google_cloudfunctions2_function" "publish_due" {
  name        = "${var.name_prefix}-publish-due"
  location    = var.region
  description = "Called by Cloud Scheduler: publish the episodes whose date has come"

  build_config {
    runtime         = "java17"
    entry_point     = "dev.podcast.functions.PublishDueFunction"
    service_account = google_service_account.build.id
    source {
      storage_source {
        bucket = local.function_source.bucket
        object = local.function_source.object
      }
    }
  }

  service_config {
    available_memory                 = var.memory.publish_due
    available_cpu                    = "1"
    max_instance_request_concurrency = 1
    min_instance_count               = var.min_instances.publish_due
    max_instance_count               = var.max_instances.publish_due
    timeout_seconds                  = 540
    service_account_email            = google_service_account.publish_due.email
    environment_variables = {
      SOURCE_BUCKET     = google_storage_bucket.source.name
      SITE_BUCKET       = google_storage_bucket.site.name
      SHOW_ID           = var.show_id
      SITE_BASE_URL     = local.base_url
      OLD_FEED_PATHS    = join(",", var.old_feed_paths)
      JAVA_TOOL_OPTIONS = local.java_tool_options
    }
    ingress_settings               = "ALLOW_ALL" # Cloud Scheduler calls from outside the VPC; IAM keeps it private
    all_traffic_on_latest_revision = true
  }

  depends_on = [google_project_iam_member.function, google_storage_bucket_iam_member.function]
}

resource "google_cloud_run_service_iam_member" "publish_due_scheduler" {
  location = google_cloudfunctions2_function.publish_due.location
  service  = google_cloudfunctions2_function.publish_due.name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.scheduler.email}"
}

# The feed endpoint: public, serves the feeds with Cache-Control max-age FEED_MAX_AGE_SECONDS.
resource "google_cloudfunctions2_function" "feed" {
  name        = "${var.name_prefix}-feed"
  location    = var.region
  description = "Public feed endpoint"

  build_config {
    runtime         = "java17"
    entry_point     = "dev.podcast.functions.FeedFunction"
    service_account = google_service_account.build.id
    source {
      storage_source {
        bucket = local.function_source.bucket
        object = local.function_source.object
      }
    }
  }

  service_config {
    available_memory                 = var.memory.feed
    available_cpu                    = "1"
    max_instance_request_concurrency = 40 # polls mostly wait on Cloud Storage: share an instance
    min_instance_count               = var.min_instances.feed
    max_instance_count               = var.max_instances.feed
    timeout_seconds                  = 60
    service_account_email            = google_service_account.feed.email
    environment_variables = {
      SOURCE_BUCKET        = google_storage_bucket.source.name
      SITE_BUCKET          = google_storage_bucket.site.name
      SHOW_ID              = var.show_id
      SITE_BASE_URL        = local.base_url
      OLD_FEED_PATHS       = join(",", var.old_feed_paths)
      JAVA_TOOL_OPTIONS    = local.feed_java_tool_options
      FEED_MAX_AGE_SECONDS = tostring(var.feed_max_age_seconds)
    }
    ingress_settings               = "ALLOW_ALL"
    all_traffic_on_latest_revision = true
  }

  depends_on = [google_project_iam_member.function, google_storage_bucket_iam_member.function]
}

resource "google_cloud_run_service_iam_member" "feed_public" {
  location = google_cloudfunctions2_function.feed.location
  service  = google_cloudfunctions2_function.feed.name
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# The CMS webhook: public, because the CMS has no Google identity; the request's signature,
# checked against PODCAST_WEBHOOK_SECRET, is its lock.
resource "google_cloudfunctions2_function" "webhook" {
  name        = "${var.name_prefix}-webhook"
  location    = var.region
  description = "CMS webhook: signed requests write episode files to the source bucket"

  build_config {
    runtime         = "java17"
    entry_point     = "dev.podcast.functions.WebhookFunction"
    service_account = google_service_account.build.id
    source {
      storage_source {
        bucket = local.function_source.bucket
        object = local.function_source.object
      }
    }
  }

  service_config {
    available_memory                 = var.memory.webhook
    available_cpu                    = "1"
    max_instance_request_concurrency = 10
    min_instance_count               = var.min_instances.webhook
    max_instance_count               = var.max_instances.webhook
    timeout_seconds                  = 60
    service_account_email            = google_service_account.webhook.email
    environment_variables = {
      SOURCE_BUCKET             = google_storage_bucket.source.name
      SITE_BUCKET               = google_storage_bucket.site.name
      SHOW_ID                   = var.show_id
      SITE_BASE_URL             = local.base_url
      OLD_FEED_PATHS            = join(",", var.old_feed_paths)
      PODCAST_WEBHOOK_MAX_BYTES = tostring(var.webhook_max_bytes)
      JAVA_TOOL_OPTIONS         = local.java_tool_options
    }
    ingress_settings               = "ALLOW_ALL"
    all_traffic_on_latest_revision = true

    # Whitespace-separated whsec_ secrets; a new version is read by new instances.
    secret_environment_variables {
      key        = "PODCAST_WEBHOOK_SECRET"
      project_id = var.project
      secret     = google_secret_manager_secret.webhook.secret_id
      version    = "latest"
    }
  }

  depends_on = [
    google_project_iam_member.function,
    google_storage_bucket_iam_member.function,
    google_secret_manager_secret_iam_member.webhook,
  ]
}

resource "google_cloud_run_service_iam_member" "webhook_public" {
  location = google_cloudfunctions2_function.webhook.location
  service  = google_cloudfunctions2_function.webhook.name
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# Tells Podping, the WebSub hubs and the Podcast Index of podcast.toml's [notify] that the main
# feed changed: on the site bucket's notifications of feed.xml (notify.tf). A service's 5xx,
# timeout or refused connection throws, and Eventarc delivers the event again with exponential
# backoff (10 s to 10 min) for 24 hours; what each service was told is kept in Firestore.
resource "google_cloudfunctions2_function" "notify" {
  name        = "${var.name_prefix}-notify"
  location    = var.region
  description = "Site bucket notifications of feed.xml: tell Podping, WebSub hubs and the Podcast Index"

  build_config {
    runtime         = "java17"
    entry_point     = "dev.podcast.functions.NotifyFunction"
    service_account = google_service_account.build.id
    source {
      storage_source {
        bucket = local.function_source.bucket
        object = local.function_source.object
      }
    }
  }

  service_config {
    available_memory                 = var.memory.notify
    available_cpu                    = "1"
    max_instance_request_concurrency = 1
    min_instance_count               = var.min_instances.notify
    max_instance_count               = var.max_instances.notify
    timeout_seconds                  = 120 # the quiet wait, then three services of 15 s at most
    service_account_email            = google_service_account.notify.email
    environment_variables = {
      SOURCE_BUCKET     = google_storage_bucket.source.name
      SITE_BUCKET       = google_storage_bucket.site.name
      SHOW_ID           = var.show_id
      SITE_BASE_URL     = local.base_url
      OLD_FEED_PATHS    = join(",", var.old_feed_paths)
      JAVA_TOOL_OPTIONS = local.java_tool_options
    }
    dynamic "secret_environment_variables" {
      for_each = var.podping_token_secret == "" ? [] : [var.podping_token_secret]
      content {
        key        = "PODPING_TOKEN"
        project_id = var.project
        secret     = secret_environment_variables.value
        version    = "latest"
      }
    }
    ingress_settings               = "ALLOW_INTERNAL_ONLY" # events only, never the internet
    all_traffic_on_latest_revision = true
  }

  event_trigger {
    trigger_region        = var.region
    event_type            = "google.cloud.pubsub.topic.v1.messagePublished"
    pubsub_topic          = google_pubsub_topic.feed_written.id
    retry_policy          = "RETRY_POLICY_RETRY"
    service_account_email = google_service_account.notify.email
  }

  depends_on = [
    google_project_iam_member.function,
    google_storage_bucket_iam_member.function,
    google_secret_manager_secret_iam_member.podping,
  ]
}

# The trigger calls the function as the notify account.
resource "google_cloud_run_service_iam_member" "notify_invoker" {
  location = google_cloudfunctions2_function.notify.location
  service  = google_cloudfunctions2_function.notify.name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.notify.email}"
}
