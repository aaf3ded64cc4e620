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

  private record Show(InMemoryObjectStore source, EpisodeStore store, Publisher warm) {}

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
    assertTrue(first <= FirestoreEpisodeStore.CATALOGUE_PARTS + 30,
        "the first upload reads the catalogue and the feeds' items, not 120 records: " + first);
    before = reads(show.store());
    publish(cold, show.source(), 1_001);
    long second = reads(show.store()) - before;
    System.out.printf("cold instance, 120 episodes: first upload %d reads, second %d%n", first,
        second);
    assertTrue(second <= 30, "then only what changed: " + second);
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
    EpisodeStore store = FirestoreEpisodeStores.forClient(db, "show-" + UUID.randomUUID());
    InMemoryObjectStore source = new InMemoryObjectStore();
    source.put(new ObjectStore.Write("config.toml", Files.readAllBytes(
        Path.of("src/test/resources/site/config.toml")), "application/toml", ""));
    Publisher warm = new Publisher(source, new InMemoryObjectStore(CLOCK), store, CLOCK);
    for (int i = 0; i < episodes; i++) {
      publish(warm, source, i);
    }
    return new Show(source, store, warm);
  }

  private static void publish(Publisher publisher, InMemoryObjectStore source, int n) {
    String object = "content/post/episode-" + n + "/index.md";
    String text = "+++\ntitle = \"Episode " + n + "\"\ndate = \""
        + LocalDate.of(2020, 1, 1).plusDays(n % 2_000) + "\"\naudioFile = \"e" + n
        + ".mp3\"\naudioSize = 1000\naudioDuration = \"1:00\"\ndescription = \"d\"\n"
        + "categories = [\"Tech\"]\n+++\nNotes of episode " + n + ".\n";
    long generation = source.put(new ObjectStore.Write(object,
        text.getBytes(StandardCharsets.UTF_8), "text/markdown", ""));
    Result result = publisher.finalized(object, generation);
    assertEquals(Result.Action.PUBLISHED, result.outcome(), result.toString());
  }

  private static long reads(EpisodeStore store) {
    return store.usage().orElseThrow().reads();
  }
}
