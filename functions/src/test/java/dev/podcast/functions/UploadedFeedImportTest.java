package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.Storage;
import com.google.gson.JsonObject;
import dev.podcast.adapter.gcs.FakeGcsServer;
import dev.podcast.adapter.gcs.GcsObjectStores;
import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.cli.LocalSites;
import dev.podcast.cli.PodcastCli;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.Result;
import dev.podcast.publish.SourceObjects;
import dev.podcast.site.ContentTypes;
import dev.podcast.testing.ForwardingObjectStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import of a show's old feed in the cloud: the feed uploaded to {@code import/} in the
 * source bucket, imported by the upload function into the bucket and the records, the show
 * published once, and a report beside the feed. The same import as {@code podcast import}'s:
 * the bucket ends with the files the command writes into a folder, and the site bucket with
 * what {@code podcast build} then writes. The feed is {@code feeds/libsyn-style/feed.xml}, made
 * by Python for the test site's episodes, as Libsyn serves them.
 */
class UploadedFeedImportTest {

  private static final Path SITE = Path.of("../shared/src/test/resources/site");
  private static final Path FEED = Path.of("src/test/resources/feeds/libsyn-style/feed.xml");
  private static final String OBJECT = "import/libsyn.xml";
  private static final String REPORT = SourceObjects.importReport(OBJECT);
  private static final String MARK = "podcast-import";
  private static final FunctionsConfig CONFIG =
      new FunctionsConfig("show-source", "show-site", "default");
  private static final String FINALIZED = "google.cloud.storage.object.v1.finalized";

  /** The function as the framework makes it: by class, with a no-arg constructor. */
  public static final class Wired extends UploadFunction {
    /** The publisher the next instance runs; set by the test before the server starts. */
    static volatile Publisher next;

    public Wired() {
      super(Objects.requireNonNull(next, "set Wired.next before starting the server"), CONFIG);
    }
  }

  // ---- Through the Functions Framework, on the Cloud Storage client, against the command line ----

  @Test
  void anOldFeedUploadedToTheSourceBucketIsImportedAsTheCommandLineImportsIt(@TempDir Path tmp)
      throws Exception {
    // The command line: import into a copy of the show, then build it.
    Path folder = LocalSites.copy(SITE, tmp.resolve("show"));
    StringWriter printed = new StringWriter();
    int imported = PodcastCli.execute(new PrintWriter(printed, true),
        new PrintWriter(printed, true), "import", FEED.toString(), "--source", folder.toString(),
        "--create-missing");
    assertTrue(imported == 0 || imported == 1, "import failed:\n" + printed);
    Path out = tmp.resolve("out");
    int built = PodcastCli.execute(new PrintWriter(printed, true), new PrintWriter(printed, true),
        "build", "--source", folder.toString(), "--out", out.toString());
    assertTrue(built == 0 || built == 1, "build failed:\n" + printed);

    // The cloud: the show uploaded file by file, then the feed, each event sent to the function.
    try (FakeGcsServer fake = FakeGcsServer.start()) {
      Storage storage = FunctionsParityTest.client(fake.host());
      fake.pageSize(1000);
      ObjectStore source = GcsObjectStores.forBucket(storage, CONFIG.sourceBucket());
      ObjectStore site = GcsObjectStores.forBucket(storage, CONFIG.siteBucket());
      Wired.next = new Publisher(source, site, new InMemoryEpisodeStore(), Clock.systemUTC());
      FunctionServer server;
      try {
        server = FunctionServer.cloudEvents(Wired.class);
      } finally {
        Wired.next = null;
      }
      HttpClient http = HttpClient.newHttpClient();
      try {
        for (String object : FunctionsParityTest.uploadOrder(SITE)) {
          byte[] content = Files.readAllBytes(SITE.resolve(object));
          long generation = source.put(new ObjectStore.Write(object, content,
              ContentTypes.of(object), ""));
          assertEquals(2, send(http, server, object, generation, content.length,
              Map.of()) / 100, object);
          fake.clearRequests();
        }
        byte[] feed = Files.readAllBytes(FEED);
        Map<String, String> options = Map.of("create-missing", "true");
        long generation = source.put(new ObjectStore.Write(OBJECT, feed, "application/rss+xml",
            "", options));
        assertEquals(2, send(http, server, OBJECT, generation, feed.length, options) / 100);
        // The events of what the import wrote, with the metadata Cloud Storage sends: done.
        int marked = 0;
        for (String object : source.list("")) {
          ObjectStore.ObjectInfo info = source.stat(object).orElseThrow();
          if (info.metadata().containsKey(MARK) && !object.equals(REPORT)) {
            marked++;
            assertEquals(2, send(http, server, object, info.generation(), info.size(),
                info.metadata()) / 100, object);
          }
        }
        assertTrue(marked >= 3, marked + " objects written by the import");
        fake.clearRequests();

        // The bucket holds what the command wrote into the folder, byte for byte.
        for (String object : FunctionsParityTest.uploadOrder(folder)) {
          if (object.startsWith(SourceObjects.CONTENT)
              || object.equals("podcast.toml") || object.equals("config.toml")) {
            assertArrayEquals(Files.readAllBytes(folder.resolve(object)),
                source.get(object).map(ObjectStore.StoredObject::content).orElse(null), object);
          }
        }
        List<String> onlyInTheBucket = source.list(SourceObjects.CONTENT).stream()
            .filter(o -> !Files.exists(folder.resolve(o))).toList();
        assertEquals(List.of(), onlyInTheBucket, "objects the command did not write");
        // The site bucket is what build then writes.
        Map<String, byte[]> published = new TreeMap<>();
        for (String name : site.list("")) {
          published.put(name, site.get(name).orElseThrow().content());
        }
        FunctionsParityTest.assertSame(folder, LocalSites.files(out), published,
            printed.toString());
        String feedXml = new String(published.get("feed.xml"), StandardCharsets.UTF_8);
        for (String guid : List.of("5821094", "4410023", "gcp-101-2017")) { // the 3 latest
          assertTrue(feedXml.contains("<guid isPermaLink=\"false\">" + guid + "</guid>"), guid);
        }
        String report = text(source, REPORT);
        assertTrue(report.startsWith("Import of " + OBJECT + " (generation " + generation
            + ")"), report);
        assertTrue(report.contains("created   content/post/"), report);
        assertTrue(report.contains("published: "), report);
      } finally {
        server.stop();
        storage.close();
      }
    }
  }

  // ---- The engine under the platform's deliveries, on in-memory buckets ----

  /** The source bucket, the site and the records of one test, the show published. */
  private static final class Show {
    final WatchedStore source = new WatchedStore(new InMemoryObjectStore());
    final WatchedStore site = new WatchedStore(new InMemoryObjectStore());
    final InMemoryEpisodeStore store = new InMemoryEpisodeStore();
    final Publisher publisher = new Publisher(source, site, store, Clock.systemUTC());

    Show() throws IOException {
      for (String object : FunctionsParityTest.uploadOrder(SITE)) {
        Result r = publisher.finalized(object, source.put(new ObjectStore.Write(object,
            Files.readAllBytes(SITE.resolve(object)), ContentTypes.of(object), "")));
        assertFalse(r.outcome() == Result.Action.IMPORTED, object);
      }
    }

    long upload(String object, byte[] content, Map<String, String> metadata) {
      return source.put(new ObjectStore.Write(object, content, "application/rss+xml", "",
          metadata));
    }

    long uploadFeed(Map<String, String> metadata) throws IOException {
      return upload(OBJECT, Files.readAllBytes(FEED), metadata);
    }

    int feedWrites() {
      return site.writes.getOrDefault("feed.xml", 0);
    }
  }

  @Test
  void eventsOfWhatTheImportWritesAreLeftToItAndTheShowIsRenderedOnce() throws Exception {
    Show show = new Show();
    List<Result> during = new ArrayList<>();
    // Each write's event delivered at once, while the import runs, as another instance would.
    show.source.afterPut = (write, generation) -> {
      if (write.metadata().containsKey(MARK)) {
        during.add(show.publisher.finalized(write.name(), generation, write.metadata()));
      }
    };
    int before = show.feedWrites();
    long generation = show.uploadFeed(Map.of("create-missing", "true"));
    Result imported = show.publisher.finalized(OBJECT, generation, Map.of());
    assertEquals(Result.Action.IMPORTED, imported.outcome(), imported.problems().toString());
    assertTrue(during.size() >= 4, during.toString()); // guids, a created file, podcast.toml
    for (Result r : during) {
      if (!r.object().equals(REPORT)) {
        assertEquals(Result.Action.IMPORTED, r.outcome(), r.toString());
      }
    }
    assertEquals(before + 1, show.feedWrites(), "the main feed, written once by the import");
    // After it, the same events (delivered again, or late) are duplicates: nothing is rendered.
    show.source.afterPut = (write, g) -> { };
    for (String object : show.source.list(SourceObjects.CONTENT)) {
      ObjectStore.ObjectInfo info = show.source.stat(object).orElseThrow();
      if (info.metadata().containsKey(MARK)) {
        Result again = show.publisher.finalized(object, info.generation(), info.metadata());
        assertEquals(Result.Action.DUPLICATE, again.outcome(), object);
      }
    }
    assertEquals(Result.Action.DUPLICATE,
        show.publisher.finalized(OBJECT, generation, Map.of()).outcome());
    assertEquals(before + 1, show.feedWrites());
    // Deleting the feed undoes nothing.
    show.source.delete(OBJECT);
    assertEquals(Result.Action.IGNORED, show.publisher.deleted(OBJECT, generation).outcome());
    assertTrue(text(show.site, "feed.xml").contains(">5821094</guid>"));
  }

  @Test
  void anImportThatFailsHalfwayIsRunAgainAndMakesNoSecondFile() throws Exception {
    Show show = new Show();
    AtomicInteger marked = new AtomicInteger();
    show.source.beforePut = write -> {
      if (write.metadata().containsKey(MARK) && marked.incrementAndGet() == 3) {
        throw new ObjectStore.StoreUnavailableException("503 (simulated)", null);
      }
    };
    long generation = show.uploadFeed(Map.of("create-missing", "true"));
    assertThrows(ObjectStore.StoreUnavailableException.class,
        () -> show.publisher.finalized(OBJECT, generation, Map.of()));
    List<String> halfway = show.source.list(SourceObjects.CONTENT);
    // The platform delivers the event again.
    Result again = show.publisher.finalized(OBJECT, generation, Map.of());
    assertEquals(Result.Action.IMPORTED, again.outcome(), again.problems().toString());
    Show once = new Show();
    once.publisher.finalized(OBJECT, once.uploadFeed(Map.of("create-missing", "true")),
        Map.of());
    assertEquals(once.source.list(SourceObjects.CONTENT),
        show.source.list(SourceObjects.CONTENT), "the files of an import that never failed");
    assertTrue(show.source.list(SourceObjects.CONTENT).containsAll(halfway));
    assertEquals(text(once.site, "feed.xml"), text(show.site, "feed.xml"));
  }

  @Test
  void aDryRunWritesOnlyItsReport() throws Exception {
    Show show = new Show();
    Map<String, Long> generations = generations(show.source);
    String feed = text(show.site, "feed.xml");
    long generation = show.uploadFeed(Map.of("dry-run", "true", "create-missing", "true"));
    Result result = show.publisher.finalized(OBJECT, generation, Map.of());
    assertEquals(Result.Action.IMPORTED, result.outcome());
    Map<String, Long> after = generations(show.source);
    after.remove(OBJECT);
    String report = text(show.source, REPORT);
    after.remove(REPORT);
    assertEquals(generations, after, "objects the dry run wrote");
    assertEquals(feed, text(show.site, "feed.xml"));
    assertTrue(report.startsWith("Dry run of the import of " + OBJECT), report);
    assertTrue(report.contains("would be written"), report);
  }

  @Test
  void aFeedThatCannotBeImportedIsReportedWithItsLineAndChangesNothing() throws Exception {
    Show show = new Show();
    Map<String, Long> generations = generations(show.source);
    String cut = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel>\n<item>\n"
        + "<title>Cut off</title>\n</channel>\n";
    String bad = "import/cut.xml";
    Result result = show.publisher.finalized(bad, show.upload(bad,
        cut.getBytes(StandardCharsets.UTF_8), Map.of()), Map.of());
    assertEquals(Result.Action.REJECTED, result.outcome());
    String report = text(show.source, SourceObjects.importReport(bad));
    assertTrue(report.contains(bad + ":6:"), report);
    assertTrue(report.contains("not imported: nothing was written"), report);
    // Options the import does not know how to take.
    for (Map<String, String> options : List.of(Map.of("create-missing", "yes please"),
        Map.of("section", "content/../static"), Map.of("section", "static/post"))) {
      Result refused = show.publisher.finalized(OBJECT, show.uploadFeed(options), Map.of());
      assertEquals(Result.Action.REJECTED, refused.outcome(), options.toString());
      String why = text(show.source, REPORT);
      assertTrue(why.contains(OBJECT + ":0:") && why.contains("metadata "), why);
    }
    Map<String, Long> after = generations(show.source);
    after.keySet().removeIf(o -> o.startsWith(SourceObjects.IMPORTS));
    assertEquals(generations, after);
  }

  @Test
  void aMarkCopiedOntoAnotherUploadDoesNotKeepItFromBeingPublished() throws Exception {
    Show show = new Show();
    long generation = show.uploadFeed(Map.of());
    show.publisher.finalized(OBJECT, generation, Map.of());
    String object = "content/post/episode-1000/index.md";
    Map<String, String> copied = Map.of(MARK, OBJECT + "#" + generation);
    String episode = "+++\ntitle = \"A later episode\"\ndate = \"2023-01-04T10:00:00Z\"\n"
        + "audioFile = \"https://cdn.example.com/1000.mp3\"\naudioSize = 10\n"
        + "audioDuration = \"00:01:00\"\ndescription = \"d\"\n+++\nNotes.\n";
    Result result = show.publisher.finalized(object, show.upload(object,
        episode.getBytes(StandardCharsets.UTF_8), copied), copied);
    assertEquals(Result.Action.PUBLISHED, result.outcome(), result.problems().toString());
    assertTrue(text(show.site, "feed.xml").contains("A later episode"));
  }

  // ---- Helpers ----

  private static int send(HttpClient http, FunctionServer server, String object,
      long generation, long size, Map<String, String> metadata) throws Exception {
    String now = Instant.now().toString();
    JsonObject data = StorageEvents.data(CONFIG.sourceBucket(), object, generation,
        ContentTypes.of(object), size, now);
    if (!metadata.isEmpty()) {
      JsonObject m = new JsonObject();
      metadata.forEach(m::addProperty);
      data.add("metadata", m);
    }
    return http.send(StorageEvents.request(server.uri(), FINALIZED, CONFIG.sourceBucket(),
        object, data, now), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static String text(ObjectStore store, String object) {
    return new String(store.get(object).orElseThrow(() -> new AssertionError("no " + object))
        .content(), StandardCharsets.UTF_8);
  }

  private static Map<String, Long> generations(ObjectStore store) {
    Map<String, Long> out = new TreeMap<>();
    for (String object : store.list("")) {
      out.put(object, store.generation(object).orElseThrow());
    }
    return out;
  }

  /** A bucket whose writes a test can watch, fail or follow with an event. */
  private static final class WatchedStore extends ForwardingObjectStore {
    final Map<String, Integer> writes = new java.util.concurrent.ConcurrentHashMap<>();
    volatile java.util.function.Consumer<Write> beforePut = write -> { };
    volatile BiConsumer<Write, Long> afterPut = (write, generation) -> { };

    WatchedStore(ObjectStore delegate) {
      super(delegate);
    }

    private long written(Write write, long generation) {
      writes.merge(write.name(), 1, Integer::sum);
      afterPut.accept(write, generation);
      return generation;
    }

    @Override
    public long put(Write write, long ifGenerationMatch) {
      beforePut.accept(write);
      return written(write, delegate.put(write, ifGenerationMatch));
    }

    @Override
    public long put(Write write) {
      beforePut.accept(write);
      return written(write, delegate.put(write));
    }
  }
}
