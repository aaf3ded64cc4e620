package dev.podcast.publish;

import dev.podcast.episode.Audio;
import dev.podcast.episode.Episode;
import dev.podcast.episode.EpisodeStatus;
import dev.podcast.episode.Transcript;
import dev.podcast.feed.FeedEntry;
import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParseResult;
import dev.podcast.parse.ParserSettings;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.port.EpisodeStore.Outcome;
import dev.podcast.port.EpisodeStore.SourceRecord;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.show.PodcastGuid;
import dev.podcast.show.ShowConfig;
import dev.podcast.show.ShowConfigReader;
import dev.podcast.text.Hashes;
import dev.podcast.artwork.Artwork;
import dev.podcast.site.ContentTypes;
import dev.podcast.site.SiteBuilder;
import dev.podcast.site.OutputFile;
import dev.podcast.site.PublishedEpisode;
import dev.podcast.site.SiteRenderer;
import dev.podcast.site.Templates;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * The publish use case: what happens when an episode file is finalized in, or deleted from, the
 * source bucket. The recipe: check order and duplicates → parse → write the page → record it →
 * regenerate feeds and listings. Correct under at-least-once, out-of-order, concurrent and
 * half-failed deliveries (see the README's pipeline design):
 *
 * <ul>
 *   <li>{@code sources/{object}} keeps the newest generation seen: older or repeated events have
 *       no effect, and a deleted generation is never published again;
 *   <li>pages are written before the record that lists them, and removed after the feeds that
 *       list them; so no feed links to a page that does not exist;
 *   <li>every change bumps the show's version; regenerated files carry the version they were
 *       rendered from and are written with generation preconditions, so a writer that loses a
 *       race either sees a newer version or renders again: no lost update.
 * </ul>
 *
 * <p>Invalid files are a permanent, recorded outcome; outages throw (the event is retried).
 * Thread-safe; keeps the show's configuration until config.toml or podcast.toml changes.
 */
public final class Publisher {

  /** The outcome of one event, for the acknowledgement and the log line. */
  public enum Action { PUBLISHED, REJECTED, DELETED, STALE, DUPLICATE, IGNORED, COPIED, REBUILT }

  /** What an event did. */
  public record Result(Action outcome, String object, String slug, List<Problem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }
  }

  private static final String MARKER = "podcast-version ";
  private static final String JSON_MARKER = "{\"_podcast\":{\"version\":";
  private static final int MAX_RACES = 100;
  private static final int BATCH = 32;
  private static final int RECENT_EPISODES = 64;
  /**
   * Two threads for the feeds and the pages while the calling thread renders the listings (the
   * common pool has a single thread on two cores). Daemon threads: they never keep a JVM up.
   */
  private static final java.util.concurrent.ExecutorService RENDERERS =
      java.util.concurrent.Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "publisher-render");
        thread.setDaemon(true);
        return thread;
      });
  private static final String LAYOUTS = "layouts/";

  private final ObjectStore source;
  private final ObjectStore site;
  private final EpisodeStore store;
  private final Clock clock;
  private volatile Cached cached;
  private final java.util.concurrent.ConcurrentMap<String, Stamp> stamps =
      new java.util.concurrent.ConcurrentHashMap<>();

  public Publisher(ObjectStore source, ObjectStore site, EpisodeStore store, Clock clock) {
    this.source = source;
    this.site = site;
    this.store = store;
    this.clock = clock;
  }

  /** Whether {@code object} is an episode file: {@code content/**.md}, not a list page. */
  public static boolean isEpisode(String object) {
    String lower = object.toLowerCase(Locale.ROOT);
    return lower.startsWith("content/") && lower.endsWith(".md") && !lower.endsWith("/_index.md");
  }

  /**
   * Whether {@code object} configures the whole site: {@code config.toml}, {@code podcast.toml}
   * or a theme file under {@code layouts/}. A change re-renders everything.
   */
  public static boolean isSiteConfiguration(String object) {
    return object.equals(ShowConfigReader.CONFIG_FILE)
        || object.equals(ShowConfigReader.PODCAST_FILE)
        || object.startsWith(LAYOUTS) && object.indexOf('/', LAYOUTS.length()) < 0
            && object.length() > LAYOUTS.length();
  }

  /** A source object was written: generation {@code generation} of {@code object}. */
  public Result finalized(String object, long generation) {
    if (isEpisode(object)) {
      return publish(object, generation, context(), true, false, new ConcurrentHashMap<>());
    }
    if (isSiteConfiguration(object)) {
      return rebuild(object);
    }
    if (SiteBuilder.assetPath(object).isPresent()) {
      return copyAsset(object, generation);
    }
    return new Result(Action.IGNORED, object, "", List.of());
  }

  /**
   * Publishes every episode file in the source bucket, regenerating feeds and listings once at
   * the end: the start of {@code podcast serve}. Files already processed at their current
   * generation are not processed again.
   */
  public List<Result> publishAll() {
    return publishEverything(false);
  }

  /**
   * Re-records and re-renders every episode with the current configuration and theme, then
   * every feed and listing: what a change of {@code config.toml}, {@code podcast.toml} or a
   * layout triggers. Episodes are prepared in parallel batches of at most {@value #BATCH}.
   */
  private Result rebuild(String object) {
    List<Result> results = publishEverything(true);
    List<Problem> problems = results.stream().flatMap(r -> r.problems().stream())
        .filter(Problem::isError).toList();
    return new Result(Action.REBUILT, object, "", problems);
  }

  private List<Result> publishEverything(boolean force) {
    Context context = context();
    List<String> objects = source.list("content/").stream().filter(Publisher::isEpisode).toList();
    List<Result> results = new ArrayList<>();
    Map<String, Optional<Episode>> parsed = new ConcurrentHashMap<>();
    for (int from = 0; from < objects.size(); from += BATCH) {
      // Files are independent until the feeds: each batch is prepared in parallel.
      results.addAll(objects.subList(from, Math.min(objects.size(), from + BATCH))
          .parallelStream()
          .flatMap(object -> source.generation(object).stream()
              .map(g -> publish(object, g, context, false, force, parsed)))
          .toList());
    }
    for (String asset : source.list("")) {
      if (SiteBuilder.assetPath(asset).isPresent() && !isEpisode(asset)) {
        source.generation(asset).ifPresent(g -> copyAsset(asset, g));
      }
    }
    long version = store.version();
    if (force) {
      // The show itself changed: every file is older than the records now.
      version = store.transaction(tx -> {
        long next = tx.version() + 1;
        tx.setVersion(next);
        return next;
      });
    }
    regenerate(context, version, path -> true, store.episodes(), force, Optional.empty(), parsed);
    for (Result result : results) {
      if (result.outcome() == Action.PUBLISHED) {
        source.generation(result.object())
            .ifPresent(g -> finish(result.object(), g, Outcome.PENDING, Outcome.PUBLISHED));
      }
    }
    return results;
  }

  /**
   * @param now whether to regenerate feeds and listings now (false: the caller does, once)
   * @param force whether to record and render again a generation already processed
   * @param parsedEpisodes where to leave the parsed episode, by {@code object#generation}, for the pages
   */
  private Result publish(String object, long generation, Context context, boolean now,
      boolean force, Map<String, Optional<Episode>> parsedEpisodes) {
    Optional<ObjectStore.StoredObject> current = source.get(object);
    if (current.isEmpty() || current.get().generation() != generation) {
      // Deleted or replaced since: the event for what is there now does the work.
      return new Result(Action.STALE, object, "", List.of());
    }
    Optional<SourceRecord> seen = store.source(object);
    if (seen.isPresent() && seen.get().generation() > generation) {
      return new Result(Action.STALE, object, "", List.of());
    }
    if (!force && seen.isPresent() && seen.get().generation() == generation
        && (seen.get().outcome() == Outcome.PUBLISHED || seen.get().outcome() == Outcome.REJECTED
            || seen.get().outcome() == Outcome.DELETED)) {
      return new Result(Action.DUPLICATE, object, "", List.of());
    }
    ParseResult parsed = context.parser.parse(object, current.get().content());
    if (parsed.hasErrors()) {
      List<String> problems = parsed.problems().stream().map(Problem::format).toList();
      store.transaction(tx -> {
        Optional<SourceRecord> s = tx.source(object);
        if (s.isEmpty() || s.get().generation() <= generation) {
          tx.put(new SourceRecord(object, generation, Outcome.REJECTED, problems, clock.instant()));
        }
        return null;
      });
      return new Result(Action.REJECTED, object, "", parsed.problems());
    }
    Episode episode = parsed.episode().orElseThrow();
    parsedEpisodes.put(object + "#" + generation, Optional.of(episode));
    Optional<EpisodeRecord> previous = store.transaction(tx -> tx.episodeOf(object));
    String guid = previous.map(r -> r.entry().guid())
        .orElse(context.show.absolute(episode.pagePath()));
    EpisodeRecord record = record(context, episode, guid, generation, current.get().content(),
        clock.instant());

    // 1. The page exists before any record, feed or listing can point to it.
    if (record.status() == EpisodeStatus.PUBLISHED) {
      writePage(context, new PublishedEpisode(episode, record.entry(), record.image()));
    }
    // 2. The record, if this generation is still the newest.
    long version = store.transaction(tx -> {
      Optional<SourceRecord> s = tx.source(object);
      if (s.isPresent() && (s.get().generation() > generation
          || (s.get().generation() == generation && s.get().outcome() == Outcome.DELETED))) {
        return -1L;
      }
      Optional<EpisodeRecord> there = tx.episodeOf(object);
      if (s.isPresent() && s.get().generation() == generation
          && s.get().outcome() == Outcome.PENDING
          && there.filter(record::equals).isPresent()) {
        return tx.version(); // a retry after the record was written: nothing more to record
      }
      if (force && there.filter(record::equals).isPresent()) {
        return tx.version(); // a rebuild that changes nothing in this record
      }
      Optional<EpisodeRecord> clash = tx.episode(record.slug());
      if (clash.isPresent() && !clash.get().sourceObject().equals(object)) {
        return -2L;
      }
      there.filter(old -> !old.slug().equals(record.slug()))
          .ifPresent(old -> tx.deleteEpisode(old.slug()));
      tx.put(record);
      Outcome outcome = s.isPresent() && s.get().generation() == generation
          && s.get().outcome() == Outcome.PUBLISHED ? Outcome.PUBLISHED : Outcome.PENDING;
      tx.put(new SourceRecord(object, generation, outcome, List.of(), clock.instant()));
      long next = tx.version() + 1;
      tx.setVersion(next);
      return next;
    });
    if (version == -1L) {
      return new Result(Action.STALE, object, "", List.of());
    }
    if (version == -2L) {
      Problem clash = new Problem(ProblemCode.UNSAFE_PATH, object, 1, 1, "the page "
          + record.pagePath() + " belongs to another episode file; give this one another slug");
      store.transaction(tx -> {
        tx.put(new SourceRecord(object, generation, Outcome.REJECTED, List.of(clash.format()),
            clock.instant()));
        return null;
      });
      return new Result(Action.REJECTED, object, record.slug(), List.of(clash));
    }
    if (!now) {
      return new Result(Action.PUBLISHED, object, record.slug(), parsed.problems());
    }
    // 3. What lists this episode, before or after the change, at this version or newer: feeds,
    //    listings, its page and its neighbours' pages (their previous/next links).
    java.util.Set<String> categories = new java.util.HashSet<>(record.entry().categories());
    java.util.Set<String> hosts = new java.util.HashSet<>(record.hosts());
    List<EpisodeRecord> anchors = new ArrayList<>(List.of(record));
    previous.ifPresent(old -> {
      categories.addAll(old.entry().categories());
      hosts.addAll(old.hosts());
      anchors.add(old);
    });
    Optional<String> inPlace = previous.filter(old -> old.slug().equals(record.slug())
            && old.status() == EpisodeStatus.PUBLISHED
            && record.status() == EpisodeStatus.PUBLISHED
            && old.entry().date().equals(record.entry().date()))
        .map(EpisodeRecord::slug);
    Snapshot rendered = regenerate(context, version,
        context.renderer.affectedBy(categories, hosts), anchors, false, inPlace, parsedEpisodes);
    removeEmptyTerms(context, categories, hosts, rendered);
    // 4. A page left behind (a slug change, or no longer live) goes once nothing lists it.
    previous.filter(old -> !old.slug().equals(record.slug())
            || record.status() != EpisodeStatus.PUBLISHED)
        .ifPresent(old -> deletePage(old.pagePath()));
    // 5. Done: a repeat of this event is now a duplicate.
    finish(object, generation, Outcome.PENDING, Outcome.PUBLISHED);
    return new Result(Action.PUBLISHED, object, record.slug(), parsed.problems());
  }

  /**
   * Renders every feed and listing from the records and writes those older than the records:
   * what the feed endpoint calls when a feed object is missing (a new show). Safe to call at any
   * time, by any number of callers.
   */
  public void regenerateAll() {
    Context context = context();
    regenerate(context, store.version(), path -> true, List.of(), false);
  }

  /**
   * Generation {@code generation} of {@code object} stopped being the live version of a
   * versioned bucket (Cloud Storage's {@code object.v1.archived}): the file was deleted, or
   * replaced by a newer generation. A delete is handled as {@link #deleted} does; a replacement
   * is left to the newer generation's own event, so that the episode never leaves the feeds
   * while it is being updated, whichever event comes first.
   */
  public Result archived(String object, long generation) {
    if (source.generation(object).isPresent()) {
      return new Result(Action.STALE, object, "", List.of());
    }
    return deleted(object, generation);
  }

  /** A source object was deleted: generation {@code generation} of {@code object}. */
  public Result deleted(String object, long generation) {
    if (isSiteConfiguration(object)) {
      return rebuild(object);
    }
    if (!isEpisode(object)) {
      Optional<String> asset = SiteBuilder.assetPath(object);
      if (asset.isPresent() && source.generation(object).isEmpty()) {
        for (String name : assetNames(asset.get())) {
          site.delete(name.substring(1));
        }
        return new Result(Action.DELETED, object, "", List.of());
      }
      return new Result(asset.isPresent() ? Action.STALE : Action.IGNORED, object, "",
          List.of());
    }
    Optional<Optional<EpisodeRecord>> removed = store.transaction(tx -> {
      Optional<SourceRecord> s = tx.source(object);
      if (s.isPresent() && s.get().generation() > generation) {
        return Optional.<Optional<EpisodeRecord>>empty();
      }
      Optional<EpisodeRecord> old = tx.episodeOf(object);
      old.ifPresent(r -> tx.deleteEpisode(r.slug()));
      tx.put(new SourceRecord(object, generation, Outcome.DELETED, List.of(), clock.instant()));
      tx.setVersion(tx.version() + 1);
      return Optional.of(old);
    });
    if (removed.isEmpty()) {
      return new Result(Action.STALE, object, "", List.of());
    }
    // The record is gone: feeds, listings and neighbours stop linking to the page, then it goes.
    Context context = context();
    List<String> categories = removed.get().map(r -> r.entry().categories()).orElse(List.of());
    List<String> hosts = removed.get().map(EpisodeRecord::hosts).orElse(List.of());
    Snapshot seen = regenerate(context, store.version(),
        context.renderer.affectedBy(categories, hosts),
        removed.get().map(List::of).orElse(List.of()), false);
    removeEmptyTerms(context, categories, hosts, seen);
    removed.get().ifPresent(r -> deletePage(r.pagePath()));
    return new Result(Action.DELETED, object, removed.get().map(EpisodeRecord::slug).orElse(""),
        List.of());
  }

  /**
   * Publishes the scheduled episodes whose publish date has come and takes down the live ones
   * whose expiry date has passed, then regenerates feeds and listings once. What Cloud Scheduler
   * calls every few minutes: safe at any time, any number of times, concurrently with uploads
   * (a record changed since it was found due is left to the event that changed it).
   *
   * @return how many episodes went live
   */
  public int publishDue() {
    Instant now = clock.instant();
    List<EpisodeRecord> due = store.due(now);
    if (due.isEmpty()) {
      return 0;
    }
    Context context = context();
    // 1. Pages first, for the episodes going live.
    List<EpisodeRecord> ready = new ArrayList<>();
    for (EpisodeRecord r : due) {
      if (r.statusAt(now) == EpisodeStatus.PUBLISHED) {
        Optional<Episode> episode = fullEpisode(context, r);
        if (episode.isEmpty()) {
          continue; // the source changed since: its own event records and renders it
        }
        writePage(context, new PublishedEpisode(episode.get(), r.entry(), r.image()));
      }
      ready.add(r);
    }
    // 2. The records, each only if unchanged since it was found due.
    List<EpisodeRecord> changed = store.transaction(tx -> {
      List<EpisodeRecord> done = new ArrayList<>();
      for (EpisodeRecord r : ready) {
        if (tx.episode(r.slug()).filter(r::equals).isPresent()) {
          done.add(r.withStatus(r.statusAt(now)));
        }
      }
      done.forEach(tx::put);
      if (!done.isEmpty()) {
        tx.setVersion(tx.version() + 1);
      }
      return done;
    });
    if (changed.isEmpty()) {
      return 0;
    }
    // 3. Feeds, listings and neighbours once; then the pages of expired episodes go.
    java.util.Set<String> categories = new java.util.HashSet<>();
    java.util.Set<String> hosts = new java.util.HashSet<>();
    changed.forEach(r -> {
      categories.addAll(r.entry().categories());
      hosts.addAll(r.hosts());
    });
    Snapshot seen = regenerate(context, store.version(),
        context.renderer.affectedBy(categories, hosts), changed, false);
    removeEmptyTerms(context, categories, hosts, seen);
    int published = 0;
    for (EpisodeRecord r : changed) {
      if (r.status() == EpisodeStatus.PUBLISHED) {
        published++;
      } else {
        deletePage(r.pagePath());
      }
    }
    return published;
  }

  // ---- Images and other files ----

  /**
   * Copies a file under {@code content/} or {@code static/} to the site (page-bundle folders
   * normalised as pages are), and for a JPEG or PNG image the sizes pages and feeds use
   * (square, social card, thumbnail). A newer generation already copied is never replaced by an
   * older one: only the generation the source holds now is copied.
   */
  private Result copyAsset(String object, long generation) {
    String path = SiteBuilder.assetPath(object).orElseThrow();
    Optional<ObjectStore.StoredObject> current = source.get(object);
    if (current.isEmpty() || current.get().generation() != generation) {
      return new Result(Action.STALE, object, "", List.of());
    }
    byte[] bytes = current.get().content();
    List<Problem> problems = new ArrayList<>();
    if (Artwork.isImage(path)) {
      problems.addAll(Artwork.check(bytes, object, false));
    }
    // Already on the site as it is (a restart of serve, a rebuild): no resizing, no writes.
    if (alreadyCopied(path, bytes)) {
      return new Result(Action.COPIED, object, "", problems);
    }
    if (Artwork.isImage(path)) {
      try {
        Artwork.derive(bytes).byPath(path).forEach(this::putAsset);
      } catch (IllegalArgumentException unreadable) {
        problems.add(new Problem(ProblemCode.ARTWORK_UNREADABLE, object, 1, 1,
            "the image cannot be resized: " + unreadable.getMessage()));
      }
    }
    putAsset(path, bytes);
    return new Result(Action.COPIED, object, "", problems);
  }

  /** Whether the site holds {@code bytes} at {@code path} and, for an image, all its sizes. */
  private boolean alreadyCopied(String path, byte[] bytes) {
    return site.get(path.substring(1))
        .filter(copy -> java.util.Arrays.equals(copy.content(), bytes)).isPresent()
        && assetNames(path).stream().allMatch(name -> site.generation(name.substring(1))
            .isPresent());
  }

  private void putAsset(String path, byte[] bytes) {
    String name = path.substring(1);
    site.put(new ObjectStore.Write(name, bytes, ContentTypes.of(name), ""));
  }

  /** The site paths a source asset produced: the copy and, for an image, its sizes. */
  private static List<String> assetNames(String path) {
    List<String> names = new ArrayList<>(List.of(path));
    if (Artwork.isImage(path)) {
      names.addAll(Artwork.derivedNames(path));
    }
    return names;
  }

  /**
   * Deletes the pages and feeds of categories and hosts that no live episode has any more (a
   * category renamed away, a host's last episode deleted): nothing lists them, so they go. A file
   * is deleted only if it was rendered at or before the version at which the term was seen empty
   * (the records the regeneration just rendered from, read after that version: no second read),
   * and only at the generation read: a concurrent change that brings the term back wins.
   */
  private void removeEmptyTerms(Context context, java.util.Collection<String> categories,
      java.util.Collection<String> hosts, Snapshot seen) {
    long version = seen.version();
    java.util.Set<String> live = new java.util.HashSet<>();
    for (PublishedEpisode ep : live(seen.records())) {
      ep.episode().categories().forEach(c -> live.add(context.renderer.categoryPath(c)));
      ep.episode().hosts().forEach(h -> live.add(SiteRenderer.hostPath(h)));
    }
    java.util.Set<String> candidates = new java.util.HashSet<>();
    categories.forEach(c -> candidates.add(context.renderer.categoryPath(c)));
    hosts.forEach(h -> candidates.add(SiteRenderer.hostPath(h)));
    for (String path : candidates) {
      if (live.contains(path)) {
        continue;
      }
      for (String name : site.list(path.substring(1))) {
        Optional<ObjectStore.StoredObject> file = site.get(name);
        if (file.isPresent() && versionOf(file.get().content()) <= version) {
          try {
            stamps.remove(name);
            site.delete(name, file.get().generation());
          } catch (ObjectStore.PreconditionFailedException rewritten) {
            // Written again since: it lists something now.
          }
        }
      }
    }
  }

  /** Moves {@code object}'s record from {@code from} to {@code to}, if it is still there. */
  private void finish(String object, long generation, Outcome from, Outcome to) {
    store.transaction(tx -> {
      Optional<SourceRecord> s = tx.source(object);
      if (s.isPresent() && s.get().generation() == generation && s.get().outcome() == from) {
        tx.put(new SourceRecord(object, generation, to, s.get().problems(), clock.instant()));
      }
      return null;
    });
  }

  // ---- Rendering from the records ----

  /**
   * Renders from the records the feeds and listings {@code affected} accepts, and the pages of
   * the {@code anchors} and of their neighbours before and after the change (their
   * previous/next links), and writes each file that is older than the records, with a
   * generation precondition; a lost race reads again. Stops when every file shows
   * {@code version} or newer.
   *
   * @param anchors the records that changed, as they are now and as they were
   * @param statics whether to rewrite the stylesheet, 404 page and robots.txt even if present
   */
  private Snapshot regenerate(Context context, long version,
      java.util.function.Predicate<String> affected, List<EpisodeRecord> anchors,
      boolean statics) {
    return regenerate(context, version, affected, anchors, statics, Optional.empty(),
        new ConcurrentHashMap<>());
  }

  /**
   * As above; {@code inPlace}, when present, is the slug of an episode that changed without
   * moving (same date and slug, live before and after): of the home pages, only the one that
   * lists it is affected.
   */
  private Snapshot regenerate(Context context, long version,
      java.util.function.Predicate<String> affected, List<EpisodeRecord> anchors,
      boolean statics, Optional<String> inPlace, Map<String, Optional<Episode>> parsed) {
    java.util.function.Predicate<String> wanted = affected.or(path ->
        List.of("/404.html", "/robots.txt", "/css/site.css").contains(path)
            && (statics || site.generation(path.substring(1)).isEmpty()));
    for (int attempt = 0; attempt < MAX_RACES; attempt++) {
      long current = store.version();
      List<EpisodeRecord> records = store.episodes();
      List<PublishedEpisode> live = live(records);
      java.util.function.Predicate<String> listed = wanted;
      if (inPlace.isPresent()) {
        int at = positionOf(live, inPlace.get());
        String home = at < 0 ? "" : context.renderer.homePageOf(at);
        listed = wanted.and(path -> !SiteRenderer.isHomePage(path) || path.equals(home));
      }
      // Feeds, pages and listings are rendered side by side (on another core where there is
      // one); pages still come first in the list, so they are written first.
      java.util.function.Predicate<String> feedsWanted = listed;
      List<Problem> problems = java.util.Collections.synchronizedList(new ArrayList<>());
      java.util.concurrent.CompletableFuture<List<OutputFile>> feeds =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> context.renderer.feeds(live, problems::add, feedsWanted), RENDERERS);
      java.util.concurrent.CompletableFuture<List<OutputFile>> pages =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> pages(context, records, live, anchors, parsed), RENDERERS);
      List<OutputFile> listings = context.renderer.listings(live, listed);
      List<OutputFile> files = new ArrayList<>(join(pages));
      files.addAll(join(feeds));
      files.addAll(listings);
      if (problems.stream().anyMatch(Problem::isError)) {
        throw new IllegalStateException("a feed failed its check: " + problems);
      }
      boolean lost = false;
      for (OutputFile file : files) {
        if (!writeVersioned(file, current)) {
          lost = true;
          break;
        }
      }
      if (!lost) {
        return new Snapshot(current, records);
      }
      if (store.version() < version) {
        throw new IllegalStateException("the show's version went back");
      }
    }
    throw new ObjectStore.StoreUnavailableException("too many concurrent writers of the feeds",
        null);
  }

  /**
   * The pages ({@code index.html}) of the live anchors and of the episodes next to where each
   * anchor is or was, with their previous/next links; rendered in parallel.
   */
  private List<OutputFile> pages(Context context, List<EpisodeRecord> records,
      List<PublishedEpisode> live, List<EpisodeRecord> anchors,
      Map<String, Optional<Episode>> parsed) {
    java.util.Set<String> slugs = new java.util.LinkedHashSet<>();
    for (EpisodeRecord anchor : anchors) {
      slugs.add(anchor.slug());
      slugs.addAll(neighbours(live, anchor));
    }
    Map<String, EpisodeRecord> bySlug = new java.util.HashMap<>();
    records.forEach(r -> bySlug.put(r.slug(), r));
    Map<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < live.size(); i++) {
      index.put(live.get(i).episode().slug(), i);
    }
    return slugs.parallelStream().filter(index::containsKey).flatMap(slug -> {
      EpisodeRecord r = bySlug.get(slug);
      Optional<Episode> episode = parsed.computeIfAbsent(r.sourceObject() + "#"
          + r.sourceGeneration(), key -> fullEpisode(context, r));
      if (episode.isEmpty()) {
        return java.util.stream.Stream.empty(); // changed since: its own event renders it
      }
      int i = index.get(slug);
      PublishedEpisode older = i + 1 < live.size() ? live.get(i + 1) : null;
      PublishedEpisode newer = i > 0 ? live.get(i - 1) : null;
      return context.renderer.episodeFiles(new PublishedEpisode(episode.get(), r.entry(),
              r.image()), older, newer).stream()
          .filter(f -> f.path().endsWith("/index.html"));
    }).toList();
  }

  private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  private static int positionOf(List<PublishedEpisode> live, String slug) {
    for (int i = 0; i < live.size(); i++) {
      if (live.get(i).episode().slug().equals(slug)) {
        return i;
      }
    }
    return -1;
  }

  /** The slugs next to where {@code anchor} sits (or would sit) in {@code live}, newest first. */
  static List<String> neighbours(List<PublishedEpisode> live, EpisodeRecord anchor) {
    List<PublishedEpisode> others = live.stream()
        .filter(p -> !p.episode().slug().equals(anchor.slug())).toList();
    int at = 0;
    while (at < others.size() && listedBefore(others.get(at).episode(), anchor)) {
      at++;
    }
    List<String> slugs = new ArrayList<>(2);
    if (at > 0) {
      slugs.add(others.get(at - 1).episode().slug());
    }
    if (at < others.size()) {
      slugs.add(others.get(at).episode().slug());
    }
    return slugs;
  }

  /** Whether {@code e} comes before {@code anchor} in feeds and listings: newer, or by slug. */
  private static boolean listedBefore(Episode e, EpisodeRecord anchor) {
    int byDate = anchor.entry().date().compareTo(e.date());
    return byDate != 0 ? byDate < 0 : e.slug().compareTo(anchor.slug()) < 0;
  }

  /** The whole episode (notes, transcript) of {@code r}, if the source still holds its generation. */
  private Optional<Episode> fullEpisode(Context context, EpisodeRecord r) {
    String key = r.sourceObject() + "#" + r.sourceGeneration();
    Episode known = context.episodes().get(key);
    if (known != null
        && source.generation(r.sourceObject()).filter(g -> g == r.sourceGeneration())
            .isPresent()) {
      return Optional.of(known);
    }
    Optional<Episode> episode = source.get(r.sourceObject())
        .filter(o -> o.generation() == r.sourceGeneration())
        .flatMap(o -> context.parser.parse(r.sourceObject(), o.content()).episode());
    episode.ifPresent(e -> context.episodes().put(key, e));
    return episode;
  }

  /**
   * Writes {@code file} stamped with {@code version} unless what is there is as new; returns
   * false when another writer won the race (read again and retry).
   *
   * <p>The generation and version of each file this process wrote are remembered, so a warm
   * instance writes with one request and reads nothing back: when the remembered generation is
   * no longer current (another instance wrote, or the file was deleted) the precondition fails
   * and the file is read. Skipping on a remembered version at least {@code version} is safe:
   * versions of a file only go up, and a file is deleted only when a newer version has no use
   * for it (see {@link #removeEmptyTerms}).
   */
  private boolean writeVersioned(OutputFile file, long version) {
    String name = file.path().substring(1);
    Stamp known = stamps.get(name);
    if (known != null) {
      if (known.version() >= version) {
        return true;
      }
      try {
        long generation = site.put(new ObjectStore.Write(name, stamp(file, version),
            ContentTypes.of(name), ""), known.generation());
        stamps.put(name, new Stamp(generation, version));
        return true;
      } catch (ObjectStore.PreconditionFailedException stale) {
        stamps.remove(name, known);
      }
    }
    Optional<ObjectStore.StoredObject> existing = site.get(name);
    if (existing.isPresent()) {
      long there = versionOf(existing.get().content());
      if (there >= version) {
        stamps.put(name, new Stamp(existing.get().generation(), there));
        return true;
      }
    }
    try {
      long generation = site.put(new ObjectStore.Write(name, stamp(file, version),
          ContentTypes.of(name), ""),
          existing.map(ObjectStore.StoredObject::generation).orElse(ObjectStore.DOES_NOT_EXIST));
      stamps.put(name, new Stamp(generation, version));
      return true;
    } catch (ObjectStore.PreconditionFailedException lost) {
      return false;
    }
  }

  /** The records a regeneration rendered from, read after {@code version}. */
  private record Snapshot(long version, List<EpisodeRecord> records) {}

  /** A file this process wrote or read: its generation and the version it was stamped with. */
  private record Stamp(long generation, long version) {}

  /** Writes the page and transcripts of {@code ep} (its links to neighbours come after). */
  private void writePage(Context context, PublishedEpisode ep) {
    for (OutputFile file : context.renderer.episodeFiles(ep, null, null)) {
      String name = file.path().substring(1);
      stamps.remove(name);
      site.put(new ObjectStore.Write(name, file.content(), ContentTypes.of(name), ""));
    }
  }

  private void deletePage(String pagePath) {
    for (String name : site.list(pagePath.substring(1))) {
      stamps.remove(name);
      site.delete(name);
    }
  }

  /** The live episodes: records whose status is {@code PUBLISHED} (only events change it). */
  private static List<PublishedEpisode> live(List<EpisodeRecord> records) {
    List<PublishedEpisode> live = new ArrayList<>();
    for (EpisodeRecord r : records) {
      if (r.status() == EpisodeStatus.PUBLISHED) {
        live.add(new PublishedEpisode(card(r), r.entry(), r.image()));
      }
    }
    return live;
  }

  /** An episode as listings show it, rebuilt from its record (no notes, no transcript). */
  static Episode card(EpisodeRecord r) {
    FeedEntry e = r.entry();
    return new Episode(r.sourceObject(), r.slug(), r.pagePath(), e.title(), e.subtitle(),
        e.date(), r.publishDate(), r.expiryDate(), r.status() == EpisodeStatus.DRAFT,
        e.episodeNumber(), e.seasonNumber(), e.episodeType(), r.hosts(), e.categories(),
        r.image(), new Audio(e.enclosureUrl(), e.enclosureUrl(), e.enclosureLength(),
            Duration.ofSeconds(e.durationSeconds()), e.enclosureType()), r.summaryHtml(), "",
        Transcript.NONE, Map.of());
  }

  private static EpisodeRecord record(Context context, Episode e, String guid, long generation,
      byte[] content, Instant now) {
    // A local image is served at its path; feeds and pages use its square size.
    String image = e.image().startsWith("/") || e.image().startsWith("https://")
        || e.image().startsWith("http://") ? e.image() : "";
    String imageUrl = image.isEmpty() ? ""
        : context.show.absolute(image.startsWith("/") ? Artwork.derivedName(image, "square")
            : image);
    FeedEntry entry = FeedEntry.of(e, context.show, guid, imageUrl);
    return new EpisodeRecord(e.slug(), e.sourcePath(), generation, Hashes.sha256(content),
        e.statusAt(now), e.publishDate(), e.expiryDate(), entry, e.pagePath(), e.summaryHtml(),
        image, e.hosts());
  }

  // ---- Stamps ----

  /** The file with the version it was rendered from: a trailing comment, or a JSON key. */
  static byte[] stamp(OutputFile file, long version) {
    String path = file.path();
    byte[] content = file.content();
    if (path.endsWith(".json")) {
      int brace = indexOf(content, (byte) '{');
      byte[] key = ("{\"_podcast\":{\"version\":" + version + "},")
          .getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[key.length + content.length - brace - 1];
      System.arraycopy(key, 0, out, 0, key.length);
      System.arraycopy(content, brace + 1, out, key.length, content.length - brace - 1);
      return out;
    }
    if (path.endsWith(".xml") || path.endsWith(".html")) {
      byte[] comment = ("<!-- " + MARKER + version + " -->\n").getBytes(StandardCharsets.UTF_8);
      byte[] out = java.util.Arrays.copyOf(content, content.length + comment.length);
      System.arraycopy(comment, 0, out, content.length, comment.length);
      return out;
    }
    return content;
  }

  /** The version a stamped file was rendered from; -1 when it has none. */
  static long versionOf(byte[] content) {
    // The stamp is in the last bytes (XML, HTML) or the first (JSON): no need to decode it all.
    int window = 96;
    String tail = new String(content, Math.max(0, content.length - window),
        Math.min(window, content.length), StandardCharsets.ISO_8859_1);
    int at = tail.lastIndexOf(MARKER);
    String text = tail;
    int from;
    if (at >= 0) {
      from = at + MARKER.length();
    } else {
      text = new String(content, 0, Math.min(window, content.length),
          StandardCharsets.ISO_8859_1);
      int json = text.indexOf(JSON_MARKER);
      if (json < 0) {
        return -1;
      }
      from = json + JSON_MARKER.length();
    }
    int to = from;
    while (to < text.length() && Character.isDigit(text.charAt(to))) {
      to++;
    }
    return to > from && to - from < 19 ? Long.parseLong(text.substring(from, to)) : -1;
  }

  private static int indexOf(byte[] content, byte b) {
    for (int i = 0; i < content.length; i++) {
      if (content[i] == b) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a JSON object");
  }

  // ---- The show ----

  /** What an event needs of the show, read from the source bucket's config.toml. */
  /**
   * What an event needs of the show, and the episodes this instance parsed most recently (by
   * {@code object#generation}: the neighbours whose pages a change renders again).
   */
  private record Context(ShowConfig show, EpisodeParser parser, SiteRenderer renderer,
      Map<String, Episode> episodes) {
    Context(ShowConfig show, EpisodeParser parser, SiteRenderer renderer) {
      this(show, parser, renderer, java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Episode> eldest) {
              return size() > RECENT_EPISODES;
            }
          }));
    }
  }

  /** The context and the generations of the configuration files it was read from. */
  private record Cached(String generations, Context context) {}

  /**
   * The show's context, read again only when config.toml, podcast.toml or a layout has a new
   * generation: parsing the configuration and compiling the templates on every event would be
   * wasted work.
   */
  private Context context() {
    StringBuilder generations = new StringBuilder();
    generations.append(source.generation(ShowConfigReader.CONFIG_FILE).orElse(0L)).append(',')
        .append(source.generation(ShowConfigReader.PODCAST_FILE).orElse(0L));
    List<String> layouts = source.list(LAYOUTS).stream().filter(Publisher::isSiteConfiguration)
        .toList();
    for (String layout : layouts) {
      generations.append(',').append(layout).append('=')
          .append(source.generation(layout).orElse(0L));
    }
    Cached current = cached;
    if (current != null && current.generations().contentEquals(generations)) {
      return current.context();
    }
    Context fresh = loadContext(layouts);
    cached = new Cached(generations.toString(), fresh);
    return fresh;
  }

  private Context loadContext(List<String> layoutObjects) {
    String config = source.get(ShowConfigReader.CONFIG_FILE)
        .map(o -> new String(o.content(), StandardCharsets.UTF_8))
        .orElseThrow(() -> new IllegalStateException("the source bucket has no config.toml"));
    Optional<String> podcast = source.get(ShowConfigReader.PODCAST_FILE)
        .map(o -> new String(o.content(), StandardCharsets.UTF_8));
    ShowConfigReader.Result result = ShowConfigReader.read(config, ShowConfigReader.CONFIG_FILE,
        podcast, ShowConfigReader.PODCAST_FILE);
    ShowConfig show = result.config().orElseThrow(() -> new IllegalStateException(
        "config.toml is invalid: " + result.problems()));
    String podcastGuid = show.podcast().guid().isEmpty()
        ? PodcastGuid.fromFeedUrl(show.feedUrl()).toString() : show.podcast().guid();
    Map<String, byte[]> layouts = new java.util.HashMap<>();
    for (String object : layoutObjects) {
      source.get(object).ifPresent(o -> layouts.put(object.substring(LAYOUTS.length()),
          o.content()));
    }
    return new Context(show, new EpisodeParser(ParserSettings.defaults()
        .withEpisodeHostBaseUrl(show.episodeHostBaseUrl())),
        new SiteRenderer(show, new Templates(layouts), podcastGuid, true));
  }
}
