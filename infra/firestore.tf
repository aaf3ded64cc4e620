# Firestore: the (default) database the functions' client uses, and the indexes and field
# settings of firestore.indexes.json (the Firebase CLI's format). That file is the one source:
# an index or override is added there, and this file creates it.

locals {
  firestore_config = jsondecode(file("${path.module}/firestore.indexes.json"))

  # Keyed by collection group, scope and fields, so that reordering the file changes nothing.
  firestore_indexes = {
    for index in local.firestore_config.indexes :
    join("/", concat([index.collectionGroup, try(index.queryScope, "COLLECTION")],
    [for f in index.fields : "${f.fieldPath}:${try(f.order, f.arrayConfig)}"])) => index
  }

  # One google_firestore_field per override: its single-field indexes ("indexes": [] exempts the
  # field from indexing) and, with "ttl": true, the TTL policy on that field.
  firestore_fields = {
    for field in local.firestore_config.fieldOverrides :
    "${field.collectionGroup}/${field.fieldPath}" => field
  }
}

# The functions use the (default) database (FirestoreOptions.getDefaultInstance()).
# ABANDON: `terraform destroy` leaves the database and its records alone; deploy.sh adopts an
# existing database on the next deploy.
resource "google_firestore_database" "default" {
  name            = "(default)"
  location_id     = local.firestore_location
  type            = "FIRESTORE_NATIVE"
  deletion_policy = "ABANDON"

  depends_on = [google_project_service.enabled]
}

resource "google_firestore_index" "composite" {
  for_each = local.firestore_indexes

  database    = google_firestore_database.default.name
  collection  = each.value.collectionGroup
  query_scope = try(each.value.queryScope, "COLLECTION")

  dynamic "fields" {
    for_each = each.value.fields
    content {
      field_path   = fields.value.fieldPath
      order        = try(fields.value.order, null)
      array_config = try(fields.value.arrayConfig, null)
    }
  }
}

resource "google_firestore_field" "override" {
  for_each = local.firestore_fields

  database   = google_firestore_database.default.name
  collection = each.value.collectionGroup
  field      = each.value.fieldPath

  # Absent "indexes": the field keeps the automatic indexes; [] exempts it from indexing.
  dynamic "index_config" {
    for_each = can(each.value.indexes) ? [each.value.indexes] : []
    content {
      dynamic "indexes" {
        for_each = index_config.value
        content {
          query_scope  = try(indexes.value.queryScope, null)
          order        = try(indexes.value.order, null)
          array_config = try(indexes.value.arrayConfig, null)
        }
      }
    }
  }

  # "ttl": true: Firestore deletes a document some time after the instant in this field.
  dynamic "ttl_config" {
    for_each = try(each.value.ttl, false) ? [true] : []
    content {}
  }
}
