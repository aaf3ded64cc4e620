output "site_url" {
  description = "Where the site is served (var.base_url, or the site bucket's public address)."
  value       = "${local.base_url}/"
}

output "feed_url" {
  description = "The feed to submit to Apple Podcasts Connect: https://<first domain>/feed.xml through the load balancer, else the feed function's own URL."
  value       = local.load_balancer ? "${local.base_url}/feed.xml" : "${google_cloudfunctions2_function.feed.service_config[0].uri}/feed.xml"
}

output "webhook_url" {
  description = "Where the CMS sends its signed webhooks (WebhookFunction): on the domain through the load balancer, else the function's own URL."
  value       = local.load_balancer ? "${local.base_url}${local.webhook_path}" : google_cloudfunctions2_function.webhook.service_config[0].uri
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

output "lb_ip" {
  description = "The load balancer's address: each domain's DNS A record points here (empty without the load balancer)."
  value       = local.load_balancer ? google_compute_global_address.site[0].address : ""
}
