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
  void aSiteBuiltBeforeTheImportTakesTheOldGuidsWithOut(@TempDir Path work) throws Exception {
    Path source = LocalSites.copy(SITE, work.resolve("source"));
    Path site = work.resolve("site");
    assertEquals(0, run("build", "--source", source.toString(), "--out", site.toString()),
        out + "\n" + err);
    String permalink = "<guid isPermaLink=\"true\">https://www.gcppodcast.com/post/"
        + "episode-331-2022-year-end-wrap-up/</guid>";
    assertTrue(Files.readString(site.resolve("feed.xml")).contains(permalink));
    // The state file of that build keeps the guids it gave; --out registers the old ones there.
    out.getBuffer().setLength(0);
    assertEquals(0, run("import", FEED.toString(), "--source", source.toString(),
        "--create-missing", "--out", site.toString()), out + "\n" + err);
    assertTrue(out.toString().contains("published into " + site + ": "), out.toString());
    String feed = Files.readString(site.resolve("feed.xml"));
    assertTrue(feed.contains("<guid isPermaLink=\"false\">5821094</guid>"), feed);
    assertTrue(!feed.contains(permalink), feed);
    // And the builds after it keep them, with no warning that a guid is not used.
    out.getBuffer().setLength(0);
    assertEquals(0, run("build", "--source", source.toString(), "--out", site.toString()),
        out + "\n" + err);
    assertTrue(!out.toString().contains("guid-kept"), out.toString());
    assertTrue(Files.readString(site.resolve("feed.xml")).contains(">5821094</guid>"));
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

  /** The feeds under {@code feeds/}: the made one and the real ones, each in its folder. */
  static java.util.stream.Stream<Path> feeds() throws Exception {
    try (var list = Files.list(Path.of("src/test/resources/feeds"))) {
      return list.map(dir -> dir.resolve("feed.xml")).filter(Files::isRegularFile).sorted()
          .toList().stream();
    }
  }

  /**
   * A show that never had a Hugo site moves with {@code --create-missing}: each item becomes an
   * episode file, the channel its podcast.toml, and the feed {@code build} writes holds every
   * old guid, enclosure URL, title and date as feedparser and podcastparser read them. An item
   * that cannot be carried over is reported with its line in the old feed.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("feeds")
  void aShowWithoutASiteMovesWithEveryItem(Path feed, @TempDir Path work) throws Exception {
    Path source = Files.createDirectories(work.resolve("show"));
    // The site's logo is the artwork where the old feed's is not https (Apple's rule).
    Files.writeString(source.resolve("config.toml"), "baseURL = \"https://moved.example\"\n"
        + "title = \"Moved\"\n[params]\n  logo = \"images/logo.png\"\n");
    // Every item in the main feed, so that the readers see them all.
    Files.writeString(source.resolve("podcast.toml"), "feedItemLimit = 100000\n");
    dev.podcast.migrate.OldFeed old = dev.podcast.migrate.OldFeedReader.read(feed.toString(),
        Files.readAllBytes(feed));
    int code = run("import", feed.toString(), "--source", source.toString(), "--create-missing");
    String report = out.toString();
    assertTrue(code == 0 || report.contains("lost      ") || report.contains(": error: "),
        report + err);
    assertTrue(report.contains(" files created, "), report);
    assertTrue(Files.readString(source.resolve("podcast.toml")).startsWith(
        "feedItemLimit = 100000\n"), "the user's file is kept as it was");

    out.getBuffer().setLength(0);
    run("build", "--source", source.toString(), "--out", work.resolve("site").toString());
    com.google.gson.JsonObject read = readers(work.resolve("site/feed.xml"));
    for (String reader : java.util.List.of("feedparser", "podcastparser")) {
      Map<String, com.google.gson.JsonObject> byGuid = new java.util.HashMap<>();
      for (com.google.gson.JsonElement e : read.getAsJsonObject(reader).getAsJsonArray("items")) {
        byGuid.put(e.getAsJsonObject().get("guid").getAsString(), e.getAsJsonObject());
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (dev.podcast.migrate.OldFeed.Item item : old.items()) {
        String at = feed + ":" + item.line();
        if (!seen.add(item.identity())) {
          assertTrue(report.contains("duplicate " + at + ":"), at + " shares a guid, unsaid");
          continue;
        }
        boolean refused = report.lines().anyMatch(l -> l.startsWith("lost      " + at + ":")
            || l.contains(": error: ") && l.endsWith("(from " + at + ")"));
        if (refused) {
          continue; // not carried over, and reported with its line in the old feed
        }
        com.google.gson.JsonObject got = byGuid.get(item.identity());
        assertTrue(got != null, reader + ": " + at + " guid " + item.identity() + " is missing");
        assertEquals(item.enclosureUrl(), got.get("url").getAsString(), reader + ": " + at);
        assertEquals(item.title().strip(), got.get("title").getAsString().strip(),
            reader + ": " + at);
        if (item.date().isPresent()) {
          assertEquals(item.date().get().getEpochSecond(), got.get("published").getAsLong(),
              reader + ": " + at);
        }
      }
    }
  }

  /** The bundled subset of the corpus, and the whole corpus when it is beside the project. */
  static java.util.stream.Stream<Path> corpora() {
    java.util.List<Path> all = new java.util.ArrayList<>();
    all.add(Path.of("../shared/src/test/resources/corpus"));
    LocalSites.corpus().ifPresent(all::add);
    return all.stream();
  }

  /**
   * The Libsyn feed of a whole show, made from its folder by Python's standard library
   * ({@code feeds/libsyn-style/corpus_feed.py}: 298 items for the corpus): every item matches
   * its episode file, and after the import the built feed gives each its Libsyn guid.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("corpora")
  void everyEpisodeOfTheCorpusKeepsItsHostsGuid(Path corpus, @TempDir Path work)
      throws Exception {
    Path feed = work.resolve("libsyn.xml");
    Process python = new ProcessBuilder("/usr/bin/python3",
        "src/test/resources/feeds/libsyn-style/corpus_feed.py", corpus.toString())
        .redirectOutput(feed.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    assertTrue(python.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(0, python.exitValue());
    dev.podcast.migrate.OldFeed old = dev.podcast.migrate.OldFeedReader.read(feed.toString(),
        Files.readAllBytes(feed));
    int items = old.items().size();
    assertTrue(items >= 10, "items: " + items);
    Path source = LocalSites.copy(corpus, work.resolve("show"));
    assertEquals(0, run("import", feed.toString(), "--source", source.toString()),
        out + "\n" + err);
    assertTrue(out.toString().contains(items + " items: 0 kept, " + items + " guids written, 0"
        + " conflicts, 0 lost; 0 episodes new"), out.toString());
    out.getBuffer().setLength(0);
    run("build", "--source", source.toString(), "--out", work.resolve("site").toString());
    com.google.gson.JsonObject read = readers(work.resolve("site/feed.xml"));
    for (String reader : java.util.List.of("feedparser", "podcastparser")) {
      java.util.Set<String> guids = new java.util.HashSet<>();
      read.getAsJsonObject(reader).getAsJsonArray("items")
          .forEach(e -> guids.add(e.getAsJsonObject().get("guid").getAsString()));
      for (dev.podcast.migrate.OldFeed.Item item : old.items()) {
        assertTrue(guids.contains(item.guid()), reader + ": " + item.title() + " lost its guid "
            + item.guid());
      }
    }
  }

  @Test
  void hostileItemsAreReportedAndNothingIsWrittenOutsideTheShow(@TempDir Path work)
      throws Exception {
    Path source = Files.createDirectories(work.resolve("show"));
    Files.writeString(source.resolve("config.toml"),
        "baseURL = \"https://moved.example\"\ntitle = \"Moved\"\n");
    Path feed = work.resolve("hostile.xml");
    Files.writeString(feed, """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>H</title><link>https://old.example/</link>
        <item><title>../../../outside</title><guid>g-1</guid>
        <enclosure url="https://cdn.example/1.mp3" length="1" type="audio/mpeg"/></item>
        <item><title>Twice</title><guid>g-1</guid>
        <enclosure url="https://cdn.example/2.mp3" length="1" type="audio/mpeg"/></item>
        <item><title>Local file</title><guid>g-3</guid>
        <enclosure url="file:///etc/passwd" length="1" type="audio/mpeg"/></item>
        <item><title>Relative</title><guid>g-4</guid><link>../../etc/passwd</link>
        <enclosure url="/audio/4.mp3" length="1" type="audio/mpeg"/></item>
        </channel></rss>
        """);
    assertEquals(1, run("import", feed.toString(), "--source", source.toString(),
        "--create-missing"), out + "\n" + err);
    String report = out.toString();
    assertTrue(report.contains("duplicate " + feed + ":5: guid 'g-1' is the guid of the item at"
        + " line 3 too"), report);
    assertTrue(report.contains("lost      " + feed + ":7: 'Local file' cannot be made an episode"
        + " file: its enclosure 'file:///etc/passwd' is not an http(s) URL"), report);
    assertTrue(report.contains("content/post/outside/index.md"), report);
    assertTrue(Files.readString(source.resolve("content/post/relative/index.md"))
        .contains("audioFile = \"https://old.example/audio/4.mp3\""), "resolved on the old host");
    try (var walk = Files.walk(work)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        assertTrue(p.startsWith(source) || p.equals(feed), "written outside the show: " + p);
      }
    }
  }

  @Test
  void theChannelIsCarriedIntoPodcastTomlAndTheNewFeed(@TempDir Path work) throws Exception {
    Path source = LocalSites.copy(SITE, work.resolve("source"));
    run("import", FEED.toString(), "--source", source.toString());
    String report = out.toString();
    assertTrue(report.contains("differs   " + source + "/podcast.toml: ownerEmail"
        + " 'podcast@example.com' is kept; the old feed says 'gcppodcast@google.com' (" + FEED
        + ":8)"), report);
    assertTrue(report.contains("setting   " + source + "/podcast.toml: guid ="
        + " 4ad3b5b4-2d0c-5a1a-9f0e-0a5b8d3a6f11 added"), report);
    out.getBuffer().setLength(0);
    run("build", "--source", source.toString(), "--out", work.resolve("site").toString());
    String feed = Files.readString(work.resolve("site/feed.xml"));
    assertTrue(feed.contains("<itunes:email>podcast@example.com</itunes:email>"),
        "the user's value wins");
    assertTrue(feed.contains("<itunes:image href=\"https://static.libsyn.com/p/assets/gcp/"
        + "logo.png\"/>"), "what the user lacked is carried over");
    assertTrue(feed.contains("<podcast:guid>4ad3b5b4-2d0c-5a1a-9f0e-0a5b8d3a6f11</podcast:guid>"),
        "the show's guid is the old feed's");
    // The Hugo site's own feed addresses answer with the new feed.
    assertEquals(feed, Files.readString(work.resolve("site/index.xml")));
    assertEquals(feed, Files.readString(work.resolve("site/post/index.xml")));
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
