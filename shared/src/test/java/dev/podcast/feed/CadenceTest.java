package dev.podcast.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParseResult;
import dev.podcast.parse.ParserSettings;
import dev.podcast.show.ShowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The cadence a feed claims when podcast.toml names none: only a clear one. */
class CadenceTest {

  private static FeedEntry on(Instant date) {
    return new FeedEntry("s", "g", "t", "https://pod.example/s/", date,
        "https://cdn.example/s.mp3", 1, "audio/mpeg", 1, OptionalInt.empty(),
        OptionalInt.empty(), "full", "", "", "", "", "", "", List.of(), List.of(), List.of());
  }

  /** {@code n} episodes {@code gap} apart, newest first, each shifted by {@code jitter(i)}. */
  private static List<FeedEntry> every(Duration gap, int n, java.util.function.IntFunction<Duration>
      jitter) {
    Instant newest = Instant.parse("2022-12-21T08:00:00Z");
    List<FeedEntry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(on(newest.minus(gap.multipliedBy(i)).plus(jitter.apply(i))));
    }
    return out;
  }

  private static Optional<String> label(List<FeedEntry> entries) {
    return Cadence.of(entries).map(ShowConfig.UpdateFrequency::label);
  }

  @Test
  void aRegularShowHasItsCadenceAndAnIrregularOneNone() {
    assertEquals(Optional.of("Weekly"), label(every(Duration.ofDays(7), 12,
        i -> Duration.ofHours(i % 3 * 5))), "a weekly show, hours late now and then");
    assertEquals("FREQ=WEEKLY", Cadence.of(every(Duration.ofDays(7), 5, i -> Duration.ZERO))
        .orElseThrow().rrule());
    assertEquals(Optional.of("Daily"), label(every(Duration.ofDays(1), 6, i -> Duration.ZERO)));
    assertEquals(Optional.of("Every two weeks"), label(every(Duration.ofDays(14), 6,
        i -> Duration.ZERO)));
    assertEquals(Optional.of("Monthly"), label(every(Duration.ofDays(30), 6,
        i -> Duration.ofDays(i % 2))));
    assertEquals(Optional.empty(), label(every(Duration.ofDays(7), 3, i -> Duration.ZERO)),
        "three episodes are no cadence");
    assertEquals(Optional.empty(), label(every(Duration.ofDays(3), 8, i -> Duration.ZERO)),
        "every three days is none of the four");
    assertEquals(Optional.empty(), label(every(Duration.ofDays(7), 10,
        i -> Duration.ofDays(i * i % 11))), "irregular gaps");
  }

  /** The real show, when the whole corpus is beside the checkout: its last ten, weekly. */
  @Test
  void theGoogleCloudPlatformPodcastIsWeekly() throws Exception {
    Path posts = Path.of(System.getProperty("podcast.corpus", "../../shared/corpus"))
        .resolve("content/post");
    assumeTrue(Files.isDirectory(posts), "no corpus at " + posts);
    EpisodeParser parser = new EpisodeParser(ParserSettings.defaults());
    List<Instant> dates = new ArrayList<>();
    try (Stream<Path> files = Files.walk(posts)) {
      for (Path file : files.filter(f -> f.getFileName().toString().equals("index.md")).toList()) {
        ParseResult r = parser.parse(posts.relativize(file).toString(), Files.readAllBytes(file));
        r.episode().ifPresent(e -> dates.add(e.date()));
      }
    }
    dates.sort(Comparator.reverseOrder());
    assertEquals(Optional.of("Weekly"), label(dates.stream().map(CadenceTest::on).toList()),
        "the latest: " + dates.subList(0, 10));
  }
}
