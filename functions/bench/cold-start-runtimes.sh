#!/usr/bin/env bash
# Cold start across runtimes, in one run, alternating: process start -> first CloudEvent answered
# (HTTP 2xx). Readiness (the event names an object outside content/: what the platform waits for
# before it routes traffic):
#   node-hello    Node's Functions Framework (@google-cloud/functions-framework 5.0.5) hello-world
#   java-hello    a hello-world function in the Java invoker 2.0.0 on Java 17
#   upload-17     the upload function on Java 17 with the JVM's defaults
#   upload-17-c1  the upload function on Java 17 with the options infra/ deploys (JAVA_TOOL_OPTIONS)
#   upload-25-c1  the same on Temurin 25 (Cloud Run functions' java25 runtime)
#   upload-25-aot the same with the AOT cache AOT_CACHE (JEP 483/514; not deployed: see the
#                 README's cold-start sections)
# The first real episode event (a new episode, its show's config.toml in the source bucket, the
# Cloud Storage client on a loopback JSON-API server, Firestore on its emulator; see
# cold_episode in cold-start-lib.sh):
#   episode-17-c1, episode-25-c1, episode-25-aot  as above
#   episode-17-c1-1cpu   the first on one CPU (taskset -c 0; the deployed functions have one
#                        vCPU), if ONE_CPU=1
# Each run is a new process; each episode run a new episode, show and site bucket, published
# (the script fails otherwise). WARMUP episode runs (default 2, not counted) warm the emulator.
#
# Usage (after mvn -B -DskipTests package; curl, python3, unshare and ip; for the episode rows
# the google-cloud-cli-firestore-emulator package):
#   functions/bench/cold-start-runtimes.sh [RUNS] [NODE_HELLO_DIR]
# NODE_HELLO_DIR holds package.json and index.js of a Node hello-world (functions.cloudEvent
# 'hello') with node_modules installed; without it, Node is left out. Environment:
#   AOT_CACHE=FILE  adds the AOT rows; when FILE does not exist, it is made first by a training
#                   run on Temurin 25 with the deployed options and -XX:AOTCacheOutput=FILE that
#                   publishes one episode (the same loopback services), then stops
#   ONE_CPU=1       adds episode-17-c1-1cpu
#   EPISODES=0      leaves the episode rows out (no emulator needed)
set -euo pipefail
# shellcheck source=cold-start-lib.sh
. "$(dirname "$0")/cold-start-lib.sh"
cold_loopback_only "$0" "$@"
RUNS=${1:-10}
NODE_DIR=${2:-}
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
EPISODES=${EPISODES:-1}
WARMUP=${WARMUP:-2}
# What infra/functions.tf sets as JAVA_TOOL_OPTIONS, read from it (one source).
DEPLOYED=$(sed -n 's/^  java_tool_options *= "\(.*\)"$/\1/p' infra/functions.tf)
[ -n "$DEPLOYED" ] || { echo "no java_tool_options in infra/functions.tf" >&2; exit 2; }
read -r -a DEPLOYED_OPTS <<< "$DEPLOYED"
cold_check_build
UPLOAD=dev.podcast.functions.UploadFunction
LOOPBACK=dev.podcast.functions.LoopbackUploadFunction


names=()
[ -n "$NODE_DIR" ] && names+=(node-hello)
names+=(java-hello upload-17 upload-17-c1 upload-25-c1)
[ -n "${AOT_CACHE:-}" ] && names+=(upload-25-aot)
if [ "$EPISODES" != 0 ]; then
  EPISODE_CP=$(cold_episode_classpath)
  names+=(episode-17-c1 episode-25-c1)
  [ -n "${AOT_CACHE:-}" ] && names+=(episode-25-aot)
  [ "${ONE_CPU:-0}" = 1 ] && names+=(episode-17-c1-1cpu)
  cold_start_loopback_services
  for _ in $(seq "$WARMUP"); do
    cold_episode invoker "$JAVA17" "$EPISODE_CP" "$LOOPBACK" "${DEPLOYED_OPTS[@]}"
  done
  if [ -n "${AOT_CACHE:-}" ] && [ ! -f "$AOT_CACHE" ]; then
    echo "training $AOT_CACHE (one episode published) ..." >&2
    cold_episode invoker "$JAVA25" "$EPISODE_CP" "$LOOPBACK" "${DEPLOYED_OPTS[@]}" \
      "-XX:AOTCacheOutput=$AOT_CACHE"
    [ -f "$AOT_CACHE" ] || { cat "$COLD_LOG" >&2; echo "no AOT cache written" >&2; exit 1; }
  fi
elif [ -n "${AOT_CACHE:-}" ] && [ ! -f "$AOT_CACHE" ]; then
  echo "no $AOT_CACHE: it is trained on an episode event (leave EPISODES unset)" >&2
  exit 2
fi

declare -A times handled medians
for _ in $(seq "$RUNS"); do
  for name in "${names[@]}"; do
    CPU_PREFIX=()
    # shellcheck disable=SC2016 # $PORT is the child's, set by one()
    case $name in
      node-hello) t=$(cd "$NODE_DIR" && one sh -c 'exec node_modules/.bin/functions-framework --target=hello --signature-type=cloudevent --port="$PORT"') ;;
      java-hello) t=$(one invoker "$JAVA17" "$HELLO_CP" dev.podcast.functions.HelloFunction) ;;
      upload-17) t=$(one invoker "$JAVA17" "$JAR" "$UPLOAD") ;;
      upload-17-c1) t=$(one invoker "$JAVA17" "$JAR" "$UPLOAD" "${DEPLOYED_OPTS[@]}") ;;
      upload-25-c1) t=$(one invoker "$JAVA25" "$JAR" "$UPLOAD" "${DEPLOYED_OPTS[@]}") ;;
      upload-25-aot) t=$(one invoker "$JAVA25" "$JAR" "$UPLOAD" "${DEPLOYED_OPTS[@]}" "-XX:AOTCache=$AOT_CACHE") ;;
      episode-*)
        ejava=$JAVA17
        extra=()
        # shellcheck disable=SC2034 # read by invoker
        [[ $name == *-1cpu* ]] && CPU_PREFIX=(taskset -c 0)
        [[ $name == episode-25-* ]] && ejava=$JAVA25
        [[ $name == *-aot ]] && extra=("-XX:AOTCache=$AOT_CACHE")
        cold_episode invoker "$ejava" "$EPISODE_CP" "$LOOPBACK" "${DEPLOYED_OPTS[@]}" "${extra[@]}"
        t=$COLD_MS
        handled[$name]="${handled[$name]:-} $COLD_HANDLED"
        ;;
    esac
    times[$name]="${times[$name]:-} $t"
  done
done

echo "deployed JAVA_TOOL_OPTIONS: $DEPLOYED; $RUNS runs each; $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for name in "${names[@]}"; do
  read -r -a runs <<< "${times[$name]}"
  m=$(printf '%s\n' "${runs[@]}" | median)
  medians[$name]=$m
  lo=$(printf '%s\n' "${runs[@]}" | sort -n | head -1)
  hi=$(printf '%s\n' "${runs[@]}" | sort -n | tail -1)
  ratio=""
  [ -n "$NODE_DIR" ] && ratio=$(awk -v n="${medians[node-hello]}" -v m="$m" 'BEGIN {printf "%5.2f x node", m/n}')
  inside=""
  if [ -n "${handled[$name]:-}" ]; then
    read -r -a h <<< "${handled[$name]}"
    inside="  (handling inside the function: median $(printf '%s\n' "${h[@]}" | median) ms)"
  fi
  printf '%-26s median %5d ms  %5d-%-5d  %s%s\n' "$name" "$m" "$lo" "$hi" "$ratio" "$inside"
  printf '%-26s   %s\n' "" "${times[$name]# }"
done
if [ -n "$NODE_DIR" ]; then
  awk -v n="${medians[node-hello]}" -v a="${medians[upload-17-c1]}" -v b="${medians[upload-25-c1]}" 'BEGIN {
    printf "readiness: upload-17-c1 / node-hello %.2f, upload-25-c1 / node-hello %.2f (target <= 1.5)\n", a/n, b/n }'
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
