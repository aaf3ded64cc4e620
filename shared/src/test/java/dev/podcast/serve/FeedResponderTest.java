package dev.podcast.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.testing.ForwardingObjectStore;
import dev.podcast.testing.MovableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** {@link FeedResponder} on an in-memory site store and a clock the test moves. */
class FeedResponderTest {

  private static final Instant WRITTEN = Instant.parse("2026-11-25T12:00:00.250Z");
  private static final String WRITTEN_HTTP = "Wed, 25 Nov 2026 12:00:00 GMT";
  private static final String RSS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<rss version=\"2.0\"><channel><title>Épisodes</title>"
      + "<item><title>one</title></item>".repeat(200) + "</channel></rss>\n";

  private final MovableClock clock = new MovableClock(WRITTEN);
  private final InMemoryObjectStore memory = new InMemoryObjectStore(clock);
  private final CountingStore site = new CountingStore(memory);
  private final AtomicInteger regenerations = new AtomicInteger();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private FeedResponder.Regenerator regenerator = () -> {
    regenerations.incrementAndGet();
    write("feed.xml", RSS);
    write("feed.json", "{\"version\":\"https://jsonfeed.org/version/1.1\"}");
  };


  /** Counts the calls that reach the store; can be made to fail like an outage or a bug. */
  private static final class CountingStore extends ForwardingObjectStore {
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger generations = new AtomicInteger();
    volatile RuntimeException failure;

    CountingStore(ObjectStore delegate) {
      super(delegate);
    }

    private void check() {
      if (failure != null) {
        throw failure;
      }
    }

    @Override
    public Optional<StoredObject> get(String name) {
      check();
      gets.incrementAndGet();
      return delegate.get(name);
    }

    @Override
    public Optional<Long> generation(String name) {
      check();
      generations.incrementAndGet();
      return delegate.generation(name);
    }

    @Override
    public Optional<ObjectInfo> stat(String name) {
      check();
      generations.incrementAndGet();
      return delegate.stat(name);
    }
  }

  private void write(String name, String text) {
    memory.put(new ObjectStore.Write(name, text.getBytes(StandardCharsets.UTF_8),
        "application/octet-stream", ""));
  }

  private FeedResponder responder(Duration recheck) {
    return new FeedResponder(site, () -> regenerator.regenerateAll(), Duration.ofSeconds(300),
        recheck, clock, (path, e) -> failures.add(path + ": " + e));
  }

  private FeedResponder responder() {
    return responder(Duration.ZERO);
  }

  private static FeedResponse get(FeedResponder responder, String path) {
    return responder.respond(FeedRequest.of("GET", path));
  }

  private static FeedResponse get(FeedResponder responder, String path, String ifNoneMatch,
      String ifModifiedSince, String acceptEncoding) {
    return responder.respond(new FeedRequest("GET", path, ifNoneMatch, ifModifiedSince,
        acceptEncoding));
  }

  private static String text(FeedResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  @Test
  void aNewFeedIsServedAtOnceAndGzippedOnceItsCompressionIsDone() throws IOException {
    java.util.List<Runnable> compressions = new java.util.ArrayList<>();
    FeedResponder responder = new FeedResponder(site, () -> regenerator.regenerateAll(),
        Duration.ofSeconds(300), Duration.ZERO, clock, (path, e) -> failures.add(path + ": " + e),
        compressions::add);
    write("feed.xml", RSS);
    FeedResponse early = get(responder, "/feed.xml", "", "", "gzip");
    assertEquals(200, early.status());
    assertEquals(RSS, text(early), "the identity encoding while the gzip is being made");
    assertFalse(early.headers().containsKey("Content-Encoding"));
    assertEquals("Accept-Encoding", early.headers().get("Vary"));
    assertEquals("*", early.headers().get("Access-Control-Allow-Origin"), "web players read it");
    String identityTag = early.headers().get("ETag");
    assertEquals(1, compressions.size());
    compressions.forEach(Runnable::run);
    FeedResponse later = get(responder, "/feed.xml", "", "", "gzip");
    assertEquals("gzip", later.headers().get("Content-Encoding"));
    assertEquals(RSS, new String(gunzip(later.body()), StandardCharsets.UTF_8));
    assertFalse(identityTag.equals(later.headers().get("ETag")), "each encoding its own tag");
    assertEquals(304, get(responder, "/feed.xml", identityTag, "", "gzip").status(),
        "the client that got the identity encoding has the feed");
    assertEquals(1, compressions.size(), "compressed once per generation");
  }

  @Test
  void getAnswersTheStoredFeedWithItsValidators() {
    write("feed.xml", RSS);
    FeedResponse response = get(responder(), "/feed.xml");
    assertEquals(200, response.status());
    assertEquals(RSS, text(response));
    assertEquals(Optional.of("application/rss+xml; charset=utf-8"),
        response.header("Content-Type"));
    assertEquals(Optional.of(Integer.toString(RSS.getBytes(StandardCharsets.UTF_8).length)),
        response.header("Content-Length"));
    assertEquals(Optional.of("public, max-age=300"), response.header("Cache-Control"));
    assertEquals(Optional.of("Accept-Encoding"), response.header("Vary"));
    assertEquals(Optional.of(WRITTEN_HTTP), response.header("Last-Modified"));
    assertTrue(response.header("ETag").orElseThrow().matches("\"[0-9a-f]{32}\""),
        response.headers().toString());
    assertEquals(Optional.empty(), response.header("Content-Encoding"));
    assertEquals(List.of(), failures);
  }

  /** A show's old feed addresses answer with the main feed written there, as feeds do. */
  @Test
  void theOldFeedAddressesAreAnsweredAsFeedsAndNothingElseIs() {
    write("index.xml", RSS);
    write("feed/index.html", RSS);
    write("about/index.html", "<html>");
    FeedResponder responder = new FeedResponder(site, () -> regenerator.regenerateAll(),
        Duration.ofSeconds(300), Duration.ZERO, clock, (path, e) -> failures.add(path + ": " + e),
        Runnable::run, () -> List.of("/index.xml", "/feed/"));
    for (String path : List.of("/index.xml", "/feed/")) {
      FeedResponse response = get(responder, path);
      assertEquals(200, response.status(), path);
      assertEquals(Optional.of("application/rss+xml; charset=utf-8"),
          response.header("Content-Type"), path);
      assertEquals(RSS, text(response));
      String etag = response.header("ETag").orElseThrow();
      assertEquals(304, get(responder, path, etag, "", "").status(), path);
    }
    assertEquals(404, get(responder, "/about/").status(), "not an old feed address");
    assertEquals(404, get(responder(), "/index.xml").status(), "none configured");
    assertEquals(List.of(), failures);
  }

  @Test
  void everyKindOfFeedHasItsContentType() {
    write("feed.json", "{}");
    write("feed/archive/1.xml", RSS);
    write("categories/iot/feed.xml", RSS);
    write("categories/iot/feed/archive/2.xml", RSS);
    FeedResponder responder = responder();
    assertEquals(Optional.of("application/feed+json; charset=utf-8"),
        get(responder, "/feed.json").header("Content-Type"));
    for (String path : List.of("/feed/archive/1.xml", "/categories/iot/feed.xml",
        "/categories/iot/feed/archive/2.xml")) {
      FeedResponse response = get(responder, path);
      assertEquals(200, response.status(), path);
      assertEquals(Optional.of("application/rss+xml; charset=utf-8"),
          response.header("Content-Type"), path);
    }
  }

  @Test
  void theMaxAgeIsTheConfiguredOne() {
    write("feed.xml", RSS);
    FeedResponder responder = new FeedResponder(site, regenerator, Duration.ofSeconds(42),
        Duration.ZERO, clock, (p, e) -> { });
    assertEquals(Optional.of("public, max-age=42"),
        get(responder, "/feed.xml").header("Cache-Control"));
    for (Duration bad : List.of(Duration.ofSeconds(-1), Duration.ofDays(366),
        Duration.ofMillis(1500))) {
      assertThrows(IllegalArgumentException.class, () -> new FeedResponder(site, regenerator,
          bad, Duration.ZERO, clock, (p, e) -> { }), bad.toString());
    }
    assertThrows(IllegalArgumentException.class, () -> new FeedResponder(site, regenerator,
        Duration.ZERO, Duration.ofMinutes(2), clock, (p, e) -> { }));
  }

  @Test
  void headHasTheHeadersOfGetAndNoBody() {
    write("feed.xml", RSS);
    FeedResponder responder = responder();
    for (String encoding : List.of("", "gzip")) {
      FeedResponse got = get(responder, "/feed.xml", "", "", encoding);
      FeedResponse head = responder.respond(new FeedRequest("HEAD", "/feed.xml", "", "",
          encoding));
      assertEquals(200, head.status());
      assertEquals(got.headers(), head.headers());
      assertEquals(0, head.body().length);
      assertEquals(Integer.toString(got.body().length), head.header("Content-Length").orElseThrow());
    }
  }

  @Test
  void gzipWhenTheClientAcceptsIt() throws Exception {
    write("feed.xml", RSS);
    FeedResponder responder = responder();
    FeedResponse plain = get(responder, "/feed.xml");
    FeedResponse gzip = get(responder, "/feed.xml", "", "", "br, gzip;q=0.8");
    assertEquals(Optional.of("gzip"), gzip.header("Content-Encoding"));
    assertArrayEquals(RSS.getBytes(StandardCharsets.UTF_8), gunzip(gzip.body()));
    assertTrue(gzip.body().length < plain.body().length / 4, "compressed: " + gzip.body().length);
    assertEquals(Optional.of(Integer.toString(gzip.body().length)),
        gzip.header("Content-Length"));
    // Another encoding is another representation: its own strong tag.
    String tag = plain.header("ETag").orElseThrow();
    assertEquals(tag.replace("\"", "") + "-gzip",
        gzip.header("ETag").orElseThrow().replace("\"", ""));
    assertEquals(gzip.header("Content-Type"), plain.header("Content-Type"));
    assertEquals(Optional.empty(),
        get(responder, "/feed.xml", "", "", "gzip;q=0").header("Content-Encoding"));
    assertEquals(Optional.empty(),
        get(responder, "/feed.xml", "", "", "identity").header("Content-Encoding"));
  }

  @Test
  void ifNoneMatchWithTheTagAnswers304WithoutBody() {
    write("feed.xml", RSS);
    FeedResponder responder = responder();
    FeedResponse first = get(responder, "/feed.xml", "", "", "gzip");
    String gzipTag = first.header("ETag").orElseThrow();
    String plainTag = get(responder, "/feed.xml").header("ETag").orElseThrow();

    FeedResponse again = get(responder, "/feed.xml", gzipTag, "", "gzip");
    assertEquals(304, again.status());
    assertEquals(0, again.body().length);
    assertEquals(Optional.of(gzipTag), again.header("ETag"));
    assertEquals(Optional.of("public, max-age=300"), again.header("Cache-Control"));
    assertEquals(Optional.of("Accept-Encoding"), again.header("Vary"));
    assertEquals(Optional.of("*"), again.header("Access-Control-Allow-Origin"));
    assertEquals(Optional.empty(), again.header("Content-Length"));
    assertEquals(Optional.empty(), again.header("Content-Encoding"));

    // Lists, weak tags, '*', and the other encoding's tag (the same content) all match; a 304
    // carries the tag that matched, so that a cache updates the response it holds.
    assertEquals(304, get(responder, "/feed.xml", "\"nope\", " + plainTag, "", "").status());
    assertEquals(304, get(responder, "/feed.xml", "W/" + plainTag, "", "").status());
    assertEquals(304, get(responder, "/feed.xml", "*", "", "").status());
    FeedResponse crossed = get(responder, "/feed.xml", plainTag, "", "gzip");
    assertEquals(304, crossed.status());
    assertEquals(Optional.of(plainTag), crossed.header("ETag"));
    FeedResponse head = responder.respond(new FeedRequest("HEAD", "/feed.xml", plainTag, "", ""));
    assertEquals(304, head.status());

    assertEquals(200, get(responder, "/feed.xml", "\"nope\"", "", "").status());
    // A new version of the feed: the old tags no longer match.
    clock.advance(Duration.ofSeconds(1));
    write("feed.xml", RSS.replace("one", "two"));
    FeedResponse changed = get(responder, "/feed.xml", gzipTag + ", " + plainTag, "", "gzip");
    assertEquals(200, changed.status());
    assertNotEquals(gzipTag, changed.header("ETag").orElseThrow());
  }

  @Test
  void ifModifiedSinceAnswers304WhenTheFeedIsNotNewer() {
    write("feed.xml", RSS);
    clock.advance(Duration.ofSeconds(10));
    FeedResponder responder = responder();
    assertEquals(304, get(responder, "/feed.xml", "", WRITTEN_HTTP, "").status());
    assertEquals(304, get(responder, "/feed.xml", "", "Wed, 25 Nov 2026 12:00:01 GMT", "")
        .status());
    assertEquals(304, get(responder, "/feed.xml", "", "Wednesday, 25-Nov-26 12:00:00 GMT", "")
        .status());
    assertEquals(304, get(responder, "/feed.xml", "", "Wed Nov 25 12:00:00 2026", "").status());
    assertEquals(200, get(responder, "/feed.xml", "", "Wed, 25 Nov 2026 11:59:59 GMT", "")
        .status());
    assertEquals(200, get(responder, "/feed.xml", "", "not a date", "").status());
    // Later than now: invalid, ignored.
    assertEquals(200, get(responder, "/feed.xml", "", "Wed, 25 Nov 2026 12:00:11 GMT", "")
        .status());
    FeedResponse notModified = get(responder, "/feed.xml", "", WRITTEN_HTTP, "gzip");
    assertEquals(Optional.of(WRITTEN_HTTP), notModified.header("Last-Modified"));
    assertTrue(notModified.header("ETag").orElseThrow().endsWith("-gzip\""));
  }

  @Test
  void ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
    write("feed.xml", RSS);
    FeedResponder responder = responder();
    String tag = get(responder, "/feed.xml").header("ETag").orElseThrow();
    // The date alone would answer 304; a tag that does not match means 200 (RFC 9110, 13.2.2).
    assertEquals(200, get(responder, "/feed.xml", "\"other\"", WRITTEN_HTTP, "").status());
    // And a matching tag answers 304 whatever the date says.
    assertEquals(304, get(responder, "/feed.xml", tag, "Mon, 01 Jan 2001 00:00:00 GMT", "")
        .status());
  }

  @Test
  void otherMethodsAre405WithAllow() {
    write("feed.xml", RSS);
    FeedResponder responder = responder();
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "get")) {
      FeedResponse response = responder.respond(FeedRequest.of(method, "/feed.xml"));
      assertEquals(405, response.status(), method);
      assertEquals(Optional.of("GET, HEAD"), response.header("Allow"), method);
    }
    assertEquals(0, site.gets.get());
  }

  @Test
  void unknownAndHostilePathsAre404WithoutTouchingTheStore() {
    write("feed.xml", RSS);
    write("index.html", "<h1>home</h1>");
    FeedResponder responder = responder();
    for (String path : List.of("/index.html", "/", "/feed.xml/", "/../feed.xml",
        "/categories/../../etc/passwd/feed.xml", "/categories/iot\u0000/feed.xml",
        "/x".repeat(400) + "/feed.xml")) {
      FeedResponse response = get(responder, path);
      assertEquals(404, response.status(), path);
      assertEquals(Optional.of("text/plain; charset=utf-8"), response.header("Content-Type"));
      assertEquals(Optional.of("no-store"), response.header("Cache-Control"));
    }
    assertEquals(0, site.gets.get() + site.generations.get());
  }

  @Test
  void aFeedTheShowDoesNotHaveIs404AndRendersNothing() {
    write("feed.xml", RSS);
    FeedResponder responder = responder();
    assertEquals(404, get(responder, "/categories/nothing/feed.xml").status());
    assertEquals(404, get(responder, "/feed/archive/9.xml").status());
    assertEquals(0, regenerations.get());
  }

  @Test
  void aNewShowIsRenderedOnceAndStored() {
    FeedResponder responder = responder();
    FeedResponse response = get(responder, "/feed.xml");
    assertEquals(200, response.status());
    assertEquals(RSS, text(response));
    assertEquals(1, regenerations.get());
    assertTrue(memory.get("feed.xml").isPresent());
    assertEquals(200, get(responder, "/feed.json").status());
    assertEquals(200, get(responder, "/feed.xml").status());
    assertEquals(404, get(responder, "/categories/none/feed.xml").status());
    assertEquals(1, regenerations.get());
  }

  @Test
  void aNewShowWithoutFeedsIs404AndIsNotRenderedOnEveryRequest() {
    regenerator = regenerations::incrementAndGet; // renders nothing (say, no episodes yet)
    FeedResponder responder = responder();
    assertEquals(404, get(responder, "/feed.xml").status());
    assertEquals(404, get(responder, "/feed.json").status());
    assertEquals(1, regenerations.get());
    clock.advance(FeedResponder.REGENERATION_PAUSE.plusSeconds(1));
    assertEquals(404, get(responder, "/feed.xml").status());
    assertEquals(2, regenerations.get());
  }

  @Test
  void concurrentRequestsOfANewShowWaitForOneRendering() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FeedResponder.Regenerator slow = regenerator;
    regenerator = () -> {
      inside.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      slow.regenerateAll();
    };
    FeedResponder responder = responder();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<FeedResponse>> responses = new ArrayList<>();
      responses.add(pool.submit(() -> get(responder, "/feed.xml")));
      inside.await();
      for (int i = 0; i < 7; i++) {
        responses.add(pool.submit(() -> get(responder, "/feed.xml")));
      }
      release.countDown();
      for (Future<FeedResponse> response : responses) {
        assertEquals(200, response.get().status());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, regenerations.get());
  }

  @Test
  void aStoreOutageIs503AndShowsNoStackTrace() {
    write("feed.xml", RSS);
    FeedResponder responder = responder();
    site.failure = new ObjectStore.StoreUnavailableException("Cloud Storage could not get "
        + "gs://site/feed.xml (HTTP 503)", new IOException("connection reset"));
    FeedResponse response = get(responder, "/feed.xml");
    assertEquals(503, response.status());
    assertEquals(Optional.of(FeedResponder.RETRY_AFTER_SECONDS), response.header("Retry-After"));
    assertEquals(Optional.of("no-store"), response.header("Cache-Control"));
    assertNoInternals(response);
    assertEquals(1, failures.size());
    assertTrue(failures.get(0).startsWith("/feed.xml: "), failures.toString());
  }

  @Test
  void anyOtherFailureIs500AndShowsNoStackTrace() {
    write("feed.xml", RSS);
    FeedResponder responder = responder();
    site.failure = new IllegalStateException("secret internals at dev.podcast.X");
    FeedResponse response = get(responder, "/feed.xml");
    assertEquals(500, response.status());
    assertNoInternals(response);
    site.failure = null;
    regenerator = () -> {
      throw new IllegalStateException("the source bucket has no config.toml");
    };
    memory.delete("feed.xml");
    FeedResponse failed = get(responder, "/feed.xml");
    assertEquals(500, failed.status());
    assertNoInternals(failed);
    assertEquals(2, failures.size());
  }

  private static void assertNoInternals(FeedResponse response) {
    String body = text(response);
    assertFalse(body.contains("Exception") || body.contains("at dev.") || body.contains("gs://")
        || body.contains("secret") || body.contains("config.toml"), body);
  }

  @Test
  void aWarmResponderReadsEachVersionOnce() {
    write("feed.xml", RSS);
    FeedResponder responder = responder();
    for (int i = 0; i < 50; i++) {
      assertEquals(200, get(responder, "/feed.xml", "", "", i % 2 == 0 ? "gzip" : "").status());
    }
    assertEquals(1, site.gets.get());
    assertEquals(50, site.generations.get());
    write("feed.xml", RSS.replace("one", "two"));
    assertTrue(text(get(responder, "/feed.xml")).contains("two"));
    assertEquals(2, site.gets.get());
    write("categories/iot/feed.xml", RSS);
    assertEquals(200, get(responder, "/categories/iot/feed.xml").status());
    memory.delete("categories/iot/feed.xml");
    assertEquals(404, get(responder, "/categories/iot/feed.xml").status());
    assertEquals(0, regenerations.get());
  }

  @Test
  void withARecheckIntervalTheStoreIsAskedOncePerIntervalAndNewFeedsShowAfterIt() {
    write("feed.xml", RSS);
    FeedResponder responder = responder(Duration.ofSeconds(1));
    assertEquals(200, get(responder, "/feed.xml").status());
    for (int i = 0; i < 20; i++) {
      get(responder, "/feed.xml");
    }
    assertEquals(1, site.generations.get());
    write("feed.xml", RSS.replace("one", "two"));
    clock.advance(Duration.ofMillis(999));
    assertTrue(text(get(responder, "/feed.xml")).contains("one"), "stale within the interval");
    clock.advance(Duration.ofMillis(1));
    assertTrue(text(get(responder, "/feed.xml")).contains("two"), "fresh after it");
    assertEquals(2, site.generations.get());
  }

  @Test
  void concurrentRequestsAfterAChangeReadTheNewVersionOnce() throws Exception {
    write("feed.xml", RSS);
    FeedResponder responder = responder();
    assertEquals(200, get(responder, "/feed.xml").status());
    write("feed.xml", RSS.replace("one", "two"));
    int before = site.gets.get();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<FeedResponse>> responses = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        responses.add(pool.submit(() -> get(responder, "/feed.xml", "", "", "gzip")));
      }
      for (Future<FeedResponse> response : responses) {
        assertTrue(new String(gunzip(response.get().body()), StandardCharsets.UTF_8)
            .contains("two"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(before + 1, site.gets.get());
  }
}
