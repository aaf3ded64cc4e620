package dev.podcast.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.episode.ItemTags;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.show.ShowConfig;
import dev.podcast.show.ShowConfigReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RSS writer, the HTML that goes into feeds, paging, and the built-in feed check. */
class FeedTest {

  /** The test show's config.toml, with its [params.podcast] table last: tests add to it. */
  private static final String CONFIG = """
      baseURL = "https://pod.example.com"
      title = "Pod"
      languageCode = "en-us"
      [params]
      description = "A show."
      logo = "/logo.png"
      [params.podcast]
      ownerEmail = "owner@example.com"
      """;

  private static final ShowConfig SHOW = ShowConfigReader.read(CONFIG, "config.toml",
      Optional.empty(), "podcast.toml").config().orElseThrow();

  private static FeedEntry entry(String slug, String title, String notesHtml) {
    String link = "https://pod.example.com/post/" + slug + "/";
    String content = FeedHtml.content(notesHtml, link);
    return new FeedEntry(slug, link, title, link, Instant.parse("2020-01-02T03:04:05Z"),
        "https://cdn.example.com/" + slug + ".mp3", 1234, "audio/mpeg", 61, OptionalInt.of(7),
        OptionalInt.empty(), "full", FeedHtml.description(notesHtml, link), content,
        FeedHtml.plainText(content, 4000), "sub", "Ann", "", List.of("Go"),
        List.of(new FeedEntry.Transcript(link + "transcript.html", "text/html")),
        List.of(new ShowConfig.Person("Ann", "host", "cast", "", "")));
  }

  private static String write(List<FeedEntry> entries) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new RssFeedWriter(SHOW, "9b024349-ccf0-5f69-a609-6b82873eab3c").write(FeedPage.paged(
        "/feed.xml", "Pod", entries, 100).get(0), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<Problem> errors(String xml) {
    return FeedCheck.check(xml.getBytes(StandardCharsets.UTF_8), "/feed.xml").stream()
        .filter(Problem::isError).toList();
  }

  @Test
  void aWrittenFeedPassesTheCheck() throws Exception {
    String xml = write(List.of(entry("a", "A", "<p>Hi</p>"), entry("b", "B", "<p>Ho</p>")));
    assertEquals(List.of(), FeedCheck.check(xml.getBytes(StandardCharsets.UTF_8), "/feed.xml"));
    assertTrue(xml.contains("<itunes:explicit>false</itunes:explicit>"));
    assertTrue(xml.contains("<itunes:duration>61</itunes:duration>"));
    assertTrue(xml.contains("<pubDate>Thu, 02 Jan 2020 03:04:05 +0000</pubDate>"));
    assertTrue(xml.contains("<podcast:locked owner=\"owner@example.com\">no</podcast:locked>"));
    assertTrue(xml.contains("<fh:complete/>"));
  }

  /**
   * An analytics prefix goes in front of enclosures only (the URL without its scheme, as OP3 and
   * Podtrac take it): the guids, the links and the JSON feed's other URLs are as without it, so a
   * prefix added or changed makes no episode new to apps. The services of [notify] are named.
   */
  @Test
  void anEnclosurePrefixChangesEnclosuresOnlyAndNotifyNamesItsHubs() throws Exception {
    ShowConfig prefixed = ShowConfigReader.read(CONFIG + """
        enclosurePrefix = "https://op3.dev/e/"
        [params.podcast.notify]
        podping = "https://podping.cloud/"
        websub = ["https://pubsubhubbub.appspot.com/"]
        """, "config.toml", Optional.empty(), "podcast.toml").config().orElseThrow();
    List<FeedEntry> entries = List.of(entry("a", "A", "<p>Hi</p>"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new RssFeedWriter(prefixed, "9b024349-ccf0-5f69-a609-6b82873eab3c").write(FeedPage.paged(
        "/feed.xml", "Pod", entries, 100).get(0), out);
    String xml = out.toString(StandardCharsets.UTF_8);
    String plain = write(entries);
    assertTrue(xml.contains("<enclosure url=\"https://op3.dev/e/cdn.example.com/a.mp3\""), xml);
    assertTrue(plain.contains("<enclosure url=\"https://cdn.example.com/a.mp3\""), plain);
    assertEquals(plain.replaceAll("<enclosure[^>]*>", "").replaceAll("<atom:link[^>]*rel=\"hub\""
        + "/>|<podcast:podping[^>]*/>", ""), xml.replaceAll("<enclosure[^>]*>", "")
        .replaceAll("<atom:link[^>]*rel=\"hub\"/>|<podcast:podping[^>]*/>", ""),
        "everything but the enclosures (and [notify]) as without the prefix");
    assertTrue(xml.contains("<atom:link href=\"https://pubsubhubbub.appspot.com/\" rel=\"hub\"/>"),
        xml);
    assertTrue(xml.contains("<podcast:podping usesPodping=\"true\"/>"), xml);
    assertFalse(plain.contains("podping") || plain.contains("rel=\"hub\""), plain);
    assertEquals(List.of(), errors(xml));
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    new JsonFeedWriter(prefixed).write(FeedPage.paged("/feed.json", "Pod", entries, 100).get(0),
        json);
    assertTrue(json.toString(StandardCharsets.UTF_8).contains(
        "\"url\": \"https://op3.dev/e/cdn.example.com/a.mp3\""), json.toString());
    for (String bad : List.of("http://op3.dev/e/", "https://op3.dev/e", "https://x.example/?a=")) {
      assertTrue(ShowConfigReader.read("baseURL = \"https://pod.example.com\"\ntitle = \"P\"\n",
          "config.toml", Optional.of("enclosurePrefix = \"" + bad + "\"\n"), "podcast.toml")
          .config().isEmpty(), bad);
    }
  }

  /** The channel's other Podcasting 2.0 tags, from podcast.toml, as the namespace spells them. */
  @Test
  void theChannelsPodcastingTagsAreWrittenAsTheNamespaceSpellsThem() throws Exception {
    String config = CONFIG;
    String podcast = """
        updateFrequency = { label = "Weekly on Wednesdays", rrule = "FREQ=WEEKLY;BYDAY=WE", \
        dtstart = "2016-01-06T09:00:00Z" }
        license = { name = "cc-by-3.0", url = "https://creativecommons.org/licenses/by/3.0/" }
        location = { name = "Mountain View, CA", geo = "geo:37.422,-122.084", osm = "R112143" }
        publisher = { feedGuid = "003af0a0-6a45-55cf-b765-68e3d8ac8cb9" }
        [[txt]]
        value = "S6lpp-7ZCn8-dZfGc-OoyaG"
        purpose = "verify"
        [[txt]]
        value = "naj3eEZaWVVY9a38uhX8FekACyIa1"
        [[podroll]]
        feedGuid = "917393e3-1b1e-5cef-ace4-edaa54e1f810"
        feedUrl = "https://feeds.example.com/other.xml"
        """;
    ShowConfig show = ShowConfigReader.read(config, "config.toml", Optional.of(podcast),
        "podcast.toml").config().orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new RssFeedWriter(show, "9b024349-ccf0-5f69-a609-6b82873eab3c").write(FeedPage.paged(
        "/feed.xml", "Pod", List.of(entry("a", "A", "<p>Hi</p>")), 100).get(0), out);
    String xml = out.toString(StandardCharsets.UTF_8);
    for (String tag : List.of(
        "<podcast:txt purpose=\"verify\">S6lpp-7ZCn8-dZfGc-OoyaG</podcast:txt>",
        "<podcast:txt>naj3eEZaWVVY9a38uhX8FekACyIa1</podcast:txt>",
        "<podcast:updateFrequency dtstart=\"2016-01-06T09:00:00Z\" rrule=\"FREQ=WEEKLY;BYDAY=WE\">"
            + "Weekly on Wednesdays</podcast:updateFrequency>",
        "<podcast:license url=\"https://creativecommons.org/licenses/by/3.0/\">cc-by-3.0"
            + "</podcast:license>",
        "<podcast:location geo=\"geo:37.422,-122.084\" osm=\"R112143\">Mountain View, CA"
            + "</podcast:location>",
        "<podcast:podroll><podcast:remoteItem feedGuid=\"917393e3-1b1e-5cef-ace4-edaa54e1f810\""
            + " feedUrl=\"https://feeds.example.com/other.xml\"/></podcast:podroll>",
        "<podcast:publisher><podcast:remoteItem medium=\"publisher\" feedGuid=\""
            + "003af0a0-6a45-55cf-b765-68e3d8ac8cb9\"/></podcast:publisher>")) {
      assertTrue(xml.contains(tag), tag + " in\n" + xml);
    }
    assertEquals(List.of(), errors(xml));
    assertFalse(write(List.of(entry("a", "A", "<p>Hi</p>"))).contains("podcast:txt"),
        "none without podcast.toml's");
    // Values the namespace does not allow: refused with their line and key.
    for (String bad : List.of("[[txt]]\nvalue = \"\"", "[[txt]]\nvalue = \"" + "x".repeat(4001)
        + "\"", "[[txt]]\nvalue = \"v\"\npurpose = \"" + "p".repeat(129) + "\"",
        "updateFrequency = { label = \"\" }", "updateFrequency = { label = \"W\", rrule = \"weekly\" }",
        "updateFrequency = { label = \"W\", dtstart = \"Wednesday\" }",
        "license = { name = \"cc\", url = \"ftp://x\" }", "location = { name = \"\" }",
        "location = { name = \"X\", geo = \"37.4,-122.1\" }",
        "location = { name = \"X\", osm = \"113314\" }",
        "[[podroll]]\nfeedGuid = \"not-a-guid\"", "publisher = { feedGuid = \"x\" }")) {
      ShowConfigReader.Result r = ShowConfigReader.read(config, "config.toml",
          Optional.of("ownerEmail = \"o@example.com\"\n" + bad + "\n"), "podcast.toml");
      assertTrue(r.config().isEmpty(), bad);
      assertEquals("podcast.toml", r.problems().get(0).file(), bad);
      assertTrue(r.problems().get(0).line() >= 2, bad + ": " + r.problems());
    }
  }

  /** The item's season name, licence and soundbites, as the namespace spells them. */
  @Test
  void theItemsPodcastingTagsAreWrittenAsTheNamespaceSpellsThem() throws Exception {
    FeedEntry plain = entry("a", "A", "<p>Hi</p>");
    FeedEntry tagged = new FeedEntry(plain.slug(), plain.guid(), plain.title(), plain.link(),
        plain.date(), plain.enclosureUrl(), plain.enclosureLength(), plain.enclosureType(),
        plain.durationSeconds(), plain.episodeNumber(), OptionalInt.of(2), plain.episodeType(),
        plain.descriptionHtml(), plain.contentHtml(), plain.summaryText(), plain.subtitle(),
        plain.author(), plain.imageUrl(), plain.categories(), plain.transcripts(),
        plain.persons(), new ItemTags("Season <Two>", "cc-by-4.0",
            "https://creativecommons.org/licenses/by/4.0/", List.of(
                new ItemTags.Soundbite(73.5, 60, "The good part"),
                new ItemTags.Soundbite(5, 15.25, "")), List.of(
                new ItemTags.Alternate("https://cdn.example.com/a.mp4", "video/mp4", 9999,
                    2500000, "Video", true))));
    String xml = write(List.of(tagged));
    for (String tag : List.of("<podcast:season name=\"Season &lt;Two&gt;\">2</podcast:season>",
        "<podcast:license url=\"https://creativecommons.org/licenses/by/4.0/\">cc-by-4.0"
            + "</podcast:license>",
        "<podcast:soundbite startTime=\"73.5\" duration=\"60.0\">The good part"
            + "</podcast:soundbite>",
        "<podcast:soundbite startTime=\"5.0\" duration=\"15.25\"></podcast:soundbite>",
        "<podcast:alternateEnclosure type=\"video/mp4\" length=\"9999\" bitrate=\"2500000.0\""
            + " title=\"Video\" default=\"true\"><podcast:source"
            + " uri=\"https://cdn.example.com/a.mp4\"/></podcast:alternateEnclosure>")) {
      assertTrue(xml.contains(tag), tag + " in\n" + xml);
    }
    assertEquals(List.of(), errors(xml));
    assertFalse(write(List.of(plain)).contains("podcast:soundbite"));
    // A trailer is also the channel's podcast:trailer.
    FeedEntry trailer = new FeedEntry("t", "https://pod.example.com/post/t/", "Coming <soon>",
        "https://pod.example.com/post/t/", Instant.parse("2019-12-01T10:00:00Z"),
        "https://cdn.example.com/t.mp3", 5000, "audio/mpeg", 60, OptionalInt.empty(),
        OptionalInt.of(1), "trailer", "", "", "", "", "", "", List.of(), List.of(), List.of());
    String withTrailer = write(List.of(tagged, trailer));
    assertTrue(withTrailer.contains("<podcast:trailer pubdate=\"Sun, 01 Dec 2019 10:00:00 +0000\""
        + " url=\"https://cdn.example.com/t.mp3\" length=\"5000\" type=\"audio/mpeg\""
        + " season=\"1\">Coming \u2039soon\u203A</podcast:trailer>"), withTrailer);
    assertEquals(1, withTrailer.split("<podcast:trailer ", -1).length - 1);
    assertFalse(xml.contains("podcast:trailer"));
    assertEquals(List.of(), errors(withTrailer));
  }

  @Test
  void charactersXmlForbidsAreDroppedAndCdataIsSplit() throws Exception {
    String xml = write(List.of(entry("a", "Bell\u0007 and \uFFFE nul\u0000",
        "<p>Ends ]]> here \u0001</p>")));
    assertTrue(xml.contains("<title>Bell and  nul</title>"), xml);
    assertTrue(errors(xml).isEmpty(), errors(xml).toString());
    assertTrue(xml.contains("Ends ]]&gt; here"), "']]>' cannot end the CDATA section early");
  }

  @Test
  void authorHtmlIsSanitisedAndMadeAbsolute() {
    String html = "<p onclick=\"x()\">Hi <a href=\"/post/b/\">b</a></p><script>bad()</script>"
        + "<iframe src=\"https://x\"></iframe><style>p{}</style><img src=\"/i.png\">"
        + "<a href=\"javascript:alert(1)\">j</a>";
    String description = FeedHtml.description(html, "https://pod.example.com/post/a/");
    String content = FeedHtml.content(html, "https://pod.example.com/post/a/");
    for (String s : List.of(description, content)) {
      assertFalse(s.contains("script") || s.contains("iframe") || s.contains("onclick")
          || s.contains("style") || s.contains("javascript"), s);
      assertTrue(s.contains("href=\"https://pod.example.com/post/b/\""), s);
    }
    assertFalse(description.contains("<img"), "description keeps only what apps render");
    assertTrue(content.contains("<img src=\"https://pod.example.com/i.png\">"), content);
  }

  @Test
  void longNotesAreCutToApplesLimitInDescriptionButKeptInContent() {
    StringBuilder html = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      html.append("<p>Paragraph ").append(i).append(" with some words in it to fill.</p>");
    }
    String description = FeedHtml.description(html.toString(), "https://p/x/");
    assertTrue(description.getBytes(StandardCharsets.UTF_8).length <= 4000);
    assertTrue(description.endsWith("<p><a href=\"https://p/x/\">Show notes</a></p>"));
    assertTrue(FeedHtml.content(html.toString(), "https://p/x/").contains("Paragraph 99"));
  }

  @Test
  void plainTextSummaryHasNoTags() {
    assertEquals("Systers \u2039TechTalks/\u203A rock",
        FeedHtml.plainText("<p>Systers &lt;TechTalks/&gt; <b>rock</b></p>", 4000));
  }

  @Test
  void pagingKeepsTheNewestInTheMainFeedAndFullArchivePagesStable() {
    List<FeedEntry> entries = new ArrayList<>();
    for (int i = 7; i >= 1; i--) {
      entries.add(entry("e" + i, "E" + i, "<p>x</p>"));
    }
    List<FeedPage> pages = FeedPage.paged("/feed.xml", "Pod", entries, 3);
    assertEquals(3, pages.size());
    FeedPage main = pages.get(0);
    assertEquals(List.of("e7", "e6", "e5"), main.entries().stream().map(FeedEntry::slug).toList());
    assertFalse(main.complete());
    assertEquals(Optional.of("/feed/archive/2.xml"), main.prevArchive());
    FeedPage oldest = pages.get(1);
    assertEquals("/feed/archive/1.xml", oldest.path());
    assertEquals(List.of("e3", "e2", "e1"), oldest.entries().stream().map(FeedEntry::slug)
        .toList());
    assertTrue(oldest.archive());
    assertEquals(Optional.of("/feed.xml"), oldest.current());
    assertEquals(Optional.of("/feed/archive/2.xml"), oldest.nextArchive());
    assertEquals(List.of("e4"), pages.get(2).entries().stream().map(FeedEntry::slug).toList());
    assertEquals(Optional.of("/feed/archive/1.xml"), pages.get(2).prevArchive());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<itunes:explicit>false</itunes:explicit>|<itunes:explicit>No</itunes:explicit>",
      "<itunes:category text=\"Technology\">|<itunes:category text=\"Tech News\">",
      "<itunes:duration>61</itunes:duration>|<itunes:duration>1:61</itunes:duration>",
      "<itunes:episode>7</itunes:episode>|<itunes:episode>0</itunes:episode>",
      "<itunes:episodeType>full</itunes:episodeType>|<itunes:episodeType>x</itunes:episodeType>",
      "href=\"https://pod.example.com/logo.png\"/>|href=\"http://pod.example.com/logo.png\"/>",
      "length=\"1234\"|length=\"12 MB\"",
      "url=\"https://cdn.example.com/b.mp3\"|url=\"/b.mp3\"",
      "<pubDate>Thu, 02 Jan 2020 03:04:05 +0000</pubDate>|<pubDate>2020-01-02</pubDate>",
      "<guid isPermaLink=\"true\">https://pod.example.com/post/b/</guid>"
          + "|<guid isPermaLink=\"true\">https://pod.example.com/post/a/</guid>",
      "<itunes:summary>Ho</itunes:summary>|<itunes:summary>&lt;b&gt;Ho&lt;/b&gt;</itunes:summary>",
      "<podcast:locked owner=\"owner@example.com\">no</podcast:locked>"
          + "|<podcast:locked>maybe</podcast:locked>",
      "<podcast:guid>9b024349-ccf0-5f69-a609-6b82873eab3c</podcast:guid>"
          + "|<podcast:guid>9b024349-ccf0-4f69-a609-6b82873eab3c</podcast:guid>",
      "<itunes:title>B</itunes:title>|<itunes:title>B</itunes:title><reddit>x</reddit>",
      "<atom:link href=\"https://pod.example.com/feed.xml\" rel=\"self\"|<atom:link href=\"x\"",
      "type=\"text/html\"|type=\"text/nonsense\"",
      "type=\"text/html\"|type=\"text/html\" rel=\"captions\"",
      "type=\"text/html\"|type=\"text/vtt\" rel=\"subtitles\"",
      "</channel>|<item><title>no enclosure</title></item></channel>",
      "</rss>|</rss><broken"})
  void theCheckCatchesEveryBrokenRule(String good, String bad) throws Exception {
    String xml = write(List.of(entry("a", "A", "<p>Hi</p>"), entry("b", "B", "<p>Ho</p>")));
    assertTrue(xml.contains(good), "fixture lacks " + good);
    String broken = xml.replace(good, bad);
    List<Problem> errors = errors(broken);
    assertFalse(errors.isEmpty(), "not caught: " + bad);
    assertTrue(errors.stream().allMatch(p -> p.code() == ProblemCode.FEED_INVALID
        && p.file().equals("/feed.xml") && p.line() > 0), errors.toString());
  }
}
