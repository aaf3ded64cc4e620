package dev.podcast.publish;

import dev.podcast.feed.FeedEntry;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.site.FeedRenderer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The notes of feed items that snapshots leave out ({@link EpisodeRecord#outline}): kept for the
 * records this instance wrote or read whole, and read from the store, a batch at a time, for
 * the items of the feeds it renders and does not know. So a cold instance reads the catalogue
 * and the records of the feeds it writes, never every record. Thread-safe.
 */
final class FeedNotes implements FeedRenderer.Notes {

  /** Knows only what it is given: for snapshots that are never rendered from a store. */
  static FeedNotes unstored() {
    return new FeedNotes(null);
  }

  private final EpisodeStore store;
  private final ConcurrentMap<String, EpisodeRecord> whole = new ConcurrentHashMap<>();
  /**
   * The last outline of each slug completed and its whole entry: snapshots keep the outlines of
   * the records a change leaves alone, so a feed rendered again finds most of its items here by
   * reference, without comparing them.
   */
  private final ConcurrentMap<String, Completed> completed = new ConcurrentHashMap<>();

  private record Completed(FeedEntry outline, FeedEntry whole) {}

  FeedNotes(EpisodeStore store) {
    this.store = store;
  }

  /** Keeps {@code records}, whole, for the feeds rendered from their outlines. */
  void remember(Collection<EpisodeRecord> records) {
    for (EpisodeRecord r : records) {
      whole.put(r.slug(), r);
    }
  }

  @Override
  public Map<String, FeedEntry> complete(Collection<FeedEntry> outlines) {
    Map<String, FeedEntry> complete = new HashMap<>();
    List<FeedEntry> missing = new ArrayList<>();
    for (FeedEntry outline : outlines) {
      Completed last = completed.get(outline.slug());
      if (last != null && last.outline() == outline) {
        complete.put(outline.slug(), last.whole());
        continue;
      }
      EpisodeRecord known = whole.get(outline.slug());
      if (known != null && known.entry().withoutNotes().equals(outline)) {
        complete.put(outline.slug(), known.entry());
        completed.put(outline.slug(), new Completed(outline, known.entry()));
      } else {
        missing.add(outline);
      }
    }
    if (missing.isEmpty()) {
      return complete;
    }
    if (store == null) {
      throw new IllegalStateException("no notes kept for " + missing.get(0).slug());
    }
    Map<String, EpisodeRecord> read = store.episodes(missing.stream().map(FeedEntry::slug)
        .toList());
    remember(read.values());
    for (FeedEntry outline : missing) {
      EpisodeRecord now = read.get(outline.slug());
      // Changed or deleted since the snapshot was read: the commit that did it renders the feeds
      // again (under the regeneration lease), so these are written over. Until then the item
      // carries the notes the store has now, or none.
      complete.put(outline.slug(), now == null ? outline : now.entry());
    }
    return complete;
  }
}
