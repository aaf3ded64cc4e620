package dev.podcast.adapter.firestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.Result;
import dev.podcast.publish.SourceObjects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An old feed imported into a show already published here, its records in Firestore (the
 * emulator): the guid registry, which keeps the guids given before, takes the old feed's in
 * their place (in transactions of a hundred), every record gets its old guid, and a guid another
 * episode owns is not taken from it. A new instance, reading Firestore cold, sees the same.
 */
class FirestoreFeedImportTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"),
      ZoneOffset.UTC);
  private static final int EPISODES = 120;
  private static final String BASE = "https://www.gcppodcast.com/post/";
  private static final String FEED = SourceObjects.IMPORTS + "libsyn.xml";

  private static FirestoreEmulator.Session firestore;

  @BeforeAll
  static void startEmulator() {
    firestore = FirestoreEmulator.Session.start().orElse(null);
  }

  @AfterAll
  static void stopEmulator() throws Exception {
    if (firestore != null) {
      firestore.close();
    }
  }

  @Test
  void theOldFeedsGuidsReplaceTheRegisteredOnes() throws Exception {
    assumeTrue(firestore != null, FirestoreEmulator.MISSING);
    EpisodeStore store = FirestoreEpisodeStores.forClient(firestore.db(),
        "show-" + UUID.randomUUID());
    InMemoryObjectStore source = new InMemoryObjectStore();
    source.put(new ObjectStore.Write("config.toml", Files.readAllBytes(
        Path.of("src/test/resources/site/config.toml")), "application/toml", ""));
    for (int i = 0; i < EPISODES; i++) {
      source.put(new ObjectStore.Write(object(i), episode(i).getBytes(StandardCharsets.UTF_8),
          "text/markdown", ""));
    }
    InMemoryObjectStore site = new InMemoryObjectStore(CLOCK);
    Publisher publisher = new Publisher(source, site, store, CLOCK);
    publisher.publishAll();
    assertEquals(Optional.of(BASE + "episode-5/"), guid(store, object(5)), "Hugo's permalink");

    long reads = store.usage().orElseThrow().reads();
    long generation = source.put(new ObjectStore.Write(FEED, feed().getBytes(
        StandardCharsets.UTF_8), "application/rss+xml", ""));
    long start = System.nanoTime();
    Result result = publisher.finalized(FEED, generation);
    System.out.printf("import of a %d-item feed into a published show on the emulator: %d ms,"
        + " %d Firestore reads%n", EPISODES, (System.nanoTime() - start) / 1_000_000,
        store.usage().orElseThrow().reads() - reads);
    assertEquals(Result.Action.IMPORTED, result.outcome(), result.problems().toString());

    String report = new String(source.get(SourceObjects.importReport(FEED)).orElseThrow()
        .content(), StandardCharsets.UTF_8);
    assertTrue(report.contains("conflict  " + object(5) + ": the old feed's guid '" + BASE
        + "episode-6/' is " + object(6) + "'s here"), report);
    Map<String, String> records = new TreeMap<>();
    for (EpisodeStore.EpisodeRecord r : store.episodes()) {
      records.put(r.sourceObject(), r.entry().guid());
    }
    // A new instance reads the same from Firestore.
    Publisher cold = new Publisher(source, new InMemoryObjectStore(CLOCK), store, CLOCK);
    cold.publishAll();
    for (int i = 0; i < EPISODES; i++) {
      String wanted = i == 5 ? BASE + "episode-5/" : "libsyn-" + i;
      assertEquals(Optional.of(wanted), guid(store, object(i)), object(i));
      assertEquals(wanted, records.get(object(i)), object(i));
    }
    String feed = new String(site.get("feed.xml").orElseThrow().content(),
        StandardCharsets.UTF_8);
    assertTrue(feed.contains("<guid isPermaLink=\"false\">libsyn-" + (EPISODES - 1)
        + "</guid>"), feed);
  }

  private static Optional<String> guid(EpisodeStore store, String object) {
    return store.transaction(tx -> tx.guid(object));
  }

  private static String object(int n) {
    return "content/post/episode-" + n + "/index.md";
  }

  private static LocalDate date(int n) {
    return LocalDate.of(2020, 1, 1).plusDays(n);
  }

  private static String episode(int n) {
    return "+++\ntitle = \"Episode " + n + "\"\ndate = \"" + date(n) + "\"\naudioFile = \"e" + n
        + ".mp3\"\naudioSize = 1000\naudioDuration = \"1:00\"\ndescription = \"d\"\n"
        + "categories = [\"Tech\"]\n+++\nNotes of episode " + n + ".\n";
  }

  /**
   * The show's feed as its old host served it: opaque guids, the audio elsewhere, each item's
   * link the episode's page; episode 5's item has the guid of episode 6's page.
   */
  private static String feed() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<rss version=\"2.0\"><channel><title>Google Cloud Platform Podcast</title>\n"
        + "<link>https://www.gcppodcast.com/</link>\n");
    for (int i = 0; i < EPISODES; i++) {
      String guid = i == 5 ? BASE + "episode-6/" : "libsyn-" + i;
      xml.append("<item><title>Episode ").append(i).append("</title><link>").append(BASE)
          .append("episode-").append(i).append("/</link><guid isPermaLink=\"false\">")
          .append(guid).append("</guid><pubDate>")
          .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(date(i).atStartOfDay()
              .atOffset(ZoneOffset.UTC)))
          .append("</pubDate><enclosure url=\"https://traffic.libsyn.com/show/e").append(i)
          .append(".mp3\" length=\"1000\" type=\"audio/mpeg\"/></item>\n");
    }
    return xml.append("</channel></rss>\n").toString();
  }
}
