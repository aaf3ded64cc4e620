#!/bin/sh
# Throughput of the feed endpoint on a warm `podcast serve`, measured with wrk (Debian: apt-get
# install wrk): conditional requests answered 304, then full gzip responses of /feed.xml.
#
#   mvn -B -DskipTests package && functions/bench/feed-wrk.sh [SHOW_DIR]
#
# SHOW_DIR defaults to ../shared/corpus (the 298-episode corpus with its config.toml); it is
# copied to a temporary folder, published there, served on 127.0.0.1:$PORT, and the server is
# stopped at the end. Environment: PORT (18080), DURATION (30s), THREADS (wrk threads, 2),
# CONN_304 (16), CONN_GZIP (8): connections kept open by wrk; POLL_MS (1000): how often serve
# scans the source folder (its default of 100 ms allocates ~90 MB/s walking the corpus, work a
# function instance does not have); JAVA_OPTS: options for the server's JVM.
set -eu

cd "$(dirname "$0")/../.."
SHOW=${1:-../shared/corpus}
PORT=${PORT:-18080}
DURATION=${DURATION:-30s}
THREADS=${THREADS:-2}
CONN_304=${CONN_304:-16}
CONN_GZIP=${CONN_GZIP:-8}
POLL_MS=${POLL_MS:-1000}
JAVA_OPTS=${JAVA_OPTS:-}
JAR=functions/target/podcast.jar
URL=http://127.0.0.1:$PORT/feed.xml

command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 2; }
[ -f "$JAR" ] || { echo "$JAR missing: mvn -B -DskipTests package" >&2; exit 2; }
[ -f "$SHOW/config.toml" ] || { echo "$SHOW has no config.toml" >&2; exit 2; }

WORK=$(mktemp -d /tmp/feed-wrk.XXXXXX)
cp -r "$SHOW" "$WORK/source"
: >"$WORK/serve.log"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
java $JAVA_OPTS -jar "$JAR" serve --source "$WORK/source" --out "$WORK/site" --port "$PORT" \
  --poll-ms "$POLL_MS" >"$WORK/serve.log" 2>&1 &
SERVER=$!
stop() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap stop EXIT
trap 'exit 130' INT TERM

echo "publishing $SHOW and starting the server..."
i=0
until grep -q '"serving ' "$WORK/serve.log"; do
  i=$((i + 1))
  if [ "$i" -gt 300 ] || ! kill -0 "$SERVER" 2>/dev/null; then
    cat "$WORK/serve.log" >&2
    exit 1
  fi
  sleep 1
done

ETAG=$(curl -sfI -H 'Accept-Encoding: gzip' "$URL" | tr -d '\r' \
  | awk -F': ' 'tolower($1) == "etag" { print $2 }')
SIZE=$(curl -sf "$URL" | wc -c)
GZIP_SIZE=$(curl -sf -H 'Accept-Encoding: gzip' "$URL" | wc -c)
echo "feed: $SIZE bytes, $GZIP_SIZE gzipped, ETag $ETAG"
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"

echo "warming up..."
wrk -t"$THREADS" -c"$CONN_304" -d10s -H "Accept-Encoding: gzip" -H "If-None-Match: $ETAG" \
  "$URL" >/dev/null
wrk -t"$THREADS" -c"$CONN_GZIP" -d10s -H "Accept-Encoding: gzip" "$URL" >/dev/null

echo
echo "== conditional GET /feed.xml, answered 304 =="
wrk -t"$THREADS" -c"$CONN_304" -d"$DURATION" --latency -H "Accept-Encoding: gzip" \
  -H "If-None-Match: $ETAG" "$URL"
echo
echo "== full GET /feed.xml, gzip =="
wrk -t"$THREADS" -c"$CONN_GZIP" -d"$DURATION" --latency -H "Accept-Encoding: gzip" "$URL"
echo "load after: $(uptime | sed 's/.*load/load/')"
