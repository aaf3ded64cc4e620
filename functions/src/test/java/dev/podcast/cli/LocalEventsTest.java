package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.testing.ForwardingEpisodeStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The events of serve's source folder: an outage is retried with backoff until it passes, a
 * content problem is logged once and not retried.
 */
class LocalEventsTest {

  private static final String EP101 = "content/post/episode-101-iot-core/index.md";

  @Test
  void anOutageIsRetriedWithBackoffUntilItPasses() throws Exception {
    InMemoryObjectStore source = new InMemoryObjectStore();
    InMemoryObjectStore site = new InMemoryObjectStore();
    put(source, "config.toml", Files.readString(LocalSites.EXAMPLE.resolve("config.toml")));
    long generation = put(source, EP101, Files.readString(LocalSites.EXAMPLE.resolve(EP101)));
    Outage store = new Outage(new InMemoryEpisodeStore(), 3);
    List<String> lines = new ArrayList<>();
    LocalEvents events = new LocalEvents(new Publisher(source, site, store, Clock.systemUTC()),
        (severity, message, object, slug, outcome, start) -> lines.add(outcome));
    events.finalized(EP101, generation);
    assertEquals(List.of("RETRY"), lines);
    long wait = events.waitMs(2_000);
    assertTrue(wait > 0 && wait <= 200, "the first retry within 200 ms: " + wait);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!lines.contains("PUBLISHED") && System.nanoTime() < deadline) {
      Thread.sleep(events.waitMs(2_000));
      events.retryDue();
    }
    assertEquals("PUBLISHED", lines.get(lines.size() - 1), lines.toString());
    assertTrue(lines.size() >= 3, "retried until the store came back: " + lines);
    assertTrue(site.get("feed.xml").isPresent());
    assertEquals(2_000, events.waitMs(2_000), "nothing waits any more");
  }

  @Test
  void aContentProblemIsLoggedOnceAndNotRetried() throws Exception {
    InMemoryObjectStore source = new InMemoryObjectStore();
    put(source, "config.toml", Files.readString(LocalSites.EXAMPLE.resolve("config.toml")));
    long generation = put(source, EP101, "+++\ntitle = \"x\"\ndate = \"someday\"\n+++\n");
    List<String> lines = new ArrayList<>();
    LocalEvents events = new LocalEvents(new Publisher(source, new InMemoryObjectStore(),
        new InMemoryEpisodeStore(), Clock.systemUTC()),
        (severity, message, object, slug, outcome, start) -> lines.add(severity + " " + outcome
            + " " + message));
    events.finalized(EP101, generation);
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("WARNING REJECTED rejected (") && lines.get(0)
        .contains("[bad-date]"), lines.toString());
    assertEquals(2_000, events.waitMs(2_000), "no retry waits");
  }

  private static long put(ObjectStore store, String name, String text) {
    return store.put(new ObjectStore.Write(name, text.getBytes(StandardCharsets.UTF_8),
        "text/plain", ""));
  }

  /** An episode store whose first {@code failures} transactions fail as an outage does. */
  private static final class Outage extends ForwardingEpisodeStore {
    private final AtomicInteger failures;

    Outage(EpisodeStore delegate, int failures) {
      super(delegate);
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public <T> T transaction(Function<Transaction, T> work) {
      if (failures.getAndDecrement() > 0) {
        throw new ObjectStore.StoreUnavailableException("the emulator is gone (test)", null);
      }
      return delegate.transaction(work);
    }
  }
}
