package dev.podcast.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.episode.EpisodeStatus;
import dev.podcast.feed.FeedEntry;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.publish.EpisodePreparer.Preparation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A rebuild skips the commit of an episode only when its record, notes included, is the one
 * committed: the notes compared are the store's, never those of records prepared but not
 * committed (which the plan of a change holds before the commit).
 */
class RecordedAlreadyTest {

  private static EpisodeRecord record(String notes) {
    Instant date = Instant.parse("2024-05-01T00:00:00Z");
    FeedEntry entry = new FeedEntry("a", "https://example.com/post/a/", "A",
        "https://example.com/post/a/", date, "https://cdn.example.com/a.mp3", 10, "audio/mpeg",
        60, OptionalInt.empty(), OptionalInt.empty(), "full", notes, notes, "text", "", "", "",
        List.of(), List.of(), List.of());
    return new EpisodeRecord("a", "content/post/a/index.md", 7, "sha256:x",
        EpisodeStatus.PUBLISHED, date, Optional.empty(), entry, "/post/a/", "", "", List.of());
  }

  private static Preparation.Prepared prepared(EpisodeRecord r) {
    return new Preparation.Prepared(r.sourceObject(), r.sourceGeneration(), Snapshot.card(r), r,
        List.of());
  }

  @Test
  void onlyARecordCommittedAsPreparedNotesIncludedIsSkipped() {
    InMemoryEpisodeStore store = new InMemoryEpisodeStore();
    EpisodeRecord stored = record("<p>Old notes</p>");
    store.transaction(tx -> {
      tx.put(stored);
      tx.setVersion(3);
      return null;
    });
    Snapshot before = new Snapshots(store).read(); // cold: outlines only
    EpisodeRecord renotes = record("<p>New notes</p>");
    assertEquals(stored.outline(), renotes.outline(), "the same outline");

    // What put() does first: the plan of the change holds the prepared record.
    before.with(before.version(), List.of(renotes), Set.of());
    assertTrue(EpisodeChanges.recordedAlready(before, List.of(prepared(renotes))).isEmpty(),
        "new notes are committed");
    assertEquals(Set.of(1), EpisodeChanges.recordedAlready(before,
        List.of(prepared(renotes), prepared(stored))).keySet(), "the record as stored is not");
  }
}
