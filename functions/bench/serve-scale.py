#!/usr/bin/env python3
"""Issue 12 at any catalogue size, through `podcast serve`:

1. writes a show of N episodes synthesised from the real corpus (episode i is a copy of corpus
   episode i mod 298 with its own folder, title, date one day after the previous, and number);
2. starts `java -jar functions/target/podcast.jar serve` on it (records in the Firestore emulator
   with --firestore HOST:PORT, else in memory) and times the whole folder published from empty;
3. adds NEW new episodes one by one (each the newest) and, for each, times it from the file
   written to its title in the served /feed.xml;
4. edits the newest episode's title EDITS times, timed the same way.
For every change it reads serve's log line of that change, whose counters (site files written,
Firestore documents read and written, totals so far) give what the change cost.

Usage (after mvn -B -DskipTests package; ../shared/corpus beside the project):
  functions/bench/serve-scale.py N [--firestore HOST:PORT] [--new 10] [--edits 30]
"""
import argparse, datetime, gzip, http.client, json, os, re, shutil, socket, subprocess, sys
import tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def synthesise(corpus, out, n):
    posts = os.path.join(corpus, "content", "post")
    names = sorted(d for d in os.listdir(posts) if os.path.isfile(os.path.join(posts, d, "index.md")))
    os.makedirs(os.path.join(out, "content", "post"))
    shutil.copy(os.path.join(corpus, "config.toml"), os.path.join(out, "config.toml"))
    start = datetime.date(1990, 1, 1)
    for i in range(n):
        write_episode(out, i, names[i % len(names)], posts, start + datetime.timedelta(days=i),
                      "%d: " % (i + 1))
    return names, posts


def write_episode(out, i, name, posts, day, prefix):
    with open(os.path.join(posts, name, "index.md"), encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    text = re.sub(r'(?m)^date = ".*"$', 'date = "%sT12:00:00Z"' % day.isoformat(), text, count=1)
    text = re.sub(r'(?m)^episodeNumber = \d+$', "episodeNumber = %d" % (i + 1), text, count=1)
    text = re.sub(r'(?m)^title = "', 'title = "' + prefix.replace("\\", ""), text, count=1)
    folder = os.path.join(out, "content", "post", "s%05d-%s" % (i, name))
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "index.md")
    with open(path + ".tmp", "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(text)
    os.replace(path + ".tmp", path)  # as editors save: a new file renamed over the old one
    return path


class Log:
    """serve's JSON log lines, read as they come."""

    def __init__(self, path):
        self.file = open(path, encoding="utf-8")
        self.lines = []

    def wait_for(self, test, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.file.readline()
            if not line:
                time.sleep(0.01)
                continue
            try:
                record = json.loads(line)
            except ValueError:
                continue
            self.lines.append(record)
            if test(record):
                return record
        sys.exit("serve did not log what was awaited within %d s" % timeout)


class Feed:
    """A podcast app: one kept-alive connection, polling with the last ETag, gzip."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.etag = "none"

    def fetch(self):
        self.conn.request("GET", "/feed.xml", headers={"If-None-Match": self.etag,
                                                       "Accept-Encoding": "gzip"})
        response = self.conn.getresponse()
        body = response.read()
        if response.status != 200:
            return None
        self.etag = response.getheader("ETag") or self.etag
        return gzip.decompress(body) if response.getheader("Content-Encoding") == "gzip" else body

    def await_text(self, text, start):
        while True:
            body = self.fetch()
            if body is not None and text.encode() in body:
                return (time.monotonic() - start) * 1000
            if time.monotonic() - start > 60:
                sys.exit("%r not served after 60 s" % text)
            time.sleep(0.005)


class Changes:
    """Changes timed one by one: to the text in /feed.xml, and what serve's log says each cost."""

    def __init__(self, feed, log, last):
        self.feed, self.log, self.last = feed, log, last
        self.latencies, self.handled, self.files, self.reads, self.writes = [], [], [], [], []

    def time(self, label, write):
        marker = "%s %d" % (label, time.time_ns() % 100000)
        start = time.monotonic()
        write(marker + ": ")
        self.latencies.append(self.feed.await_text(marker, start))
        record = self.log.wait_for(lambda r: r.get("outcome") == "PUBLISHED", 60)
        self.files.append(record["siteWrites"] - self.last["siteWrites"])
        self.handled.append(record["durationMs"])
        if "firestoreReads" in record:
            self.reads.append(record["firestoreReads"] - self.last["firestoreReads"])
            self.writes.append(record["firestoreWrites"] - self.last["firestoreWrites"])
        self.last = record
        time.sleep(0.3)

    def report(self, what, warm_after=0):
        print("%s, file written to its title in /feed.xml: %s" % (what, stats(self.latencies)))
        if warm_after:
            print("  after the first %d: %s" % (warm_after, stats(self.latencies[warm_after:])))
        print("  of which serve handled the event (its log line's durationMs): "
              + stats(self.handled))
        print("  site files written each: %s" % self.files)
        if self.reads:
            print("  Firestore reads each: %s; writes each: %s" % (self.reads, self.writes))


def stats(values):
    if not values:
        return "none"
    values = sorted(values)
    p = lambda q: values[min(len(values) - 1, int(len(values) * q + 0.999) - 1)]
    return "p50 %d ms, p95 %d ms, max %d ms (n=%d)" % (values[(len(values) - 1) // 2],
                                                       p(0.95), values[-1], len(values))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("episodes", type=int)
    parser.add_argument("--firestore")
    parser.add_argument("--new", type=int, default=10)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="serve-scale-")
    serve = None
    try:
        show = os.path.join(work, "show")
        names, posts = synthesise(args.corpus, show, args.episodes)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        command = ["java", "-jar", os.path.join(ROOT, "functions", "target", "podcast.jar"),
                   "serve", "--source", show, "--out", os.path.join(work, "site"), "--port",
                   str(port), "--poll-ms", "10"]
        if args.firestore:
            command += ["--firestore", args.firestore]
        log_path = os.path.join(work, "serve.log")
        start = time.monotonic()
        serve = subprocess.Popen(command, stdout=open(log_path, "w"), stderr=subprocess.STDOUT)
        log = Log(log_path)
        done = log.wait_for(lambda r: r.get("message", "").startswith("published the source")
                            or r.get("message", "").startswith("nothing published"), 1800)
        elapsed = time.monotonic() - start
        print("records: %s; %d episodes" % ("Firestore emulator" if args.firestore else "memory",
                                           args.episodes))
        print("publish all from empty: %.1f s (%s); %d site files written" % (
            elapsed, done["message"], done["siteWrites"]))
        if "firestoreReads" in done:
            print("  Firestore: %d reads, %d writes: %.2f reads and %.2f writes per episode" % (
                done["firestoreReads"], done["firestoreWrites"],
                done["firestoreReads"] / args.episodes, done["firestoreWrites"] / args.episodes))
        log.wait_for(lambda r: r.get("message", "").startswith("serving http"), 60)
        feed = Feed(port)
        feed.fetch()
        today = datetime.date(2026, 11, 1)
        changes = Changes(feed, log, done)
        for k in range(args.new):
            i = args.episodes + k
            changes.time("New episode probe %d" % k, lambda prefix: write_episode(
                show, i, names[i % len(names)], posts, today + datetime.timedelta(days=k), prefix))
        changes.report("new episode")
        changes = Changes(feed, log, changes.last)
        i = args.episodes + args.new - 1
        for k in range(args.edits):
            changes.time("Edit probe %d" % k, lambda prefix: write_episode(
                show, i, names[i % len(names)], posts,
                today + datetime.timedelta(days=args.new - 1), prefix))
        changes.report("title edit of the newest episode", warm_after=5)
    finally:
        if serve:
            serve.terminate()
            serve.wait()
        shutil.rmtree(work, ignore_errors=True)


main()
