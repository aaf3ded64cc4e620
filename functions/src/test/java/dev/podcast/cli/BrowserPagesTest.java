package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published pages in a real browser (Debian's chromium, driven by {@code playwright-core},
 * checked with {@code axe-core}: see {@link BrowserChecks}). {@code podcast serve} publishes the
 * example show plus a hostile episode and serves it on 127.0.0.1; the harness loads the pages,
 * hovers and clicks what is left of the hostile markup, and records every assignment to
 * {@code window.pwned} (in any frame), dialogs, page errors, pop-ups and requests to any other
 * host. The same hostile file in a site that sets Hugo's
 * {@code markup.goldmark.renderer.unsafe = true} runs its scripts, so the checks can fail; a
 * file that says {@code cms = true} does not, even there.
 */
class BrowserPagesTest {

  private static final String EPISODE = "/post/episode-331-2022-year-end-wrap-up/";
  private static final String HOSTILE = "/post/hostile/";
  private static final String CMS = "/post/cms/";
  /** Where author HTML lands on pages: show notes (with the transcript) and card summaries. */
  private static final String AUTHOR_CONTENT = ".notes, .summary";
  /** What is left of the hostile markup, wherever a page shows the hostile episode. */
  private static final String HOSTILE_ELEMENTS = ".notes *, .transcript .turn *, h1, h1 *,"
      + " .card:has(a[href=\"" + HOSTILE + "\"]) *";

  @TempDir
  static Path work;
  private static RunningServe serve;
  private static Path site;

  @BeforeAll
  static void publishTheExampleShowWithAHostileEpisode() throws Exception {
    Path source = LocalSites.copy(LocalSites.EXAMPLE, work.resolve("source"));
    writeEpisode(source, "hostile", "2023-01-10T00:00:00Z", 999, "");
    site = work.resolve("site");
    serve = RunningServe.start(source, site, Map.of());
  }

  @AfterAll
  static void stop() {
    if (serve != null) {
      serve.close();
    }
  }

  @Test
  void noScriptFromAuthorContentRunsOnLoadHoverOrClick() throws Exception {
    Document page = Jsoup.parse(Files.readString(site.resolve("post/hostile/index.html")));
    assertTrue(page.select("script:not([type=\"application/ld+json\"]), [onerror], iframe, svg")
        .isEmpty(), "the built page still has active markup: " + page.select(".notes"));
    List<String> paths = new ArrayList<>(List.of("/", HOSTILE, HOSTILE + "transcript.html",
        "/archive/", "/categories/", "/hosts/"));
    paths.addAll(termPages(page));
    BrowserChecks.Report report = BrowserChecks.run(serve.base(),
        List.of("--no-axe", "--interact", HOSTILE_ELEMENTS), paths);

    List<String> problems = new ArrayList<>();
    for (BrowserChecks.Page p : report.pages()) {
      expect(problems, p, p.status() == 200, "status " + p.status());
      expect(problems, p, p.assignments().isEmpty(), "window.pwned assigned " + p.assignments());
      expect(problems, p, p.json().get("valueAfterLoad").isJsonNull(), "window.pwned is set");
      expect(problems, p, p.array("dialogs").isEmpty(), "dialogs " + p.array("dialogs"));
      expect(problems, p, p.array("pageErrors").isEmpty(), "errors " + p.array("pageErrors"));
      expect(problems, p, p.array("popups").isEmpty(), "pop-ups " + p.array("popups"));
      expect(problems, p, p.offHostRequests().isEmpty(), "requests " + p.offHostRequests());
      // All a console may say: the hostile <img src=x> (its onerror gone) found no x.
      p.array("console").forEach(m -> expect(problems, p, m.getAsJsonObject().get("text")
          .getAsString().startsWith("Failed to load resource") && m.getAsJsonObject()
          .get("location").getAsString().endsWith("/x"), "console " + m));
    }
    assertEquals(List.of(), problems);
    BrowserChecks.Page hostile = report.page(HOSTILE, "light");
    assertTrue(hostile.array("interactions").size() >= 5, "hovered and clicked: "
        + hostile.array("interactions"));
    assertTrue(hostile.json().get("valueAfterInteraction").isJsonNull());
    System.out.printf("browser: %d pages checked for scripts in %d ms (chromium %s)%n",
        report.pages().size(), report.durationMs(), report.chromium());
  }

  @Test
  void noSeriousOrCriticalAccessibilityViolationsInLightAndDarkSchemes() throws Exception {
    List<String> clean = List.of("/", EPISODE, EPISODE + "transcript.html", "/archive/",
        "/categories/kubernetes/", "/hosts/mark-mandel/", "/404.html", "/no-such-page/");
    // Notes with images that have no alt text, as their authors wrote them (the hostile
    // episode's, and two real ones: image-alt, and link-name for an image that is a link).
    List<String> flawedNotes = List.of(HOSTILE, "/post/episode-101-iot-core/",
        "/post/episode-37-gke-1-3-with-carter-morgan/");
    List<String> paths = new ArrayList<>(clean);
    paths.addAll(flawedNotes);
    BrowserChecks.Report report = BrowserChecks.run(serve.base(),
        List.of("--schemes", "light,dark", "--author", AUTHOR_CONTENT), paths);

    List<String> violations = new ArrayList<>();
    for (BrowserChecks.Page p : report.pages()) {
      violations.addAll(flawedNotes.contains(p.path())
          ? p.seriousViolationsOutsideAuthorContent() : p.seriousViolations());
    }
    assertEquals(List.of(), violations, "axe-core " + report.axeCore());
    assertTrue(report.page(HOSTILE, "light").seriousViolations().stream()
        .anyMatch(v -> v.contains("image-alt")), "axe sees the notes' images");
    assertEquals(404, report.page("/no-such-page/", "dark").status());
    System.out.printf("browser: %d pages checked with axe-core %s in %d ms%n",
        report.pages().size(), report.axeCore(), report.durationMs());
  }

  @Test
  void withUnsafeHtmlTheAuthorsScriptsRunButACmsFilesNever(@TempDir Path unsafe)
      throws Exception {
    Path source = LocalSites.copy(LocalSites.EXAMPLE, unsafe.resolve("source"));
    Files.writeString(source.resolve("config.toml"), Files.readString(source.resolve(
        "config.toml")) + "\n[markup.goldmark.renderer]\n  unsafe = true\n");
    writeEpisode(source, "hostile", "2023-01-10T00:00:00Z", 999, "");
    writeEpisode(source, "cms", "2023-01-09T00:00:00Z", 998, "cms = true\n");
    try (RunningServe unsafeServe = RunningServe.start(source, unsafe.resolve("site"),
        Map.of())) {
      BrowserChecks.Report report = BrowserChecks.run(unsafeServe.base(),
          List.of("--no-axe", "--interact", ".notes *"), List.of(HOSTILE, CMS));

      BrowserChecks.Page author = report.page(HOSTILE, "light");
      List<String> ran = author.assignments();
      assertTrue(ran.contains("1 (load)"), "the author's <script> ran: " + ran);
      assertTrue(ran.contains("2 (load)"), "onerror ran: " + ran);
      assertTrue(ran.contains("3 (interaction)"), "the javascript: link ran: " + ran);
      assertTrue(author.offHostRequests().contains("https://evil.example/"),
          author.offHostRequests().toString());

      BrowserChecks.Page cms = report.page(CMS, "light");
      assertEquals(List.of(), cms.assignments());
      assertEquals(List.of(), cms.offHostRequests());
      assertTrue(cms.array("dialogs").isEmpty(), cms.array("dialogs").toString());
      assertTrue(cms.array("interactions").size() >= 5, cms.array("interactions").toString());
    }
  }

  /** The hostile episode's category and host pages, as its page links them. */
  private static Set<String> termPages(Document page) {
    Set<String> paths = new LinkedHashSet<>();
    page.select(".people a").forEach(a -> paths.add(a.attr("href")));
    assertEquals(2, paths.size(), "one host and one category: " + paths);
    return paths;
  }

  private static void expect(List<String> problems, BrowserChecks.Page page, boolean ok,
      String what) {
    if (!ok) {
      problems.add(page.path() + " (" + page.scheme() + "): " + what);
    }
  }

  /**
   * An episode whose every author field tries to run a script: title (also breaking out of the
   * JSON-LD), description, host, category, summary, notes and transcript.
   */
  private static void writeEpisode(Path source, String slug, String date, int number,
      String frontMatter) throws Exception {
    Path file = source.resolve("content/post/" + slug + "/index.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        +++
        title = "<script>window.pwned=10</script></script><script>window.pwned=11</script> %s"
        date = "%s"
        description = "\\"><img src=x onerror=\\"window.pwned=12\\">"
        audioFile = "%s.mp3"
        audioSize = 1000
        audioDuration = "00:01:00"
        episodeNumber = %d
        hosts = ["<script>window.pwned=13</script>Eve"]
        categories = ["<script>window.pwned=14</script>Evil"]
        %s+++
        A summary <img src=x alt="a broken image" onerror="window.pwned=20"> that says
        <b onmouseover="window.pwned=21">hover me</b>.

        <!--more-->

        <script>window.pwned=1</script>

        <img src=x onerror="window.pwned=2">

        <a href="javascript:window.pwned=3">a javascript link</a>

        <svg onload="window.pwned=4"><circle r="5"/></svg>

        <iframe src="https://evil.example/"></iframe>

        <iframe srcdoc="<script>parent.pwned=5</script>"></iframe>

        <p onclick="window.pwned=6" onmouseover="window.pwned=7">click me</p>

        {{< transcript "EVE: <script>window.pwned=8</script>" >}}
        EVE: and <img src=x onerror=window.pwned=9>
        """.formatted(slug, date, slug, number, frontMatter));
  }
}
