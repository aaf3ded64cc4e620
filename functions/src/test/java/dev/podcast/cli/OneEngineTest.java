package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build} and {@code serve} are one engine: for the same show they write the same files,
 * byte for byte, report the same problems as {@code validate}, and the site they serve has no
 * internal link, image or feed URL that is missing, but for the links of show notes that were
 * reported to the author as broken.
 */
class OneEngineTest {

  private static final String SITE_URL = "https://www.gcppodcast.com";
  /** What the author was told is missing: a link of the notes, an image, the show's artwork. */
  private static final Pattern REPORTED = Pattern.compile(
      "\\[broken-link\\] the show notes link to (\\S+), which|\\[artwork-missing\\] the show"
          + " artwork (\\S+) is not");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void buildAndServeWriteTheSameSiteForTheExampleShow(@TempDir Path work) throws Exception {
    sameSite(LocalSites.EXAMPLE, work);
  }

  @Test
  void buildAndServeWriteTheSameSiteForTheWholeCorpus(@TempDir Path work) throws Exception {
    assumeTrue(LocalSites.corpus().isPresent(), "../shared/corpus is not beside the project");
    sameSite(LocalSites.corpus().get(), work);
  }

  private void sameSite(Path show, Path work) throws Exception {
    Path source = LocalSites.copy(show, work.resolve("source"));
    Path built = work.resolve("built");
    String report = LocalSites.build(source, built);
    Path served = work.resolve("served");
    try (RunningServe serve = RunningServe.start(source, served, Map.of())) {
      Map<String, byte[]> expected = LocalSites.files(built);
      assertTrue(expected.size() > 40, expected.size() + " files built");
      List<String> differences = LocalSites.differences(expected, LocalSites.files(served));
      assertTrue(differences.isEmpty(), differences.size() + " differences: " + differences);
      // The same problems: build prints them, serve logs them, validate prints them.
      List<String> reported = problems(report);
      assertEquals(reported, problems(serve.log().replace("\\\"", "\"")), "serve's log");
      java.io.StringWriter validated = new java.io.StringWriter();
      PodcastCli.execute(new java.io.PrintWriter(validated, true),
          new java.io.PrintWriter(validated, true), "validate", source.toString());
      assertEquals(reported, problems(validated.toString()), "validate");
      assertTrue(reported.size() > 5, "problems: " + reported);
    }
  }

  /** The problem lines in {@code output}: {@code file:line:col: severity: [code] message}. */
  private static List<String> problems(String output) {
    List<String> problems = new ArrayList<>();
    Matcher m = Pattern.compile("[^\\s\"]+:\\d+:\\d+: (?:error|warning): \\[[a-z0-9-]+\\] "
        + "[^\\n\"]*").matcher(output);
    while (m.find()) {
      problems.add(m.group());
    }
    problems.sort(null);
    return problems;
  }

  @Test
  void aCrawlOfTheServedExampleShowFindsNothingMissing(@TempDir Path work) throws Exception {
    crawl(LocalSites.EXAMPLE, work, 50);
  }

  @Test
  void aCrawlOfAShowWithEpisodeArtworkFindsItsDerivedSizes(@TempDir Path work)
      throws Exception {
    Set<String> seen = crawl(Path.of("../shared/src/test/resources/site"), work, 50);
    assertTrue(seen.stream().anyMatch(p -> p.endsWith(".square.jpg")), seen.toString());
    assertTrue(seen.stream().anyMatch(p -> p.endsWith(".social.jpg")), seen.toString());
  }

  @Test
  void aCrawlOfTheServedCorpusFindsNothingMissing(@TempDir Path work) throws Exception {
    assumeTrue(LocalSites.corpus().isPresent(), "../shared/corpus is not beside the project");
    crawl(LocalSites.corpus().get(), work, 2_000);
  }

  /**
   * Follows every link of the served site from {@code /} (pages, images, stylesheet, feeds,
   * sitemap, transcripts); every one inside the site answers 200, but for the links of show
   * notes that were reported as broken.
   */
  private Set<String> crawl(Path show, Path work, int atLeast) throws Exception {
    Path source = LocalSites.copy(show, work.resolve("source"));
    try (RunningServe serve = RunningServe.start(source, work.resolve("site"), Map.of())) {
      Set<String> reported = new HashSet<>();
      Matcher broken = REPORTED.matcher(serve.log());
      while (broken.find()) {
        reported.add(broken.group(1) != null ? broken.group(1) : broken.group(2));
      }
      Deque<String[]> queue = new ArrayDeque<>();
      for (String start : List.of("/", "/robots.txt", "/sitemap.xml", "/404.html", "/feed.xml",
          "/feed.json")) {
        queue.add(new String[] {start, "(start)"});
      }
      Set<String> seen = new HashSet<>();
      List<String> missing = new ArrayList<>();
      while (!queue.isEmpty()) {
        String[] next = queue.poll();
        String path = next[0];
        if (!seen.add(path)) {
          continue;
        }
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
            URI.create(serve.base() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
          if (!reported.contains(path)) {
            missing.add(path + " (" + response.statusCode() + ", linked from " + next[1] + ")");
          }
          continue;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        for (String link : links(path, type, body)) {
          if (!seen.contains(link)) {
            queue.add(new String[] {link, path});
          }
        }
      }
      assertTrue(missing.isEmpty(), missing.size() + " missing: " + missing);
      assertTrue(seen.size() >= atLeast, seen.size() + " URLs crawled");
      return seen;
    }
  }

  private static final Pattern XML_URL = Pattern.compile(
      "(?:href|url)=\"([^\"]+)\"|<(?:link|loc|url)>([^<]+)</");
  private static final Pattern JSON_URL = Pattern.compile(
      "\"(?:url|feed_url|home_page_url|image|icon|banner_image)\": \"([^\"]+)\"");

  /** The site paths {@code body} (at {@code path}, of {@code type}) links to. */
  private static List<String> links(String path, String type, String body) {
    List<String> urls = new ArrayList<>();
    if (type.startsWith("text/html")) {
      Document doc = Jsoup.parse(body, SITE_URL + path);
      for (Element e : doc.select("a[href], link[href], img[src], audio[src], source[src],"
          + " script[src], meta[content]")) {
        String attribute = e.hasAttr("href") ? "href" : e.hasAttr("src") ? "src" : "content";
        if (attribute.equals("content") && !e.attr("content").startsWith("http")) {
          continue; // a meta tag's text, not a link
        }
        urls.add(e.absUrl(attribute).isEmpty() ? e.attr(attribute) : e.absUrl(attribute));
      }
    } else if (type.contains("xml")) {
      Matcher m = XML_URL.matcher(body);
      while (m.find()) {
        urls.add((m.group(1) != null ? m.group(1) : m.group(2)).replace("&amp;", "&"));
      }
    } else if (type.contains("json")) {
      Matcher m = JSON_URL.matcher(body);
      while (m.find()) {
        urls.add(m.group(1));
      }
    }
    List<String> paths = new ArrayList<>();
    for (String url : urls) {
      if (url.startsWith(SITE_URL + "/")) {
        String local = url.substring(SITE_URL.length()).replaceFirst("[?#].*$", "");
        if (!local.isEmpty()) {
          paths.add(local);
        }
      }
    }
    return paths;
  }
}
