# Terraform and provider versions. Only the google provider: the function source zip is made by
# deploy.sh, not by the archive provider, and nothing here needs google-beta.
terraform {
  required_version = ">= 1.5.0, < 2.0.0"

  required_providers {
    google = {
      source = "hashicorp/google"
      # 6.x: every resource and argument used here exists from 6.14 on. Moving to 7.x is a
      # deliberate change (read its upgrade guide), not something `terraform init -upgrade` does.
      version = "~> 6.14"
    }
  }
}

provider "google" {
  project = var.project
  region  = var.region
}
