# Calls publishDue on a schedule, with an OIDC token of the scheduler account (the only account
# allowed to invoke it).
resource "google_cloud_scheduler_job" "publish_due" {
  name             = "${var.name_prefix}-publish-due"
  region           = var.region
  description      = "Publish the episodes whose publish date has come"
  schedule         = var.publish_due_schedule
  time_zone        = var.publish_due_time_zone
  attempt_deadline = "540s"

  retry_config {
    retry_count          = 2
    min_backoff_duration = "30s"
  }

  http_target {
    http_method = "POST"
    uri         = google_cloudfunctions2_function.publish_due.service_config[0].uri

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = google_cloudfunctions2_function.publish_due.service_config[0].uri
    }
  }

  depends_on = [google_cloud_run_service_iam_member.publish_due_scheduler]
}
