#!/usr/bin/env bash
# Where the first real episode event of a cold instance goes: RUNS cold starts of the upload
# function on Java 17 with the deployed options, each on a new episode (cold_episode in
# cold-start-lib.sh: Cloud Storage on a loopback JSON-API server, Firestore on its emulator),
# logged with -Xlog:class+load (JVM uptime per class). Prints, as medians over the runs, when
# the first class of each step is loaded (the step has started by then), how many classes each
# library loads after the event arrived, and the totals. Class logging itself costs some time:
# the totals here are a little higher than cold-start-runtimes.sh's.
#
# Usage (after mvn -B -DskipTests package; curl, python3, unshare, ip and the
# google-cloud-cli-firestore-emulator package):
#   functions/bench/cold-start-breakdown.sh [RUNS] [extra JVM options...]
set -euo pipefail
# shellcheck source=cold-start-lib.sh
. "$(dirname "$0")/cold-start-lib.sh"
cold_loopback_only "$0" "$@"
RUNS=${1:-5}
shift || true
JAVA17=${JAVA17:-java}
DEPLOYED=$(sed -n 's/^  java_tool_options *= "\(.*\)"$/\1/p' infra/functions.tf)
read -r -a DEPLOYED_OPTS <<< "$DEPLOYED"
cold_check_build
CP=$(cold_episode_classpath)
cold_start_loopback_services
for _ in $(seq "${WARMUP:-2}"); do
  cold_episode invoker "$JAVA17" "$CP" dev.podcast.functions.LoopbackUploadFunction "${DEPLOYED_OPTS[@]}"
done
totals=()
for i in $(seq "$RUNS"); do
  cold_episode invoker "$JAVA17" "$CP" dev.podcast.functions.LoopbackUploadFunction \
    "${DEPLOYED_OPTS[@]}" "-Xlog:class+load:file=$COLD_TMP/classes-$i.log:uptime" "$@"
  totals+=("$COLD_MS/$COLD_HANDLED")
done
echo "Java 17, $DEPLOYED $*; $RUNS runs; $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$COLD_TMP" "${totals[@]}" <<'PY'
import collections, glob, re, statistics, sys
folder, totals = sys.argv[1], [t.split("/") for t in sys.argv[2:]]
# (label, the class whose first load marks it), in the order of the pipeline
MARKS = [
    ("function constructed (JVM and invoker up)", "dev.podcast.functions.LoopbackUploadFunction"),
    ("first event decoded by the invoker (about ready)", "io.cloudevents.http.HttpMessageFactory"),
    ("Firestore client: options", "com.google.cloud.firestore.FirestoreOptions"),
    ("Firestore client: gRPC over Netty", "io.grpc.netty.shaded.io.netty.channel.Channel"),
    ("Cloud Storage client: options", "com.google.cloud.storage.StorageOptions"),
    ("Cloud Storage: first answer read", "com.google.api.client.http.HttpHeaders$ParseHeaderState"),
    ("config.toml parsed (tomlj)", "org.tomlj.Toml"),
    ("episode's Markdown parsed (flexmark)", "com.vladsch.flexmark.parser.Parser"),
    ("notes' HTML cleaned (jsoup)", "org.jsoup.Jsoup"),
    ("pages rendered (mustache)", "com.github.mustachejava.DefaultMustacheFactory"),
    ("feeds written (JSON Feed)", "dev.podcast.feed.JsonFeedWriter"),
]
GROUPS = [("io.grpc.netty", "Netty (gRPC's)"), ("io.grpc", "gRPC"), ("io.perfmark", "gRPC"),
          ("com.google.cloud.firestore", "Firestore"), ("com.google.firestore", "Firestore"),
          ("com.google.protobuf", "protobuf"), ("com.google.cloud.storage", "Cloud Storage"),
          ("com.google.api.services.storage", "Cloud Storage"),
          ("com.google.api.client", "google-http-client"), ("com.google.api.gax", "gax"),
          ("com.google.auth", "auth"), ("io.opencensus", "tracing"), ("io.opentelemetry", "tracing"),
          ("com.google.common", "Guava"), ("com.fasterxml", "Jackson"),
          ("io.cloudevents", "CloudEvents"), ("org.eclipse.jetty", "Jetty"),
          ("dev.podcast", "podcast (ours)"), ("com.vladsch.flexmark", "flexmark"),
          ("org.jsoup", "jsoup"), ("org.tomlj", "tomlj"), ("com.github.mustachejava", "mustache"),
          ("java.", "JDK"), ("javax.", "JDK"), ("jdk.", "JDK"), ("sun.", "JDK"), ("com.sun.", "JDK")]
def group(name):
    return next((g for p, g in GROUPS if name.startswith(p)), "other")
marks, counts, before, after = collections.defaultdict(list), collections.defaultdict(list), [], []
for path in sorted(glob.glob(folder + "/classes-*.log")):
    rows = []
    for line in open(path):
        m = re.match(r"\[(\d+\.\d+)s\] (\S+) source: ", line)
        if m:
            rows.append((float(m.group(1)), m.group(2)))
    first = {}
    for t, name in rows:
        first.setdefault(name, t)
    for label, cls in MARKS:
        if cls in first:
            marks[label].append(first[cls] * 1000)
    start = first.get("io.cloudevents.http.HttpMessageFactory", 0)
    n = collections.Counter(group(c) for t, c in rows if t >= start)
    for g in set(g for _, g in GROUPS) | {"other"}:
        counts[g].append(n.get(g, 0))
    before.append(sum(1 for t, _ in rows if t < start))
    after.append(sum(1 for t, _ in rows if t >= start))
med = lambda xs: statistics.median(xs) if xs else float("nan")
print("\nstep (first class of it loaded at, ms after JVM start; medians)")
for label, _ in sorted(MARKS, key=lambda m: med(marks[m[0]])):
    if marks[label]:
        print(f"  {med(marks[label]):6.0f}  {label}")
print(f"  {med([int(t[0]) for t in totals]):6.0f}  answered (2xx; from process start)")
print(f"handling logged by the function (durationMs): median {med([int(t[1]) for t in totals]):.0f} ms")
print(f"\nclasses loaded: {med(before):.0f} before the event, {med(after):.0f} while handling it; by library:")
for g, xs in sorted(counts.items(), key=lambda kv: -med(kv[1])):
    if med(xs) > 0:
        print(f"  {med(xs):6.0f}  {g}")
PY
