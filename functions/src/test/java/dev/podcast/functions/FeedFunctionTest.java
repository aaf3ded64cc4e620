package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.serve.FeedResponder;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FeedFunction} served by the Functions Framework's own HTTP handlers on 127.0.0.1, asked
 * over real HTTP, on in-memory stores holding the feeds the pipeline published for the test show.
 */
class FeedFunctionTest {

  private static final Path SITE = Path.of("../shared/src/test/resources/site");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"),
      ZoneOffset.UTC);
  private static final FeedConfig CONFIG = new FeedConfig(Duration.ofSeconds(123));

  /** The function as the framework makes it: by class, with a no-arg constructor. */
  public static final class Wired extends FeedFunction {
    /** The ports the next instance runs on; set by the test before the server starts. */
    static volatile ObjectStore nextSite;
    static volatile FeedResponder.Regenerator nextRegenerator;

    public Wired() {
      super(Objects.requireNonNull(nextSite, "set Wired.nextSite first"),
          Objects.requireNonNull(nextRegenerator, "set Wired.nextRegenerator first"), CONFIG);
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final InMemoryObjectStore source = new InMemoryObjectStore();
  private final InMemoryEpisodeStore records = new InMemoryEpisodeStore();
  private final AtomicInteger regenerations = new AtomicInteger();
  private FunctionServer server;

  /** Publishes the test show's episodes into {@code site} (and the records). */
  private void publishTestShow(ObjectStore site) throws Exception {
    put(source, "config.toml", Files.readString(SITE.resolve("config.toml")));
    try (var episodes = Files.walk(SITE.resolve("content"))) {
      for (Path file : episodes.filter(p -> p.toString().endsWith(".md")).toList()) {
        put(source, SITE.relativize(file).toString().replace('\\', '/'),
            Files.readString(file));
      }
    }
    new Publisher(source, site, records, CLOCK).publishAll();
  }

  private static void put(ObjectStore store, String name, String text) {
    store.put(new ObjectStore.Write(name, text.getBytes(StandardCharsets.UTF_8), "text/plain",
        ""));
  }

  /** Serves {@code site}; a new show's feeds are rendered by the publisher, counted. */
  private void start(ObjectStore site) throws Exception {
    Publisher publisher = new Publisher(source, site, records, CLOCK);
    Wired.nextSite = site;
    Wired.nextRegenerator = () -> {
      regenerations.incrementAndGet();
      publisher.regenerateAll();
    };
    try {
      server = FunctionServer.http(Wired.class);
    } finally {
      Wired.nextSite = null;
      Wired.nextRegenerator = null;
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  private HttpResponse<byte[]> send(String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse("");
  }

  private InMemoryObjectStore publishedSite() throws Exception {
    InMemoryObjectStore site = new InMemoryObjectStore();
    publishTestShow(site);
    start(site);
    return site;
  }

  @Test
  void getServesTheStoredFeedWithItsHeaders() throws Exception {
    InMemoryObjectStore site = publishedSite();
    HttpResponse<byte[]> response = send("GET", "/feed.xml");
    assertEquals(200, response.statusCode());
    assertArrayEquals(site.get("feed.xml").orElseThrow().content(), response.body());
    assertEquals("application/rss+xml; charset=utf-8", header(response, "Content-Type"));
    assertEquals("public, max-age=123", header(response, "Cache-Control"));
    assertEquals("Accept-Encoding", header(response, "Vary"));
    assertTrue(header(response, "ETag").matches("\"[0-9a-f]{32}\""), header(response, "ETag"));
    assertFalse(header(response, "Last-Modified").isEmpty());
    assertEquals(Integer.toString(response.body().length), header(response, "Content-Length"));

    HttpResponse<byte[]> json = send("GET", "/feed.json");
    assertEquals(200, json.statusCode());
    assertEquals("application/feed+json; charset=utf-8", header(json, "Content-Type"));
    assertArrayEquals(site.get("feed.json").orElseThrow().content(), json.body());
  }

  @Test
  void categoryFeedsAndArchivePagesAreServed() throws Exception {
    InMemoryObjectStore site = publishedSite();
    List<String> feeds = site.list("").stream().filter(n -> n.endsWith("feed.xml")
        || n.matches("(.+/)?feed/archive/[0-9]+\\.xml")).toList();
    assertTrue(feeds.stream().anyMatch(n -> n.startsWith("feed/archive/")), feeds.toString());
    assertTrue(feeds.stream().anyMatch(n -> n.startsWith("categories/")), feeds.toString());
    for (String name : feeds) {
      HttpResponse<byte[]> response = send("GET", "/" + name);
      assertEquals(200, response.statusCode(), name);
      assertEquals("application/rss+xml; charset=utf-8", header(response, "Content-Type"), name);
      assertArrayEquals(site.get(name).orElseThrow().content(), response.body(), name);
    }
  }

  @Test
  void headHasTheHeadersOfGetAndNoBody() throws Exception {
    publishedSite();
    HttpResponse<byte[]> get = send("GET", "/feed.xml", "Accept-Encoding", "gzip");
    HttpResponse<byte[]> head = send("HEAD", "/feed.xml", "Accept-Encoding", "gzip");
    assertEquals(200, head.statusCode());
    assertEquals(0, head.body().length);
    for (String name : List.of("Content-Type", "Content-Encoding", "Content-Length", "ETag",
        "Last-Modified", "Cache-Control", "Vary")) {
      assertEquals(header(get, name), header(head, name), name);
      assertFalse(header(head, name).isEmpty(), name);
    }
  }

  @Test
  void ifNoneMatchAnswers304WithNoBody() throws Exception {
    publishedSite();
    String etag = header(send("GET", "/feed.xml"), "ETag");
    HttpResponse<byte[]> response = send("GET", "/feed.xml", "If-None-Match", etag);
    assertEquals(304, response.statusCode());
    assertEquals(0, response.body().length);
    assertEquals(etag, header(response, "ETag"));
    assertEquals("public, max-age=123", header(response, "Cache-Control"));
    assertEquals(200, send("GET", "/feed.xml", "If-None-Match", "\"stale\"").statusCode());
  }

  @Test
  void ifModifiedSinceAnswers304WithNoBody() throws Exception {
    publishedSite();
    String lastModified = header(send("GET", "/feed.json"), "Last-Modified");
    HttpResponse<byte[]> response = send("GET", "/feed.json", "If-Modified-Since", lastModified);
    assertEquals(304, response.statusCode());
    assertEquals(0, response.body().length);
    assertEquals(200, send("GET", "/feed.json", "If-Modified-Since",
        "Mon, 01 Jan 2001 00:00:00 GMT").statusCode());
  }

  @Test
  void gzipWhenAcceptedDecompressesToTheFeed() throws Exception {
    InMemoryObjectStore site = publishedSite();
    HttpResponse<byte[]> response = send("GET", "/feed.xml", "Accept-Encoding", "gzip, br");
    assertEquals(200, response.statusCode());
    assertEquals("gzip", header(response, "Content-Encoding"));
    assertEquals(Integer.toString(response.body().length), header(response, "Content-Length"));
    byte[] feed = site.get("feed.xml").orElseThrow().content();
    assertTrue(response.body().length < feed.length / 2, response.body().length + " bytes");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      assertArrayEquals(feed, in.readAllBytes());
    }
    String gzipTag = header(response, "ETag");
    assertEquals(304, send("GET", "/feed.xml", "Accept-Encoding", "gzip", "If-None-Match",
        gzipTag).statusCode());
  }

  @Test
  void otherMethodsAre405WithAllow() throws Exception {
    publishedSite();
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
      HttpResponse<byte[]> response = send(method, "/feed.xml");
      assertEquals(405, response.statusCode(), method);
      assertEquals("GET, HEAD", header(response, "Allow"), method);
    }
  }

  @Test
  void unknownAndHostilePathsAre404() throws Exception {
    publishedSite();
    for (String path : List.of("/", "/index.html", "/feed.rss", "/categories/nothing/feed.xml",
        "/feed/archive/99.xml", "/post/episode-101-iot-core/index.html", "/feed.xml/",
        "/FEED.XML", "/categories/a..b/feed.xml", "/categories/a%20b/feed.xml",
        "/categories/a%E2%80%8Bb/feed.xml",
        "/categories/" + "x".repeat(600) + "/feed.xml")) {
      HttpResponse<byte[]> response = send("GET", path);
      assertEquals(404, response.statusCode(), path);
      assertEquals("No feed at this address.\n",
          new String(response.body(), StandardCharsets.UTF_8), path);
    }
    // Encoded NUL, backslash and dot segments never reach the function: the framework's server
    // answers 400 itself.
    for (String path : List.of("/categories/a%00b/feed.xml", "/categories/%2e%2e/feed.xml",
        "/categories/..%2F..%2F/feed.xml", "/categories/a%5Cb/feed.xml")) {
      HttpResponse<byte[]> response = send("GET", path);
      assertEquals(400, response.statusCode(), path);
      String body = new String(response.body(), StandardCharsets.ISO_8859_1);
      assertFalse(body.contains("Exception") || body.contains("\tat "), body);
    }
    assertEquals(0, regenerations.get());
  }

  @Test
  void aNewShowsFeedIsRenderedOnceAndStored() throws Exception {
    publishTestShow(new InMemoryObjectStore()); // records exist; this site bucket is empty
    InMemoryObjectStore site = new InMemoryObjectStore();
    start(site);
    HttpResponse<byte[]> response = send("GET", "/feed.xml");
    assertEquals(200, response.statusCode());
    String feed = new String(response.body(), StandardCharsets.UTF_8);
    assertTrue(feed.contains("<item>"), feed);
    assertArrayEquals(site.get("feed.xml").orElseThrow().content(), response.body());
    assertTrue(site.get("feed.json").isPresent());
    assertEquals(200, send("GET", "/feed.json").statusCode());
    assertEquals(200, send("GET", "/feed.xml").statusCode());
    assertEquals(1, regenerations.get());
  }

  @Test
  void aStoreOutageIs503WithoutStackTrace() throws Exception {
    InMemoryObjectStore published = new InMemoryObjectStore();
    publishTestShow(published);
    FailingObjectStore site = new FailingObjectStore(published);
    site.down = true;
    start(site);
    HttpResponse<byte[]> response = send("GET", "/feed.xml");
    assertEquals(503, response.statusCode());
    assertEquals("5", header(response, "Retry-After"));
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("503 "),
        body);
    site.down = false;
    assertEquals(200, send("GET", "/feed.xml").statusCode());
  }
}
