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
import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParserSettings;
import dev.podcast.parse.TestCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
