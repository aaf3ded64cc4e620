package dev.podcast.site;

import dev.podcast.feed.FeedCheck;
import dev.podcast.feed.FeedEntry;
import dev.podcast.feed.FeedPage;
import dev.podcast.feed.JsonFeedWriter;
import dev.podcast.feed.RssFeedWriter;
import dev.podcast.problem.Problem;
import dev.podcast.show.ShowConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.xml.stream.XMLStreamException;

/**
 * Renders the feed documents: {@code /feed.xml} (paged into RFC 5005 archives past the item
 * limit), {@code /feed.json}, and {@code /<taxonomy>/<c>/feed.xml} for each category. Each RSS
 * document passes the built-in feed check; failures go to the caller and their files are left
 * out. A long-lived renderer keeps each item it wrote and checked ({@link KeptItems}), so the next
 * feeds write and check only what changed. Thread-safe.
 */
public final class FeedRenderer {

  /** A feed document written and checked: its file, or the problems that keep it unwritten. */
  record Checked(OutputFile file, List<Problem> problems) {
    void add(List<OutputFile> files, Consumer<Problem> sink) {
      problems.forEach(sink);
      if (problems.stream().noneMatch(Problem::isError)) {
        files.add(file);
      }
    }
  }

  /** How many items {@link #checkItems} checks in one document. */
  private static final int CHECKED_TOGETHER = 50;

  private final ShowConfig show;
  private final SitePaths paths;
  private final RssFeedWriter rss;
  private final RssFeedWriter categoryRss;
  /** Items already written and checked, or null (a renderer that does not keep items). */
  private final KeptItems items;

  public FeedRenderer(ShowConfig show, SitePaths paths, String podcastGuid, boolean keepItems) {
    this.show = show;
    this.paths = paths;
    this.rss = new RssFeedWriter(show, podcastGuid, true, paths::announced);
    this.categoryRss = new RssFeedWriter(show, podcastGuid, false, paths::announced);
    this.items = keepItems ? new KeptItems() : null;
  }

  /**
   * The notes of feed items (description, content, summary text), which the entries listings
   * work from may lack (see {@code EpisodeRecord#outline}): only the items of the documents
   * rendered are completed.
   */
  public interface Notes {
    /** The whole entries of {@code outlines}, by slug: one for each. */
    Map<String, FeedEntry> complete(Collection<FeedEntry> outlines);

    /** Entries that are whole already. */
    Notes WHOLE = outlines -> {
      Map<String, FeedEntry> whole = new HashMap<>();
      outlines.forEach(e -> whole.put(e.slug(), e));
      return whole;
    };
  }

  /** The feed documents of {@code all} (live, newest first, whole entries) that are wanted. */
  public List<OutputFile> render(List<PublishedEpisode> all, Consumer<Problem> problems,
      Predicate<String> wanted) {
    return render(all, Notes.WHOLE, problems, wanted);
  }

  /**
   * The feed documents of {@code all} (live, newest first) whose path {@code wanted} accepts,
   * their items completed by {@code notes}.
   */
  public List<OutputFile> render(List<PublishedEpisode> all, Notes notes,
      Consumer<Problem> problems, Predicate<String> wanted) {
    List<FeedEntry> entries = all.stream().map(PublishedEpisode::entry).toList();
    int limit = show.podcast().feedItemLimit();
    List<FeedPage> mainPages = new ArrayList<>();
    if (wanted.test(SitePaths.FEED)) {
      for (FeedPage page : FeedPage.paged(SitePaths.FEED, show.title(), entries, limit)) {
        if (wanted.test(page.path())) { // an archive page is wanted only where it can change
          mainPages.add(page);
        }
      }
    }
    Optional<FeedPage> jsonPage = wanted.test(SitePaths.JSON_FEED)
        ? Optional.of(new FeedPage(SitePaths.JSON_FEED, show.title(),
            entries.subList(0, Math.min(limit, entries.size())), entries.size() <= limit, false,
            Optional.empty(), Optional.empty(), Optional.empty()))
        : Optional.empty();
    Map<String, List<FeedEntry>> byCategory = new TreeMap<>();
    Map<String, String> names = new HashMap<>();
    for (FeedEntry entry : entries) {
      for (String category : entry.categories()) {
        String path = paths.categoryPath(category) + "feed.xml";
        names.putIfAbsent(path, category);
        byCategory.computeIfAbsent(path, k -> new ArrayList<>()).add(entry);
      }
    }
    List<FeedPage> categoryPages = new ArrayList<>();
    for (Map.Entry<String, List<FeedEntry>> category : byCategory.entrySet()) {
      if (wanted.test(category.getKey())) {
        String title = show.title() + " \u2014 " + names.get(category.getKey());
        for (FeedPage page : FeedPage.paged(category.getKey(), title, category.getValue(),
            limit)) {
          if (wanted.test(page.path())) {
            categoryPages.add(page);
          }
        }
      }
    }
    // The notes of every item rendered, completed together (one batch of store reads).
    Map<String, FeedEntry> needed = new LinkedHashMap<>();
    List<FeedPage> rendered = new ArrayList<>(mainPages);
    jsonPage.ifPresent(rendered::add);
    rendered.addAll(categoryPages);
    for (FeedPage page : rendered) {
      page.entries().forEach(e -> needed.putIfAbsent(e.slug(), e));
    }
    Map<String, FeedEntry> whole = needed.isEmpty() ? Map.of() : notes.complete(needed.values());
    List<OutputFile> files = new ArrayList<>();
    for (FeedPage page : mainPages) {
      check(rss, completed(page, whole), true).add(files, problems);
    }
    oldAddresses(files);
    if (jsonPage.isPresent()) {
      ByteArrayOutputStream json = new ByteArrayOutputStream(64 * 1024);
      try {
        new JsonFeedWriter(show).write(completed(jsonPage.get(), whole), json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files.add(new OutputFile(SitePaths.JSON_FEED, json.toByteArray(), "feed"));
    }
    // Category feeds are independent documents: written and checked in parallel, then added in
    // a fixed order so that the result does not depend on scheduling.
    for (Checked result : categoryPages.parallelStream()
        .map(page -> check(categoryRss, completed(page, whole), false)).toList()) {
      result.add(files, problems);
    }
    return files;
  }

  /**
   * The main feed once more at each of the show's old feed addresses ({@code oldFeedPaths}), so
   * that apps subscribed to an earlier site's feed get this one wherever the site is served
   * from: a folder address ({@code /feed/}) as its {@code index.html}, which a bucket website
   * serves there.
   */
  private void oldAddresses(List<OutputFile> files) {
    Optional<OutputFile> main = files.stream().filter(f -> f.path().equals(SitePaths.FEED))
        .findFirst();
    if (main.isEmpty()) {
      return;
    }
    for (String file : paths.oldFeedFiles()) {
      files.add(new OutputFile(file, main.get().content(), "feed"));
    }
  }

  /** {@code page} with the whole entries of its items. */
  private static FeedPage completed(FeedPage page, Map<String, FeedEntry> whole) {
    List<FeedEntry> entries = new ArrayList<>(page.entries().size());
    for (FeedEntry outline : page.entries()) {
      FeedEntry entry = whole.get(outline.slug());
      if (entry == null) {
        throw new IllegalStateException("no notes for the feed item of " + outline.slug());
      }
      entries.add(entry);
    }
    return page.withEntries(entries);
  }

  /**
   * What the feed check finds in {@code entry}'s item that an empty main feed does not have:
   * the problems that would keep every feed listing it unwritten. Reported against
   * {@code sourceFile} (the episode file), line 1, naming the feed's rule.
   */
  public List<Problem> checkItem(FeedEntry entry, String sourceFile) {
    FeedPage empty = new FeedPage(SitePaths.FEED, show.title(), List.of(), true, false,
        Optional.empty(), Optional.empty(), Optional.empty());
    return named((items == null ? new KeptItems() : items).checkItem(rss, empty, entry, true),
        sourceFile);
  }

  /** Problems of a feed item, as its episode file's: line 1, naming the feed's rule. */
  private static List<Problem> named(List<Problem> problems, String sourceFile) {
    return problems.stream().map(p -> new Problem(p.code(), sourceFile, 1, 1,
        "in its feed item: " + p.message())).toList();
  }

  /**
   * {@link #checkItem} for many entries at once, one list of problems per entry, in order:
   * checked together in one document first, and one by one only when that finds anything.
   */
  public List<List<Problem>> checkItems(List<FeedEntry> entries, List<String> sourceFiles) {
    FeedPage empty = new FeedPage(SitePaths.FEED, show.title(), List.of(), true, false,
        Optional.empty(), Optional.empty(), Optional.empty());
    KeptItems kept = items == null ? new KeptItems() : items;
    // In documents of a few dozen items, checked side by side.
    List<Integer> starts = new ArrayList<>();
    for (int from = 0; from < entries.size(); from += CHECKED_TOGETHER) {
      starts.add(from);
    }
    List<List<List<Problem>>> chunks = starts.parallelStream().map(from -> {
      int to = Math.min(entries.size(), from + CHECKED_TOGETHER);
      List<FeedEntry> chunk = entries.subList(from, to);
      Optional<List<List<Problem>>> together = kept.checkTogether(rss, empty, chunk, true);
      List<List<Problem>> found = new ArrayList<>(chunk.size());
      for (int i = from; i < to; i++) {
        found.add(together.isPresent() ? named(together.get().get(i - from), sourceFiles.get(i))
            : checkItem(entries.get(i), sourceFiles.get(i)));
      }
      return found;
    }).toList();
    List<List<Problem>> problems = new ArrayList<>(entries.size());
    chunks.forEach(problems::addAll);
    return problems;
  }

  private Checked check(RssFeedWriter writer, FeedPage page, boolean content) {
    return items == null ? checkWhole(writer, page) : items.check(writer, page, content);
  }

  static Checked checkWhole(RssFeedWriter writer, FeedPage page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
    try {
      writer.write(page, out);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write " + page.path(), e);
    }
    byte[] bytes = out.toByteArray();
    return new Checked(new OutputFile(page.path(), bytes, "feed"),
        FeedCheck.check(bytes, page.path()));
  }
}
