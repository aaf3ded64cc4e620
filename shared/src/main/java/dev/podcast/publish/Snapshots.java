package dev.podcast.publish;

import dev.podcast.port.EpisodeStore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The episode records as this instance last saw them, brought up to date at each read with what
 * changed since ({@link EpisodeStore#changesSince}): a warm instance reads one record per change,
 * not the catalogue. The first read, and only it, reads the outline of every record (the
 * store's catalogue: a few documents); the notes of the feeds rendered come from the records
 * written and read since, or a batched read ({@link FeedNotes}). Thread-safe.
 */
final class Snapshots {

  private final EpisodeStore store;
  private final FeedNotes notes;
  private final AtomicReference<Snapshot> last = new AtomicReference<>();

  Snapshots(EpisodeStore store) {
    this.store = store;
    this.notes = new FeedNotes(store);
  }

  /** The store's records now (the version read first: the records are at least that new). */
  Snapshot read() {
    long version = store.version();
    Snapshot known = last.get();
    Snapshot now;
    if (known == null || version < known.version()) {
      // Cold, or a store that went back (a test's fresh store): every outline is read.
      now = new Snapshot(version, store.outlines(), notes);
    } else if (version == known.version()) {
      return known; // every change of a record sets a new version
    } else {
      now = known.updated(version, store.changesSince(known.version()));
    }
    keep(now);
    return now;
  }

  /** Keeps {@code snapshot} as the newest known, unless a newer one is kept already. */
  void keep(Snapshot snapshot) {
    last.accumulateAndGet(snapshot, (a, b) -> a == null || b.version() >= a.version() ? b : a);
  }
}
