package dev.podcast.adapter.firestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.cloud.firestore.Firestore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: what one upload reads from Firestore does not grow with the catalogue. The engine
 * publishes a show of 30, then of 90 episodes, on the emulator; the next upload to a warm
 * instance reads the same few documents at both sizes (its changes, not every record), and a
 * cold instance (a new {@link Publisher} on the same records) reads the catalogue once and then
 * no more.
 */
class FirestorePublishReadsTest {

  private static FirestoreEmulator.Session firestore;
  private static Firestore db;

  @BeforeAll
  static void startEmulator() {
    firestore = FirestoreEmulator.Session.start().orElse(null);
    db = firestore == null ? null : firestore.db();
  }

  @AfterAll
  static void stopEmulator() throws Exception {
    if (firestore != null) {
      firestore.close();
    }
  }

  private record Show(String showId, InMemoryObjectStore source, EpisodeStore store,
      Publisher warm) {}

  @Test
  void aWarmInstanceReadsTheChangeNotTheCatalogue() throws Exception {
    assumeTrue(firestore != null, FirestoreEmulator.MISSING);
    long small = readsOfTheNextUpload(30);
    long large = readsOfTheNextUpload(90);
    assertEquals(small, large, "reads of one upload at 30 and at 90 episodes");
    assertTrue(large <= 50, large + " reads");
  }

  @Test
  void aColdInstanceReadsTheCatalogueNotEveryRecordThenOnlyChanges() throws Exception {
    assumeTrue(firestore != null, FirestoreEmulator.MISSING);
    Show show = show(120);
    Publisher cold = new Publisher(show.source(), new InMemoryObjectStore(CLOCK), show.store(),
        CLOCK);
    long before = reads(show.store());
    publish(cold, show.source(), 1_000);
    long first = reads(show.store()) - before;
    int parts = db.collection("shows").document(show.showId()).collection("catalogue").get()
        .get().size();
    assertTrue(first < 120 && first - parts <= 30, "the first upload reads the " + parts
        + " catalogue documents and the feeds' items, not 120 records: " + first);
    before = reads(show.store());
    publish(cold, show.source(), 1_001);
    long second = reads(show.store()) - before;
    System.out.printf("cold instance, 120 episodes: first upload %d reads (%d catalogue"
        + " documents), second %d%n", first, parts, second);
    assertTrue(second <= 30, "then only what changed: " + second);
  }

  @Test
  void aConfigurationChangeCommitsNoRecordItLeavesAlone() throws Exception {
    assumeTrue(firestore != null, FirestoreEmulator.MISSING);
    EpisodeStore store = FirestoreEpisodeStores.forClient(db, "show-" + UUID.randomUUID());
    InMemoryObjectStore source = new InMemoryObjectStore();
    String config = Files.readString(Path.of("src/test/resources/site/config.toml"));
    source.put(new ObjectStore.Write("config.toml", config.getBytes(StandardCharsets.UTF_8),
        "application/toml", ""));
    for (int i = 0; i < 60; i++) {
      source.put(new ObjectStore.Write("content/post/episode-" + i + "/index.md",
          episode(i).getBytes(StandardCharsets.UTF_8), "text/markdown", ""));
    }
    InMemoryObjectStore site = new InMemoryObjectStore(CLOCK);
    Publisher publisher = new Publisher(source, site, store, CLOCK);
    publisher.publishAll();
    long before = reads(store);
    long generation = source.put(new ObjectStore.Write("config.toml", config.replaceFirst(
        "(?m)^title = \"", "title = \"The ").getBytes(StandardCharsets.UTF_8),
        "application/toml", ""));
    Result result = publisher.finalized("config.toml", generation);
    long rebuild = reads(store) - before;
    System.out.printf("configuration change, 60 episodes: %d reads%n", rebuild);
    // Committing each record again reads its source, its episode and its guid's owner (four
    // reads an episode); what is left is finishing each ledger entry (one).
    assertTrue(rebuild < 2 * 60, result + ": " + rebuild + " reads");
    String feed = new String(site.get("feed.xml").orElseThrow().content(),
        StandardCharsets.UTF_8);
    assertTrue(feed.contains("<title>The Google Cloud Platform Podcast</title>"), "re-rendered");
    assertTrue(feed.contains("Notes of episode 59."), "with the items' notes");
  }

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"),
      ZoneOffset.UTC);

  private long readsOfTheNextUpload(int episodes) throws Exception {
    Show show = show(episodes);
    long before = reads(show.store());
    publish(show.warm(), show.source(), 10_000);
    return reads(show.store()) - before;
  }

  private Show show(int episodes) throws Exception {
    String showId = "show-" + UUID.randomUUID();
    EpisodeStore store = FirestoreEpisodeStores.forClient(db, showId);
    InMemoryObjectStore source = new InMemoryObjectStore();
    source.put(new ObjectStore.Write("config.toml", Files.readAllBytes(
        Path.of("src/test/resources/site/config.toml")), "application/toml", ""));
    Publisher warm = new Publisher(source, new InMemoryObjectStore(CLOCK), store, CLOCK);
    for (int i = 0; i < episodes; i++) {
      publish(warm, source, i);
    }
    return new Show(showId, source, store, warm);
  }

  private static String episode(int n) {
    return "+++\ntitle = \"Episode " + n + "\"\ndate = \""
        + LocalDate.of(2020, 1, 1).plusDays(n % 2_000) + "\"\naudioFile = \"e" + n
        + ".mp3\"\naudioSize = 1000\naudioDuration = \"1:00\"\ndescription = \"d\"\n"
        + "categories = [\"Tech\"]\n+++\nNotes of episode " + n + ".\n";
  }

  private static void publish(Publisher publisher, InMemoryObjectStore source, int n) {
    String object = "content/post/episode-" + n + "/index.md";
    String text = episode(n);
    long generation = source.put(new ObjectStore.Write(object,
        text.getBytes(StandardCharsets.UTF_8), "text/markdown", ""));
    Result result = publisher.finalized(object, generation);
    assertEquals(Result.Action.PUBLISHED, result.outcome(), result.toString());
  }

  private static long reads(EpisodeStore store) {
    return store.usage().orElseThrow().reads();
  }
}
