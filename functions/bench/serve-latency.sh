#!/usr/bin/env bash
# Publish latency of `podcast serve`: one episode of the whole corpus (298 episodes) changed
# CHANGES times; each time, from the file written to the new title in the served /feed.xml.
# Prints each latency and the median and 95th percentile of the changes after the first five.
#
# Usage (after mvn -B -DskipTests package; ../shared/corpus beside the project):
#   functions/bench/serve-latency.sh [CHANGES] [--firestore HOST:PORT]
set -euo pipefail
cd "$(dirname "$0")/../.."
CHANGES=${1:-30}
shift || true
CORPUS=${CORPUS:-../shared/corpus}
WORK=$(mktemp -d /tmp/serve-latency-XXXXXX)
cp -r "$CORPUS" "$WORK/show"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -jar functions/target/podcast.jar serve --source "$WORK/show" --out "$WORK/site" \
  --port "$PORT" --poll-ms 10 "$@" > "$WORK/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "http://127.0.0.1:$PORT/feed.xml" -o /dev/null; do
  kill -0 $PID 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.2
done
FILE="$WORK/show/content/post/episode-101-iot-core/index.md"
etag=none
ORIGINAL=$(cat "$FILE")
times=()
for i in $(seq "$CHANGES"); do
  marker="Latency probe $i $RANDOM"
  start=$(date +%s%N)
  printf '%s\n' "${ORIGINAL/title = \"/title = \"$marker: }" > "$FILE.tmp" && mv "$FILE.tmp" "$FILE"
  # Polls as a podcast app does, with the last ETag (cheap 304s while nothing changed), and
  # reads the body only when it changed.
  until :; code=$(curl -s -o "$WORK/feed.xml" -w '%{http_code}' -H "If-None-Match: $etag" \
        -D "$WORK/headers" "http://127.0.0.1:$PORT/feed.xml"); \
      [[ $code == 200 ]] && etag=$(awk 'tolower($1)=="etag:" {print $2}' "$WORK/headers" | tr -d '\r') \
      && grep -q "$marker" "$WORK/feed.xml"; do
    if (( $(date +%s%N) - start > 30000000000 )); then
      echo "change $i not served after 30 s; the server's log:" >&2; tail -5 "$WORK/serve.log" >&2
      exit 1
    fi
    sleep 0.002
  done
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  sleep 0.2
done
echo "latencies (ms): ${times[*]}"
printf '%s\n' "${times[@]:5}" | sort -n | awk '{a[NR]=$1} END {
  printf "after the first five: p50 %d ms, p95 %d ms, max %d ms (n=%d)\n",
    a[int((NR+1)/2)], a[int(NR*0.95+0.999)], a[NR], NR}'
