package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link UploadFunction} served by the Functions Framework over HTTP, receiving CloudEvents in
 * binary mode with the headers Eventarc sends, on in-memory adapters.
 */
class UploadFunctionTest {

  private static final Path SITE = Path.of("../shared/src/test/resources/site");
  private static final String EP101 = "content/post/episode-101-iot-core/index.md";
  private static final FunctionsConfig CONFIG =
      new FunctionsConfig("show-source", "show-site", "default");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"),
      ZoneOffset.UTC);

  /** The function as the framework makes it: by class, with a no-arg constructor. */
  public static final class Wired extends UploadFunction {
    /** The publisher the next instance runs; set by the test before the server starts. */
    static volatile Publisher next;

    public Wired() {
      super(Objects.requireNonNull(next, "set Wired.next before starting the server"), CONFIG);
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final InMemoryObjectStore sourceBucket = new InMemoryObjectStore();
  private final FailingObjectStore source = new FailingObjectStore(sourceBucket);
  private final InMemoryObjectStore site = new InMemoryObjectStore();
  private final InMemoryEpisodeStore store = new InMemoryEpisodeStore();
  private FunctionServer server;

  @BeforeEach
  void start() throws Exception {
    upload("config.toml", Files.readString(SITE.resolve("config.toml")));
    Wired.next = new Publisher(source, site, store, CLOCK);
    try {
      server = FunctionServer.cloudEvents(Wired.class);
    } finally {
      Wired.next = null;
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private long upload(String name, String text) {
    return sourceBucket.put(new ObjectStore.Write(name, text.getBytes(StandardCharsets.UTF_8),
        "text/markdown", ""));
  }

  private static String episode101() throws Exception {
    return Files.readString(SITE.resolve("content/post/episode-101-iot-core/index.md"));
  }

  /** POSTs a Cloud Storage CloudEvent in binary mode, as Eventarc does; returns the status. */
  private int send(String type, String bucket, String object, long generation) throws Exception {
    JsonObject data = StorageEvents.data(bucket, object, generation, "text/markdown", 2048,
        "2026-11-25T11:59:59.123Z");
    data.addProperty("md5Hash", "Kr0K4JjwIK6Jti0BdqkxXQ==");
    data.addProperty("aFieldFromTheFuture", "ignored"); // unknown fields are ignored
    return http.send(StorageEvents.request(server.uri(), type, bucket, object, data,
        "2026-11-25T12:00:00.000Z"), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private int finalized(String object, long generation) throws Exception {
    return send("google.cloud.storage.object.v1.finalized", CONFIG.sourceBucket(), object,
        generation);
  }

  private String feed() {
    return new String(site.get("feed.xml").orElseThrow().content(), StandardCharsets.UTF_8);
  }

  private static void assertAcknowledged(int status) {
    assertTrue(status >= 200 && status < 300, "expected 2xx, got " + status);
  }

  @Test
  void aFinalizedEpisodeIsPublished() throws Exception {
    long generation = upload(EP101, episode101());
    assertAcknowledged(finalized(EP101, generation));
    assertTrue(feed().contains("Cloud IoT Core"), feed());
    assertTrue(site.get("post/episode-101-iot-core/index.html").isPresent());
    assertEquals(EpisodeStore.Outcome.PUBLISHED, store.source(EP101).orElseThrow().outcome());
  }

  @Test
  void theSameEventTwiceHasOneEffect() throws Exception {
    long generation = upload(EP101, episode101());
    assertAcknowledged(finalized(EP101, generation));
    long version = store.version();
    long feedGeneration = site.generation("feed.xml").orElseThrow();
    assertAcknowledged(finalized(EP101, generation));
    assertEquals(version, store.version());
    assertEquals(feedGeneration, site.generation("feed.xml").orElseThrow());
    assertEquals(1, store.episodes().size());
  }

  @Test
  void aDeletedEpisodeIsUnpublished() throws Exception {
    long generation = upload(EP101, episode101());
    assertAcknowledged(finalized(EP101, generation));
    sourceBucket.delete(EP101);
    assertAcknowledged(send("google.cloud.storage.object.v1.deleted", CONFIG.sourceBucket(),
        EP101, generation));
    assertFalse(feed().contains("Cloud IoT Core"), feed());
    assertTrue(site.get("post/episode-101-iot-core/index.html").isEmpty());
    assertTrue(store.episodes().isEmpty());
    assertEquals(EpisodeStore.Outcome.DELETED, store.source(EP101).orElseThrow().outcome());
  }

  @Test
  void aFileDeletedFromAVersionedBucketIsUnpublished() throws Exception {
    // Versioning keeps the deleted file as a noncurrent version and sends archived, not deleted.
    long generation = upload(EP101, episode101());
    assertAcknowledged(finalized(EP101, generation));
    sourceBucket.delete(EP101);
    assertAcknowledged(send("google.cloud.storage.object.v1.archived", CONFIG.sourceBucket(),
        EP101, generation));
    assertFalse(feed().contains("Cloud IoT Core"), feed());
    assertTrue(site.get("post/episode-101-iot-core/index.html").isEmpty());
    assertEquals(EpisodeStore.Outcome.DELETED, store.source(EP101).orElseThrow().outcome());
  }

  @Test
  void anOverwriteKeepsTheEpisodeLiveWhicheverEventComesFirst() throws Exception {
    // An overwrite in a versioned bucket sends archived for the old generation and finalized
    // for the new one, in no set order; the episode must not leave the feed in between.
    long first = upload(EP101, episode101());
    assertAcknowledged(finalized(EP101, first));
    long second = upload(EP101, episode101().replace("Cloud IoT Core", "Cloud IoT Core, again"));
    assertAcknowledged(send("google.cloud.storage.object.v1.archived", CONFIG.sourceBucket(),
        EP101, first));
    assertTrue(feed().contains("Cloud IoT Core"), "still live after the archived event");
    assertTrue(site.get("post/episode-101-iot-core/index.html").isPresent());
    assertAcknowledged(finalized(EP101, second));
    assertTrue(feed().contains("Cloud IoT Core, again"), feed());
    assertEquals(second, store.source(EP101).orElseThrow().generation());
  }

  @Test
  void anInvalidFileIsAcknowledgedAndRecorded() throws Exception {
    String object = "content/post/broken/index.md";
    long generation = upload(object, "+++\ntitle = \"Broken\"\ndate = \"soon\"\n+++\n");
    assertAcknowledged(finalized(object, generation));
    EpisodeStore.SourceRecord record = store.source(object).orElseThrow();
    assertEquals(EpisodeStore.Outcome.REJECTED, record.outcome());
    assertTrue(record.problems().get(0).contains("[bad-date]"), record.problems().toString());
    assertTrue(site.list("post/broken").isEmpty());
  }

  @Test
  void anInvalidConfigIsAcknowledgedRecordedAndTheFeedsStay() throws Exception {
    long generation = upload(EP101, episode101());
    assertAcknowledged(finalized(EP101, generation));
    byte[] feed = site.get("feed.xml").orElseThrow().content();
    String valid = Files.readString(SITE.resolve("config.toml"));
    String invalid = valid.replace("category = \"Technology\"", "category = \"Tech News\"");
    assertNotEquals(valid, invalid);
    int line = lineOf(invalid, "category = \"Tech News\"");

    // The invalid configuration: acknowledged (retrying cannot fix it), recorded, site kept.
    assertAcknowledged(finalized("config.toml", upload("config.toml", invalid)));
    EpisodeStore.SourceRecord config = store.source("config.toml").orElseThrow();
    assertEquals(EpisodeStore.Outcome.REJECTED, config.outcome());
    assertTrue(config.problems().stream().anyMatch(p -> p.contains("config.toml:" + line + ":")),
        config.problems().toString());
    assertArrayEquals(feed, site.get("feed.xml").orElseThrow().content());

    // An episode uploaded meanwhile is held: rejected with the configuration's problem.
    String ep37 = "content/post/episode-37-GKE-1-3-with-carter-morgan/index.md";
    long held = upload(ep37, Files.readString(SITE.resolve(ep37)));
    assertAcknowledged(finalized(ep37, held));
    EpisodeStore.SourceRecord episode = store.source(ep37).orElseThrow();
    assertEquals(EpisodeStore.Outcome.REJECTED, episode.outcome());
    assertTrue(episode.problems().stream()
        .anyMatch(p -> p.contains("config.toml:" + line + ":")), episode.problems().toString());
    assertArrayEquals(feed, site.get("feed.xml").orElseThrow().content());
    assertTrue(site.get("post/episode-37-gke-1-3-with-carter-morgan/index.html").isEmpty());

    // The fixed configuration re-publishes everything, the held episode with it.
    assertAcknowledged(finalized("config.toml", upload("config.toml", valid)));
    assertEquals(EpisodeStore.Outcome.PUBLISHED, store.source("config.toml").orElseThrow()
        .outcome());
    assertTrue(feed().contains("Cloud IoT Core"), feed());
    assertTrue(feed().contains("GKE 1.3"), feed());
    assertEquals(EpisodeStore.Outcome.PUBLISHED, store.source(ep37).orElseThrow().outcome());
    assertTrue(site.get("post/episode-37-gke-1-3-with-carter-morgan/index.html").isPresent());
  }

  /** The 1-based line of {@code text} that contains {@code needle}. */
  private static int lineOf(String text, String needle) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line contains " + needle);
  }

  @Test
  void anOutageAnswers500SoThePlatformRetries() throws Exception {
    long generation = upload(EP101, episode101());
    source.down = true;
    assertEquals(500, finalized(EP101, generation));
    assertTrue(store.source(EP101).isEmpty());
    // The platform delivers the event again once the store is back.
    source.down = false;
    assertAcknowledged(finalized(EP101, generation));
    assertTrue(feed().contains("Cloud IoT Core"));
  }

  @Test
  void anEventForAnotherBucketIsIgnored() throws Exception {
    long generation = upload(EP101, episode101());
    assertAcknowledged(send("google.cloud.storage.object.v1.finalized", "show-site", EP101,
        generation));
    assertTrue(store.source(EP101).isEmpty());
    assertTrue(site.list("").isEmpty());
  }

  @Test
  void objectsThatAreNotEpisodesAndOtherEventTypesAreIgnored() throws Exception {
    long generation = upload(EP101, episode101());
    long page = upload("post/episode-101-iot-core/index.html", "<p>written by the functions");
    assertAcknowledged(finalized("post/episode-101-iot-core/index.html", page));
    assertAcknowledged(finalized("content/post/_index.md", upload("content/post/_index.md", "")));
    assertAcknowledged(send("google.cloud.storage.object.v1.metadataUpdated",
        CONFIG.sourceBucket(), EP101, generation));
    assertTrue(store.episodes().isEmpty());
    assertTrue(site.list("").isEmpty());
  }

  @Test
  void anEventWhoseDataIsNotAStorageObjectIsAcknowledged() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.uri())
        .header("ce-id", "1")
        .header("ce-source", "//storage.googleapis.com/projects/_/buckets/show-source")
        .header("ce-specversion", "1.0")
        .header("ce-type", "google.cloud.storage.object.v1.finalized")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"generation\":\"not a number\"}"))
        .build();
    assertAcknowledged(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    assertTrue(site.list("").isEmpty());
  }
}
