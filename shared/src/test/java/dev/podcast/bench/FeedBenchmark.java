package dev.podcast.bench;

import dev.podcast.episode.Episode;
import dev.podcast.feed.FeedCheck;
import dev.podcast.feed.FeedEntry;
import dev.podcast.feed.FeedPage;
import dev.podcast.feed.RssFeedWriter;
import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParserSettings;
import dev.podcast.problem.Problem;
import dev.podcast.show.ShowConfig;
import dev.podcast.show.ShowConfigReader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing the RSS feed of a show with {@code items} episodes, synthesised from the real corpus
 * (the 298 parsed episodes repeated with new slugs, guids and dates), into a file, and then the
 * built-in feed check reading it back, as the pipeline does each time a feed is regenerated.
 *
 * <p>The entries are what the pipeline keeps per episode (sanitised HTML computed once at
 * publish time), so a regeneration only streams them: the writer and the check hold one item at
 * a time, and the entries list is a view that makes each entry when it is read, so memory does
 * not grow with {@code items} (compare {@code gc.alloc.rate.norm} per item across the params).
 *
 * <pre>
 * mvn -B -o -pl shared -Pbench test-compile exec:exec -Dbench.args="FeedBenchmark -prof gc"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
// A small heap on purpose: 10,000 items must fit in the same memory as 1,000.
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m"})
@State(Scope.Benchmark)
public class FeedBenchmark {

  @Param({"1000", "10000"})
  public int items;

  private ShowConfig show;
  private List<FeedEntry> corpus;
  private Path file;

  @Setup(Level.Trial)
  public void load() throws IOException {
    Path root = Path.of(System.getProperty("podcast.corpus", "../../shared/corpus"));
    show = ShowConfigReader.read(root).config().orElseThrow();
    EpisodeParser parser = new EpisodeParser(ParserSettings.defaults()
        .withEpisodeHostBaseUrl(show.episodeHostBaseUrl()));
    corpus = new ArrayList<>();
    try (var files = Files.walk(root.resolve("content"))) {
      for (Path path : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        Episode e = parser.parse(path, root.relativize(path).toString()).episode().orElseThrow();
        corpus.add(FeedEntry.of(e, show, show.absolute(e.pagePath()), ""));
      }
    }
    file = Files.createTempFile("feed-benchmark", ".xml");
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  /** Entry {@code i} of the synthetic show: a corpus entry under a new slug, guid and date. */
  private FeedEntry synthetic(int i) {
    FeedEntry e = corpus.get(i % corpus.size());
    String slug = "episode-" + (items - i);
    String link = show.baseUrl() + "/post/" + slug + "/";
    return new FeedEntry(slug, link, e.title(), link,
        Instant.parse("2030-01-01T00:00:00Z").minusSeconds(3600L * 24 * i), e.enclosureUrl(),
        e.enclosureLength(), e.enclosureType(), e.durationSeconds(), e.episodeNumber(),
        e.seasonNumber(), e.episodeType(), e.descriptionHtml(), e.contentHtml(),
        e.summaryText(), e.subtitle(), e.author(), e.imageUrl(), e.categories(),
        e.transcripts(), e.persons());
  }

  /** The synthetic show's entries, newest first, each made when it is read. */
  private List<FeedEntry> entries() {
    return new AbstractList<>() {
      @Override
      public FeedEntry get(int index) {
        return synthetic(index);
      }

      @Override
      public int size() {
        return items;
      }
    };
  }

  /**
   * Every document of the show's feed: the newest {@code feedItemLimit} (300) items in
   * {@code /feed.xml} and the rest in RFC 5005 archive pages: all {@code items} written and
   * checked.
   */
  @Benchmark
  public long wholeFeed() throws Exception {
    long bytes = 0;
    for (FeedPage page : FeedPage.paged("/feed.xml", show.title(), entries(),
        show.podcast().feedItemLimit())) {
      bytes += writeAndCheck(page);
    }
    return bytes;
  }

  /**
   * What a new episode changes: {@code /feed.xml} and the newest archive page (older archive
   * pages are full and never change), written and checked.
   */
  @Benchmark
  public long afterNewEpisode() throws Exception {
    List<FeedPage> pages = FeedPage.paged("/feed.xml", show.title(), entries(),
        show.podcast().feedItemLimit());
    long bytes = writeAndCheck(pages.get(0));
    if (pages.size() > 1) {
      bytes += writeAndCheck(pages.get(pages.size() - 1));
    }
    return bytes;
  }

  /** All {@code items} in one document, as a show without archive pages would have it. */
  @Benchmark
  public long singleDocument() throws Exception {
    return writeAndCheck(new FeedPage("/feed.xml", show.title(), entries(), true, false,
        Optional.empty(), Optional.empty(), Optional.empty()));
  }

  private long writeAndCheck(FeedPage page) throws Exception {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      new RssFeedWriter(show, "503b6f11-1ad4-5193-8ab9-6dd910b26e36").write(page, out);
    }
    List<Problem> problems;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      problems = FeedCheck.check(in, page.path());
    }
    if (problems.stream().anyMatch(Problem::isError)) {
      throw new IllegalStateException("the synthetic feed fails the check: " + problems);
    }
    return Files.size(file);
  }
}
