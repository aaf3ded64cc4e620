# HTTPS on the show's own domain: a global external Application Load Balancer with a
# Google-managed certificate, the site bucket behind Cloud CDN as its default backend, the feed
# function (a serverless network endpoint group) on every feed path, the webhook function on
# its path, and HTTP redirected to HTTPS. Off when var.domains is empty or var.load_balancer is
# false: the site is then the bucket's own address (or what the podcaster fronts it with).
locals {
  load_balancer = var.load_balancer && length(var.domains) > 0
  lb_count      = local.load_balancer ? 1 : 0
  # The feed function answers the paths FeedPaths names: the main feeds, their archive pages,
  # the category feeds and theirs, and the old feed addresses of a show that moved here
  # (old_feed_paths: podcast.toml's oldFeedPaths, checked by the functions to be the same).
  # The CMS webhook's path, as podcast serve answers it (WebhookHandler.PATH).
  webhook_path = "/webhooks/cms"
}

resource "google_compute_global_address" "site" {
  count      = local.lb_count
  name       = "${var.name_prefix}-site"
  depends_on = [google_project_service.enabled]
}

resource "google_compute_managed_ssl_certificate" "site" {
  count = local.lb_count
  # The name changes with the domains: a new certificate is made before the old one goes.
  name = "${var.name_prefix}-site-${substr(sha256(join(",", var.domains)), 0, 8)}"
  managed {
    domains = var.domains
  }
  lifecycle {
    create_before_destroy = true
  }
}

# The site bucket behind Cloud CDN. Every object is public and derived, so all of it may be
# cached, for no longer than a feed may be (feed_max_age_seconds): a new episode's page, the
# listings and the sitemap are fresh within that time, as the feed is. A missing page (404) is
# cached for a minute.
resource "google_compute_backend_bucket" "site" {
  count       = local.lb_count
  name        = "${var.name_prefix}-site"
  bucket_name = google_storage_bucket.site.name
  enable_cdn  = true
  cdn_policy {
    cache_mode        = "FORCE_CACHE_ALL"
    default_ttl       = var.feed_max_age_seconds
    max_ttl           = var.feed_max_age_seconds
    client_ttl        = var.feed_max_age_seconds
    negative_caching  = true
    serve_while_stale = 0
    negative_caching_policy {
      code = 404
      ttl  = 60
    }
  }
}

resource "google_compute_region_network_endpoint_group" "feed" {
  count                 = local.lb_count
  name                  = "${var.name_prefix}-feed"
  region                = var.region
  network_endpoint_type = "SERVERLESS"
  cloud_run {
    service = google_cloudfunctions2_function.feed.service_config[0].service
  }
}

resource "google_compute_region_network_endpoint_group" "webhook" {
  count                 = local.lb_count
  name                  = "${var.name_prefix}-webhook"
  region                = var.region
  network_endpoint_type = "SERVERLESS"
  cloud_run {
    service = google_cloudfunctions2_function.webhook.service_config[0].service
  }
}

# The feed function behind Cloud CDN as its answers say (Cache-Control: public, max-age,
# ETag, Last-Modified): polls within max-age are answered by the CDN, later ones revalidated
# with the function, which answers 304 when nothing changed.
resource "google_compute_backend_service" "feed" {
  count                 = local.lb_count
  name                  = "${var.name_prefix}-feed"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  protocol              = "HTTPS"
  enable_cdn            = true
  cdn_policy {
    cache_mode = "USE_ORIGIN_HEADERS"
    cache_key_policy {
      include_host         = true
      include_protocol     = true
      include_query_string = false
    }
  }
  backend {
    group = google_compute_region_network_endpoint_group.feed[0].id
  }
}

# The webhook is never cached: each delivery reaches the function.
resource "google_compute_backend_service" "webhook" {
  count                 = local.lb_count
  name                  = "${var.name_prefix}-webhook"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  protocol              = "HTTPS"
  enable_cdn            = false
  backend {
    group = google_compute_region_network_endpoint_group.webhook[0].id
  }
}

resource "google_compute_url_map" "site" {
  count           = local.lb_count
  name            = "${var.name_prefix}-site"
  default_service = google_compute_backend_bucket.site[0].id

  # One address: with the load balancer the site is https://<first domain>, and a base_url
  # that says another stops the plan with both named.
  lifecycle {
    precondition {
      condition     = var.base_url == null || trimsuffix(coalesce(var.base_url, "-"), "/") == local.base_url
      error_message = "base_url is ${coalesce(var.base_url, "unset")} but the load balancer serves the site at ${local.base_url} (the first of domains): the site has one address, so leave base_url unset."
    }
  }

  host_rule {
    hosts        = var.domains
    path_matcher = "show"
  }

  path_matcher {
    name            = "show"
    default_service = google_compute_backend_bucket.site[0].id

    # The feeds: exact paths, then the archive pages and the category feeds by template.
    route_rules {
      priority = 1
      service  = google_compute_backend_service.feed[0].id
      match_rules {
        full_path_match = "/feed.xml"
      }
      match_rules {
        full_path_match = "/feed.json"
      }
    }
    route_rules {
      priority = 2
      service  = google_compute_backend_service.feed[0].id
      match_rules {
        path_template_match = "/feed/archive/{page}"
      }
      match_rules {
        path_template_match = "/${var.category_root}/{category}/feed.xml"
      }
      match_rules {
        path_template_match = "/${var.category_root}/{category}/feed/archive/{page}"
      }
    }
    # The old feed addresses of a show that moved here (podcast.toml's oldFeedPaths).
    dynamic "route_rules" {
      for_each = length(var.old_feed_paths) > 0 ? [var.old_feed_paths] : []
      content {
        priority = 4
        service  = google_compute_backend_service.feed[0].id
        dynamic "match_rules" {
          for_each = route_rules.value
          content {
            full_path_match = match_rules.value
          }
        }
      }
    }
    route_rules {
      priority = 3
      service  = google_compute_backend_service.webhook[0].id
      match_rules {
        full_path_match = local.webhook_path
      }
    }
  }
}

# Plain HTTP: every request is sent to its HTTPS address.
resource "google_compute_url_map" "redirect" {
  count = local.lb_count
  name  = "${var.name_prefix}-redirect"
  default_url_redirect {
    https_redirect         = true
    redirect_response_code = "MOVED_PERMANENTLY_DEFAULT"
    strip_query            = false
  }
}

resource "google_compute_target_https_proxy" "site" {
  count            = local.lb_count
  name             = "${var.name_prefix}-site"
  url_map          = google_compute_url_map.site[0].id
  ssl_certificates = [google_compute_managed_ssl_certificate.site[0].id]
}

resource "google_compute_target_http_proxy" "redirect" {
  count   = local.lb_count
  name    = "${var.name_prefix}-redirect"
  url_map = google_compute_url_map.redirect[0].id
}

resource "google_compute_global_forwarding_rule" "https" {
  count                 = local.lb_count
  name                  = "${var.name_prefix}-https"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.site[0].id
  port_range            = "443"
  target                = google_compute_target_https_proxy.site[0].id
}

resource "google_compute_global_forwarding_rule" "http" {
  count                 = local.lb_count
  name                  = "${var.name_prefix}-http"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.site[0].id
  port_range            = "80"
  target                = google_compute_target_http_proxy.redirect[0].id
}

