#!/usr/bin/env bash
# Cold start: JVM start -> first CloudEvent answered (HTTP 2xx), for a hello-world function and
# for the upload function, each in the real Functions Framework invoker (2.0.0) as the platform
# runs it (java -jar invoker --classpath FUNCTION_JAR --target CLASS). The event is a Cloud
# Storage "finalized" event in binary mode, with the headers Eventarc sends; for the upload
# function it names an object of the source bucket outside content/ (acknowledged without a
# Cloud Storage or Firestore call: the clients are lazy, so this is the start-up the platform
# waits for before routing traffic). The helpers are cold-start-lib.sh's; the first real
# episode event is timed by cold-start-runtimes.sh.
#
# Usage (after mvn -B -DskipTests package; curl, python3, unshare and ip):
#   functions/bench/cold-start.sh [RUNS] [extra JVM options...]
# e.g. functions/bench/cold-start.sh 10
#      functions/bench/cold-start.sh 10 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
set -euo pipefail
# shellcheck source=cold-start-lib.sh
. "$(dirname "$0")/cold-start-lib.sh"
cold_loopback_only "$0" "$@"
RUNS=${1:-10}
shift || true
cold_check_build
JVM_OPTS=("$@")
if [ ${#JVM_OPTS[@]} -eq 0 ]; then JVM_OPTS=(-Dcold.start=1); fi
hello=(); upload=()
for _ in $(seq "$RUNS"); do
  hello+=("$(one invoker java "$HELLO_CP" dev.podcast.functions.HelloFunction "${JVM_OPTS[@]}")")
  upload+=("$(one invoker java "$JAR" dev.podcast.functions.UploadFunction "${JVM_OPTS[@]}")")
done
h=$(printf '%s\n' "${hello[@]}" | median)
u=$(printf '%s\n' "${upload[@]}" | median)
echo "hello-world: ${hello[*]} ms (median $h)"
echo "upload:      ${upload[*]} ms (median $u)"
awk -v h="$h" -v u="$u" 'BEGIN {printf "ratio upload/hello: %.2f (target <= 1.5)\n", u/h}'
