# Everything an operator sets. Only `project` has no default; set it in terraform.tfvars
# (see terraform.tfvars.example) or with -var.

variable "project" {
  description = "The Google Cloud project id to deploy into."
  type        = string
}

variable "region" {
  description = "Region of the functions, the buckets, the triggers and the scheduler job (the source bucket must be in the triggers' region)."
  type        = string
  default     = "us-central1"
}

variable "firestore_location" {
  description = "Location of the Firestore (default) database: a region such as us-central1 or a multi-region such as nam5. Defaults to var.region. Cannot be changed once the database exists."
  type        = string
  default     = null
}

variable "name_prefix" {
  description = "Prefix of the functions', service accounts' and scheduler job's names, so that several shows can live in one project."
  type        = string
  default     = "podcast"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,13}$", var.name_prefix))
    error_message = "name_prefix must be 1 to 14 lower-case letters, digits or '-', starting with a letter (service account ids are at most 30 characters)."
  }
}

variable "show_id" {
  description = "The show's id in Firestore (SHOW_ID): shows/{show_id}/..."
  type        = string
  default     = "default"
}

variable "source_bucket" {
  description = "Name of the private bucket authors upload to (config.toml, podcast.toml, content/**, layouts/**). Defaults to <project>-podcast-source."
  type        = string
  default     = null
}

variable "site_bucket" {
  description = "Name of the public bucket the site is written to. To serve it on your own domain through a CNAME, name it after the domain (www.example.com). Defaults to <project>-podcast-site."
  type        = string
  default     = null
}

variable "deploy_bucket" {
  description = "Name of the private bucket the functions' source zip is uploaded to. Defaults to <project>-podcast-deploy."
  type        = string
  default     = null
}

variable "domains" {
  description = "The show's domain names, the canonical one first (www.example.com): the site is https://<first>, which config.toml's baseURL must be. A Google-managed certificate covers them all; point each one's DNS A (and AAAA) record at the lb_ip output."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for d in var.domains : can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", d))])
    error_message = "Each domain is a lower-case host name such as www.example.com: no scheme, no path, no trailing dot."
  }
}

variable "old_feed_paths" {
  description = "The show's old feed addresses (podcast.toml's oldFeedPaths, the same list): the load balancer sends them to the feed function, which answers them with the main feed written there, and the functions publish nothing while podcast.toml says others."
  type        = list(string)
  default     = ["/index.xml", "/post/index.xml"]
}

variable "load_balancer" {
  description = "Serve the site over HTTPS on the domains through a global external Application Load Balancer with Cloud CDN (lb.tf). false for a podcaster who fronts the site bucket elsewhere (a CDN of their own): base_url is then the address."
  type        = bool
  default     = true
}

variable "base_url" {
  description = "Without the load balancer (no domains, or load_balancer = false): the address the site is served at, config.toml's baseURL without the trailing slash. Defaults to the bucket's storage.googleapis.com address. With the load balancer it must be unset or https://<first domain>."
  type        = string
  default     = null
}

variable "alert_email" {
  description = "Where alerts are mailed: retried events, failed feed checks, rejected uploads (monitoring.tf), and the budget's thresholds. Empty: the log-based metrics only, no alert."
  type        = string
  default     = ""
}

variable "billing_account" {
  description = "The billing account id (012345-6789AB-CDEF01) for the optional budget; empty: no budget."
  type        = string
  default     = ""
}

variable "budget_amount" {
  description = "The monthly budget in the billing account's currency (whole units); 0: no budget."
  type        = number
  default     = 0
}

variable "cors_origins" {
  description = "Origins whose browser players may fetch the site's transcripts and feeds."
  type        = list(string)
  default     = ["*"]
}

variable "notify_category_feeds" {
  description = "Tell the notify function of category feed writes too: on when podcast.toml's [notify] categories names any."
  type        = bool
  default     = false
}

variable "category_root" {
  description = "The site folder of category pages and feeds: config.toml's category taxonomy (Hugo's \"categories\")."
  type        = string
  default     = "categories"
}

variable "function_zip" {
  description = "Path of the zip holding functions/target/podcast.jar (deploy.sh makes it). Defaults to infra/.build/function-source.zip."
  type        = string
  default     = null
}

variable "memory" {
  description = "Memory of each function's instances (Cloud Run units: 512Mi, 1Gi, 2Gi). Set only the ones to change: { upload = \"2Gi\" }."
  type = object({
    upload      = optional(string, "1Gi")
    publish_due = optional(string, "1Gi")
    feed        = optional(string, "512Mi")
    webhook     = optional(string, "512Mi")
    notify      = optional(string, "512Mi")
  })
  default = {}
}

variable "min_instances" {
  description = "Instances kept warm for each function (0 scales to zero; each warm instance is billed while idle)."
  type = object({
    upload      = optional(number, 0)
    publish_due = optional(number, 0)
    feed        = optional(number, 0)
    webhook     = optional(number, 0)
    notify      = optional(number, 0)
  })
  default = {}
}

variable "max_instances" {
  description = "Upper bound of each function's instances: a cap on cost and on Firestore contention."
  type = object({
    upload      = optional(number, 10)
    publish_due = optional(number, 1)
    feed        = optional(number, 20)
    webhook     = optional(number, 5)
    notify      = optional(number, 3)
  })
  default = {}
}

variable "feed_max_age_seconds" {
  description = "FEED_MAX_AGE_SECONDS: how long clients and caches may keep a feed the feed endpoint served."
  type        = number
  default     = 300
}

variable "webhook_max_bytes" {
  description = "Largest webhook request body accepted (PODCAST_WEBHOOK_MAX_BYTES); larger ones get 413."
  type        = number
  default     = 5242880
}

variable "publish_due_schedule" {
  description = "When Cloud Scheduler calls publishDue (cron syntax, in publish_due_time_zone): how late a scheduled episode can go live."
  type        = string
  default     = "*/15 * * * *"
}

variable "publish_due_time_zone" {
  description = "Time zone of publish_due_schedule."
  type        = string
  default     = "Etc/UTC"
}

variable "webhook_secret_id" {
  description = "Secret Manager secret holding PODCAST_WEBHOOK_SECRET (whitespace-separated whsec_ secrets, for rotation). Terraform creates the secret, never its value: deploy.sh adds a first version."
  type        = string
  default     = "podcast-webhook-secret"
}

variable "delete_source_bucket_on_destroy" {
  description = "Lets `terraform destroy` delete the source bucket with every version of every file in it. Leave false; deploy.sh teardown --delete-source sets it for one run."
  type        = bool
  default     = false
}

variable "podping_token_secret" {
  description = "Id of a Secret Manager secret (in this project) holding podping.cloud's token for the show, created by you (gcloud secrets create ID --data-file=-); empty: the notify function sends Podping no token. Only used when podcast.toml's [notify] names podping."
  type        = string
  default     = ""

  validation {
    condition     = var.podping_token_secret == "" || can(regex("^[A-Za-z0-9_-]{1,255}$", var.podping_token_secret))
    error_message = "podping_token_secret must be a secret id: letters, digits, - and _."
  }
}
