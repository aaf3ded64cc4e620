package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.podcast.migrate.OldFeedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching the old feed from a loopback server: redirects, loops, a body past the bound, links. */
class FeedSourceTest {

  private static final byte[] FEED = "<rss><channel><title>T</title></channel></rss>"
      .getBytes(StandardCharsets.UTF_8);

  private HttpServer server;
  /** The handlers' threads, stopped with the server so that no writer outlives the test. */
  private final java.util.concurrent.ExecutorService executor =
      java.util.concurrent.Executors.newFixedThreadPool(4);
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/feed", x -> {
      x.sendResponseHeaders(200, FEED.length);
      x.getResponseBody().write(FEED);
      x.close();
    });
    server.createContext("/moved", x -> redirect(x, "/feed"));
    server.createContext("/loop-a", x -> redirect(x, "/loop-b"));
    server.createContext("/loop-b", x -> redirect(x, "/loop-a"));
    for (int i = 0; i < 7; i++) {
      int next = i + 1;
      server.createContext("/hop" + i, x -> redirect(x, "/hop" + next));
    }
    server.createContext("/to-file", x -> redirect(x, "file:///etc/passwd"));
    server.createContext("/gone", x -> {
      x.sendResponseHeaders(404, -1);
      x.close();
    });
    server.createContext("/endless", x -> {
      // Past the bound: the reader must stop at it and not hold the whole body.
      long length = OldFeedReader.MAX_BYTES + (8L << 20);
      x.getResponseHeaders().add("Connection", "close");
      x.sendResponseHeaders(200, length);
      byte[] chunk = new byte[1 << 20];
      try (OutputStream body = x.getResponseBody()) {
        for (long sent = 0; sent < length; sent += chunk.length) {
          body.write(chunk);
        }
      } catch (IOException clientStopped) {
        // the reader stopped at its bound
      } finally {
        x.close();
      }
    });
    server.setExecutor(executor);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void redirect(com.sun.net.httpserver.HttpExchange x, String to)
      throws IOException {
    x.getResponseHeaders().add("Location", to);
    x.sendResponseHeaders(302, -1);
    x.close();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.stop(0);
    executor.shutdownNow();
    executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  void aFeedIsFetchedThroughARedirect() throws Exception {
    assertArrayEquals(FEED, FeedSource.read(base + "/moved"));
  }

  @Test
  void loopsLongChainsOtherSchemesAndErrorsAreRefused() {
    assertTrue(message(base + "/loop-a").contains("redirects loop back"));
    assertTrue(message(base + "/hop0").contains("more than " + FeedSource.MAX_REDIRECTS));
    assertTrue(message(base + "/to-file").contains("not http(s)"));
    assertTrue(message(base + "/gone").contains("HTTP 404"));
  }

  @Test
  void aBodyPastTheBoundIsReadOnlyUpToIt() {
    assertTrue(message(base + "/endless").contains("longer than " + OldFeedReader.MAX_BYTES));
  }

  @Test
  void aLinkedFileIsNotFollowed(@TempDir Path dir) throws Exception {
    Path real = Files.write(dir.resolve("feed.xml"), FEED);
    Path link = Files.createSymbolicLink(dir.resolve("link.xml"), real);
    assertArrayEquals(FEED, FeedSource.read(real.toString()));
    assertTrue(message(link.toString()).contains("symbolic link"));
  }

  private static String message(String feed) {
    return assertThrows(IOException.class, () -> FeedSource.read(feed)).getMessage();
  }
}
