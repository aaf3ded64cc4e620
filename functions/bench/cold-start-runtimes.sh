#!/usr/bin/env bash
# Cold start across runtimes, in one run, alternating: process start -> first CloudEvent answered
# (HTTP 2xx) for
#   node-hello   Node's Functions Framework (@google-cloud/functions-framework 5.0.5) hello-world
#   java-hello   a hello-world function in the Java invoker 2.0.0 on Java 17
#   upload-17    the upload function on Java 17 with the JVM's defaults
#   upload-17-c1 the upload function on Java 17 with the options infra/ deploys (JAVA_TOOL_OPTIONS)
#   upload-25-c1 the same on Temurin 25 (Cloud Run functions' java25 runtime)
#   upload-25-aot the same with an AOT cache (JEP 483/514), when AOT_CACHE names one made by a
#                training run of this jar on this JDK: start the invoker with
#                -XX:AOTCacheOutput=FILE and the deployed options, send it one event, stop it
#                (not deployed: see the README's cold-start section)
# The event names an object outside content/: what the platform waits for before it routes
# traffic (readiness). See cold-start.sh for the event and the invoker.
#
# Usage (after mvn -B -DskipTests package and mvn -B -pl functions test-compile):
#   functions/bench/cold-start-runtimes.sh [RUNS] [NODE_HELLO_DIR]
# NODE_HELLO_DIR holds package.json and index.js of a Node hello-world (functions.cloudEvent
# 'hello') with node_modules installed; without it, Node is left out.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-10}
NODE_DIR=${2:-}
INVOKER=${INVOKER:-$HOME/.m2/repository/com/google/cloud/functions/invoker/java-function-invoker/2.0.0/java-function-invoker-2.0.0.jar}
JAR=functions/target/podcast.jar
HELLO_CP=functions/target/test-classes
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
# What infra/functions.tf sets as JAVA_TOOL_OPTIONS, read from it (one source).
DEPLOYED=$(sed -n 's/^  java_tool_options *= "\(.*\)"$/\1/p' infra/functions.tf)
[ -n "$DEPLOYED" ] || { echo "no java_tool_options in infra/functions.tf" >&2; exit 2; }
read -r -a DEPLOYED_OPTS <<< "$DEPLOYED"
if [ ! -f "$INVOKER" ] || [ ! -f "$JAR" ] || [ ! -f "$HELLO_CP/dev/podcast/functions/HelloFunction.class" ]; then
  echo "build first: mvn -B -DskipTests package && mvn -B -pl functions test-compile" >&2
  exit 2
fi

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# One run of "$@" (which must listen on $PORT): milliseconds from start to the first 2xx.
one() {
  local p start end code pid
  p=$(port)
  start=$(date +%s%N)
  PORT=$p SOURCE_BUCKET=show-source SITE_BUCKET=show-site GOOGLE_CLOUD_PROJECT=demo-podcast \
    "$@" > /tmp/cold-runtimes-$$.log 2>&1 &
  pid=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$p/" \
      -H 'ce-specversion: 1.0' -H 'ce-id: cold-1' -H 'ce-type: google.cloud.storage.object.v1.finalized' \
      -H 'ce-source: //storage.googleapis.com/projects/_/buckets/show-source' \
      -H 'ce-subject: objects/README.txt' -H 'ce-time: 2026-11-25T12:00:00Z' \
      -H 'Content-Type: application/json' \
      --data '{"bucket":"show-source","name":"README.txt","generation":"1","metageneration":"1","contentType":"text/plain","size":"5"}' \
      2>/dev/null || true)
    if [[ $code == 2* ]]; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat /tmp/cold-runtimes-$$.log >&2; exit 1; fi
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

invoker() { # JAVA CLASSPATH TARGET [JVM options...]
  local java=$1 cp=$2 target=$3; shift 3
  sh -c 'exec "$0" "$@" -jar "'"$INVOKER"'" --classpath "'"$cp"'" --target "'"$target"'" --port "$PORT"' \
    "$java" "$@"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A times medians
names=()
[ -n "$NODE_DIR" ] && names+=(node-hello)
names+=(java-hello upload-17 upload-17-c1 upload-25-c1)
[ -n "${AOT_CACHE:-}" ] && names+=(upload-25-aot)
for _ in $(seq "$RUNS"); do
  for name in "${names[@]}"; do
    # shellcheck disable=SC2016 # $PORT is the child's, set by one()
    case $name in
      node-hello) t=$(cd "$NODE_DIR" && one sh -c 'exec node_modules/.bin/functions-framework --target=hello --signature-type=cloudevent --port="$PORT"') ;;
      java-hello) t=$(one invoker "$JAVA17" "$HELLO_CP" dev.podcast.functions.HelloFunction) ;;
      upload-17) t=$(one invoker "$JAVA17" "$JAR" dev.podcast.functions.UploadFunction) ;;
      upload-17-c1) t=$(one invoker "$JAVA17" "$JAR" dev.podcast.functions.UploadFunction "${DEPLOYED_OPTS[@]}") ;;
      upload-25-c1) t=$(one invoker "$JAVA25" "$JAR" dev.podcast.functions.UploadFunction "${DEPLOYED_OPTS[@]}") ;;
      upload-25-aot) t=$(one invoker "$JAVA25" "$JAR" dev.podcast.functions.UploadFunction "${DEPLOYED_OPTS[@]}" "-XX:AOTCache=$AOT_CACHE") ;;
    esac
    times[$name]="${times[$name]:-} $t"
  done
done
echo "deployed JAVA_TOOL_OPTIONS: $DEPLOYED"
for name in "${names[@]}"; do
  read -r -a runs <<< "${times[$name]}"
  m=$(printf '%s\n' "${runs[@]}" | median)
  printf '%-13s median %5d ms  (%s)\n' "$name" "$m" "${times[$name]# }"
  medians[$name]=$m
done
if [ -n "$NODE_DIR" ]; then
  awk -v n="${medians[node-hello]}" -v a="${medians[upload-17-c1]}" -v b="${medians[upload-25-c1]}" 'BEGIN {
    printf "upload-17-c1 / node-hello: %.2f; upload-25-c1 / node-hello: %.2f (target <= 1.5)\n", a/n, b/n }'
fi
rm -f /tmp/cold-runtimes-$$.log
