package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.parse.TestCorpus;
import dev.podcast.testing.HostileInputs;
import dev.podcast.testing.HostileInputs.Input;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile files of issue 11 dropped into the folder {@code podcast serve} watches, as a
 * podcaster's editor or the attack pass would: serve goes on running and serving, the last good
 * feed stays live, the next good episode is published, nothing prints a stack trace, and serve
 * starts again with every one of them still in the folder.
 */
class HostileServeTest {

  /** The attack pass's examples and 100 mutations of the bundled real episodes. */
  private static final List<Input> INPUTS = HostileInputs.all(TestCorpus.episodes(
      Path.of("../shared/src/test/resources/corpus")), 100);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void hostileFilesNeitherStopServeNorTheNextEpisodeNorARestart(@TempDir Path work)
      throws Exception {
    Path source = LocalSites.copy(LocalSites.EXAMPLE, work.resolve("source"));
    Path out = work.resolve("site");
    try (RunningServe serve = RunningServe.start(source, out, Map.of())) {
      write(source, "content/post/good-first/index.md", HostileInputs.goodEpisode("Good first"));
      await(serve, "Good first");
      for (Input input : INPUTS) {
        write(source, input.object(), input.bytes());
      }
      write(source, "content/post/good-last/index.md", HostileInputs.goodEpisode("Good last"));
      await(serve, "Good last");
      String feed = get(serve, "/feed.xml");
      assertTrue(feed.contains("<title>Good first</title>"), "the good episodes stay");
      assertEquals(200, status(serve, "/post/good-last/"));
      assertNoStackTrace(serve.log());
    }
    // Every hostile file is still in the folder: serve starts again and catches up.
    Files.delete(source.resolve("content/post/good-first/index.md"));
    try (RunningServe serve = RunningServe.start(source, out, Map.of())) {
      String feed = get(serve, "/feed.xml");
      assertFalse(feed.contains("<title>Good first</title>"), "the delete made while stopped");
      assertTrue(feed.contains("<title>Good last</title>"));
      assertNoStackTrace(serve.log());
    }
  }

  private static void write(Path source, String object, byte[] bytes) throws Exception {
    Path file = source.resolve(object);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  private static void assertNoStackTrace(String log) {
    assertFalse(log.contains("\tat ") || log.contains("Exception in thread"), log);
  }

  private String get(RunningServe serve, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(serve.base() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private int status(RunningServe serve, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(serve.base() + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Waits for the feed to list {@code title}: within 60 s, hostile files and all. */
  private void await(RunningServe serve, String title) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!get(serve, "/feed.xml").contains("<title>" + title + "</title>")) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the feed did not list " + title + ": " + serve.log());
      }
      Thread.sleep(20);
    }
  }
}
