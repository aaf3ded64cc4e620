# Names, and the APIs everything else needs.

locals {
  source_bucket      = coalesce(var.source_bucket, "${var.project}-podcast-source")
  site_bucket        = coalesce(var.site_bucket, "${var.project}-podcast-site")
  deploy_bucket      = coalesce(var.deploy_bucket, "${var.project}-podcast-deploy")
  firestore_location = coalesce(var.firestore_location, var.region)
  function_zip       = coalesce(var.function_zip, "${path.module}/.build/function-source.zip")
  # Missing only when nothing is built (a teardown); a deploy stops on the check in storage.tf.
  function_zip_md5 = fileexists(local.function_zip) ? filemd5(local.function_zip) : "missing"
  # The one address of the site: https://<first domain> behind the load balancer (lb.tf), else
  # base_url or the bucket's own address. The functions get it (SITE_BASE_URL) and publish
  # nothing while config.toml's baseURL says another; deploy.sh check compares them too.
  base_url = var.load_balancer && length(var.domains) > 0 ? "https://${var.domains[0]}" : trimsuffix(coalesce(var.base_url, "https://storage.googleapis.com/${local.site_bucket}"), "/")
}

# Left enabled on teardown (disable_on_destroy = false): other workloads of the project may use them.
resource "google_project_service" "enabled" {
  for_each = toset([
    "artifactregistry.googleapis.com",     # the functions' container images
    "billingbudgets.googleapis.com",       # the optional budget (monitoring.tf)
    "cloudbuild.googleapis.com",           # builds the images from the jar
    "cloudfunctions.googleapis.com",       # the functions (2nd gen)
    "cloudresourcemanager.googleapis.com", # project IAM bindings
    "cloudscheduler.googleapis.com",       # calls publishDue
    "compute.googleapis.com",              # the HTTPS load balancer and Cloud CDN (lb.tf)
    "eventarc.googleapis.com",             # Cloud Storage triggers
    "firestore.googleapis.com",            # episode and source records
    "iam.googleapis.com",                  # service accounts
    "logging.googleapis.com",              # log-based metrics for the alerts
    "monitoring.googleapis.com",           # alert policies and their email channel
    "pubsub.googleapis.com",               # Eventarc's transport
    "run.googleapis.com",                  # 2nd gen functions run on Cloud Run
    "secretmanager.googleapis.com",        # the webhook secret
    "storage.googleapis.com",              # the buckets
  ])
  project            = var.project
  service            = each.value
  disable_on_destroy = false
}
