#!/usr/bin/env bash
# Cold start: JVM start -> first CloudEvent answered (HTTP 2xx), for a hello-world function and
# for the upload function, each in the real Functions Framework invoker (2.0.0) as the platform
# runs it (java -jar invoker --classpath FUNCTION_JAR --target CLASS). The event is a Cloud
# Storage "finalized" event in binary mode, with the headers Eventarc sends; for the upload
# function it names an object of the source bucket outside content/ (acknowledged without a
# Cloud Storage or Firestore call: the clients are lazy, so this is the start-up the platform
# waits for before routing traffic).
#
# Usage (after mvn -B -DskipTests package and mvn -B -pl functions test-compile):
#   functions/bench/cold-start.sh [RUNS] [extra JVM options...]
# e.g. functions/bench/cold-start.sh 10
#      functions/bench/cold-start.sh 10 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-10}
shift || true
INVOKER=${INVOKER:-$HOME/.m2/repository/com/google/cloud/functions/invoker/java-function-invoker/2.0.0/java-function-invoker-2.0.0.jar}
JAR=functions/target/podcast.jar
HELLO_CP=functions/target/test-classes
[ -f "$INVOKER" ] || { echo "no invoker jar at $INVOKER (run mvn -B verify once)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "no $JAR: run mvn -B -DskipTests package" >&2; exit 2; }
[ -f "$HELLO_CP/dev/podcast/functions/HelloFunction.class" ] || {
  echo "no HelloFunction: run mvn -B -pl functions test-compile" >&2; exit 2; }

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# One run: prints milliseconds from process start to the first 2xx answer.
one() {
  local classpath=$1 target=$2 p
  p=$(port)
  local start end code
  start=$(date +%s%N)
  SOURCE_BUCKET=show-source SITE_BUCKET=show-site GOOGLE_CLOUD_PROJECT=demo-podcast \
    java "${JVM_OPTS[@]}" -jar "$INVOKER" --classpath "$classpath" --target "$target" \
    --port "$p" > /tmp/cold-start-$$.log 2>&1 &
  local pid=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$p/" \
      -H 'ce-specversion: 1.0' -H 'ce-id: cold-1' -H 'ce-type: google.cloud.storage.object.v1.finalized' \
      -H 'ce-source: //storage.googleapis.com/projects/_/buckets/show-source' \
      -H 'ce-subject: objects/README.txt' -H 'ce-time: 2026-11-25T12:00:00Z' \
      -H 'Content-Type: application/json' \
      --data '{"bucket":"show-source","name":"README.txt","generation":"1","metageneration":"1","contentType":"text/plain","size":"5"}' \
      2>/dev/null || true)
    if [[ $code == 2* ]]; then break; fi
    if ! kill -0 $pid 2>/dev/null; then cat /tmp/cold-start-$$.log >&2; exit 1; fi
    sleep 0.01
  done
  end=$(date +%s%N)
  kill $pid; wait $pid 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

JVM_OPTS=("$@")
if [ ${#JVM_OPTS[@]} -eq 0 ]; then JVM_OPTS=(-Dcold.start=1); fi
hello=(); upload=()
for i in $(seq "$RUNS"); do
  hello+=("$(one "$HELLO_CP" dev.podcast.functions.HelloFunction)")
  upload+=("$(one "$JAR" dev.podcast.functions.UploadFunction)")
done
h=$(printf '%s\n' "${hello[@]}" | median)
u=$(printf '%s\n' "${upload[@]}" | median)
echo "hello-world: ${hello[*]} ms (median $h)"
echo "upload:      ${upload[*]} ms (median $u)"
awk -v h="$h" -v u="$u" 'BEGIN {printf "ratio upload/hello: %.2f (target <= 1.5)\n", u/h}'
rm -f /tmp/cold-start-$$.log
