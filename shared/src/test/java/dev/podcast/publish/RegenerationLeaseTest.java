package dev.podcast.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.port.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import dev.podcast.testing.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the regeneration lease. An instance that dies holding it does not stop publishing:
 * an upload meanwhile records its episode and writes its page, and once the lease has expired,
 * {@code publishDue} (or the next upload) renders the feeds and listings with it.
 */
class RegenerationLeaseTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T12:00:00Z"));
  private final InMemoryObjectStore source = new InMemoryObjectStore();
  private final InMemoryObjectStore site = new InMemoryObjectStore(clock);
  private final InMemoryEpisodeStore store = new InMemoryEpisodeStore();

  @BeforeEach
  void theExampleConfiguration() throws Exception {
    source.put(new ObjectStore.Write("config.toml", Files.readAllBytes(
        Path.of("src/test/resources/site/config.toml")), "application/toml", ""));
  }

  @Test
  void aHolderThatDiesLeavesALeaseThatExpires() throws Exception {
    Publisher publisher = new Publisher(source, site, store, clock);
    publish(publisher, 1);
    assertTrue(feed().contains("Episode 1"));

    // Another instance takes the lease and dies before it lets go.
    RegenerationLease dead = new RegenerationLease(store, clock);
    assertTrue(dead.acquire().isPresent());
    assertEquals(Result.Action.PUBLISHED, publish(publisher, 2).outcome());
    assertTrue(site.get("post/episode-2/index.html").isPresent(), "its page is written");
    assertFalse(feed().contains("Episode 2"), "left to the holder");
    publisher.publishDue();
    assertFalse(feed().contains("Episode 2"), "the lease has not expired yet");

    clock.advance(RegenerationLease.TTL.plus(Duration.ofSeconds(1)));
    publisher.publishDue();
    assertTrue(feed().contains("Episode 2"), "rendered once the lease expired");
    assertTrue(page("index.html").contains("Episode 2"), "and the listings");
    assertFalse(new RegenerationLease(store, clock).abandoned(), "nothing left behind");
  }

  @Test
  void theNextUploadAfterTheLeaseExpiredRendersWhatWasLeft() throws Exception {
    Publisher publisher = new Publisher(source, site, store, clock);
    publish(publisher, 1);
    new RegenerationLease(store, clock).acquire();
    publish(publisher, 2);
    clock.advance(RegenerationLease.TTL.plus(Duration.ofSeconds(1)));
    publish(publisher, 3);
    assertTrue(feed().contains("Episode 2") && feed().contains("Episode 3"), feed());
    // And the site is what a fresh build of the same source makes.
    FreshBuild.assertSiteIsAsBuiltAfresh(source, site, clock);
  }

  @Test
  void aHolderRendersWhatOthersCommitWhileItRenders() {
    RegenerationLease lease = new RegenerationLease(store, clock);
    RegenerationLease.Held held = lease.acquire().orElseThrow();
    assertTrue(lease.acquire().isEmpty(), "one holder at a time");
    store.transaction(tx -> {
      tx.setVersion(tx.version() + 1); // another instance commits a change meanwhile
      return null;
    });
    assertFalse(lease.release(held, 0), "a newer change: render again");
    assertTrue(lease.acquire().isEmpty(), "still held");
    assertTrue(lease.release(held, store.version()));
    assertTrue(lease.acquire().isPresent(), "let go");
  }

  private Result publish(Publisher publisher, int n) {
    String object = "content/post/episode-" + n + "/index.md";
    String text = "+++\ntitle = \"Episode " + n + "\"\ndate = \"2020-01-0" + n
        + "\"\naudioFile = \"e" + n + ".mp3\"\naudioSize = 1000\naudioDuration = \"1:00\"\n"
        + "description = \"d\"\ncategories = [\"Tech\"]\nhosts = [\"Ada\"]\n+++\nNotes.\n";
    long generation = source.put(new ObjectStore.Write(object,
        text.getBytes(StandardCharsets.UTF_8), "text/markdown", ""));
    return publisher.finalized(object, generation);
  }

  private String feed() {
    return page("feed.xml");
  }

  private String page(String name) {
    return new String(site.get(name).orElseThrow().content(), StandardCharsets.UTF_8);
  }
}
