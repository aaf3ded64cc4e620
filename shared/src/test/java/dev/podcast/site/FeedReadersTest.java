package dev.podcast.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.podcast.episode.Episode;
import dev.podcast.episode.ItemTags;
import dev.podcast.feed.FeedEntry;
import dev.podcast.feed.FeedPage;
import dev.podcast.feed.RssFeedWriter;
import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParserSettings;
import dev.podcast.parse.TestCorpus;
import dev.podcast.show.ShowConfig;
import dev.podcast.show.ShowConfigReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our feeds parsed back by real feed readers: ROME with its iTunes module, and Debian's
 * python3-feedparser and python3-podcastparser (installed by .ci/run). Every item's title, guid,
 * date, enclosure URL, length, type and duration must come back as the source file says.
 */
class FeedReadersTest {

  private static final String PYTHON = "/usr/bin/python3";

  /** What a reader read of one item. */
  record Item(String title, String guid, long published, String url, long length, String type,
      long duration) {}

  @Test
  void theTestShowReadsBackInEveryReaderAcrossArchivePages(@TempDir Path out) throws Exception {
    TestSite.build(TestSite.SOURCE, out);
    List<Path> documents = List.of(out.resolve("feed.xml"), out.resolve("feed/archive/1.xml"));
    checkAllReaders(TestSite.SOURCE, documents, 5);
  }

  @Test
  void theWholeCorpusReadsBackInEveryReader(@TempDir Path out) throws Exception {
    assumeTrue(TestCorpus.full().isPresent(), "../shared/corpus not present");
    Path corpus = TestCorpus.full().get();
    TestSite.Built report = TestSite.build(corpus, out);
    assertEquals(0, report.errors(), report.problems().stream().filter(p -> p.isError())
        .toList().toString());
    checkAllReaders(corpus, List.of(out.resolve("feed.xml")), 298);
  }

  /**
   * The Podcasting 2.0 tags as feedparser reads them (podcastparser reads none of them): the
   * channel's txt, license, location, updateFrequency, podping and WebSub hub, the item's season
   * name, soundbite, chapters and captions transcript, and an enclosure behind an analytics
   * prefix, in both readers.
   */
  @Test
  void thePodcastingTagsReadBackInFeedparser(@TempDir Path out) throws Exception {
    ShowConfig show = ShowConfigReader.read("""
        baseURL = "https://pod.example.com"
        title = "Pod"
        """, "config.toml", Optional.of("""
        ownerEmail = "owner@example.com"
        enclosurePrefix = "https://op3.dev/e/"
        license = { name = "cc-by-3.0", url = "https://creativecommons.org/licenses/by/3.0/" }
        location = { name = "Mountain View, CA", geo = "geo:37.422,-122.084", osm = "R112143" }
        updateFrequency = { label = "Weekly", rrule = "FREQ=WEEKLY" }
        [[txt]]
        value = "S6lpp-7ZCn8"
        purpose = "verify"
        [notify]
        podping = "https://podping.cloud/"
        websub = ["https://pubsubhubbub.appspot.com/"]
        """), "podcast.toml").config().orElseThrow();
    String link = "https://pod.example.com/post/a/";
    FeedEntry entry = new FeedEntry("a", link, "A", link,
        Instant.parse("2022-12-21T08:00:00Z"), "https://cdn.example.com/a.mp3", 1234,
        "audio/mpeg", 600, OptionalInt.of(1), OptionalInt.of(2), "full",
        "<p>Hi</p>", "<p>Hi</p>", "Hi", "", "", "", List.of(),
        List.of(new FeedEntry.Transcript(link + "transcript.vtt", "text/vtt",
            FeedEntry.Transcript.CAPTIONS)), List.of(),
        new ItemTags("The second season", "", "", List.of(
            new ItemTags.Soundbite(73.5, 60, "The good part")), List.of(),
            List.of(new ItemTags.Chapter(0, "Intro"))));
    Path feed = out.resolve("feed.xml");
    try (var stream = Files.newOutputStream(feed)) {
      new RssFeedWriter(show, "9b024349-ccf0-5f69-a609-6b82873eab3c").write(
          FeedPage.paged("/feed.xml", "Pod", List.of(entry), 10).get(0), stream);
    }
    JsonObject read = python(feed);
    JsonObject channel = read.getAsJsonObject("feedparser").getAsJsonObject("podcast");
    assertEquals("verify", channel.getAsJsonObject("podcast_txt").get("purpose").getAsString());
    assertEquals("https://creativecommons.org/licenses/by/3.0/",
        channel.getAsJsonObject("podcast_license").get("url").getAsString());
    assertEquals("geo:37.422,-122.084",
        channel.getAsJsonObject("podcast_location").get("geo").getAsString());
    assertEquals("R112143", channel.getAsJsonObject("podcast_location").get("osm").getAsString());
    assertEquals("FREQ=WEEKLY",
        channel.getAsJsonObject("podcast_updatefrequency").get("rrule").getAsString());
    assertEquals("true",
        channel.getAsJsonObject("podcast_podping").get("usespodping").getAsString());
    assertEquals("[\"https://pubsubhubbub.appspot.com/\"]",
        read.getAsJsonObject("feedparser").get("hubs").toString());
    JsonObject item = read.getAsJsonObject("feedparser").getAsJsonArray("items").get(0)
        .getAsJsonObject();
    assertEquals("The second season", item.getAsJsonObject("podcast").getAsJsonObject(
        "podcast_season").get("name").getAsString());
    JsonObject bite = item.getAsJsonObject("podcast").getAsJsonObject("podcast_soundbite");
    assertEquals("73.5", bite.get("starttime").getAsString());
    assertEquals("60.0", bite.get("duration").getAsString());
    JsonObject transcript = item.getAsJsonObject("podcast").getAsJsonObject("podcast_transcript");
    assertEquals(link + "transcript.vtt", transcript.get("url").getAsString());
    assertEquals("text/vtt", transcript.get("type").getAsString());
    assertEquals("captions", transcript.get("rel").getAsString());
    JsonObject chapters = item.getAsJsonObject("podcast").getAsJsonObject("podcast_chapters");
    assertEquals(link + "chapters.json", chapters.get("url").getAsString());
    assertEquals("application/json+chapters", chapters.get("type").getAsString());
    for (String reader : List.of("feedparser", "podcastparser")) {
      assertEquals("https://op3.dev/e/cdn.example.com/a.mp3", read.getAsJsonObject(reader)
          .getAsJsonArray("items").get(0).getAsJsonObject().get("url").getAsString(), reader);
    }
  }

  private void checkAllReaders(Path source, List<Path> documents, int expected) throws Exception {
    Map<String, Episode> byGuid = sourceEpisodes(source);
    List<Item> rome = new ArrayList<>();
    List<Item> feedparser = new ArrayList<>();
    List<Item> podcastparser = new ArrayList<>();
    for (Path document : documents) {
      rome.addAll(rome(document));
      JsonObject python = python(document);
      feedparser.addAll(items(python.getAsJsonObject("feedparser").getAsJsonArray("items")));
      podcastparser.addAll(items(python.getAsJsonObject("podcastparser").getAsJsonArray("items")));
    }
    for (Map.Entry<String, List<Item>> reader : Map.of("ROME", rome, "feedparser", feedparser,
        "podcastparser", podcastparser).entrySet()) {
      assertEquals(expected, reader.getValue().size(), reader.getKey() + " item count");
      for (Item item : reader.getValue()) {
        Episode e = byGuid.get(item.guid());
        String who = reader.getKey() + " on " + item.guid();
        assertTrue(e != null, who + ": no such episode");
        assertEquals(e.title(), item.title(), who);
        assertEquals(e.date().getEpochSecond(), item.published(), who);
        assertEquals(e.audio().url(), item.url(), who);
        assertEquals(e.audio().sizeBytes(), item.length(), who);
        assertEquals(e.audio().mimeType(), item.type(), who);
        assertEquals(e.audio().durationSeconds(), item.duration(), who);
      }
    }
  }

  /** The source episodes by the guid a first build gives them: the old site's permalink. */
  private static Map<String, Episode> sourceEpisodes(Path source) throws IOException {
    EpisodeParser parser = new EpisodeParser(ParserSettings.defaults()
        .withEpisodeHostBaseUrl(TestCorpus.EPISODE_HOST));
    Map<String, Episode> byGuid = new HashMap<>();
    for (Path file : dev.podcast.parse.SourceFiles.episodeFiles(source.resolve("content"))) {
      Episode e = parser.parse(file, source.relativize(file).toString()).episode().orElseThrow();
      byGuid.put(TestSite.BASE + e.pagePath(), e);
    }
    return byGuid;
  }

  private static List<Item> rome(Path document) throws Exception {
    SyndFeed feed = new SyndFeedInput().build(new XmlReader(document.toFile()));
    List<Item> items = new ArrayList<>();
    for (SyndEntry entry : feed.getEntries()) {
      SyndEnclosure enclosure = entry.getEnclosures().get(0);
      EntryInformation itunes = (EntryInformation) entry.getModule(ITunes.URI);
      items.add(new Item(entry.getTitle(), entry.getUri(),
          entry.getPublishedDate().toInstant().getEpochSecond(), enclosure.getUrl(),
          enclosure.getLength(), enclosure.getType(),
          itunes.getDuration().getMilliseconds() / 1000));
    }
    return items;
  }

  private static JsonObject python(Path document) throws Exception {
    assertTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is required (see .ci/run)");
    Process process = new ProcessBuilder(PYTHON, "src/test/resources/feedreaders/read_feed.py",
        document.toString(), TestSite.BASE + "/feed.xml").redirectErrorStream(false).start();
    byte[] stdout = process.getInputStream().readAllBytes();
    byte[] stderr = process.getErrorStream().readAllBytes();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "python timed out");
    assertEquals(0, process.exitValue(), "feed readers failed (install python3-feedparser and"
        + " python3-podcastparser, see .ci/run): " + new String(stderr, StandardCharsets.UTF_8));
    return JsonParser.parseString(new String(stdout, StandardCharsets.UTF_8)).getAsJsonObject();
  }

  private static List<Item> items(JsonArray array) {
    List<Item> items = new ArrayList<>();
    for (JsonElement element : array) {
      JsonObject o = element.getAsJsonObject();
      items.add(new Item(o.get("title").getAsString(), o.get("guid").getAsString(),
          o.get("published").getAsLong(), o.get("url").getAsString(),
          o.get("length").getAsLong(), o.get("type").getAsString(),
          o.get("duration").getAsLong()));
    }
    return items;
  }
}
