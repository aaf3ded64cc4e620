package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.local.WebhookReceiptsFile;
import dev.podcast.parse.ParserSettings;
import dev.podcast.publish.Publisher;
import dev.podcast.serve.FeedResponder;
import dev.podcast.webhook.WebhookHandler;
import dev.podcast.webhook.WebhookSecrets;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve's HTTP server on the example show, wired as {@code podcast serve} wires it (the folder
 * stores, the engine, the feed responder, the webhook handler), with short bounds so that the
 * timeouts are seen in seconds: headers that never finish get a 408, a silent connection is
 * closed, a webhook body that stops coming gets a 408, and a route that throws is a 500 that the
 * next request does not notice.
 */
class LocalHttpServerTest {

  private static final LocalHttpServer.Bounds SHORT = new LocalHttpServer.Bounds(
      Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(2));
  private static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(
      "a secret of thirty-two bytes ....".getBytes(StandardCharsets.US_ASCII));

  @TempDir
  Path work;

  private final List<String> log = new CopyOnWriteArrayList<>();
  private Path out;
  private LocalShow show;
  private WebhookHandler webhooks;
  private FeedResponder feeds;
  private LocalHttpServer server;

  @BeforeEach
  void start() throws Exception {
    Path source = LocalSites.copy(LocalSites.EXAMPLE, work.resolve("source"));
    out = work.resolve("site");
    show = LocalShow.onFolders(source, out, Optional.empty(),
        ParserSettings.DEFAULT_MAX_FILE_BYTES, Clock.systemUTC(), LocalShow.NO_CHANGES);
    Publisher publisher = show.publisher();
    assertTrue(publisher.publishAll().published());
    webhooks = new WebhookHandler(Optional.of(WebhookSecrets.parse("SECRET", SECRET)),
        ParserSettings.DEFAULT_MAX_FILE_BYTES, show.source(), WebhookReceiptsFile.of(out),
        Clock.systemUTC(), show.contexts());
    feeds = new FeedResponder(show.site(), publisher::regenerateAll, Duration.ofSeconds(60),
        Duration.ZERO, Clock.systemUTC(), (path, failure) -> { });
    server = start(SHORT);
  }

  private LocalHttpServer start(LocalHttpServer.Bounds bounds) throws Exception {
    return LocalHttpServer.start(bounds, 0, show.site(), feeds, ServeCommand.WEBHOOK_PATH,
        webhooks, ParserSettings.DEFAULT_MAX_FILE_BYTES,
        (severity, message, object, slug, outcome, since) -> log.add(severity + " " + message
            + " " + object + " " + outcome));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void headersThatDoNotArriveInTimeGet408AndTheConnectionIsClosed() throws Exception {
    try (Socket trickle = RawHttp.open(server.port(), 6_000);
        Socket started = RawHttp.open(server.port(), 6_000);
        Socket silent = RawHttp.open(server.port(), 6_000)) {
      RawHttp.send(started, "GET /feed.xml HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      RawHttp.send(trickle, "GET /feed.xml HTTP/1.1\r\n");
      Thread sender = new Thread(() -> {
        try {
          for (int i = 0; i < 40; i++) {
            RawHttp.send(trickle, "X"); // a header that never ends, a byte at a time
            Thread.sleep(100);
          }
        } catch (Exception closed) {
          // the server closed it: what is tested
        }
      });
      sender.start();
      long start = System.nanoTime();
      for (Socket socket : List.of(trickle, started)) {
        RawHttp.Answer answer = RawHttp.read(socket);
        assertEquals(408, answer.status());
        assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
        assertEquals("Request timeout: the headers did not arrive within 1 s\n", answer.body());
        assertEquals("close", answer.header("Connection"));
      }
      // Between the bound and the bound plus the once-a-second check (and some slack).
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waited >= 900 && waited < 4_000, waited + " ms");
      sender.join(10_000);
      assertTrue(RawHttp.closedWithin(silent, 5_000), "a connection that says nothing is closed");
    }
  }

  @Test
  void aKeptAliveConnectionWaitsNoLongerThanTheBoundForItsNextRequest() throws Exception {
    try (Socket socket = RawHttp.open(server.port(), 6_000)) {
      for (int i = 0; i < 3; i++) {
        RawHttp.send(socket, "GET /feed.xml HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertEquals(200, RawHttp.read(socket).status());
        Thread.sleep(300); // well within the bound: the same connection serves the next
      }
      assertTrue(RawHttp.closedWithin(socket, 5_000));
    }
  }

  @Test
  void aWebhookBodyThatStopsComingGets408() throws Exception {
    try (Socket socket = RawHttp.open(server.port(), 8_000)) {
      RawHttp.send(socket, "POST /webhooks/cms HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"type\": ");
      long start = System.nanoTime();
      RawHttp.Answer answer = RawHttp.read(socket);
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertEquals(408, answer.status(), answer.body());
      assertEquals("Request timeout: the body did not arrive within 2 s\n", answer.body());
      assertTrue(answer.closed());
      assertTrue(waited >= 1_900 && waited < 6_000, waited + " ms");
      assertTrue(log.stream().anyMatch(l -> l.contains("request-timeout")), log.toString());
    }
    // A trickle is no better: the bound is on the whole body.
    try (Socket socket = RawHttp.open(server.port(), 8_000)) {
      RawHttp.send(socket, "POST /webhooks/cms HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      Thread sender = new Thread(() -> {
        try {
          for (int i = 0; i < 60; i++) {
            RawHttp.send(socket, "1\r\n \r\n");
            Thread.sleep(100);
          }
        } catch (Exception closed) {
          // closed by the server
        }
      });
      sender.start();
      assertEquals(408, RawHttp.read(socket).status());
      sender.join(10_000);
    }
  }

  @Test
  void aWebhookBodyThatPausesLongerThanTheIdleBoundGets408() throws Exception {
    // serve's order: the pause bound (idle) is shorter than the whole body's.
    try (LocalHttpServer paused = start(new LocalHttpServer.Bounds(Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(30)));
        Socket socket = RawHttp.open(paused.port(), 8_000)) {
      RawHttp.send(socket, "POST /webhooks/cms HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"type\": ");
      RawHttp.Answer answer = RawHttp.read(socket);
      assertEquals(408, answer.status(), answer.body());
      assertEquals("Request timeout: the body stopped for 2 s\n", answer.body());
    }
  }

  @Test
  void aRouteThatThrowsIsA500AndTheNextRequestIsServed() throws Exception {
    // A site file too large for the store to read (sparse: no disk is used).
    try (RandomAccessFile huge = new RandomAccessFile(out.resolve("huge.bin").toFile(), "rw")) {
      huge.setLength(2_500L * 1024 * 1024);
    }
    RawHttp.Answer failed = RawHttp.exchange(server.port(),
        "GET /huge.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(500, failed.status());
    assertEquals("Internal server error: the serve log has the cause\n", failed.body());
    assertTrue(log.stream().anyMatch(l -> l.startsWith("ERROR request failed: ")
        && l.contains("ObjectTooLargeException") && l.contains("/huge.bin")), log.toString());
    assertEquals(200, RawHttp.exchange(server.port(), ("GET /feed.xml HTTP/1.1\r\nHost: x\r\n"
        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)).status());
  }

  @Test
  void boundsMustBePositiveWithIdleOverHeader() {
    Duration second = Duration.ofSeconds(1);
    assertThrows(IllegalArgumentException.class,
        () -> new LocalHttpServer.Bounds(Duration.ZERO, second, second));
    assertThrows(IllegalArgumentException.class,
        () -> new LocalHttpServer.Bounds(second, second, second));
    assertThrows(IllegalArgumentException.class,
        () -> new LocalHttpServer.Bounds(second, Duration.ofSeconds(2), Duration.ZERO));
    assertFalse(LocalHttpServer.Bounds.SERVE.idle().compareTo(
        LocalHttpServer.Bounds.SERVE.header()) <= 0);
  }

  @Test
  void siteNamesAreThePathsASiteFileCanHave() {
    assertEquals(Optional.of("index.html"), LocalHttpServer.siteName("/"));
    assertEquals(Optional.of("post/a/index.html"), LocalHttpServer.siteName("/post/a/"));
    assertEquals(Optional.of("categories/.net/index.html"),
        LocalHttpServer.siteName("/categories/.net/"));
    assertEquals(Optional.of("css/site.css"), LocalHttpServer.siteName("/css/site.css"));
    for (String bad : List.of("", "x", "//", "/a//b", "/./a", "/a/../b", "/..", "/a\\b",
        "/a\u0000b", "/a\nb", "/a\u202eb", "/" + "a".repeat(256),
        "/" + "é".repeat(128), "/" + "a/".repeat(600))) {
      assertEquals(Optional.empty(), LocalHttpServer.siteName(bad), bad);
    }
  }
}
