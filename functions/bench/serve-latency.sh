#!/usr/bin/env bash
# Publish latency of `podcast serve`: one episode of the whole corpus (298 episodes) changed
# CHANGES times; each time, from the file written to the new title in the served /feed.xml.
# Prints each latency, and the median and 95th percentile of the changes after the first five and
# of the second half (warm: the JIT has compiled the publishing path by then).
#
# Usage (after mvn -B -DskipTests package; ../shared/corpus beside the project; python3):
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
# One client process, as a podcast app: a kept-alive connection polling every 5 ms with the
# last ETag (cheap 304s while nothing changed) and Accept-Encoding: gzip, reading the body only
# when it changed.
python3 - "$PORT" "$WORK/show/content/post/episode-101-iot-core/index.md" "$CHANGES" \
  > "$WORK/latencies" <<'PY'
import gzip, http.client, os, sys, time
port, path, changes = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
original = open(path, encoding="utf-8").read()
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
etag = "none"
def fetch():
    global etag
    conn.request("GET", "/feed.xml", headers={"If-None-Match": etag,
                                              "Accept-Encoding": "gzip"})
    response = conn.getresponse()
    body = response.read()
    if response.status == 200:
        etag = response.getheader("ETag") or etag
        return gzip.decompress(body) if response.getheader("Content-Encoding") == "gzip" else body
    return None
fetch()
for i in range(1, changes + 1):
    marker = "Latency probe %d %d" % (i, time.time_ns() % 100000)
    start = time.monotonic()
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(original.replace('title = "', 'title = "' + marker + ': ', 1))
    os.replace(path + ".tmp", path)  # as editors save: a new file renamed over the old one
    while True:
        body = fetch()
        if body is not None and marker.encode() in body:
            break
        if time.monotonic() - start > 30:
            sys.exit("change %d not served after 30 s" % i)
        time.sleep(0.005)
    print(round((time.monotonic() - start) * 1000))
    sys.stdout.flush()
    time.sleep(0.3)
PY
times=($(cat "$WORK/latencies"))
echo "latencies (ms): ${times[*]}"
echo "publish (durationMs of serve's log lines): $(grep '"message":"published' "$WORK/serve.log" \
  | grep -o '"durationMs":[0-9]*' | cut -d: -f2 | tail -n +7 | sort -n \
  | awk '{a[NR]=$1} END {printf "p50 %d ms, max %d ms", a[int((NR+1)/2)], a[NR]}')"
stats() { sort -n | awk -v label="$1" '{a[NR]=$1} END {
  printf "%s: p50 %d ms, p95 %d ms, max %d ms (n=%d)\n",
    label, a[int((NR+1)/2)], a[int(NR*0.95+0.999)], a[NR], NR}'; }
printf '%s\n' "${times[@]:5}" | stats "after the first five"
half=$(( ${#times[@]} / 2 ))
printf '%s\n' "${times[@]:$half}" | stats "warm (the second half, after the JIT's warm-up)"
