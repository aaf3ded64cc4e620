package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code podcast serve}: a file written, changed or deleted in the source folder is live. */
class ServeCommandTest {

  private static final Path EXAMPLE = Path.of("../examples/site");
  private static final Path MORE = Path.of(
      "../shared/src/test/resources/corpus/content/post/episode-224-solutions-engineering-with"
          + "-grace-mollison-and-ann-wallace/index.md");

  private final HttpClient http = HttpClient.newHttpClient();

  /** A port in use is told at once, naming it and another to use, before anything is published. */
  @Test
  void aBusyPortIsToldBeforeAnythingIsPublished(@TempDir Path work) throws Exception {
    try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      int port = busy.getLocalPort();
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      long start = System.nanoTime();
      int status = PodcastCli.execute(new java.io.PrintWriter(out, true),
          new java.io.PrintWriter(err, true), Map.of(), "serve", "--source", EXAMPLE.toString(),
          "--out", work.resolve("site").toString(), "--port", Integer.toString(port));
      assertEquals(2, status, out + "\n" + err);
      assertTrue(err.toString().contains("port " + port + " on 127.0.0.1 is in use")
          && err.toString().contains("--port " + (port + 1)), err.toString());
      assertFalse(Files.exists(work.resolve("site/feed.xml")), "nothing published");
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "told at once");
    }
  }

  @Test
  void publishesWhatChangesInTheSourceFolder(@TempDir Path source, @TempDir Path out)
      throws Exception {
    try (RunningServe server = serve(source, out, System.getenv())) {
      String base = server.base();
      assertEquals(4, items(get(base + "/feed.xml").body()));
      assertEquals(200, get(base + "/post/episode-37-gke-1-3-with-carter-morgan/").statusCode());
      // Web players on other origins read the transcripts, as they read the feeds.
      HttpResponse<String> transcript = get(base
          + "/post/episode-37-gke-1-3-with-carter-morgan/transcript.json");
      assertEquals(200, transcript.statusCode());
      assertEquals("*", transcript.headers().firstValue("Access-Control-Allow-Origin")
          .orElse(""));
      assertEquals("*", get(base + "/feed.xml").headers().firstValue(
          "Access-Control-Allow-Origin").orElse(""));

      Path added = source.resolve("content/post/episode-224/index.md");
      Files.createDirectories(added.getParent());
      Files.copy(MORE, added);
      String feed = await(base + "/feed.xml", body -> items(body) == 5);
      assertTrue(feed.contains("<link>https://www.gcppodcast.com/post/episode-224/</link>"));
      assertEquals(200, get(base + "/post/episode-224/").statusCode());

      Files.delete(source.resolve("content/post/episode-37-GKE-1-3-with-carter-morgan/index.md"));
      await(base + "/feed.xml", body -> items(body) == 4);
      // The page goes after the feeds stop listing it.
      awaitStatus(base + "/post/episode-37-gke-1-3-with-carter-morgan/", 404);
      assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(base + "/feed.xml"))
          .DELETE().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
      // The event's log line comes after its work: the page may be gone a moment before it.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!server.log().contains("\"outcome\":\"DELETED\"") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(server.log().contains("\"outcome\":\"DELETED\""), server.log());
    }
  }

  /** The old feed addresses are answered as feeds are: RSS, validators, 304, as in the cloud. */
  @Test
  void theOldFeedAddressesAreAnsweredAsFeeds(@TempDir Path source, @TempDir Path out)
      throws Exception {
    try (RunningServe server = serve(source, out, System.getenv())) {
      HttpResponse<String> old = get(server.base() + "/index.xml");
      assertEquals(200, old.statusCode());
      assertEquals("application/rss+xml; charset=utf-8",
          old.headers().firstValue("Content-Type").orElse(""));
      assertEquals(get(server.base() + "/feed.xml").body(), old.body());
      String etag = old.headers().firstValue("ETag").orElseThrow();
      assertEquals(304, http.send(HttpRequest.newBuilder(URI.create(server.base()
          + "/index.xml")).header("If-None-Match", etag).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode());
    }
  }

  @Test
  void anOldFeedDroppedIntoImportIsImportedAndTheSiteKeepsItsGuids(@TempDir Path source,
      @TempDir Path out) throws Exception {
    try (RunningServe server = serve(source, out, System.getenv())) {
      String base = server.base();
      assertTrue(get(base + "/feed.xml").body().contains("<guid isPermaLink=\"true\">"));
      Path feed = source.resolve("import/libsyn.xml");
      Files.createDirectories(feed.getParent());
      Files.copy(Path.of("src/test/resources/feeds/libsyn-style/feed.xml"), feed);
      String imported = await(base + "/feed.xml", body -> body.contains(">5821094</guid>"));
      assertTrue(imported.contains("<guid isPermaLink=\"false\">4410023</guid>"), imported);
      Path report = source.resolve("import/libsyn.xml.report.txt");
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!Files.exists(report) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      String text = Files.readString(report);
      assertTrue(text.contains("guid      content/post/episode-331-2022-year-end-wrap-up/index.md:"
          + " 5821094 written"), text);
      assertTrue(text.contains("lost      import/libsyn.xml:"), text);
      assertTrue(Files.readString(source.resolve(
          "content/post/episode-331-2022-year-end-wrap-up/index.md")).contains("guid = "));
    }
  }

  @Test
  void theServicesOfNotifyAreToldOncePerBurstOfChanges(@TempDir Path source, @TempDir Path out)
      throws Exception {
    try (dev.podcast.functions.LoopbackServices services =
        new dev.podcast.functions.LoopbackServices()) {
      LocalSites.copy(EXAMPLE, source);
      Path podcast = source.resolve("podcast.toml");
      Files.writeString(podcast, Files.readString(podcast).replace("[[persons]]", "[notify]\n"
          + "podping = \"" + services.base() + "/podping/\"\nwebsub = [\"" + services.base()
          + "/hub\"]\n\n[[persons]]"));
      try (RunningServe server = RunningServe.start(source, out,
          Map.of("PODPING_TOKEN", "serve-token"))) {
        // The start publishes the feed: told once, after the quiet wait.
        awaitRequests(services, 2);
        assertEquals("serve-token", services.receivedAt("/podping/").get(0).authorization());
        assertTrue(get(server.base() + "/feed.xml").body().contains("rel=\"hub\""));
        // Three episodes in a burst: told once more.
        for (int i = 0; i < 3; i++) {
          Path added = source.resolve("content/post/burst-" + i + "/index.md");
          Files.createDirectories(added.getParent());
          Files.writeString(added, Files.readString(MORE).replace("Episode.224.mp3",
              "Episode.224-" + i + ".mp3").replace("episodeNumber = 224", "episodeNumber = "
              + (900 + i)).replaceFirst("title = \"", "title = \"Burst " + i + ": "));
        }
        await(server.base() + "/feed.xml", body -> items(body) == 7);
        awaitRequests(services, 4);
        Thread.sleep(dev.podcast.notify.FeedNotifier.QUIET.toMillis() + 1_500);
        assertEquals(4, services.received().size(), services.received().toString());
        assertTrue(server.log().contains("notify /feed.xml: podping " + services.base()
            + "/podping/: told: GET "), server.log());
        assertTrue(!server.log().contains("serve-token"), "the token is never logged");
      }
    }
  }

  private static void awaitRequests(dev.podcast.functions.LoopbackServices services, int n)
      throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (services.received().size() < n && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(n, services.received().size(), services.received().toString());
  }

  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
      "a secret of thirty-two bytes ....".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  /** Starts serve on a copy of the example show with {@code env}. */
  private static RunningServe serve(Path source, Path out, Map<String, String> env,
      String... options) throws Exception {
    LocalSites.copy(EXAMPLE, source);
    return RunningServe.start(source, out, env, options);
  }

  /** POSTs {@code body} to the webhook route, signed with {@code secret} unless it is null. */
  private HttpResponse<String> webhook(String base, String id, String body, String secret)
      throws Exception {
    long ts = System.currentTimeMillis() / 1000;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/webhooks/cms"))
        .header("Content-Type", "application/json")
        .header("webhook-id", id)
        .header("webhook-timestamp", Long.toString(ts))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (secret != null) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
      byte[] signature = mac.doFinal((id + "." + ts + "." + body)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      request.header("webhook-signature", "v1," + Base64.getEncoder().encodeToString(signature));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static final String EPISODE = """
      {"type": "episode.published", "timestamp": "2026-11-25T12:00:00Z",
       "data": {"slug": "episode-400-from-the-cms", "episode": {
         "title": "Published from a CMS", "date": "2020-05-01",
         "audioFile": "Google.Cloud.Platform.Podcast.Episode.400.mp3", "audioSize": 1234567,
         "audioDuration": "00:30:00", "description": "An episode sent by webhook.",
         "notes": "Written by a webhook, published by the watcher."}}}
      """;

  @Test
  void aSignedWebhookEndsWithTheEpisodeInTheServedFeed(@TempDir Path source, @TempDir Path out)
      throws Exception {
    try (RunningServe server = serve(source, out, Map.of("PODCAST_WEBHOOK_SECRET", SECRET))) {
      String base = server.base();
      assertEquals(4, items(get(base + "/feed.xml").body()));
      assertEquals(401, webhook(base, "msg_unsigned", EPISODE, null).statusCode());
      assertEquals(401, webhook(base, "msg_wrong", EPISODE, "whsec_" + Base64.getEncoder()
          .encodeToString(new byte[32])).statusCode());
      HttpResponse<String> response = webhook(base, "msg_1", EPISODE, SECRET);
      assertEquals(200, response.statusCode(), response.body());
      assertTrue(Files.isRegularFile(source.resolve(
          "content/post/episode-400-from-the-cms/index.md")));
      String feed = await(base + "/feed.xml", body -> items(body) == 5);
      assertTrue(feed.contains("<title>Published from a CMS</title>"), feed);
      assertEquals(200, get(base + "/post/episode-400-from-the-cms/").statusCode());
      assertTrue(webhook(base, "msg_1", EPISODE, SECRET).body().contains("duplicate"));

      String deleted = "{\"type\": \"episode.deleted\", \"data\": {\"slug\":"
          + " \"episode-400-from-the-cms\"}}";
      assertEquals(200, webhook(base, "msg_2", deleted, SECRET).statusCode());
      await(base + "/feed.xml", body -> items(body) == 4);
      assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/cmsx"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode());
      assertTrue(server.log().contains("\"outcome\":\"written\""), server.log());
      assertFalse(server.log().contains(SECRET.substring(6)), server.log());
    }
  }

  @Test
  void withoutASecretTheWebhookAnswers503(@TempDir Path source, @TempDir Path out)
      throws Exception {
    try (RunningServe server = serve(source, out, Map.of())) {
      String base = server.base();
      HttpResponse<String> response = webhook(base, "msg_1", EPISODE, SECRET);
      assertEquals(503, response.statusCode(), response.body());
      assertEquals("application/problem+json",
          response.headers().firstValue("Content-Type").orElse(""));
      assertTrue(response.body().contains("PODCAST_WEBHOOK_SECRET"), response.body());
      assertTrue(server.log().contains("CMS webhooks disabled"), server.log());
      assertFalse(Files.exists(source.resolve("content/post/episode-400-from-the-cms")));
    }
  }

  @Test
  void servesTheFeedsWithValidatorsGzipAndCacheControl(@TempDir Path source, @TempDir Path out)
      throws Exception {
    try (RunningServe server = serve(source, out, System.getenv(), "--feed-max-age", "60")) {
      String base = server.base();
      byte[] feed = Files.readAllBytes(out.resolve("feed.xml"));

      // A new feed is served at once in the identity encoding, gzipped once compressed.
      HttpResponse<byte[]> gzip = send("GET", base + "/feed.xml", "Accept-Encoding", "gzip");
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (gzip.headers().firstValue("Content-Encoding").isEmpty()
          && System.nanoTime() < deadline) {
        assertEquals(200, gzip.statusCode());
        org.junit.jupiter.api.Assertions.assertArrayEquals(feed, gzip.body());
        Thread.sleep(20);
        gzip = send("GET", base + "/feed.xml", "Accept-Encoding", "gzip");
      }
      assertEquals(200, gzip.statusCode());
      assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(""));
      assertEquals("application/rss+xml; charset=utf-8",
          gzip.headers().firstValue("Content-Type").orElse(""));
      assertEquals("public, max-age=60", gzip.headers().firstValue("Cache-Control").orElse(""));
      assertEquals("Accept-Encoding", gzip.headers().firstValue("Vary").orElse(""));
      try (var in = new java.util.zip.GZIPInputStream(
          new java.io.ByteArrayInputStream(gzip.body()))) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(feed, in.readAllBytes());
      }
      String etag = gzip.headers().firstValue("ETag").orElseThrow();

      HttpResponse<byte[]> head = send("HEAD", base + "/feed.xml", "Accept-Encoding", "gzip");
      assertEquals(200, head.statusCode());
      assertEquals(0, head.body().length);
      assertEquals(Integer.toString(gzip.body().length),
          head.headers().firstValue("Content-Length").orElse(""));

      HttpResponse<byte[]> notModified = send("GET", base + "/feed.xml", "Accept-Encoding",
          "gzip", "If-None-Match", etag);
      assertEquals(304, notModified.statusCode());
      assertEquals(0, notModified.body().length);
      String lastModified = gzip.headers().firstValue("Last-Modified").orElseThrow();
      assertEquals(304, send("GET", base + "/feed.xml", "If-Modified-Since", lastModified)
          .statusCode());

      HttpResponse<byte[]> json = send("GET", base + "/feed.json");
      assertEquals(200, json.statusCode());
      assertEquals("application/feed+json; charset=utf-8",
          json.headers().firstValue("Content-Type").orElse(""));
      org.junit.jupiter.api.Assertions.assertArrayEquals(
          Files.readAllBytes(out.resolve("feed.json")), json.body());

      HttpResponse<byte[]> post = send("POST", base + "/feed.xml");
      assertEquals(405, post.statusCode());
      assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
      assertEquals(404, send("GET", base + "/categories/nothing/feed.xml").statusCode());
      // A Hugo site's feed addresses, which subscribers may have, answer with the new feed.
      for (String old : java.util.List.of("/index.xml", "/post/index.xml")) {
        HttpResponse<byte[]> moved = send("GET", base + old);
        assertEquals(200, moved.statusCode(), old);
        assertEquals("application/rss+xml; charset=utf-8",
            moved.headers().firstValue("Content-Type").orElse(""), old);
        org.junit.jupiter.api.Assertions.assertArrayEquals(feed, moved.body(), old);
      }
      // The rest of the site is served as before.
      assertEquals(200, send("GET", base + "/").statusCode());
    }
  }

  private HttpResponse<byte[]> send(String method, String url, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (java.io.IOException stale) {
        // The JDK client may reuse a keep-alive connection the server has just closed.
        if (attempt == 3) {
          throw stale;
        }
      }
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException stale) {
        // The JDK client may reuse a keep-alive connection the server has just closed.
        if (attempt == 3) {
          throw stale;
        }
      }
    }
  }

  /** Polls {@code url} until its body satisfies {@code done} (at most 20 s). */
  private String await(String url, Predicate<String> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String body = "";
    while (System.nanoTime() < deadline) {
      body = get(url).body();
      if (done.test(body)) {
        return body;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not reached within 20 s: " + url + "\n" + body);
  }

  private void awaitStatus(String url, int status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (get(url).statusCode() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(url + " did not answer " + status + " within 20 s");
      }
      Thread.sleep(50);
    }
  }

  @Test
  void aHugeEpisodeFileIsRejectedUnreadAndServeStartsAndGoesOn(@TempDir Path source,
      @TempDir Path out) throws Exception {
    LocalSites.copy(EXAMPLE, source);
    Path huge = source.resolve("content/post/huge/index.md");
    Files.createDirectories(huge.getParent());
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(1_200L * 1024 * 1024); // truncate -s 1200M
    }
    try (RunningServe server = RunningServe.start(source, out, Map.of())) {
      assertTrue(server.log().contains("content/post/huge/index.md:0:0: error: [file-too-large]"),
          server.log());
      assertEquals(4, items(get(server.base() + "/feed.xml").body()));
      Path added = source.resolve("content/post/episode-224/index.md");
      Files.createDirectories(added.getParent());
      Files.copy(MORE, added);
      await(server.base() + "/feed.xml", body -> items(body) == 5);
    }
  }

  private static int items(String feed) {
    return feed.split("<item>", -1).length - 1;
  }
}
