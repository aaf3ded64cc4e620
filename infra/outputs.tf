output "site_url" {
  description = "Where the site is served (var.base_url, or the site bucket's public address)."
  value       = "${local.base_url}/"
}

output "feed_url" {
  description = "The feed endpoint (FeedFunction)."
  value       = google_cloudfunctions2_function.feed.service_config[0].uri
}

output "webhook_url" {
  description = "Where the CMS sends its signed webhooks (WebhookFunction)."
  value       = google_cloudfunctions2_function.webhook.service_config[0].uri
}

output "source_bucket" {
  description = "Upload config.toml, podcast.toml, content/ and layouts/ here."
  value       = google_storage_bucket.source.name
}

output "site_bucket" {
  description = "The public bucket the site is written to."
  value       = google_storage_bucket.site.name
}

output "webhook_secret" {
  description = "The Secret Manager secret holding PODCAST_WEBHOOK_SECRET."
  value       = google_secret_manager_secret.webhook.secret_id
}
