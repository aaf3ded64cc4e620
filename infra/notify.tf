# Writes of the main feed, told to the notify function: Cloud Storage publishes a message to a
# Pub/Sub topic for each new version of feed.xml in the site bucket (a notification filtered by
# name, so the site's other objects cost nothing), and the function's Eventarc trigger delivers
# it, retried for a day while a service is down.
resource "google_pubsub_topic" "feed_written" {
  name                       = "${var.name_prefix}-feed-written"
  message_retention_duration = "86400s" # a day: as long as a notification is retried
  depends_on                 = [google_project_service.enabled]
}

# Cloud Storage's service agent publishes to it (granted on the project in iam.tf, for the
# source bucket's triggers too).
resource "google_storage_notification" "feed_written" {
  bucket             = google_storage_bucket.site.name
  payload_format     = "JSON_API_V1" # the object's resource: its md5Hash and updated
  topic              = google_pubsub_topic.feed_written.id
  event_types        = ["OBJECT_FINALIZE"]
  object_name_prefix = "feed.xml"
  depends_on         = [google_project_iam_member.gcs_pubsub_publisher]
}

# The category feeds that [notify] categories announces (podcast.toml): every new object under
# the category root (its listing pages too, which the function ignores unread), only when
# notify_category_feeds is on; a bucket notification filters by one prefix.
resource "google_storage_notification" "category_feeds_written" {
  count              = var.notify_category_feeds ? 1 : 0
  bucket             = google_storage_bucket.site.name
  payload_format     = "JSON_API_V1"
  topic              = google_pubsub_topic.feed_written.id
  event_types        = ["OBJECT_FINALIZE"]
  object_name_prefix = "${var.category_root}/"
  depends_on         = [google_project_iam_member.gcs_pubsub_publisher]
}
