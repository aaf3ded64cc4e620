package dev.podcast.bench;

import dev.podcast.adapter.firestore.FirestoreEpisodeStores;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;

/**
 * What one upload costs a cold instance (a new {@link Publisher} on records it never read) at
 * a catalogue of N episodes in the Firestore emulator: its time and the documents it reads and
 * writes, beside what reading every record (what a cold instance did before the catalogue)
 * and reading the catalogue cost; then a configuration change, which re-renders everything in
 * one event. The show is synthesised from the corpus as
 * {@code functions/bench/serve-scale.py} does (episode i is corpus episode i mod its size, with
 * its own folder, number, title and a date one day after the previous). Run with
 * {@code mvn -B -pl shared -Pbench test-compile exec:exec -Dbench.main=dev.podcast.bench.ColdUpload -Dbench.args="10000 127.0.0.1:PORT"}.
 */
public final class ColdUpload {

  private ColdUpload() {}

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    Corpus corpus = Corpus.load();
    InMemoryObjectStore source = new InMemoryObjectStore();
    source.put(new ObjectStore.Write("config.toml",
        Files.readAllBytes(corpus.root().resolve("config.toml")), "application/toml", ""));
    for (int i = 0; i < n; i++) {
      put(source, corpus, i);
    }
    InMemoryObjectStore site = new InMemoryObjectStore();
    EpisodeStore store = FirestoreEpisodeStores.forEmulator(args[1], "cold-" + System.nanoTime());
    Publisher warm = new Publisher(source, site, store, Clock.systemUTC());
    long t0 = System.nanoTime();
    Publisher.Rebuilt all = warm.publishAll();
    System.out.printf("%d episodes published from empty: %.1f s, %d results; %s%n", n,
        (System.nanoTime() - t0) / 1e9, all.results().size(), usage(store));

    EpisodeStore.Usage before = store.usage().orElseThrow();
    t0 = System.nanoTime();
    int records = store.episodes().size();
    System.out.printf("every record (a cold instance before the catalogue): %d records, %d reads,"
        + " %.0f ms%n", records, store.usage().orElseThrow().reads() - before.reads(),
        (System.nanoTime() - t0) / 1e6);
    before = store.usage().orElseThrow();
    t0 = System.nanoTime();
    int outlines = store.outlines().size();
    System.out.printf("the catalogue: %d outlines, %d reads, %.0f ms%n", outlines,
        store.usage().orElseThrow().reads() - before.reads(), (System.nanoTime() - t0) / 1e6);

    for (int k = 0; k < 3; k++) {
      Publisher cold = new Publisher(source, site, store, Clock.systemUTC());
      for (String temperature : new String[] {"cold", "warm"}) {
        int i = n + 2 * k + (temperature.equals("warm") ? 1 : 0);
        long generation = put(source, corpus, i);
        before = store.usage().orElseThrow();
        t0 = System.nanoTime();
        Result result = cold.finalized(object(corpus, i), generation);
        double ms = (System.nanoTime() - t0) / 1e6;
        EpisodeStore.Usage after = store.usage().orElseThrow();
        System.out.printf("new episode %d on a %s instance: %s, %.0f ms, %d reads, %d writes%n",
            i + 1, temperature, result.outcome(), ms, after.reads() - before.reads(),
            after.writes() - before.writes());
      }
    }

    // A configuration change (the show's title) re-renders everything, in one event.
    String config = new String(source.get("config.toml").orElseThrow().content(),
        StandardCharsets.UTF_8).replaceFirst("(?m)^title = \"", "title = \"The ");
    long generation = source.put(new ObjectStore.Write("config.toml",
        config.getBytes(StandardCharsets.UTF_8), "application/toml", ""));
    before = store.usage().orElseThrow();
    t0 = System.nanoTime();
    Result changed = new Publisher(source, site, store, Clock.systemUTC())
        .finalized("config.toml", generation);
    EpisodeStore.Usage after = store.usage().orElseThrow();
    System.out.printf("configuration change on a cold instance: %s, %.1f s, %d reads, %d writes%n",
        changed.outcome(), (System.nanoTime() - t0) / 1e9, after.reads() - before.reads(),
        after.writes() - before.writes());
  }

  private static String usage(EpisodeStore store) {
    EpisodeStore.Usage u = store.usage().orElseThrow();
    return u.reads() + " reads, " + u.writes() + " writes";
  }

  private static String object(Corpus corpus, int i) {
    String path = corpus.paths()[i % corpus.size()];
    String name = path.substring("content/post/".length(), path.length() - "/index.md".length());
    return String.format("content/post/s%05d-%s/index.md", i, name);
  }

  /** Episode {@code i}: its corpus file with a folder, number, title prefix and date of its own. */
  private static long put(InMemoryObjectStore source, Corpus corpus, int i) {
    // Latin-1 keeps every byte (the corpus has a file of broken encoding) through the edits.
    String text = new String(corpus.bytes()[i % corpus.size()], StandardCharsets.ISO_8859_1);
    LocalDate day = LocalDate.of(1990, 1, 1).plusDays(i);
    text = text.replaceFirst("(?m)^date = \".*\"$", "date = \"" + day + "T12:00:00Z\"")
        .replaceFirst("(?m)^episodeNumber = \\d+$", "episodeNumber = " + (i + 1))
        .replaceFirst("(?m)^title = \"", "title = \"" + (i + 1) + ": ");
    return source.put(new ObjectStore.Write(object(corpus, i),
        text.getBytes(StandardCharsets.ISO_8859_1), "text/markdown", ""));
  }
}
