package dev.podcast.bench;

import dev.podcast.adapter.local.FolderObjectStore;
import dev.podcast.adapter.firestore.FirestoreEpisodeStores;
import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Publish latency of one changed episode in the whole corpus, in process: the source and site
 * folders as {@code podcast serve} has them, records in memory. Prints each event's time and the
 * median and 95th percentile of the changes after the first ten. Run with
 * {@code mvn -B -pl shared -Pbench test-compile exec:exec -Dbench.main=dev.podcast.bench.PublishLatency -Dbench.args=40},
 * or {@code -Dbench.args="40 127.0.0.1:PORT"} for records in the Firestore emulator.
 */
public final class PublishLatency {

  private PublishLatency() {}

  public static void main(String[] args) throws IOException {
    int changes = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    Path corpus = Corpus.load().root();
    Path work = Files.createTempDirectory("podcast-latency-");
    Path sourceDir = work.resolve("source");
    copy(corpus, sourceDir);
    ObjectStore source = new FolderObjectStore(sourceDir);
    ObjectStore site = new FolderObjectStore(work.resolve("site"));
    // Records in memory, or in the Firestore emulator at HOST:PORT (the second argument).
    EpisodeStore records = args.length > 1
        ? FirestoreEpisodeStores.forEmulator(args[1], "latency-" + System.nanoTime())
        : new InMemoryEpisodeStore();
    System.out.println("records: " + (args.length > 1 ? "Firestore emulator " + args[1]
        : "in memory"));
    Publisher publisher = new Publisher(source, site, records, Clock.systemUTC());
    long start = System.nanoTime();
    publisher.publishAll();
    System.out.printf("publishAll: %.0f ms%n", (System.nanoTime() - start) / 1e6);
    String object = "content/post/episode-101-iot-core/index.md";
    String text = new String(source.get(object).orElseThrow().content(), StandardCharsets.UTF_8);
    double[] times = new double[changes];
    for (int i = 0; i < changes; i++) {
      String changed = text.replaceFirst("title = \"", "title = \"Change " + i + ": ");
      long t0 = System.nanoTime();
      long generation = source.put(new ObjectStore.Write(object,
          changed.getBytes(StandardCharsets.UTF_8), "text/markdown", ""));
      Result result = publisher.finalized(object, generation);
      times[i] = (System.nanoTime() - t0) / 1e6;
      System.out.printf("change %2d: %6.1f ms %s%n", i, times[i], result.outcome());
    }
    java.util.Map<String, Long> before = new java.util.HashMap<>();
    for (String name : site.list("")) {
      before.put(name, site.generation(name).orElse(0L));
    }
    String last = text.replaceFirst("title = \"", "title = \"Last change: ");
    publisher.finalized(object, source.put(new ObjectStore.Write(object,
        last.getBytes(StandardCharsets.UTF_8), "text/markdown", "")));
    java.util.List<String> written = new java.util.ArrayList<>();
    for (String name : site.list("")) {
      if (!site.generation(name).orElse(0L).equals(before.get(name))) {
        written.add(name);
      }
    }
    System.out.printf("files written by one change: %d %s%n", written.size(), written);
    double[] warm = Arrays.copyOfRange(times, Math.min(10, changes / 2), changes);
    Arrays.sort(warm);
    System.out.printf("warm changes %d: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", warm.length,
        warm[warm.length / 2], warm[(int) Math.ceil(warm.length * 0.95) - 1],
        warm[warm.length - 1]);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
