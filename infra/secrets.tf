# The webhook's secret. Terraform creates the secret, never a version: a value in Terraform
# would be in its state in clear. deploy.sh adds a generated whsec_ value when there is none;
# rotate by adding a version holding "new old", then one holding "new".
resource "google_secret_manager_secret" "webhook" {
  secret_id = var.webhook_secret_id

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}
