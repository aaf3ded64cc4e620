package dev.podcast.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.port.EpisodeStore.Guids;
import dev.podcast.port.EpisodeStore.Outcome;
import dev.podcast.port.EpisodeStore.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The episode store contract on the in-memory adapter; then its guid registry kept elsewhere:
 * started from guids an earlier process assigned, and handed whole to a keeper after each commit
 * that adds one, before the commit is applied.
 */
class InMemoryEpisodeStoreTest extends EpisodeStoreContract {

  private static final Instant UPDATED = Instant.parse("2024-05-01T10:15:30Z");

  private static final Guids ASSIGNED = new Guids("urn:uuid:show",
      Map.of("content/post/a/index.md", "urn:uuid:a", "content/post/b/index.md", "urn:uuid:b"));

  @Override
  protected EpisodeStore store() {
    return new InMemoryEpisodeStore();
  }

  private static SourceRecord source(String object) {
    return new SourceRecord(object, 1, Outcome.PUBLISHED, List.of(), UPDATED);
  }

  @Test
  void theAssignedGuidsAreThereFromTheStart() {
    EpisodeStore store = new InMemoryEpisodeStore(ASSIGNED, guids -> { });
    assertEquals(Optional.of("urn:uuid:show"), store.podcastGuid());
    store.transaction(tx -> {
      assertEquals(Optional.of("urn:uuid:show"), tx.podcastGuid());
      assertEquals(Optional.of("urn:uuid:a"), tx.guid("content/post/a/index.md"));
      assertEquals(Optional.of("urn:uuid:b"), tx.guid("content/post/b/index.md"));
      assertEquals(Optional.empty(), tx.guid("content/post/c/index.md"));
      assertEquals(Optional.empty(), tx.source("content/post/a/index.md"));
      return null;
    });
    assertEquals(Optional.empty(), store.source("content/post/a/index.md"));
    // a registry without the show's guid has none
    EpisodeStore noShow = new InMemoryEpisodeStore(
        new Guids("", Map.of("content/post/a/index.md", "urn:uuid:a")), guids -> { });
    assertEquals(Optional.empty(), noShow.podcastGuid());
    assertEquals(Optional.empty(), noShow.transaction(tx -> tx.podcastGuid()));
  }

  @Test
  void theKeeperReceivesTheWholeRegistryAfterACommitThatAddsAGuid() {
    List<Guids> kept = new ArrayList<>();
    EpisodeStore store = new InMemoryEpisodeStore(ASSIGNED, kept::add);
    store.transaction(tx -> {
      tx.put(source("content/post/c/index.md"));
      tx.putGuid("content/post/c/index.md", "urn:uuid:c");
      return null;
    });
    assertEquals(List.of(new Guids("urn:uuid:show", Map.of("content/post/a/index.md",
        "urn:uuid:a", "content/post/b/index.md", "urn:uuid:b", "content/post/c/index.md",
        "urn:uuid:c"))), kept);
    EpisodeStore fresh = new InMemoryEpisodeStore(Guids.NONE, kept::add);
    fresh.transaction(tx -> {
      tx.putPodcastGuid("urn:uuid:new-show");
      return null;
    });
    assertEquals(new Guids("urn:uuid:new-show", Map.of()), kept.get(1));
    assertEquals(2, kept.size());
  }

  @Test
  void theKeeperIsNotCalledForCommitsThatAssignNone() {
    List<Guids> kept = new ArrayList<>();
    EpisodeStore store = new InMemoryEpisodeStore(ASSIGNED, kept::add);
    store.transaction(tx -> {
      tx.put(source("content/post/a/index.md"));
      tx.setVersion(tx.version() + 1);
      return null;
    });
    store.transaction(tx -> tx.guid("content/post/a/index.md"));
    // registering again what is registered adds nothing
    store.transaction(tx -> {
      tx.putGuid("content/post/a/index.md", "urn:uuid:a");
      tx.putPodcastGuid("urn:uuid:show");
      return null;
    });
    assertEquals(List.of(), kept);
    assertEquals(1, store.version());
    assertEquals(Optional.of(source("content/post/a/index.md")),
        store.source("content/post/a/index.md"));
  }

  @Test
  void whenTheKeeperFailsTheTransactionIsNotApplied() {
    IllegalStateException diskFull = new IllegalStateException("no space left on device");
    EpisodeStore store = new InMemoryEpisodeStore(ASSIGNED, guids -> {
      throw diskFull;
    });
    assertSame(diskFull, assertThrows(IllegalStateException.class, () -> store.transaction(tx -> {
      tx.put(source("content/post/c/index.md"));
      tx.put(full("c", "content/post/c/index.md", UPDATED).withGuid("urn:uuid:c"));
      tx.putGuid("content/post/c/index.md", "urn:uuid:c");
      tx.setVersion(tx.version() + 1);
      return null;
    })));
    assertEquals(Optional.empty(), store.source("content/post/c/index.md"));
    assertEquals(List.of(), store.episodes());
    assertEquals(0, store.version());
    assertEquals(Optional.empty(), store.transaction(tx -> tx.guid("content/post/c/index.md")));
    assertEquals(Optional.of("urn:uuid:show"), store.podcastGuid());
    // what assigns nothing still commits
    store.transaction(tx -> {
      tx.put(source("content/post/a/index.md"));
      return null;
    });
    assertEquals(Optional.of(source("content/post/a/index.md")),
        store.source("content/post/a/index.md"));
  }
}
