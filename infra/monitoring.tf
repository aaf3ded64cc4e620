# Alerts, from the functions' log lines (one JSON line per event, EventLog): a count of events
# thrown back to be retried (an outage, or a fault of ours), of feeds the feed check refused,
# and of uploads rejected. Each is a log-based metric; with alert_email set, an alert policy
# mails that address when one happens. The rejected uploads' alert is the podcaster's: their
# file's status is in the source bucket (.podcast/status/), this tells them to look.
data "google_project" "this" {
  project_id = var.project
}

resource "google_logging_metric" "retried_events" {
  name        = "${var.name_prefix}-retried-events"
  description = "Events a function threw back to be delivered again (outcome RETRY)."
  filter      = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=starts_with(\"${var.name_prefix}-\") AND jsonPayload.outcome=\"RETRY\""
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
  }
  depends_on = [google_project_service.enabled]
}

resource "google_logging_metric" "feed_check_failures" {
  name        = "${var.name_prefix}-feed-check-failures"
  description = "Feeds or feed items the feed check refused (problem code feed-invalid): the last good feed stays."
  filter      = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=starts_with(\"${var.name_prefix}-\") AND jsonPayload.message:\"[feed-invalid]\""
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
  }
  depends_on = [google_project_service.enabled]
}

resource "google_logging_metric" "rejected_uploads" {
  name        = "${var.name_prefix}-rejected-uploads"
  description = "Uploads rejected for their content (outcome REJECTED): see .podcast/status/ in the source bucket."
  filter      = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=starts_with(\"${var.name_prefix}-\") AND jsonPayload.outcome=\"REJECTED\""
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
  }
  depends_on = [google_project_service.enabled]
}

resource "google_monitoring_notification_channel" "email" {
  count        = var.alert_email == "" ? 0 : 1
  display_name = "${var.name_prefix} alerts"
  type         = "email"
  labels = {
    email_address = var.alert_email
  }
  depends_on = [google_project_service.enabled]
}

resource "google_monitoring_alert_policy" "log_metric" {
  for_each = var.alert_email == "" ? {} : {
    retried_events      = "Events retried: an outage, or a fault to look into in the logs"
    feed_check_failures = "A feed check failed: the last good feed stays published"
    rejected_uploads    = "An upload was rejected: its status is in .podcast/status/ in the source bucket"
  }
  display_name          = "${var.name_prefix}: ${each.value}"
  combiner              = "OR"
  notification_channels = [google_monitoring_notification_channel.email[0].id]
  conditions {
    display_name = each.value
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${var.name_prefix}-${replace(each.key, "_", "-")}\" AND resource.type=\"cloud_run_revision\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_SUM"
      }
    }
  }
  alert_strategy {
    auto_close = "1800s"
  }
  depends_on = [google_logging_metric.retried_events, google_logging_metric.feed_check_failures,
  google_logging_metric.rejected_uploads]
}

# An optional budget on the project: mails the billing account's admins (and alert_email's
# channel) at half, 90 % and all of budget_amount in the billing account's currency.
resource "google_billing_budget" "project" {
  count           = var.billing_account == "" || var.budget_amount == 0 ? 0 : 1
  billing_account = var.billing_account
  display_name    = "${var.name_prefix} (${var.project})"
  budget_filter {
    projects = ["projects/${data.google_project.this.number}"]
  }
  amount {
    specified_amount {
      units = tostring(var.budget_amount)
    }
  }
  threshold_rules {
    threshold_percent = 0.5
  }
  threshold_rules {
    threshold_percent = 0.9
  }
  threshold_rules {
    threshold_percent = 1.0
  }
  dynamic "all_updates_rule" {
    for_each = var.alert_email == "" ? [] : [1]
    content {
      monitoring_notification_channels = [google_monitoring_notification_channel.email[0].id]
    }
  }
  depends_on = [google_project_service.enabled]
}
