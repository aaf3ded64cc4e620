package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State that survives: {@code serve} restarted on its own output keeps publishing and catches up
 * with what changed while it was stopped; a move to a new address keeps every guid; killed with
 * {@code kill -9} in the middle of a burst of uploads, a restart converges to exactly what a
 * fresh {@code build} of the same folder writes.
 */
class ServeRestartTest {

  private static final String EP101 = "content/post/episode-101-iot-core/index.md";
  private static final Path MORE = Path.of("../shared/src/test/resources/corpus/content/post");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aRestartOnItsOwnOutputSeesTheNextEditWithinASecond(@TempDir Path work) throws Exception {
    Path source = LocalSites.copy(LocalSites.EXAMPLE, work.resolve("source"));
    Path out = work.resolve("site");
    try (RunningServe serve = RunningServe.start(source, out, Map.of())) {
      assertTrue(get(serve, "/feed.xml").contains("<title>Cloud IoT Core with"));
    }
    // Changed while serve was stopped: published as it starts again.
    retitle(source, "Changed while stopped");
    try (RunningServe serve = RunningServe.start(source, out, Map.of())) {
      for (String path : List.of("/feed.xml", "/feed.json", "/", "/archive/1/")) {
        assertTrue(get(serve, path).contains("Changed while stopped"), path);
      }
      long start = System.nanoTime();
      retitle(source, "Edited after the restart");
      for (String path : List.of("/feed.xml", "/feed.json", "/", "/archive/1/")) {
        awaitText(serve, path, "Edited after the restart", start, 1_000);
      }
      assertTrue(get(serve, "/post/episode-101-iot-core/")
          .contains("Edited after the restart"));
    }
  }

  @Test
  void aMoveToANewAddressKeepsThePodcastGuidAndEveryItemGuid(@TempDir Path work)
      throws Exception {
    Path source = LocalSites.copy(LocalSites.EXAMPLE, work.resolve("source"));
    Path out = work.resolve("site");
    String before;
    try (RunningServe serve = RunningServe.start(source, out, Map.of())) {
      before = get(serve, "/feed.xml");
    }
    Path config = source.resolve("config.toml");
    Files.writeString(config, Files.readString(config).replace(
        "baseUrl = \"https://www.gcppodcast.com\"", "baseUrl = \"https://podcast.example.org\""));
    // Once at the start of serve, once while it runs (a configuration change re-renders all).
    for (int run = 0; run < 2; run++) {
      try (RunningServe serve = RunningServe.start(source, out, Map.of())) {
        if (run == 1) {
          Files.writeString(config, Files.readString(config).replace(
              "title = \"Google Cloud Platform Podcast\"", "title = \"GCP Podcast\""));
          awaitText(serve, "/feed.xml", "<title>GCP Podcast</title>", System.nanoTime(), 20_000);
        }
        String after = get(serve, "/feed.xml");
        assertTrue(after.contains("<link>https://podcast.example.org/</link>"), after);
        assertEquals(guids(before), guids(after), "run " + run);
        assertEquals(podcastGuid(before), podcastGuid(after));
        assertEquals(4, guids(after).size());
        assertTrue(guids(after).stream().allMatch(g -> g.startsWith("https://www.gcppodcast.com")));
      }
    }
    // And build, on the same folder, keeps them too (the same state file).
    LocalSites.build(source, out);
    String built = Files.readString(out.resolve("feed.xml"));
    assertEquals(guids(before), guids(built));
    assertEquals(podcastGuid(before), podcastGuid(built));
  }

  @Test
  void killedMidBurstARestartConvergesToWhatBuildWrites(@TempDir Path work) throws Exception {
    Path source = LocalSites.copy(LocalSites.EXAMPLE, work.resolve("source"));
    Path out = work.resolve("site");
    Process serve = startProcess(source, out);
    try {
      // The burst: new episodes, an edit, a delete, an image, written as fast as they come.
      List<Path> more = new ArrayList<>();
      try (var folders = Files.list(MORE)) {
        folders.sorted().limit(12).forEach(more::add);
      }
      int written = 0;
      for (Path folder : more) {
        Path target = source.resolve("content/post/" + folder.getFileName());
        Files.createDirectories(target);
        Files.copy(folder.resolve("index.md"), target.resolve("index.md"),
            StandardCopyOption.REPLACE_EXISTING);
        written++;
        if (written == 4) {
          retitle(source, "Edited in the burst");
          Files.delete(source.resolve("content/post/episode-37-GKE-1-3-with-carter-morgan/index.md"));
        }
        if (written < more.size()) {
          Thread.sleep(40); // the last file is not waited for: serve dies handling it
        }
      }
      assertTrue(serve.isAlive(), "serve ran through the burst");
      serve.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
      assertTrue(serve.waitFor(20, TimeUnit.SECONDS));
      assertNotEquals(0, serve.exitValue());
    } finally {
      serve.destroyForcibly();
    }
    // What a write cut short leaves beside the file it was to replace.
    Files.writeString(out.resolve(".feed.xml.tmp-123456789"), "<rss>half");
    Path built = work.resolve("built");
    LocalSites.build(source, built);
    assertTrue(!LocalSites.differences(LocalSites.files(built), LocalSites.files(out)).isEmpty(),
        "the burst was not all published when serve was killed");
    // What the burst left half done is done at the restart; nothing else is left behind.
    try (RunningServe restarted = RunningServe.start(source, out, Map.of())) {
      List<String> differences = LocalSites.differences(LocalSites.files(built),
          LocalSites.files(out));
      assertTrue(differences.isEmpty(), differences.size() + " differences: " + differences);
      assertTrue(get(restarted, "/feed.xml").contains("Edited in the burst"));
    }
  }

  /** {@code podcast serve} in a process of its own, ready when it says where it serves. */
  private static Process startProcess(Path source, Path out) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        PodcastCli.class.getName(), "serve", "--source", source.toString(), "--out",
        out.toString(), "--port", "0", "--poll-ms", "20")
        .redirectErrorStream(true).start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    StringBuilder log = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    for (String line; (line = lines.readLine()) != null; ) {
      log.append(line).append('\n');
      if (line.contains("\"message\":\"serving http://127.0.0.1:")) {
        Thread drain = new Thread(() -> {
          try {
            while (lines.readLine() != null) {
              // keep the pipe empty so the process never blocks on its log
            }
          } catch (java.io.IOException closed) {
            // the process is gone
          }
        });
        drain.setDaemon(true);
        drain.start();
        return process;
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    process.destroyForcibly();
    throw new AssertionError("serve did not start: " + log);
  }

  /** A generic webhook publishing episode 402 with {@code title}. */
  private static String episode402(String type, String title) {
    return "{\"type\": \"" + type + "\", \"data\": {\"slug\": \"episode-402-replayed\","
        + " \"episode\": {\"title\": \"" + title + "\", \"date\": \"2020-05-03\","
        + " \"audioFile\": \"Google.Cloud.Platform.Podcast.Episode.402.mp3\","
        + " \"audioSize\": 1234567, \"audioDuration\": \"00:30:00\","
        + " \"description\": \"Sent twice.\"}}}";
  }

  @Test
  void aWebhookReplayedAfterARestartIsADuplicateAndRollsNothingBack(@TempDir Path work)
      throws Exception {
    Path source = LocalSites.copy(LocalSites.EXAMPLE, work.resolve("source"));
    Path out = work.resolve("site");
    Map<String, String> env = Map.of("PODCAST_WEBHOOK_SECRET", SignedWebhooks.SECRET);
    HttpRequest first;
    try (RunningServe serve = RunningServe.start(source, out, env)) {
      first = SignedWebhooks.signed(serve.base(), "msg_first",
          episode402("episode.published", "The first version"));
      HttpResponse<String> written = http.send(first, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, written.statusCode(), written.body());
      assertTrue(written.body().contains("\"written\""), written.body());
      HttpResponse<String> updated = http.send(SignedWebhooks.signed(serve.base(), "msg_second",
          episode402("episode.updated", "The second version")),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(updated.body().contains("\"written\""), updated.body());
      awaitText(serve, "/feed.xml", "The second version", System.nanoTime(), 20_000);
    }
    // The same delivery again, byte for byte (its signature is good for 5 minutes), to the
    // next serve on the same out folder.
    try (RunningServe serve = RunningServe.start(source, out, env)) {
      HttpRequest replay = HttpRequest.newBuilder(first, (name, value) -> true)
          .uri(URI.create(serve.base() + ServeCommand.WEBHOOK_PATH)).build();
      HttpResponse<String> again = http.send(replay, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, again.statusCode(), again.body());
      assertTrue(again.body().contains("\"duplicate\""), again.body());
      assertTrue(Files.readString(source.resolve("content/post/episode-402-replayed/index.md"))
          .contains("The second version"));
      String feed = get(serve, "/feed.xml");
      assertTrue(feed.contains("The second version") && !feed.contains("The first version"),
          feed);
    }
    // Where they are kept: beside the state file, never part of the site.
    assertTrue(Files.readString(out.resolve(".podcast/webhooks.json")).contains("msg_first"));
  }

  /** Gives episode 101 the title {@code title}, saved as editors save (rename over). */
  private static void retitle(Path source, String title) throws Exception {
    Path file = source.resolve(EP101);
    String text = Files.readString(LocalSites.EXAMPLE.resolve(EP101));
    Path temporary = file.resolveSibling(".index.md.swp");
    Files.writeString(temporary, text.replaceFirst("title = \"[^\"]*\"", "title = \"" + title
        + "\""));
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private String get(RunningServe serve, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(serve.base() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Waits until {@code path} shows {@code text}, failing past {@code limitMs} from start. */
  private void awaitText(RunningServe serve, String path, String text, long start, long limitMs)
      throws Exception {
    while (!get(serve, path).contains(text)) {
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (ms > limitMs) {
        throw new AssertionError(path + " did not show \"" + text + "\" within " + limitMs
            + " ms: " + serve.log());
      }
      Thread.sleep(10);
    }
  }

  private static final Pattern GUID = Pattern.compile("<guid isPermaLink=\"[a-z]+\">([^<]+)</guid>");

  private static TreeSet<String> guids(String feed) {
    TreeSet<String> guids = new TreeSet<>();
    Matcher m = GUID.matcher(feed);
    while (m.find()) {
      guids.add(m.group(1));
    }
    return guids;
  }

  private static String podcastGuid(String feed) {
    Matcher m = Pattern.compile("<podcast:guid>([^<]+)</podcast:guid>").matcher(feed);
    assertTrue(m.find(), "no podcast:guid");
    return m.group(1);
  }
}
