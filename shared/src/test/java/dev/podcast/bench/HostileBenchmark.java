package dev.podcast.bench;

import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParseResult;
import dev.podcast.parse.ParserSettings;
import dev.podcast.parse.TestCorpus;
import dev.podcast.problem.Problem;
import dev.podcast.testing.HostileInputs;
import dev.podcast.testing.HostileInputs.Input;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The worst time per MB over the hostile inputs of issue 11 (the attack pass's examples and 1,000
 * mutations of real episodes): every input parsed once, timed (the slowest of these first parses
 * is printed too), then {@value #WARMUP_PASSES} passes in all to warm up, then each input
 * {@value #ROUNDS} times; each input's time is its best round (what the code costs, not
 * what the machine's other work added). Prints one line per input of 32 KB or more and the
 * worst of all: time per MB over inputs of 32 KB or more (below that the fixed cost of a parse
 * dominates), and the slowest input of any size.
 *
 * <pre>
 * mvn -B -o -pl shared -Pbench test-compile exec:exec -Dbench.main=dev.podcast.bench.HostileBenchmark -Dbench.args=
 * </pre>
 *
 * <p>{@code -Dbench.args=TEXT} times only the inputs whose description contains TEXT.
 */
public final class HostileBenchmark {

  private static final int ROUNDS = 5;
  private static final int WARMUP_PASSES = 3;
  private static final int LARGE = 32 * 1024;

  private record Timed(Input input, long nanos, String outcome) {
    double msPerMb() {
      return nanos / 1e6 / (input.bytes().length / 1048576.0);
    }
  }

  private HostileBenchmark() {}

  public static void main(String[] args) {
    String only = args.length > 0 ? args[0] : "";
    List<Input> inputs = HostileInputs.all(TestCorpus.episodes(TestCorpus.bundled()), 1_000)
        .stream().filter(i -> i.toString().contains(only)).toList();
    EpisodeParser parser = new EpisodeParser(ParserSettings.defaults()
        .withEpisodeHostBaseUrl(TestCorpus.EPISODE_HOST));
    // The first parse of each input, in order: what a fresh process meets, the JIT compiler's
    // work included.
    Timed coldest = null;
    for (Input input : inputs) {
      long start = System.nanoTime();
      parser.parse(input.object(), input.bytes());
      long nanos = System.nanoTime() - start;
      if (coldest == null || nanos > coldest.nanos()) {
        coldest = new Timed(input, nanos, "");
      }
    }
    for (int pass = 1; pass < WARMUP_PASSES; pass++) {
      for (Input input : inputs) {
        parser.parse(input.object(), input.bytes());
      }
    }
    List<Timed> timed = new ArrayList<>();
    for (Input input : inputs) {
      long best = Long.MAX_VALUE;
      ParseResult result = null;
      for (int round = 0; round < ROUNDS; round++) {
        long start = System.nanoTime();
        result = parser.parse(input.object(), input.bytes());
        best = Math.min(best, System.nanoTime() - start);
      }
      timed.add(new Timed(input, best, result.episode().isPresent() ? "episode"
          : result.problems().stream().filter(Problem::isError).findFirst()
              .map(p -> p.code().code()).orElse("?")));
    }
    long totalBytes = inputs.stream().mapToLong(i -> i.bytes().length).sum();
    long totalNanos = timed.stream().mapToLong(Timed::nanos).sum();
    System.out.printf(Locale.ROOT, "%d inputs, %.1f MB, %.2f s in all (best of %d rounds each)%n",
        inputs.size(), totalBytes / 1048576.0, totalNanos / 1e9, ROUNDS);
    System.out.printf(Locale.ROOT, "%-60s %10s %9s %9s  %s%n", "input (32 KB or more)", "bytes",
        "ms", "ms/MB", "outcome");
    timed.stream().filter(t -> t.input().bytes().length >= LARGE)
        .sorted(Comparator.comparingDouble(Timed::msPerMb).reversed())
        .forEach(t -> System.out.printf(Locale.ROOT, "%-60s %10d %9.1f %9.1f  %s%n",
            shorten(t.input().kind() + ": " + t.input().name()), t.input().bytes().length,
            t.nanos() / 1e6, t.msPerMb(), t.outcome()));
    Timed worstRate = timed.stream().filter(t -> t.input().bytes().length >= LARGE)
        .max(Comparator.comparingDouble(Timed::msPerMb)).orElseThrow();
    Timed slowest = timed.stream().max(Comparator.comparingLong(Timed::nanos)).orElseThrow();
    System.out.printf(Locale.ROOT, "worst time per MB (inputs of 32 KB or more): %.1f ms/MB,"
        + " %s%n", worstRate.msPerMb(), worstRate.input());
    System.out.printf(Locale.ROOT, "slowest input: %.1f ms, %s%n", slowest.nanos() / 1e6,
        slowest.input());
    System.out.printf(Locale.ROOT, "slowest first parse (before the JIT compiler's work): %.1f ms,"
        + " %s%n", coldest.nanos() / 1e6, coldest.input());
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 59) + "\u2026";
  }
}
