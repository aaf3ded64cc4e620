package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code podcast import}: the Libsyn-shaped feed of the test site's episodes
 * ({@code feeds/libsyn-style}, made by Python's standard library) carried over, so that the feed
 * {@code build} then writes gives every matched episode its old guid.
 */
class ImportCommandTest {

  private static final Path SITE = Path.of("../shared/src/test/resources/site");
  private static final Path FEED = Path.of("src/test/resources/feeds/libsyn-style/feed.xml");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return PodcastCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void aDryRunTellsWhatSubscribersWouldSeeAndWritesNothing(@TempDir Path work) throws Exception {
    Path source = LocalSites.copy(SITE, work.resolve("source"));
    Map<String, String> before = files(source);
    assertEquals(1, run("import", FEED.toString(), "--source", source.toString(), "--dry-run"),
        out + "\n" + err);
    String report = out.toString();
    assertTrue(report.contains("episode-331-2022-year-end-wrap-up/index.md: 5821094 would be"
        + " written in place of https://www.gcppodcast.com/post/episode-331-2022-year-end-wrap-up/"
        + " (matched by enclosure, " + FEED + ":13)"), report);
    assertTrue(report.contains("4410023 would be written in place of"), report);
    assertTrue(report.contains("(matched by link, " + FEED + ":23)"), report);
    assertTrue(report.contains("episode-101-iot-core/index.md: gcp-101-2017 would be written"),
        report);
    assertTrue(report.contains("(matched by title and date, "), report);
    assertTrue(report.contains("lost      " + FEED + ":"), report);
    assertTrue(report.contains("'An episode this site never had' (9999999) has no episode file"),
        report);
    assertTrue(report.contains("episode-37-GKE-1-3-with-carter-morgan/index.md: not in the old"
        + " feed"), report);
    assertTrue(report.contains("4 items: 0 kept, 3 guids to write, 0 conflicts, 1 lost;"
        + " 2 episodes new"), report);
    assertEquals(before, files(source), "nothing written");
  }

  @Test
  void anImportKeepsEveryMatchedItemsGuidInTheNewFeed(@TempDir Path work) throws Exception {
    Path source = LocalSites.copy(SITE, work.resolve("source"));
    // One item is lost (no file has it), so the import itself exits 1 and says so.
    assertEquals(1, run("import", FEED.toString(), "--source", source.toString()),
        out + "\n" + err);
    assertTrue(out.toString().contains("3 guids written"), out.toString());
    String written = Files.readString(source.resolve(
        "content/post/episode-331-2022-year-end-wrap-up/index.md"));
    assertTrue(written.startsWith("+++\nguid = \"5821094\"\n"), written.substring(0, 80));

    out.getBuffer().setLength(0);
    assertEquals(0, run("build", "--source", source.toString(), "--out",
        work.resolve("site").toString()), out + "\n" + err);
    String feed = Files.readString(work.resolve("site/feed.xml"));
    Matcher m = Pattern.compile("<guid isPermaLink=\"(true|false)\">([^<]*)</guid>")
        .matcher(feed);
    java.util.Set<String> guids = new java.util.HashSet<>();
    while (m.find()) {
      guids.add(m.group(2));
    }
    assertTrue(guids.containsAll(java.util.Set.of("5821094", "4410023", "gcp-101-2017")),
        guids.toString());
    // Read back by the feed readers apps are built on: each old guid with its old title.
    Map<String, String> old = Map.of("5821094", "2022 Year End Wrap Up",
        "4410023", "The Power of Serverless with Aparna Sinha and Philip Beevers",
        "gcp-101-2017", "Cloud IoT Core with Indranil Chakraborty and Gabe Weiss");
    com.google.gson.JsonObject read = readers(work.resolve("site/feed.xml"));
    for (String reader : java.util.List.of("feedparser", "podcastparser")) {
      Map<String, String> titles = new java.util.HashMap<>();
      for (com.google.gson.JsonElement e : read.getAsJsonObject(reader).getAsJsonArray("items")) {
        titles.put(e.getAsJsonObject().get("guid").getAsString(),
            e.getAsJsonObject().get("title").getAsString());
      }
      old.forEach((guid, title) -> assertEquals(title, titles.get(guid), reader + ": " + guid));
    }

    // Again: every guid is kept now; still one item lost.
    out.getBuffer().setLength(0);
    assertEquals(1, run("import", FEED.toString(), "--source", source.toString(), "--dry-run"));
    assertTrue(out.toString().contains("4 items: 3 kept, 0 guids to write, 0 conflicts, 1 lost"),
        out.toString());
  }

  @Test
  void aFileThatNamesAnotherGuidKeepsItAndIsReported(@TempDir Path work) throws Exception {
    Path source = LocalSites.copy(SITE, work.resolve("source"));
    Path file = source.resolve("content/post/episode-331-2022-year-end-wrap-up/index.md");
    Files.writeString(file, Files.readString(file).replaceFirst("\\+\\+\\+\n",
        "+++\nguid = \"mine\"\n"));
    assertEquals(1, run("import", FEED.toString(), "--source", source.toString()));
    assertTrue(out.toString().contains("conflict  " + source + "/content/post/"
        + "episode-331-2022-year-end-wrap-up/index.md:2: guid 'mine' is kept; the old feed's is"
        + " '5821094'"), out.toString());
    assertTrue(Files.readString(file).startsWith("+++\nguid = \"mine\"\n"));
  }

  @Test
  void aFeedThatCannotBeReadIsAClearErrorAndChangesNothing(@TempDir Path work)
      throws Exception {
    Path source = LocalSites.copy(SITE, work.resolve("source"));
    Map<String, String> before = files(source);
    Path html = work.resolve("page.html");
    Files.writeString(html, "<!DOCTYPE html>\n<html><body>Not a feed</body></html>\n");
    assertEquals(2, run("import", html.toString(), "--source", source.toString()));
    assertTrue(err.toString().contains(html + ":1:1: error: [feed-invalid]"), err.toString());
    assertEquals(2, run("import", work.resolve("missing.xml").toString(), "--source",
        source.toString()));
    assertTrue(err.toString().contains("missing.xml: no such file"), err.toString());
    assertEquals(2, run("import", "ftp://example.com/feed.xml", "--source", source.toString()));
    assertTrue(err.toString().contains("only http and https feeds are read"), err.toString());
    assertEquals(before, files(source));
  }

  /** feedparser's and podcastparser's reading of {@code feed} (Debian's, see .ci/run). */
  private static com.google.gson.JsonObject readers(Path feed) throws Exception {
    Process process = new ProcessBuilder("/usr/bin/python3",
        "../shared/src/test/resources/feedreaders/read_feed.py", feed.toString(),
        "https://www.gcppodcast.com/feed.xml").start();
    byte[] stdout = process.getInputStream().readAllBytes();
    byte[] stderr = process.getErrorStream().readAllBytes();
    assertTrue(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "python timed out");
    assertEquals(0, process.exitValue(), "feed readers failed (install python3-feedparser and"
        + " python3-podcastparser, see .ci/run): " + new String(stderr, StandardCharsets.UTF_8));
    return com.google.gson.JsonParser.parseString(new String(stdout, StandardCharsets.UTF_8))
        .getAsJsonObject();
  }

  private static Map<String, String> files(Path root) throws Exception {
    Map<String, String> all = new TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        all.put(root.relativize(p).toString(), new String(Files.readAllBytes(p),
            StandardCharsets.ISO_8859_1));
      }
    }
    return all;
  }
}
