package dev.podcast.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.TreeSet;

/** The site a fresh build of a source makes, to compare a site kept by changes with. */
final class FreshBuild {

  private FreshBuild() {}

  /**
   * Asserts that {@code site} holds the files, byte for byte, that publishing all of
   * {@code source} into an empty site with empty records writes.
   */
  static void assertSiteIsAsBuiltAfresh(InMemoryObjectStore source, InMemoryObjectStore site,
      Clock clock) {
    InMemoryObjectStore fresh = new InMemoryObjectStore(clock);
    new Publisher(source, fresh, new InMemoryEpisodeStore(), clock).publishAll();
    assertEquals(new TreeSet<>(fresh.list("")), new TreeSet<>(site.list("")));
    for (String name : fresh.list("")) {
      assertEquals(new String(fresh.get(name).orElseThrow().content(), StandardCharsets.UTF_8),
          new String(site.get(name).orElseThrow().content(), StandardCharsets.UTF_8), name);
    }
  }
}
