package dev.podcast.feed;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One feed document: the main feed, a category feed, or one of their RFC 5005 archive pages.
 *
 * @param path the site path of the document ({@code /feed.xml})
 * @param title the channel title
 * @param entries the items, newest first; read once, in order, while the page is written
 * @param complete whether the document holds every item of its feed ({@code fh:complete})
 * @param archive whether this is an archived page ({@code fh:archive})
 * @param current for an archive page, the path of the subscription document
 * @param prevArchive the path of the next older archive page, if any
 * @param nextArchive the path of the next newer archive page, if any
 */
public record FeedPage(
    String path,
    String title,
    List<FeedEntry> entries,
    boolean complete,
    boolean archive,
    Optional<String> current,
    Optional<String> prevArchive,
    Optional<String> nextArchive) {

  public FeedPage {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(title, "title");
    // A view, not a copy: entries may be produced lazily (from storage) and are read once.
    entries = java.util.Collections.unmodifiableList(entries);
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(prevArchive, "prevArchive");
    Objects.requireNonNull(nextArchive, "nextArchive");
  }

  /**
   * Splits a feed into its documents: the newest {@code limit} entries at {@code path}, complete
   * when that is all of them; older entries in archive pages of {@code limit} entries at
   * {@code <path without .xml>/archive/<n>.xml} ({@code /feed/archive/1.xml}), numbered from the oldest so that full pages never change.
   *
   * @param entries all entries, newest first
   */
  public static List<FeedPage> paged(String path, String title, List<FeedEntry> entries,
      int limit) {
    if (entries.size() <= limit) {
      return List.of(new FeedPage(path, title, entries, true, false, Optional.empty(),
          Optional.empty(), Optional.empty()));
    }
    List<FeedEntry> older = entries.subList(limit, entries.size());
    int pages = (older.size() + limit - 1) / limit;
    String dir = path.replaceFirst("\\.xml$", "") + "/";
    List<FeedPage> out = new java.util.ArrayList<>();
    out.add(new FeedPage(path, title, entries.subList(0, limit), false, false, Optional.empty(),
        Optional.of(archivePath(dir, pages)), Optional.empty()));
    for (int n = 1; n <= pages; n++) {
      // Archive n holds the n-th oldest block; entries are newest first, so count from the end.
      int to = older.size() - (n - 1) * limit;
      int from = Math.max(0, to - limit);
      out.add(new FeedPage(archivePath(dir, n), title, older.subList(from, to), false, true,
          Optional.of(path),
          n > 1 ? Optional.of(archivePath(dir, n - 1)) : Optional.empty(),
          n < pages ? Optional.of(archivePath(dir, n + 1)) : Optional.empty()));
    }
    return out;
  }

  /** This page with {@code newEntries} in place of its entries. */
  public FeedPage withEntries(List<FeedEntry> newEntries) {
    return new FeedPage(path, title, newEntries, complete, archive, current, prevArchive,
        nextArchive);
  }

  static String archivePath(String dir, int n) {
    return dir + "archive/" + n + ".xml";
  }
}
