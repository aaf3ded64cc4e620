package dev.podcast.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.episode.Episode;
import dev.podcast.feed.FeedEntry;
import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParserSettings;
import dev.podcast.parse.TestCorpus;
import dev.podcast.problem.Problem;
import dev.podcast.show.ShowConfig;
import dev.podcast.show.ShowConfigReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A renderer that keeps feed items (for warm instances) writes the same bytes as one that
 * writes and checks every feed whole, and falls back to the whole check when an item is not
 * clean.
 */
class KeptItemsTest {

  private static final Path CORPUS = TestCorpus.bundled();

  private static List<PublishedEpisode> episodes(ShowConfig show) throws Exception {
    EpisodeParser parser = new EpisodeParser(ParserSettings.defaults()
        .withEpisodeHostBaseUrl(TestCorpus.EPISODE_HOST));
    List<PublishedEpisode> all = new ArrayList<>();
    for (Path file : TestCorpus.episodes(CORPUS)) {
      Episode e = parser.parse(file, TestCorpus.sourcePath(CORPUS, file)).episode().orElseThrow();
      all.add(new PublishedEpisode(e, FeedEntry.of(e, show, show.absolute(e.pagePath()), ""),
          ""));
    }
    all.sort(Comparator.comparing((PublishedEpisode p) -> p.episode().date()).reversed());
    return all;
  }

  private static List<OutputFile> feeds(Renderers renderer, List<PublishedEpisode> all,
      List<Problem> problems) {
    return renderer.feeds().render(all, problems::add, path -> path.endsWith(".xml"));
  }

  private static Renderers renderers(ShowConfig show, String guid, boolean keep) {
    return Renderers.of(show, new Templates(Optional.empty()), guid, keep);
  }

  private static void assertSame(List<OutputFile> expected, List<OutputFile> actual) {
    assertEquals(expected.stream().map(OutputFile::path).toList(),
        actual.stream().map(OutputFile::path).toList());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i).content(), actual.get(i).content(),
          expected.get(i).path());
    }
  }

  @Test
  void keptItemsGiveTheSameFeedsAsWholeOnesBeforeAndAfterAChange() throws Exception {
    ShowConfig show = ShowConfigReader.read(TestSite.SOURCE).config().orElseThrow();
    List<PublishedEpisode> all = episodes(show);
    assertTrue(all.size() >= 10, "the bundled corpus");
    Renderers whole = renderers(show, "guid-1", false);
    Renderers kept = renderers(show, "guid-1", true);
    List<Problem> problems = new ArrayList<>();
    List<OutputFile> expected = feeds(whole, all, problems);
    List<Problem> first = new ArrayList<>();
    assertSame(expected, feeds(kept, all, first));
    List<Problem> second = new ArrayList<>();
    assertSame(expected, feeds(kept, all, second)); // now from the kept items
    assertEquals(problems, first, "the same problems (the channel's advice) as the whole check");
    assertEquals(problems, second);

    // One episode changed: its item is written again, the others are kept.
    PublishedEpisode third = all.get(3);
    FeedEntry e = third.entry();
    FeedEntry changed = new FeedEntry(e.slug(), e.guid(), "A new title & <more>", e.link(),
        e.date(), e.enclosureUrl(), e.enclosureLength(), e.enclosureType(), e.durationSeconds(),
        e.episodeNumber(), e.seasonNumber(), e.episodeType(), e.descriptionHtml(),
        e.contentHtml(), e.summaryText(), e.subtitle(), e.author(), e.imageUrl(), e.categories(),
        e.transcripts(), e.persons());
    List<PublishedEpisode> after = new ArrayList<>(all);
    after.set(3, new PublishedEpisode(third.episode(), changed, third.image()));
    assertSame(feeds(whole, after, new ArrayList<>()), feeds(kept, after, new ArrayList<>()));
  }

  @Test
  void keptCardsGiveTheSameListings() throws Exception {
    ShowConfig show = ShowConfigReader.read(TestSite.SOURCE).config().orElseThrow();
    List<PublishedEpisode> all = episodes(show);
    List<OutputFile> expected = renderers(show, "g", false)
        .listings().render(all, path -> true);
    Renderers kept = renderers(show, "g", true);
    assertSame(expected, kept.listings().render(all, path -> true));
    assertSame(expected, kept.listings().render(all, path -> true)); // now from the kept cards
    List<PublishedEpisode> fewer = all.subList(1, all.size());
    assertSame(renderers(show, "g", false).listings().render(fewer, path -> true),
        kept.listings().render(fewer, path -> true));
  }

  @Test
  void theChannelsOwnAdviceIsReportedAtTheLineTheWholeCheckGives() throws Exception {
    String config = java.nio.file.Files.readString(TestSite.SOURCE.resolve("config.toml"))
        .replaceAll("(?m)^\\s*ownerEmail = .*$", "");
    ShowConfig show = ShowConfigReader.read(config, "config.toml", Optional.empty(),
        "podcast.toml").config().orElseThrow();
    List<PublishedEpisode> all = episodes(show);
    List<Problem> expected = new ArrayList<>();
    List<OutputFile> whole = feeds(renderers(show, "guid-1", false), all, expected);
    assertTrue(expected.stream().anyMatch(p -> p.message().contains("owner email")),
        expected.toString());
    Renderers kept = renderers(show, "guid-1", true);
    for (int round = 0; round < 2; round++) {
      List<Problem> actual = new ArrayList<>();
      assertSame(whole, feeds(kept, all, actual));
      assertEquals(expected, actual, "round " + round);
    }
  }

  @Test
  void anItemThatIsNotCleanIsReportedAsByTheWholeCheck() throws Exception {
    ShowConfig show = ShowConfigReader.read(TestSite.SOURCE).config().orElseThrow();
    List<PublishedEpisode> all = new ArrayList<>(episodes(show));
    PublishedEpisode first = all.get(0);
    FeedEntry e = first.entry();
    FeedEntry active = new FeedEntry(e.slug(), e.guid(), e.title(), e.link(), e.date(),
        e.enclosureUrl(), e.enclosureLength(), e.enclosureType(), e.durationSeconds(),
        e.episodeNumber(), e.seasonNumber(), e.episodeType(),
        "<p onclick=\"steal()\">notes</p>", e.contentHtml(), e.summaryText(), e.subtitle(),
        e.author(), e.imageUrl(), e.categories(), e.transcripts(), e.persons());
    all.set(0, new PublishedEpisode(first.episode(), active, first.image()));
    // A duplicate guid too: the cache must not hide problems that span items.
    PublishedEpisode second = all.get(1);
    FeedEntry s = second.entry();
    all.set(1, new PublishedEpisode(second.episode(), new FeedEntry(s.slug(), e.guid(),
        s.title(), s.link(), s.date(), s.enclosureUrl(), s.enclosureLength(),
        s.enclosureType(), s.durationSeconds(), s.episodeNumber(), s.seasonNumber(),
        s.episodeType(), s.descriptionHtml(), s.contentHtml(), s.summaryText(), s.subtitle(),
        s.author(), s.imageUrl(), s.categories(), s.transcripts(), s.persons()),
        second.image()));
    List<Problem> expected = new ArrayList<>();
    feeds(renderers(show, "guid-1", false), all, expected);
    Renderers kept = renderers(show, "guid-1", true);
    feeds(kept, episodes(show), new ArrayList<>()); // the clean items are kept first
    List<Problem> actual = new ArrayList<>();
    feeds(kept, all, actual);
    assertTrue(expected.stream().anyMatch(Problem::isError), expected.toString());
    assertEquals(expected, actual);
  }

  @Test
  void itemsCheckedTogetherFindWhatEachFindsAlone() throws Exception {
    ShowConfig show = ShowConfigReader.read(TestSite.SOURCE).config().orElseThrow();
    List<PublishedEpisode> all = new ArrayList<>(episodes(show));
    PublishedEpisode first = all.get(2);
    FeedEntry e = first.entry();
    all.set(2, new PublishedEpisode(first.episode(), new FeedEntry(e.slug(), e.guid(),
        e.title(), e.link(), e.date(), e.enclosureUrl(), e.enclosureLength(), "audio/x-weird",
        e.durationSeconds(), e.episodeNumber(), e.seasonNumber(), e.episodeType(),
        "<p onclick=\"steal()\">notes</p>", e.contentHtml(), e.summaryText(), e.subtitle(),
        e.author(), e.imageUrl(), e.categories(), e.transcripts(), e.persons()),
        first.image()));
    List<FeedEntry> entries = all.stream().map(PublishedEpisode::entry).toList();
    List<String> files = all.stream().map(p -> p.episode().sourcePath()).toList();
    List<List<Problem>> together = renderers(show, "ead4c236-bf58-58c6-a2c6-a6b28d128cb6", true).feeds()
        .checkItems(entries, files);
    FeedRenderer alone = renderers(show, "ead4c236-bf58-58c6-a2c6-a6b28d128cb6", false).feeds();
    for (int i = 0; i < entries.size(); i++) {
      assertEquals(alone.checkItem(entries.get(i), files.get(i)), together.get(i), files.get(i));
    }
    assertTrue(together.get(2).stream().anyMatch(Problem::isError), together.get(2).toString());
    assertTrue(together.get(0).isEmpty(), together.get(0).toString());
  }
}
