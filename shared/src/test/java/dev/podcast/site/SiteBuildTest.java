package dev.podcast.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code podcast build} on the test show: what it writes, and what it refuses to write. */
class SiteBuildTest {

  @TempDir
  Path out;

  private static final String EP331 = "/post/episode-331-2022-year-end-wrap-up/";

  @Test
  void buildsEveryPageTranscriptAndFeed() throws Exception {
    TestSite.Built report = TestSite.build(TestSite.SOURCE, out);
    assertTrue(report.published(), report.problems().toString());
    assertEquals(0, report.errors(), report.problems().toString());
    assertEquals(5, report.live());
    for (String path : List.of("/index.html", "/archive/index.html",
        "/categories/index.html", "/categories/iot/index.html", "/categories/iot/feed.xml",
        "/hosts/index.html", "/hosts/mark-mandel/index.html", "/404.html", "/sitemap.xml",
        "/robots.txt", "/css/site.css", "/feed.xml", "/feed.json", "/feed/archive/1.xml",
        EP331 + "index.html", EP331 + "transcript.html", EP331 + "transcript.txt",
        EP331 + "transcript.json", EP331 + "images/hero/hero-EP-331.square.jpg",
        EP331 + "images/hero/hero-EP-331.social.jpg", EP331 + "images/hero/hero-EP-331.thumb.jpg",
        "/post/episode-258-the-power-of-serverless-with-aparna-sinha-and-philip-beevers/index.html",
        "/post/episode-37-gke-1-3-with-carter-morgan/index.html")) {
      assertTrue(Files.isRegularFile(out.resolve(path.substring(1))), path);
    }
  }

  @Test
  void aSecondBuildRewritesNothing() throws Exception {
    TestSite.Built first = TestSite.build(TestSite.SOURCE, out);
    TestSite.Built second = TestSite.build(TestSite.SOURCE, out);
    assertTrue(first.written() > 50, first.written() + " files");
    assertEquals(0, second.written(), "files written again");
    assertTrue(second.unchanged() > 50, second.unchanged() + " files left as they were");
  }

  @Test
  void everyUrlInsideTheSiteExistsOrWasReported() throws Exception {
    TestSite.Built report = TestSite.build(TestSite.SOURCE, out);
    Set<String> reported = report.problems().stream()
        .filter(p -> p.code() == ProblemCode.BROKEN_LINK)
        .map(p -> p.message().replaceFirst("^the show notes link to (\\S+),.*$", "$1"))
        .collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    Set<String> checked = new HashSet<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (!name.matches(".*\\.(html|xml|json)")) {
          continue;
        }
        String text = Files.readString(file);
        List<String> urls = new ArrayList<>();
        if (name.endsWith(".html")) {
          Document doc = Jsoup.parse(text, TestSite.BASE + "/");
          for (Element e : doc.select("a[href], link[href], img[src], audio[src], meta[content]")) {
            urls.add(e.hasAttr("href") ? e.attr("href")
                : e.hasAttr("src") ? e.attr("src") : e.attr("content"));
          }
        } else if (name.endsWith(".xml") || name.endsWith(".json")) {
          Matcher m = Pattern.compile("(?:href|url|<link>|<loc>|\"url\": |\"feed_url\": "
              + "|\"home_page_url\": |\"icon\": |\"image\": )[=\"]*(https?://[^\"<]+)")
              .matcher(text);
          while (m.find()) {
            urls.add(m.group(1));
          }
        }
        for (String url : urls) {
          String path = url.startsWith(TestSite.BASE) ? url.substring(TestSite.BASE.length())
              : url.startsWith("/") && !url.startsWith("//") ? url : null;
          if (path == null || path.isEmpty() || reported.contains(path) || !checked.add(path)) {
            continue;
          }
          String local = path.replaceFirst("[?#].*$", "");
          Path target = out.resolve(local.substring(1) + (local.endsWith("/") ? "index.html"
              : ""));
          if (!Files.isRegularFile(target)) {
            missing.add(path + " (in " + out.relativize(file) + ")");
          }
        }
      }
    }
    assertTrue(checked.size() > 50, "links checked: " + checked.size());
    assertTrue(missing.isEmpty(), "missing: " + missing);
  }

  @Test
  void everyPageHasOneH1AndEscapesAuthorText(@TempDir Path sourceDir) throws Exception {
    Path source = TestSite.copy(sourceDir);
    Files.createDirectories(source.resolve("content/post/hostile"));
    Files.writeString(source.resolve("content/post/hostile/index.md"), """
        +++
        title = "<script>alert('t')</script> & Friends"
        date = "2020-01-01"
        audioFile = "x.mp3"
        audioSize = 10
        audioDuration = "00:01:00"
        description = "\\"><img src=x onerror=alert(1)>"
        hosts = ["<b>Eve</b>"]
        categories = ["<i>cat</i>"]
        +++
        Notes with <em>raw HTML</em> kept, and a <script>alert('notes')</script> tag.

        {{< transcript "EVE: <script>alert('transcript')</script>" >}}
        """);
    TestSite.Built report = TestSite.build(source, out);
    assertTrue(report.published(), report.problems().toString());
    try (Stream<Path> files = Files.walk(out)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
        Document doc = Jsoup.parse(Files.readString(file));
        if (!file.getFileName().toString().equals("transcript.html")) {
          assertEquals(1, doc.select("h1").size(), "one h1 in " + file);
        }
        assertTrue(doc.select("img[onerror]").isEmpty(), file.toString());
        assertTrue(doc.select("script").stream().allMatch(s -> s.attr("type")
            .equals("application/ld+json") || s.data().contains("alert('notes')")),
            "only JSON-LD and the notes' own raw HTML: " + file);
      }
    }
    Document page = Jsoup.parse(TestSite.read(out, "/post/hostile/index.html"));
    assertEquals("<script>alert('t')</script> & Friends", page.selectFirst("h1").text());
    assertTrue(page.select("h1 script").isEmpty());
    assertEquals("<b>Eve</b>", page.selectFirst(".people a").text());
    assertEquals("EVE", page.selectFirst(".transcript cite").text());
    assertTrue(page.selectFirst(".transcript .turn p").text().contains("<script>"));
    assertEquals(1, page.select(".notes em").size(), "the author's raw HTML is kept");
    String feed = TestSite.read(out, "/feed.xml");
    assertFalse(feed.contains("alert('notes')"), "scripts never reach the feed");
    assertTrue(feed.contains("&lt;script&gt;alert('t')&lt;/script&gt; &amp; Friends"), feed);
  }

  @Test
  void draftsScheduledAndExpiredEpisodesAreInNoFeedOrListing(@TempDir Path sourceDir)
      throws Exception {
    Path source = TestSite.copy(sourceDir);
    String body = "audioFile = \"x.mp3\"\naudioSize = 1\naudioDuration = \"1:00\"\n"
        + "categories = [\"IoT\"]\nhosts = [\"Mark Mandel\"]\n+++\nNotes.\n";
    write(source, "draft-ep", "+++\ntitle = \"Draft\"\ndate = \"2022-12-30\"\ndraft = true\n"
        + body);
    write(source, "future-ep", "+++\ntitle = \"Future\"\ndate = \"2022-12-30\"\n"
        + "publishDate = \"2027-01-01T00:00:00Z\"\n" + body);
    write(source, "expired-ep", "+++\ntitle = \"Expired\"\ndate = \"2022-12-30\"\n"
        + "expiryDate = \"2026-01-01\"\n" + body);
    TestSite.Built report = TestSite.build(source, out);
    assertEquals(8, report.episodes());
    assertEquals(5, report.live());
    try (Stream<Path> files = Files.walk(out)) {
      // The state file beside the site keeps every guid given, drafts' included: it is never
      // published.
      for (Path file : files.filter(Files::isRegularFile)
          .filter(p -> !out.relativize(p).startsWith(".podcast")).toList()) {
        String text = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String slug : List.of("draft-ep", "future-ep", "expired-ep")) {
          assertFalse(text.contains(slug), slug + " in " + file);
        }
      }
    }
  }

  @Test
  void guidsNeverChangeOnceAssigned(@TempDir Path sourceDir) throws Exception {
    Path source = TestSite.copy(sourceDir);
    TestSite.build(source, out);
    String oldGuid = TestSite.BASE + EP331;
    assertTrue(TestSite.read(out, "/feed.xml").contains(
        "<guid isPermaLink=\"true\">" + oldGuid + "</guid>"));
    Path file = source.resolve("content/post/episode-331-2022-year-end-wrap-up/index.md");
    Files.writeString(file, Files.readString(file).replace("+++\n\n", "slug = \"renamed\"\n+++\n\n")
        .replaceFirst("\\+\\+\\+\n", "+++\nslug = \"renamed\"\n"));
    TestSite.Built report = TestSite.build(source, out);
    assertEquals(0, report.errors(), report.problems().toString());
    String feed = TestSite.read(out, "/feed.xml");
    assertTrue(feed.contains("<link>" + TestSite.BASE + "/post/renamed/</link>"), feed);
    assertTrue(feed.contains("<guid isPermaLink=\"false\">" + oldGuid + "</guid>"), feed);
    String podcastGuid = "<podcast:guid>" + dev.podcast.show.PodcastGuid.fromFeedUrl(
        TestSite.BASE + "/feed.xml") + "</podcast:guid>";
    assertTrue(feed.contains(podcastGuid), feed);
  }

  @Test
  void aFileWithAnErrorIsNotPublishedAndTheRestIs(@TempDir Path sourceDir) throws Exception {
    Path source = TestSite.copy(sourceDir);
    assertEquals(0, TestSite.build(source, out).errors());
    String good = TestSite.read(out, "/feed.xml");
    write(source, "broken", "+++\ntitle = \"Broken\"\ndate = \"someday\"\n+++\nNotes.\n");
    TestSite.Built report = TestSite.build(source, out);
    assertTrue(report.published());
    assertEquals(5, report.live());
    assertTrue(report.problems().stream().anyMatch(p -> p.isError()
        && p.code() == ProblemCode.BAD_DATE && p.file().equals("content/post/broken/index.md")
        && p.line() == 3), report.problems().toString());
    assertEquals(good, TestSite.read(out, "/feed.xml"));
    assertFalse(Files.exists(out.resolve("post/broken/index.html")));
  }

  @Test
  void anInvalidConfigurationIsRejectedWithFileLineAndKey(@TempDir Path sourceDir)
      throws Exception {
    Path source = TestSite.copy(sourceDir);
    Path config = source.resolve("config.toml");
    Files.writeString(config, Files.readString(config)
        .replace("category = \"Technology\"", "category = \"Tech News\""));
    TestSite.Built report = TestSite.build(source, out);
    assertFalse(report.published());
    Problem problem = report.problems().get(0);
    assertEquals(ProblemCode.CONFIG_INVALID, problem.code());
    assertTrue(problem.file().endsWith("config.toml"), problem.file());
    assertEquals(41, problem.line(), problem.format());
    assertTrue(problem.message().contains("[params.podcast.category]"), problem.message());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(0, files.count(), "nothing written");
    }
  }

  @Test
  void layoutsInTheSourceOverrideTheTheme(@TempDir Path sourceDir) throws Exception {
    Path source = TestSite.copy(sourceDir);
    Files.createDirectories(source.resolve("layouts"));
    Files.writeString(source.resolve("layouts/foot.mustache"),
        "</main><footer>My own footer for {{site.title}}</footer></body></html>\n");
    TestSite.build(source, out);
    assertTrue(TestSite.read(out, EP331 + "index.html")
        .contains("<footer>My own footer for Google Cloud Platform Podcast</footer>"));
  }

  private static void write(Path source, String slug, String text) throws Exception {
    Files.createDirectories(source.resolve("content/post/" + slug));
    Files.writeString(source.resolve("content/post/" + slug + "/index.md"), text);
  }
}
