# The three buckets: what authors upload (private, versioned), the site (public website), and the
# functions' deployment source (private).

# Authors upload here: config.toml, podcast.toml, content/**, layouts/**. Versioned, so that no
# upload is ever lost: an overwritten or deleted file stays as a noncurrent version (no lifecycle
# rule ever removes one). Teardown keeps this bucket unless told otherwise (deploy.sh).
resource "google_storage_bucket" "source" {
  name                        = local.source_bucket
  location                    = upper(var.region) # the Eventarc triggers must be in its region
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = var.delete_source_bucket_on_destroy

  versioning {
    enabled = true
  }

  depends_on = [google_project_service.enabled]
}

# The site: pages post/<slug>/index.html, listings, feed.xml, feed.json, transcripts. Everything
# in it is rendered from the source bucket and Firestore, so it is public, has no soft-delete
# copies (feeds are rewritten on every change) and is deleted with its contents on teardown.
resource "google_storage_bucket" "site" {
  name                        = local.site_bucket
  location                    = upper(var.region)
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"
  force_destroy               = true

  website {
    main_page_suffix = "index.html" # /post/<slug>/ serves post/<slug>/index.html
    not_found_page   = "404.html"
  }

  # Browser players on other sites fetch transcripts (transcript.json, .txt, .html) and feeds.
  cors {
    origin          = var.cors_origins
    method          = ["GET", "HEAD"]
    response_header = ["Content-Type", "Content-Length", "Content-Range", "Accept-Ranges", "Range", "ETag"]
    max_age_seconds = 3600
  }

  soft_delete_policy {
    retention_duration_seconds = 0
  }

  depends_on = [google_project_service.enabled]
}

# Anyone may read every object of the site (get, not list: storage.objectViewer would let anyone
# list the bucket). A missing page is still answered with 404.html: the website's not-found page
# needs read access to that object, not a listing.
resource "google_storage_bucket_iam_member" "site_public" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.legacyObjectReader"
  member = "allUsers"
}

# The zip of functions/target/podcast.jar that Cloud Build turns into the functions' image.
resource "google_storage_bucket" "deploy" {
  name                        = local.deploy_bucket
  location                    = upper(var.region)
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true

  depends_on = [google_project_service.enabled]
}

# Named after its content, so that a new jar is a new object and redeploys every function.
resource "google_storage_bucket_object" "function_zip" {
  name   = "podcast-functions-${local.function_zip_md5}.zip"
  bucket = google_storage_bucket.deploy.name
  source = local.function_zip

  lifecycle {
    precondition {
      condition     = fileexists(local.function_zip)
      error_message = "No ${local.function_zip}: run infra/deploy.sh, which builds the jar and zips it."
    }
  }
}
