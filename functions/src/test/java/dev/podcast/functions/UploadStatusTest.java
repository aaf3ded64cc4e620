package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.Storage;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.podcast.adapter.gcs.FakeGcsServer;
import dev.podcast.adapter.gcs.GcsObjectStores;
import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.SourceObjects;
import dev.podcast.site.ContentTypes;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The podcaster hears what became of each upload: through the Functions Framework, on the Cloud
 * Storage client against the loopback JSON-API server, a published, a scheduled and a rejected
 * upload each leave their status beside them in the source bucket
 * ({@code .podcast/status/<object>.json} and {@code .txt}) and a line on the status page, with
 * every text escaped.
 */
class UploadStatusTest {

  private static final Path SITE = Path.of("../shared/src/test/resources/site");
  private static final FunctionsConfig CONFIG =
      new FunctionsConfig("show-source", "show-site", "default");
  private static final String FINALIZED = "google.cloud.storage.object.v1.finalized";
  private static final String STATUS = SourceObjects.STATUS;

  /** The function as the framework makes it: by class, with a no-arg constructor. */
  public static final class Wired extends UploadFunction {
    static volatile Publisher next;

    public Wired() {
      super(Objects.requireNonNull(next, "set Wired.next before starting the server"), CONFIG);
    }
  }

  private static String episode(String title, String date, String extra) {
    return "+++\ntitle = \"" + title + "\"\ndate = \"" + date + "\"\n" + extra
        + "audioFile = \"e.mp3\"\naudioSize = 10\naudioDuration = \"00:01:00\"\n"
        + "description = \"d\"\n+++\nNotes.\n";
  }

  @Test
  void aPublishedAScheduledAndARejectedUploadEachLeaveTheirStatus() throws Exception {
    try (FakeGcsServer fake = FakeGcsServer.start()) {
      Storage storage = FunctionsParityTest.client(fake.host());
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
        upload(http, server, source, "config.toml",
            Files.readString(SITE.resolve("config.toml")));
        String published = "content/post/live/index.md";
        upload(http, server, source, published, episode("Live <script>alert(1)</script> & co",
            "2024-05-01T10:00:00Z", ""));
        String scheduled = "content/post/later/index.md";
        upload(http, server, source, scheduled, episode("Later", "2024-05-02T10:00:00Z",
            "publishDate = \"2099-01-01T08:00:00Z\"\n"));
        String rejected = "content/post/broken/index.md";
        long rejectedGeneration = upload(http, server, source, rejected, "+++\ntitle = \"Broken <b>\"\ndate = \"soon\"\n"
            + "audioFile = \"e.mp3\"\n+++\nNotes.\n");

        JsonObject live = json(source, published);
        assertEquals("published", live.get("state").getAsString());
        assertEquals("Live <script>alert(1)</script> & co", live.get("title").getAsString());
        assertEquals("https://www.gcppodcast.com/post/live/", live.get("url").getAsString());
        assertTrue(text(source, STATUS + published + ".txt").contains(
            "PUBLISHED: live at https://www.gcppodcast.com/post/live/"));

        JsonObject later = json(source, scheduled);
        assertEquals("scheduled", later.get("state").getAsString());
        assertEquals("2099-01-01T08:00:00Z", later.get("publishDate").getAsString());
        assertTrue(text(source, STATUS + scheduled + ".txt").contains(
            "SCHEDULED: goes live at 2099-01-01T08:00:00Z"));

        JsonObject broken = json(source, rejected);
        assertEquals("rejected", broken.get("state").getAsString());
        JsonObject problem = broken.getAsJsonArray("problems").get(0).getAsJsonObject();
        assertEquals(rejected, problem.get("file").getAsString());
        assertEquals(3, problem.get("line").getAsInt());
        assertEquals("bad-date", problem.get("code").getAsString());
        String brokenText = text(source, STATUS + rejected + ".txt");
        assertTrue(brokenText.contains("REJECTED: not published"), brokenText);
        assertTrue(brokenText.contains(rejected + ":3:"), brokenText);

        Document page = Jsoup.parse(text(source, STATUS + "index.html"));
        assertTrue(page.select("script").isEmpty(), "a title stays text");
        assertTrue(page.text().contains("Live <script>alert(1)</script> & co"), page.text());
        assertEquals("https://www.gcppodcast.com/post/live/",
            page.select("a:contains(Live)").attr("href"));
        assertTrue(page.select("tr:contains(Later)").text().contains("scheduled"));
        assertTrue(page.select("tr:contains(" + rejected + ")").text().contains("[bad-date]"),
            page.select("table").first().text());
        assertFalse(site.list("").stream().anyMatch(o -> o.contains("status")),
            "nothing of it on the public site");

        // A status lost after the work was done is written again, from the ledger, when the
        // event is delivered again.
        String lost = text(source, STATUS + rejected + ".json");
        source.delete(STATUS + rejected + ".json");
        deliver(http, server, rejected, rejectedGeneration, 1);
        JsonObject again = json(source, rejected);
        assertEquals("rejected", again.get("state").getAsString());
        assertEquals(broken.get("problems"), again.get("problems"), lost);

        // A status object's own event is ignored: it writes no status of a status.
        int before = source.list(STATUS).size();
        upload(http, server, source, STATUS + "x.txt", "hello");
        assertEquals(before + 1, source.list(STATUS).size());
      } finally {
        server.stop();
        storage.close();
      }
    }
  }

  private static long upload(HttpClient http, FunctionServer server, ObjectStore source,
      String object, String text) throws Exception {
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    long generation = source.put(new ObjectStore.Write(object, content, ContentTypes.of(object),
        ""));
    deliver(http, server, object, generation, content.length);
    return generation;
  }

  private static void deliver(HttpClient http, FunctionServer server, String object,
      long generation, long size) throws Exception {
    String now = Instant.now().toString();
    JsonObject data = StorageEvents.data(CONFIG.sourceBucket(), object, generation,
        ContentTypes.of(object), size, now);
    int status = http.send(StorageEvents.request(server.uri(), FINALIZED, CONFIG.sourceBucket(),
        object, data, now), HttpResponse.BodyHandlers.ofString()).statusCode();
    assertEquals(2, status / 100, object + " answered " + status);
  }

  private static JsonObject json(ObjectStore source, String object) {
    return JsonParser.parseString(text(source, STATUS + object + ".json")).getAsJsonObject();
  }

  private static String text(ObjectStore store, String object) {
    return new String(store.get(object).orElseThrow(() -> new AssertionError("no " + object))
        .content(), StandardCharsets.UTF_8);
  }
}
