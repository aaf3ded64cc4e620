package dev.podcast.port;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.podcast.adapter.memory.InMemoryObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The object store contract on the in-memory adapter. */
class InMemoryObjectStoreTest extends ObjectStoreContract {

  @Override
  protected ObjectStore store() {
    return new InMemoryObjectStore();
  }

  @Test
  void writesAreDatedByTheInjectedClock() {
    Instant at = Instant.parse("2026-11-25T12:00:00.5Z");
    ObjectStore store = new InMemoryObjectStore(Clock.fixed(at, ZoneOffset.UTC));
    store.put(new ObjectStore.Write("feed.xml", new byte[] {1}, "application/rss+xml", ""));
    assertEquals(at, store.get("feed.xml").orElseThrow().updated());
  }
}
