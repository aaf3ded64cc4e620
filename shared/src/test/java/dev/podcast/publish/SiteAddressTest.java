package dev.podcast.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.parse.ParserSettings;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * One source for the show's address: a deployment that serves the site at one address
 * publishes nothing from a {@code config.toml} whose {@code baseURL} is another, and says so
 * naming both, on the line of {@code baseURL}.
 */
class SiteAddressTest {

  private static final Path SITE = Path.of("src/test/resources/site");
  private static final String EPISODE = "content/post/episode-101-iot-core/index.md";

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T12:00:00Z"));
  private final InMemoryObjectStore source = new InMemoryObjectStore();
  private final InMemoryObjectStore site = new InMemoryObjectStore(clock);
  private final InMemoryEpisodeStore store = new InMemoryEpisodeStore();

  private Publisher servedAt(String address) {
    return new Publisher(source, site, store, clock,
        Publisher.contexts(source, store, ParserSettings.defaults()).servedAt(address));
  }

  private long upload(String name, String text) {
    return source.put(new ObjectStore.Write(name, text.getBytes(StandardCharsets.UTF_8),
        "text/plain", ""));
  }

  @Test
  void aBaseUrlThatIsNotTheDeploymentsAddressPublishesNothingAndNamesBoth() throws Exception {
    String config = Files.readString(SITE.resolve("config.toml"));
    Publisher elsewhere = servedAt("https://podcast.example.org/");
    upload("config.toml", config);
    Result result = elsewhere.finalized(EPISODE, upload(EPISODE,
        Files.readString(SITE.resolve(EPISODE))));
    assertEquals(Result.Action.REJECTED, result.outcome());
    Problem problem = result.problems().get(0);
    assertEquals(ProblemCode.CONFIG_INVALID, problem.code());
    assertEquals("config.toml", problem.file());
    int line = 1 + (int) config.substring(0, config.indexOf("baseUrl =")).chars()
        .filter(c -> c == '\n').count();
    assertEquals(line, problem.line());
    assertTrue(problem.message().contains("https://www.gcppodcast.com")
        && problem.message().contains("https://podcast.example.org"), problem.message());
    assertFalse(site.get("feed.xml").isPresent(), "nothing published");

    // The same files, where the deployment is at the configured address: published.
    Result there = servedAt("https://www.gcppodcast.com").finalized("config.toml",
        source.generation("config.toml").orElseThrow());
    assertEquals(Result.Action.REBUILT, there.outcome(), there.problems().toString());
    assertTrue(site.get("feed.xml").isPresent());
  }

  @Test
  void oldFeedAddressesThatAreNotTheOnesRoutedPublishNothingAndNameBoth() throws Exception {
    upload("config.toml", Files.readString(SITE.resolve("config.toml")));
    upload("podcast.toml", "# the show's settings\noldFeedPaths = [\"/feed/\"]\n");
    Publisher routing = new Publisher(source, site, store, clock, Publisher.contexts(source,
        store, ParserSettings.defaults()).routingOldFeeds(java.util.List.of("/index.xml",
            "/post/index.xml")));
    Result result = routing.finalized("podcast.toml", source.generation("podcast.toml")
        .orElseThrow());
    assertEquals(Result.Action.REJECTED, result.outcome());
    Problem problem = result.problems().get(0);
    assertEquals("podcast.toml", problem.file());
    assertEquals(2, problem.line());
    assertTrue(problem.message().contains("[/feed/]")
        && problem.message().contains("[/index.xml, /post/index.xml]"), problem.message());
    Result agreeing = new Publisher(source, site, store, clock, Publisher.contexts(source,
        store, ParserSettings.defaults()).routingOldFeeds(java.util.List.of("/feed/")))
        .finalized("config.toml", source.generation("config.toml").orElseThrow());
    assertEquals(Result.Action.REBUILT, agreeing.outcome(), agreeing.problems().toString());
    assertTrue(site.get("feed/index.html").isPresent(), "the old feed written where routed");
  }
}
