#!/usr/bin/env bash
# One command from the source tree to a live podcast, and back.
#
#   infra/deploy.sh [deploy] [--project ID] [--yes] [--no-build] [-- TERRAFORM_ARGS...]
#   infra/deploy.sh teardown [--project ID] [--yes] [--delete-source]
#   infra/deploy.sh check [--url URL] [--base URL] [--project ID]
#
# deploy: builds functions/target/podcast.jar (mvn -B -DskipTests package), zips it into
#   infra/.build/function-source.zip, adopts a source bucket or a Firestore database that an
#   earlier teardown left behind, gives the webhook secret a first value if it has none, then
#   runs terraform apply and prints the site, feed and webhook URLs.
# teardown: destroys everything except the source bucket, which Terraform forgets and Cloud
#   Storage keeps with every version of every file, and the Firestore database (abandoned, not
#   deleted). --delete-source deletes the source bucket and all its versions too: the only way
#   this script ever deletes an author's file. It also deletes the functions' images from
#   Artifact Registry (gcf-artifacts), which Terraform does not own.
# check: the smoke test after a deploy: the HTTPS home page names the site's one address, the
#   feed has its validators and answers a 304 and a HEAD, the sitemap is there, the webhook
#   answers 401 without a signature, and HTTP redirects to HTTPS. --url defaults to the
#   site_url output; --base (the address the pages must name) to --url. Needs only curl when
#   --url is given (it also checks `podcast serve`: --url http://127.0.0.1:8080 --base URL).
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
url=""
base=""
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
    --url) url="$2"; shift 2 ;;
    --url=*) url="${1#*=}"; shift ;;
    --base) base="$2"; shift 2 ;;
    --base=*) base="${1#*=}"; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "deploy.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$command" in
  deploy|teardown|check) ;;
  *) echo "deploy.sh: unknown command '$command': deploy, teardown or check" >&2; exit 2 ;;
esac
if [[ "$command" == deploy && "$delete_source" == true ]]; then
  echo "deploy.sh: --delete-source belongs to teardown" >&2
  exit 2
fi

# check: the smoke test of a deployed show (or of `podcast serve`): each line is "ok" or
# "FAIL" with what was asked and what came back; the exit status is the number of failures
# (0: all is well).
smoke() {
  local url="${1%/}" base="${2%/}" webhook="$3"
  local failures=0 tmp status etag
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  # ask NAME METHOD PATH [curl args...]: the status code; headers in $tmp/NAME.h, body in .b
  ask() {
    local name="$1" method="$2" path="$3"
    shift 3
    curl -sS -X "$method" --max-time 20 -o "$tmp/$name.b" -D "$tmp/$name.h" \
      -w '%{http_code}' "$@" "$url$path" 2>"$tmp/$name.e" || cat "$tmp/$name.e" >&2
  }
  header() { grep -i "^$2:" "$tmp/$1.h" | head -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }
  result() {
    if [[ "$1" == ok ]]; then
      echo "ok    $2"
    else
      echo "FAIL  $2: $1"
      failures=$((failures + 1))
    fi
  }

  status="$(ask home GET /)"
  if [[ "$status" != 200 ]]; then
    result "answered $status" "GET $url/ is the home page"
  elif ! grep -q "<link rel=\"canonical\" href=\"$base/\">" "$tmp/home.b"; then
    result "its canonical address is $(grep -o '<link rel="canonical" href="[^"]*"' \
      "$tmp/home.b" | head -n 1 | cut -d'"' -f4), not $base/: config.toml's baseURL and the\
 deployment's address disagree" "GET $url/ names $base/"
  else
    result ok "GET $url/ is the home page at $base/"
  fi

  status="$(ask feed GET /feed.xml)"
  etag="$(header feed ETag)"
  if [[ "$status" != 200 ]]; then
    result "answered $status" "GET $url/feed.xml"
  elif [[ "$(header feed Content-Type)" != application/rss+xml* ]]; then
    result "Content-Type is '$(header feed Content-Type)'" "GET $url/feed.xml is RSS"
  elif [[ -z "$etag" || -z "$(header feed Last-Modified)" ]]; then
    result "no ETag or no Last-Modified" "GET $url/feed.xml has its validators"
  elif ! grep -q "<rss" "$tmp/feed.b"; then
    result "the body is not an RSS document" "GET $url/feed.xml"
  else
    result ok "GET $url/feed.xml: RSS with ETag $etag and Last-Modified"
  fi

  if [[ -n "$etag" ]]; then
    status="$(ask again GET /feed.xml -H "If-None-Match: $etag")"
    if [[ "$status" == 304 ]]; then
      result ok "GET $url/feed.xml with If-None-Match: 304"
    else
      result "answered $status" "GET $url/feed.xml with If-None-Match is 304"
    fi
  fi

  status="$(ask head HEAD /feed.xml)"
  if [[ "$status" == 200 && ! -s "$tmp/head.b" ]]; then
    result ok "HEAD $url/feed.xml: 200 without a body"
  else
    result "answered $status with $(wc -c <"$tmp/head.b") bytes" "HEAD $url/feed.xml"
  fi

  status="$(ask sitemap GET /sitemap.xml)"
  if [[ "$status" == 200 ]] && grep -q "<sitemapindex" "$tmp/sitemap.b"; then
    result ok "GET $url/sitemap.xml: a sitemap index"
  else
    result "answered $status" "GET $url/sitemap.xml is a sitemap index"
  fi

  status="$(ask webhook POST "$webhook" -H 'Content-Type: application/json' --data '{}')"
  if [[ "$status" == 401 ]]; then
    result ok "POST $url$webhook without a signature: 401"
  else
    result "answered $status" "POST $url$webhook without a signature is 401"
  fi

  if [[ "$url" == https://* ]]; then
    local plain="http://${url#https://}/" location
    status="$(curl -sS -o /dev/null -D "$tmp/plain.h" -w '%{http_code}' --max-time 20 \
      "$plain" 2>/dev/null)"
    location="$(header plain Location)"
    if [[ "$status" == 301 && "$location" == "$url/" ]]; then
      result ok "GET $plain redirects to $url/"
    else
      result "answered $status to '$location'" "GET $plain redirects to HTTPS"
    fi
  fi
  return "$failures"
}

if [[ "$command" == check && -n "$url" ]]; then
  command -v curl >/dev/null || { echo "deploy.sh: curl is not installed" >&2; exit 1; }
  failures=0
  smoke "$url" "${base:-$url}" /webhooks/cms || failures=$?
  echo "== $failures failed"
  exit $(( failures > 0 ))
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

if [[ "$command" == check ]]; then
  command -v curl >/dev/null || { echo "deploy.sh: curl is not installed" >&2; exit 1; }
  url="$(tf output -raw site_url)"
  failures=0
  smoke "${url%/}" "${base:-${url%/}}" /webhooks/cms || failures=$?
  echo "== $failures failed"
  exit $(( failures > 0 ))
fi

# The baseURL of config.toml in the source bucket (empty when there is none yet).
config_base_url() {
  gcloud storage cat "gs://$source_bucket/config.toml" --project "$project_id" 2>/dev/null \
    | grep -i -m 1 '^[[:space:]]*baseurl[[:space:]]*=' | cut -d= -f2- \
    | sed -e 's/^[[:space:]]*["'"'"']//' -e 's/["'"'"'][[:space:]]*$//' -e 's:/*$::' || true
}

# One address: Terraform's (the first domain, or base_url) and config.toml's must agree.
same_address() {
  local deployed configured
  deployed="$(value local.base_url)"
  configured="$(config_base_url)"
  if [[ -n "$configured" && "$configured" != "$deployed" ]]; then
    echo "deploy.sh: config.toml's baseURL is $configured but this deployment serves the site at" \
      "$deployed (domains, or base_url, in infra/terraform.tfvars): make them the same" >&2
    exit 1
  fi
}

# The functions' images, which Cloud Build pushed to Artifact Registry's gcf-artifacts.
delete_images() {
  local region prefix repo image
  region="$(value var.region)"
  prefix="$(value var.name_prefix)"
  repo="$region-docker.pkg.dev/$project_id/gcf-artifacts"
  gcloud artifacts docker images list "$repo" --project "$project_id" \
      --format='value(package)' 2>/dev/null | sort -u | while read -r image; do
    # Cloud Functions names each image after its function, a dash written as two.
    if [[ "$image" == *"${prefix//-/--}"--* || "$image" == *"$prefix"-* ]]; then
      echo "== deleting the image $image"
      gcloud artifacts docker images delete "$image" --project "$project_id" --delete-tags \
        --quiet >/dev/null || echo "   (could not delete $image: delete it in the console)" >&2
    fi
  done
}

if [[ "$command" == deploy ]]; then
  if [[ "$build" == true ]]; then
    build
  fi
  [[ -r "$zip_path" ]] || { echo "deploy.sh: no $zip_path (drop --no-build)" >&2; exit 1; }
  same_address
  adopt "$project_id" "$source_bucket"
  first_secret "$project_id" "$(value var.webhook_secret_id)"
  echo "== terraform apply"
  tf apply -input=false "${approve[@]}" "${vars[@]}" "${extra[@]}"
  echo
  echo "site:    $(tf output -raw site_url)"
  echo "feed:    $(tf output -raw feed_url)"
  echo "webhook: $(tf output -raw webhook_url)"
  echo "upload:  gcloud storage cp -r config.toml content gs://$(tf output -raw source_bucket)/"
  lb_ip="$(tf output -raw lb_ip)"
  if [[ -n "$lb_ip" ]]; then
    echo "DNS:     an A record for each domain to $lb_ip; the certificate is issued once they" \
      "resolve (15 to 60 minutes), then: infra/deploy.sh check"
  fi
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
  delete_images
  echo "== destroyed everything, the source bucket gs://$source_bucket included;" \
    "the Firestore database is kept (gcloud firestore databases delete removes it)"
  exit 0
fi
if in_state google_storage_bucket.source; then
  tf state rm google_storage_bucket.source >/dev/null
fi
tf destroy -input=false "${approve[@]}" "${vars[@]}" "${extra[@]}"
delete_images
echo "== destroyed everything but gs://$source_bucket (every file and version kept) and the" \
  "Firestore database; the next deploy takes both back"
