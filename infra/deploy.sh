#!/usr/bin/env bash
# One command from the source tree to a live podcast, and back.
#
#   infra/deploy.sh [deploy] [--project ID] [--yes] [--no-build] [-- TERRAFORM_ARGS...]
#   infra/deploy.sh teardown [--project ID] [--yes] [--delete-source]
#
# deploy: builds functions/target/podcast.jar (mvn -B -DskipTests package), zips it into
#   infra/.build/function-source.zip, adopts a source bucket or a Firestore database that an
#   earlier teardown left behind, gives the webhook secret a first value if it has none, then
#   runs terraform apply and prints the site, feed and webhook URLs.
# teardown: destroys everything except the source bucket, which Terraform forgets and Cloud
#   Storage keeps with every version of every file, and the Firestore database (abandoned, not
#   deleted). --delete-source deletes the source bucket and all its versions too: the only way
#   this script ever deletes an author's file.
#
# Needs terraform (>= 1.5), gcloud (logged in: gcloud auth application-default login) and, to
# build, Java 17, Maven and zip. The project comes from --project or infra/terraform.tfvars.
# Extra arguments after -- go to terraform apply/destroy (-var name=value, ...).
set -euo pipefail

infra="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$infra")"
zip_path="$infra/.build/function-source.zip"

command="deploy"
if [[ $# -gt 0 && "$1" != -* ]]; then
  command="$1"
  shift
fi
project=""
yes=false
build=true
delete_source=false
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --project) project="$2"; shift 2 ;;
    --project=*) project="${1#*=}"; shift ;;
    --yes) yes=true; shift ;;
    --no-build) build=false; shift ;;
    --delete-source) delete_source=true; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "deploy.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$command" in
  deploy|teardown) ;;
  *) echo "deploy.sh: unknown command '$command': deploy or teardown" >&2; exit 2 ;;
esac
if [[ "$command" == deploy && "$delete_source" == true ]]; then
  echo "deploy.sh: --delete-source belongs to teardown" >&2
  exit 2
fi

for tool in terraform gcloud; do
  command -v "$tool" >/dev/null || { echo "deploy.sh: $tool is not installed" >&2; exit 1; }
done

tf() { terraform -chdir="$infra" "$@"; }
vars=()
if [[ -n "$project" ]]; then
  vars+=(-var "project=$project")
fi
approve=()
if [[ "$yes" == true ]]; then
  approve=(-auto-approve)
fi

# A value of the configuration (a variable or a local), as Terraform computes it.
value() {
  local expr="$1"
  printf '%s\n' "$expr" | tf console "${vars[@]}" "${extra[@]}" | tr -d '"'
}

in_state() { tf state list 2>/dev/null | grep -qx "$1"; }

build() {
  echo "== building functions/target/podcast.jar"
  (cd "$root" && mvn -B -DskipTests package)
  command -v zip >/dev/null || { echo "deploy.sh: zip is not installed" >&2; exit 1; }
  mkdir -p "$(dirname "$zip_path")"
  rm -f "$zip_path"
  # The Java buildpack runs a prebuilt jar when it is the only jar in the source.
  zip -j -X -q "$zip_path" "$root/functions/target/podcast.jar"
  echo "== $zip_path: $(du -h "$zip_path" | cut -f1)"
}

# A source bucket or Firestore database that a teardown left behind is taken back under
# Terraform's management instead of failing to be created again.
adopt() {
  local project_id="$1" bucket="$2"
  if ! in_state google_storage_bucket.source \
      && gcloud storage buckets describe "gs://$bucket" --project "$project_id" >/dev/null 2>&1; then
    echo "== adopting the existing source bucket gs://$bucket"
    tf import "${vars[@]}" "${extra[@]}" google_storage_bucket.source "$project_id/$bucket"
  fi
  if ! in_state google_firestore_database.default \
      && gcloud firestore databases describe --database='(default)' --project "$project_id" >/dev/null 2>&1; then
    echo "== adopting the existing Firestore (default) database"
    tf import "${vars[@]}" "${extra[@]}" google_firestore_database.default \
      "projects/$project_id/databases/(default)"
  fi
}

# The webhook's secret gets a first value here, never in Terraform (its state would hold it).
first_secret() {
  local project_id="$1" secret="$2"
  tf apply -input=false "${approve[@]}" "${vars[@]}" "${extra[@]}" \
    -target=google_secret_manager_secret.webhook
  if [[ -z "$(gcloud secrets versions list "$secret" --project "$project_id" \
      --filter='state=ENABLED' --limit=1 --format='value(name)')" ]]; then
    echo "== giving the webhook secret $secret a first value"
    printf 'whsec_%s' "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" \
      | gcloud secrets versions add "$secret" --project "$project_id" --data-file=- >/dev/null
    echo "   give it to the CMS: gcloud secrets versions access latest --secret=$secret --project=$project_id"
  fi
}

tf init -input=false >/dev/null
project_id="$(value var.project)"
source_bucket="$(value local.source_bucket)"

if [[ "$command" == deploy ]]; then
  if [[ "$build" == true ]]; then
    build
  fi
  [[ -r "$zip_path" ]] || { echo "deploy.sh: no $zip_path (drop --no-build)" >&2; exit 1; }
  adopt "$project_id" "$source_bucket"
  first_secret "$project_id" "$(value var.webhook_secret_id)"
  echo "== terraform apply"
  tf apply -input=false "${approve[@]}" "${vars[@]}" "${extra[@]}"
  echo
  echo "site:    $(tf output -raw site_url)"
  echo "feed:    $(tf output -raw feed_url)"
  echo "webhook: $(tf output -raw webhook_url)"
  echo "upload:  gcloud storage cp -r config.toml content gs://$(tf output -raw source_bucket)/"
  exit 0
fi

# teardown
if [[ "$delete_source" == true ]]; then
  if [[ "$yes" != true ]]; then
    echo "This deletes gs://$source_bucket with EVERY version of every file in it."
    read -r -p "Type the bucket's name to go on: " answer
    [[ "$answer" == "$source_bucket" ]] || { echo "deploy.sh: not confirmed; nothing deleted" >&2; exit 1; }
  fi
  # A bucket an earlier teardown kept is taken back first, so that it is the one deleted.
  adopt "$project_id" "$source_bucket"
  # force_destroy is read from the state when the bucket is deleted: set it there first.
  tf apply -input=false -auto-approve "${vars[@]}" "${extra[@]}" \
    -var delete_source_bucket_on_destroy=true -target=google_storage_bucket.source
  tf destroy -input=false "${approve[@]}" "${vars[@]}" "${extra[@]}" \
    -var delete_source_bucket_on_destroy=true
  echo "== destroyed everything, the source bucket gs://$source_bucket included;" \
    "the Firestore database is kept (gcloud firestore databases delete removes it)"
  exit 0
fi
if in_state google_storage_bucket.source; then
  tf state rm google_storage_bucket.source >/dev/null
fi
tf destroy -input=false "${approve[@]}" "${vars[@]}" "${extra[@]}"
echo "== destroyed everything but gs://$source_bucket (every file and version kept) and the" \
  "Firestore database; the next deploy takes both back"
