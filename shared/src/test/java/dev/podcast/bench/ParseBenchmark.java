package dev.podcast.bench;

import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParseResult;
import dev.podcast.parse.ParserSettings;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * How long {@link EpisodeParser} takes to parse the whole real corpus (298 files, about 14 MB):
 * decode, front matter, show notes rendered to HTML, transcript parsed into turns.
 *
 * <p>One operation is one pass over every corpus file, on one warm thread; the score is the
 * average time per pass. The files are read into memory once, in {@link #load()}, so no I/O is
 * measured.
 *
 * <p>Run it from the repository root (the {@code bench} profile in {@code shared/pom.xml} runs
 * JMH from the test classpath and passes {@code -Dpodcast.corpus}):
 *
 * <pre>
 * mvn -B -o -pl shared -Pbench test-compile exec:exec
 * </pre>
 *
 * <p>To turn the score into rates: episodes/s = files / (seconds per pass), MB/s = corpus bytes /
 * 10^6 / (seconds per pass). Allocation per episode: add {@code -prof gc} and divide {@code
 * gc.alloc.rate.norm} (bytes per pass) by the number of files. {@link #main} does both: run
 *
 * <pre>
 * mvn -B -o -pl shared -Pbench test-compile exec:exec \
 *     -Dbench.main=dev.podcast.bench.ParseBenchmark -Dbench.args="-prof gc"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// flexmark is a lot of code for the JIT: on a 2-core machine the score only settles after about
// 15 s, so the warmup is longer than usual.
@Warmup(iterations = 10, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 10, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
@State(Scope.Benchmark)
public class ParseBenchmark {

  /** Built as the application builds it: one parser per show, reused for every file. */
  private final EpisodeParser parser = new EpisodeParser(ParserSettings.defaults()
      .withEpisodeHostBaseUrl("https://traffic.libsyn.com/secure/googlecloudpodcast"));

  private String[] paths;
  private byte[][] bytes;

  /** Reads every corpus file into memory, and parses them once to check that they parse. */
  @Setup(Level.Trial)
  public void load() {
    Corpus corpus = Corpus.load();
    paths = corpus.paths();
    bytes = corpus.bytes();
    int episodes = 0;
    for (int i = 0; i < paths.length; i++) {
      if (parser.parse(paths[i], bytes[i]).episode().isPresent()) {
        episodes++;
      }
    }
    // Printed so that a run over a broken or empty corpus does not pass unnoticed.
    System.out.printf(Locale.ROOT, "%n# corpus %s: %d files, %,d bytes, %d parse to an episode%n",
        corpus.root(), corpus.size(), corpus.totalBytes(), episodes);
    if (episodes == 0) {
      throw new IllegalStateException("no corpus file parses to an episode: nothing to measure");
    }
  }

  /** One pass over the corpus: every file parsed once, every result handed to the Blackhole. */
  @Benchmark
  public void parseCorpus(Blackhole blackhole) {
    for (int i = 0; i < paths.length; i++) {
      ParseResult result = parser.parse(paths[i], bytes[i]);
      blackhole.consume(result);
    }
  }

  /**
   * Runs this benchmark (JMH command line options such as {@code -prof gc} or {@code -f 2} work
   * as for {@code org.openjdk.jmh.Main}), then prints the score as episodes/s and MB/s, and the
   * bytes allocated per episode when {@code -prof gc} was given.
   */
  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder builder = new OptionsBuilder();
    builder.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      builder.include(ParseBenchmark.class.getName() + ".parseCorpus");
    }
    Options options = builder.build();
    Collection<RunResult> results = new Runner(options).run();

    Corpus corpus = Corpus.load();
    int files = corpus.size();
    double megabytes = corpus.totalBytes() / 1e6;
    for (RunResult run : results) {
      if (!run.getParams().getBenchmark().endsWith("ParseBenchmark.parseCorpus")) {
        continue;
      }
      Mode mode = run.getParams().getMode();
      Result<?> primary = run.getPrimaryResult();
      double nanosPerUnit = run.getParams().getTimeUnit().toNanos(1);
      // Seconds per pass over the corpus, from either kind of score.
      double secondsPerPass = mode == Mode.Throughput
          ? nanosPerUnit / 1e9 / primary.getScore()
          : primary.getScore() * nanosPerUnit / 1e9;
      System.out.printf(Locale.ROOT, "%nParseBenchmark (%s): %.1f ms per pass over %d files"
              + " (%.2f MB)%n  %.0f episodes/s, %.1f MB/s%n", mode.shortLabel(),
          secondsPerPass * 1e3, files, megabytes, files / secondsPerPass,
          megabytes / secondsPerPass);
      Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
      if (alloc != null) {
        System.out.printf(Locale.ROOT, "  %,.0f bytes allocated per pass, %,.0f per episode%n",
            alloc.getScore(), alloc.getScore() / files);
      }
    }
  }
}
