package dev.podcast.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.podcast.episode.Audio;
import dev.podcast.episode.Episode;
import dev.podcast.episode.Transcript;
import dev.podcast.show.ShowConfig;
import dev.podcast.show.ShowConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The groups of category and host pages, as Hugo made them: two spellings of one name share a
 * page named as first seen (newest first), and an episode naming both is listed once.
 */
class TermListingsTest {

  @Test
  void spellingsOfOneNameShareAPageListingEachEpisodeOnce() throws Exception {
    ShowConfig show = ShowConfigReader.read(Path.of("src/test/resources/site")).config()
        .orElseThrow();
    SitePaths paths = new SitePaths(show);
    List<PublishedEpisode> all = new ArrayList<>();
    all.add(episode(show, 0, List.of("IoT", "Go")));
    all.add(episode(show, 1, List.of("iot", "IoT")));
    all.add(episode(show, 2, List.of("Go")));
    all.add(episode(show, 3, List.of("IOT")));
    all.add(episode(show, 4, List.of("iot")));
    assertEquals(List.of(
        new TermListings.Group("Go", "/categories/go/", List.of(0, 2)),
        new TermListings.Group("IoT", "/categories/iot/", List.of(0, 1, 3, 4))),
        TermListings.of(paths, all, true));
    assertEquals(List.of(new TermListings.Group("Ada", "/hosts/ada/", List.of(0, 1, 2, 3, 4))),
        TermListings.of(paths, all, false));
  }

  private static PublishedEpisode episode(ShowConfig show, int n, List<String> categories) {
    Instant date = Instant.parse("2020-01-01T00:00:00Z").minus(Duration.ofDays(n));
    Episode e = new Episode("content/post/e" + n + "/index.md", "e" + n, "/post/e" + n + "/",
        "Episode " + n, "d", date, date, Optional.empty(), false, OptionalInt.empty(),
        OptionalInt.empty(), "full", List.of("Ada"), categories, "",
        new Audio("https://example.com/e.mp3", "https://example.com/e.mp3", 1000,
            Duration.ofMinutes(1), "audio/mpeg"), "", "", Transcript.NONE, Map.of());
    return new PublishedEpisode(e, dev.podcast.feed.FeedEntry.of(e, show,
        show.absolute(e.pagePath()), ""), "");
  }
}
