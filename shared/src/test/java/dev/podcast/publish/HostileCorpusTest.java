package dev.podcast.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.feed.FeedCheck;
import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParseResult;
import dev.podcast.parse.ParserSettings;
import dev.podcast.parse.TestCorpus;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.testing.HostileInputs;
import dev.podcast.testing.HostileInputs.Input;
import dev.podcast.testing.MovableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fuzz corpus of issue 11: the attack pass's examples of every class and 1,000 mutations of
 * real episodes. Each file ends in an episode or a validation error within 2 s (a bound against
 * a hang, not a speed target: the figures are dev.podcast.bench.HostileBenchmark's), nothing is
 * thrown and nothing is printed; through the engine (the examples and 200 of the mutations), none
 * of them stops the next good episode or
 * writes a file outside what the site owns.
 */
class HostileCorpusTest {

  private static final Duration BOUND = Duration.ofSeconds(2);
  private static final int MUTATIONS = 1_000;
  /** How many of the mutations also go through the engine (each one regenerates the feeds). */
  private static final int PUBLISHED_MUTATIONS = 200;
  /** Every path the site itself makes, and the images and files the source holds. */
  /** What the site owns; {@code index.xml} and {@code post/index.xml}: Hugo's old feeds. */
  private static final Pattern SITE_PATH = Pattern.compile("(index\\.html|404\\.html|feed\\.xml"
      + "|index\\.xml|post/index\\.xml"
      + "|feed\\.json|sitemap\\.xml|sitemap/(pages|episodes)-\\d+\\.xml|robots\\.txt"
      + "|css/site\\.css|page/\\d+/index\\.html"
      + "|archive/(\\d+/)?index\\.html|feed/archive/\\d+\\.xml"
      + "|(categories|hosts)/(index\\.html|[^/]+/(index\\.html|archive/\\d+/index\\.html|feed\\.xml"
      + "|feed/archive/\\d+\\.xml))"
      + "|post/[^/]+(/[^/]+)*/(index\\.html|transcript\\.(html|txt|json))|images/.+)");

  @Test
  void everyFileEndsInAResultOrAnErrorInTimeAndPrintsNothing() throws Exception {
    List<Input> inputs = HostileInputs.all(TestCorpus.episodes(TestCorpus.bundled()), MUTATIONS);
    assertTrue(inputs.size() >= MUTATIONS + 40, "examples and mutations: " + inputs.size());
    EpisodeParser parser = new EpisodeParser(ParserSettings.defaults()
        .withEpisodeHostBaseUrl(TestCorpus.EPISODE_HOST));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    List<String> failures = new ArrayList<>();
    int episodes = 0;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      for (Input input : inputs) {
        try {
          ParseResult result = assertTimeoutPreemptively(BOUND,
              () -> parser.parse(input.object(), input.bytes()), input::toString);
          if (result.episode().isPresent()) {
            episodes++;
          } else if (!result.hasErrors()) {
            failures.add(input + ": neither an episode nor an error");
          }
          for (Problem p : result.problems()) {
            if (!p.file().equals(input.object()) || p.line() < 0 || p.message().isBlank()) {
              failures.add(input + ": " + p.format());
            }
          }
        } catch (AssertionError | RuntimeException e) {
          failures.add(input + ": " + e);
        }
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertEquals(List.of(), failures);
    assertEquals("", printed.toString(StandardCharsets.UTF_8), "nothing printed");
    assertTrue(episodes > 0 && episodes < inputs.size(), episodes + " of " + inputs.size()
        + " are episodes: the corpus holds both");
  }

  @Test
  void noHostileFileStopsTheNextGoodEpisodeOrWritesOutsideTheSite() throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2026-11-25T12:00:00Z"));
    InMemoryObjectStore source = new InMemoryObjectStore();
    InMemoryObjectStore site = new InMemoryObjectStore(clock);
    Publisher publisher = new Publisher(source, site, new InMemoryEpisodeStore(), clock);
    source.put(new ObjectStore.Write("config.toml", Files.readAllBytes(
        Path.of("src/test/resources/site/config.toml")), "application/toml", ""));
    publish(publisher, source, "content/post/good-first/index.md",
        HostileInputs.goodEpisode("Good first"));
    for (Input input : HostileInputs.all(TestCorpus.episodes(TestCorpus.bundled()),
        PUBLISHED_MUTATIONS)) {
      Result result = publish(publisher, source, input.object(), input.bytes());
      assertTrue(result.outcome() != null, input.toString());
      String feed = feed(site);
      assertTrue(feed.contains("<title>Good first</title>"), input + ": the last good feed");
      assertTrue(FeedCheck.check(feed.getBytes(StandardCharsets.UTF_8), "feed.xml").stream()
          .noneMatch(Problem::isError), input + ": the live feed passes the feed check");
    }
    Result last = publish(publisher, source, "content/post/good-last/index.md",
        HostileInputs.goodEpisode("Good last"));
    assertEquals(Result.Action.PUBLISHED, last.outcome(), last.toString());
    assertTrue(feed(site).contains("<title>Good last</title>"), "the next good episode");
    for (String name : site.list("")) {
      assertTrue(SITE_PATH.matcher(name).matches(), "a file the site does not own: " + name);
      assertFalse(name.contains(".."), name);
    }
  }

  private static Result publish(Publisher publisher, InMemoryObjectStore source, String object,
      byte[] bytes) {
    long generation = source.put(new ObjectStore.Write(object, bytes, "text/markdown", ""));
    return publisher.finalized(object, generation);
  }

  private static String feed(InMemoryObjectStore site) {
    return new String(site.get("feed.xml").orElseThrow().content(), StandardCharsets.UTF_8);
  }
}
