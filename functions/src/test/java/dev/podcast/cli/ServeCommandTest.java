package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code podcast serve}: a file written, changed or deleted in the source folder is live. */
class ServeCommandTest {

  private static final Path EXAMPLE = Path.of("../examples/site");
  private static final Path MORE = Path.of(
      "../shared/src/test/resources/corpus/content/post/episode-224-solutions-engineering-with"
          + "-grace-mollison-and-ann-wallace/index.md");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void publishesWhatChangesInTheSourceFolder(@TempDir Path source, @TempDir Path out)
      throws Exception {
    copy(EXAMPLE, source);
    ServeCommand.started = new CountDownLatch(1);
    StringWriter log = new StringWriter();
    Thread server = new Thread(() -> PodcastCli.execute(new PrintWriter(log, true),
        new PrintWriter(log, true), "serve", "--source", source.toString(), "--out",
        out.toString(), "--port", "0", "--poll-ms", "50"));
    server.start();
    try {
      assertTrue(ServeCommand.started.await(60, TimeUnit.SECONDS), log.toString());
      String base = "http://127.0.0.1:" + ServeCommand.boundPort;
      assertEquals(4, items(get(base + "/feed.xml").body()));
      assertEquals(200, get(base + "/post/episode-37-gke-1-3-with-carter-morgan/").statusCode());

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
      assertTrue(log.toString().contains("\"outcome\":\"DELETED\""), log.toString());
    } finally {
      server.interrupt();
      server.join(10_000);
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

  private static int items(String feed) {
    return feed.split("<item>", -1).length - 1;
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
