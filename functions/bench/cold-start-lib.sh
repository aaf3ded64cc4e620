# shellcheck shell=bash disable=SC2034 # the variables set here are the callers'
# Helpers of the cold-start benchmarks (sourced by cold-start.sh, cold-start-runtimes.sh and
# cold-start-breakdown.sh; not run on its own). After sourcing, the working directory is the
# repository's root.
#
# A run starts one process (a function in the Functions Framework invoker 2.0.0 as the platform
# runs it, or Node's framework) and times from its start to the first 2xx answer to a Cloud
# Storage "finalized" CloudEvent in binary mode, with the headers Eventarc sends, polled every
# 10 ms with curl. By default the event names README.txt, outside content/: the upload function
# acknowledges it without a Cloud Storage or Firestore call (readiness). cold_episode instead
# uploads a new episode and sends its event: the first real episode event of a cold instance.
#
# The invoker 2.0.0 binds every interface, with no way to choose the host, so the benchmarks run
# in a network namespace of their own (cold_loopback_only): loopback only, nothing reachable
# from outside, nothing outside reachable (no metadata server, no googleapis.com).

COLD_CALLER_DIR=$PWD
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
INVOKER=${INVOKER:-$HOME/.m2/repository/com/google/cloud/functions/invoker/java-function-invoker/2.0.0/java-function-invoker-2.0.0.jar}
JAR=${JAR:-functions/target/podcast.jar}
TEST_CLASSES=${TEST_CLASSES:-functions/target/test-classes}
HELLO_CP=$TEST_CLASSES
COLD_LOG=$(mktemp /tmp/cold-start-XXXXXX.log)
COLD_TMP=$(mktemp -d /tmp/cold-start-XXXXXX)
COLD_PIDS=()
trap cold_stop_services EXIT
trap 'exit 130' INT TERM

cold_check_build() {
  if [ ! -f "$INVOKER" ]; then
    echo "no invoker jar at $INVOKER (run mvn -B verify once, or set INVOKER)" >&2
    exit 2
  fi
  if [ ! -f "$JAR" ] || [ ! -f "$TEST_CLASSES/dev/podcast/functions/HelloFunction.class" ] \
      || [ ! -f "$TEST_CLASSES/dev/podcast/functions/LoopbackUploadFunction.class" ]; then
    echo "build first: mvn -B -DskipTests package (the reactor: it compiles the test classes too)" >&2
    exit 2
  fi
}

# Runs the calling script again inside a new network namespace whose only interface is the
# loopback (as root: unshare -n; otherwise in a user namespace: unshare -rn).
cold_loopback_only() { # "$0" "$@" of the caller
  if [ -n "${COLD_START_NETNS:-}" ]; then
    return
  fi
  local script=$1 unshare=(unshare -n)
  shift
  [[ $script == /* ]] || script=$COLD_CALLER_DIR/$script
  [ "$(id -u)" -eq 0 ] || unshare=(unshare -rn)
  if ! command -v unshare > /dev/null || ! command -v ip > /dev/null; then
    echo "unshare and ip are needed for a loopback-only network namespace" >&2
    exit 2
  fi
  rm -rf "$COLD_TMP" "$COLD_LOG"
  trap - EXIT
  # shellcheck disable=SC2016 # $0 and $@ are the inner shell's
  exec env COLD_START_NETNS=1 "${unshare[@]}" sh -c 'ip link set lo up && exec "$0" "$@"' \
    "$script" "$@"
}

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

COLD_TIMEOUT=${COLD_TIMEOUT:-120}

# The event one() sends: object, generation, content type, bucket and the run's environment.
EVENT_OBJECT=README.txt
EVENT_GENERATION=1
EVENT_TYPE=text/plain
RUN_ENV=()

# One run of "$@" (which must listen on $PORT), with SOURCE_BUCKET, SITE_BUCKET,
# GOOGLE_CLOUD_PROJECT and RUN_ENV set: prints milliseconds from start to the first 2xx answer
# to the event above (any other answer than none or a 2xx fails the run, as does no answer
# within COLD_TIMEOUT seconds). The process's output is in $COLD_LOG until the next run. "$@"
# is a command, or a function that execs one (invoker), so that the process stopped is the one
# timed.
one() {
  local p start end code pid
  p=$(port)
  start=$(date +%s%N)
  # shellcheck disable=SC2030 # PORT is the child's
  (
    export PORT="$p" SOURCE_BUCKET=show-source SITE_BUCKET=show-site GOOGLE_CLOUD_PROJECT=demo-podcast
    [ ${#RUN_ENV[@]} -eq 0 ] || export "${RUN_ENV[@]}"
    if declare -F "$1" > /dev/null; then "$@"; else exec "$@"; fi
  ) > "$COLD_LOG" 2>&1 &
  pid=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$p/" \
      -H 'ce-specversion: 1.0' -H 'ce-id: cold-1' -H 'ce-type: google.cloud.storage.object.v1.finalized' \
      -H 'ce-source: //storage.googleapis.com/projects/_/buckets/show-source' \
      -H "ce-subject: objects/$EVENT_OBJECT" -H 'ce-time: 2026-11-25T12:00:00Z' \
      -H 'Content-Type: application/json' \
      --data "{\"bucket\":\"show-source\",\"name\":\"$EVENT_OBJECT\",\"generation\":\"$EVENT_GENERATION\",\"metageneration\":\"1\",\"contentType\":\"$EVENT_TYPE\",\"size\":\"5\"}" \
      2>/dev/null || true)
    if [[ $code == 2* ]]; then break; fi
    if [[ $code != 000 ]] || ! kill -0 "$pid" 2>/dev/null \
        || (( $(date +%s%N) - start > COLD_TIMEOUT * 1000000000 )); then
      echo "run failed (answer $code, or exited, or no answer within $COLD_TIMEOUT s):" >&2
      cat "$COLD_LOG" >&2
      kill "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

# Execs the invoker serving TARGET from CLASSPATH on JAVA, with JVM options, on $PORT; with
# CPU_PREFIX (such as taskset -c 0) in front. For one(), which runs it in a subshell.
CPU_PREFIX=()
invoker() { # JAVA CLASSPATH TARGET [JVM options...]
  local java=$1 cp=$2 target=$3
  shift 3
  # shellcheck disable=SC2031 # PORT is set by one(), in the subshell that runs this
  exec "${CPU_PREFIX[@]}" "$java" "$@" -jar "$INVOKER" --classpath "$cp" --target "$target" \
    --port "$PORT"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# ---- The loopback services of a real episode event ----

# The Firestore emulator (the jar of google-cloud-cli-firestore-emulator) and FakeGcsServer, the
# loopback Cloud Storage JSON API of the adapter's tests, each a long-lived process on 127.0.0.1
# for the whole benchmark, stopped on exit. Seeds the source bucket with the example show's
# config.toml and podcast.toml. Sets GCS (http://127.0.0.1:PORT) and FIRESTORE (127.0.0.1:PORT).
cold_start_loopback_services() {
  local jar=${FIRESTORE_EMULATOR_JAR:-}
  if [ -z "$jar" ]; then
    jar=$(dpkg -L google-cloud-cli-firestore-emulator 2>/dev/null | grep 'cloud-firestore-emulator\.jar$' | head -1 || true)
  fi
  if [ -z "$jar" ] || [ ! -r "$jar" ]; then
    echo "no Firestore emulator jar: apt-get install google-cloud-cli-firestore-emulator, or set FIRESTORE_EMULATOR_JAR" >&2
    exit 2
  fi
  local fport
  fport=$(port)
  FIRESTORE=127.0.0.1:$fport
  java -cp "$jar" com.google.cloud.datastore.emulator.firestore.CloudFirestore start \
    --host=127.0.0.1 --port="$fport" --project_id=demo-podcast > "$COLD_TMP/firestore.log" 2>&1 &
  COLD_PIDS+=($!)
  java -cp "shared/target/test-classes:$TEST_CLASSES:$JAR" dev.podcast.functions.LoopbackStorageServer \
    < /dev/null > "$COLD_TMP/gcs.log" 2>&1 &
  COLD_PIDS+=($!)
  local i
  for i in $(seq 600); do
    GCS=$(head -1 "$COLD_TMP/gcs.log" 2>/dev/null || true)
    if [[ $GCS == http://127.0.0.1:* ]] && curl -sf "http://$FIRESTORE/" -o /dev/null; then break; fi
    if [ "$i" = 600 ]; then
      echo "the loopback services did not start:" >&2
      cat "$COLD_TMP/gcs.log" "$COLD_TMP/firestore.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  gcs_put show-source config.toml examples/site/config.toml text/plain > /dev/null
  gcs_put show-source podcast.toml examples/site/podcast.toml text/plain > /dev/null
  COLD_EPISODES=0
}

cold_stop_services() {
  local pid
  for pid in "${COLD_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${COLD_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$COLD_TMP" "$COLD_LOG"
}

# Uploads FILE as object NAME of BUCKET (a multipart upload, as the client makes); prints its
# generation.
gcs_put() { # BUCKET NAME FILE CONTENT_TYPE
  local boundary=cold-start-boundary
  { printf -- '--%s\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{"name":"%s","contentType":"%s"}\r\n--%s\r\nContent-Type: %s\r\n\r\n' \
      "$boundary" "$2" "$4" "$boundary" "$4"
    cat "$3"
    printf '\r\n--%s--\r\n' "$boundary"; } |
    curl -sf -X POST "$GCS/upload/storage/v1/b/$1/o?uploadType=multipart" \
      -H "Content-Type: multipart/related; boundary=$boundary" --data-binary @- |
    sed -n 's/.*"generation":"\([0-9]*\)".*/\1/p'
}

# The class path of the episode runs: podcast.jar and a jar of LoopbackUploadFunction (made here
# when missing or older than the class; jars only, as an AOT cache wants them).
cold_episode_classpath() {
  local jar=functions/target/cold-start-loopback.jar
  if [ ! -f "$jar" ] || [ "$TEST_CLASSES/dev/podcast/functions/LoopbackUploadFunction.class" -nt "$jar" ]; then
    (cd "$TEST_CLASSES" && jar cf "$OLDPWD/$jar" dev/podcast/functions/LoopbackUploadFunction*.class)
  fi
  echo "$JAR:$jar"
}

# One cold start on the first real episode event: a new episode (content/post/cold-N/index.md,
# the example show's episode 101) is uploaded to the source bucket, and the upload function
# (LoopbackUploadFunction: the no-arg wiring, its Cloud Storage clients on $GCS, Firestore on
# the emulator) is started for a show and a site bucket of its own (SHOW_ID cold-N, SITE_BUCKET
# cold-site-N, both empty), so every run does the same work: publish the show's first episode.
# "$@" is the command (invoker JAVA CP dev.podcast.functions.LoopbackUploadFunction ...).
# Sets COLD_MS, the milliseconds, and COLD_HANDLED, the durationMs the function logged (the
# event's handling, inside it); fails unless the function's log says PUBLISHED, once. Not to be
# called in a subshell: it counts the episodes.
cold_episode() {
  COLD_EPISODES=$((COLD_EPISODES + 1))
  local n=$COLD_EPISODES object ms
  object=content/post/cold-$n/index.md
  EVENT_GENERATION=$(gcs_put show-source "$object" \
    examples/site/content/post/episode-101-iot-core/index.md text/markdown)
  EVENT_OBJECT=$object EVENT_TYPE=text/markdown
  RUN_ENV=(SHOW_ID="cold-$n" SITE_BUCKET="cold-site-$n" STORAGE_EMULATOR_HOST="$GCS"
    FIRESTORE_EMULATOR_HOST="$FIRESTORE")
  local pid
  for pid in "${COLD_PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null || {
      echo "a loopback service has stopped:" >&2
      tail -20 "$COLD_TMP/gcs.log" "$COLD_TMP/firestore.log" >&2
      exit 1
    }
  done
  ms=$(one "$@")
  EVENT_OBJECT=README.txt EVENT_GENERATION=1 EVENT_TYPE=text/plain RUN_ENV=()
  if [ "$(grep -c '"outcome":' "$COLD_LOG")" != 1 ] || ! grep -q '"outcome":"PUBLISHED"' "$COLD_LOG"; then
    echo "the episode event of run $n was not published once:" >&2
    cat "$COLD_LOG" >&2
    exit 1
  fi
  COLD_HANDLED=$(sed -n 's/.*"outcome":"PUBLISHED","durationMs":\([0-9]*\).*/\1/p' "$COLD_LOG")
  COLD_MS=$ms
}
