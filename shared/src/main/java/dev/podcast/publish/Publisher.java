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
import dev.podcast.site.ContentTypes;
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
  public enum Action { PUBLISHED, REJECTED, DELETED, STALE, DUPLICATE, IGNORED }

  /** What an event did. */
  public record Result(Action outcome, String object, String slug, List<Problem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }
  }

  private static final String MARKER = "podcast-version ";
  private static final int MAX_RACES = 100;

  private final ObjectStore source;
  private final ObjectStore site;
  private final EpisodeStore store;
  private final Clock clock;
  private volatile Cached cached;

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

  /** An episode file was written: generation {@code generation} of {@code object}. */
  public Result finalized(String object, long generation) {
    return publish(object, generation, context(), true);
  }

  /**
   * Publishes every episode file in the source bucket, regenerating feeds and listings once at
   * the end: the start of {@code podcast serve}, and what a configuration change triggers.
   */
  public List<Result> publishAll() {
    Context context = context();
    // Files are independent until the feeds: prepared in parallel, then rendered once.
    List<Result> results = source.list("content/").parallelStream()
        .filter(Publisher::isEpisode)
        .flatMap(object -> source.generation(object).stream()
            .map(g -> publish(object, g, context, false)))
        .toList();
    regenerate(context, store.version(), path -> true);
    for (Result result : results) {
      if (result.outcome() == Action.PUBLISHED) {
        source.generation(result.object())
            .ifPresent(g -> finish(result.object(), g, Outcome.PENDING, Outcome.PUBLISHED));
      }
    }
    return results;
  }

  private Result publish(String object, long generation, Context context, boolean now) {
    if (!isEpisode(object)) {
      return new Result(Action.IGNORED, object, "", List.of());
    }
    Optional<ObjectStore.StoredObject> current = source.get(object);
    if (current.isEmpty() || current.get().generation() != generation) {
      // Deleted or replaced since: the event for what is there now does the work.
      return new Result(Action.STALE, object, "", List.of());
    }
    Optional<SourceRecord> seen = store.source(object);
    if (seen.isPresent() && seen.get().generation() > generation) {
      return new Result(Action.STALE, object, "", List.of());
    }
    if (seen.isPresent() && seen.get().generation() == generation
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
    Optional<EpisodeRecord> previous = store.transaction(tx -> tx.episodeOf(object));
    String guid = previous.map(r -> r.entry().guid())
        .orElse(context.show.absolute(episode.pagePath()));
    EpisodeRecord record = record(context, episode, guid, generation, current.get().content());

    // 1. The page exists before any record, feed or listing can point to it.
    if (record.status() == EpisodeStatus.PUBLISHED) {
      writePage(context, new PublishedEpisode(episode, record.entry(), ""), null, null);
    }
    // 2. The record, if this generation is still the newest.
    long version = store.transaction(tx -> {
      Optional<SourceRecord> s = tx.source(object);
      if (s.isPresent() && (s.get().generation() > generation
          || (s.get().generation() == generation && s.get().outcome() == Outcome.DELETED))) {
        return -1L;
      }
      if (s.isPresent() && s.get().generation() == generation
          && s.get().outcome() == Outcome.PENDING
          && tx.episodeOf(object).map(EpisodeRecord::contentHash)
              .filter(record.contentHash()::equals).isPresent()) {
        return tx.version(); // a retry after the record was written: nothing more to record
      }
      Optional<EpisodeRecord> clash = tx.episode(record.slug());
      if (clash.isPresent() && !clash.get().sourceObject().equals(object)) {
        return -2L;
      }
      tx.episodeOf(object).filter(old -> !old.slug().equals(record.slug()))
          .ifPresent(old -> tx.deleteEpisode(old.slug()));
      tx.put(record);
      tx.put(new SourceRecord(object, generation, Outcome.PENDING, List.of(), clock.instant()));
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
    // 3. What lists this episode, before or after the change, at this version or newer.
    java.util.Set<String> categories = new java.util.HashSet<>(record.entry().categories());
    java.util.Set<String> hosts = new java.util.HashSet<>(record.hosts());
    previous.ifPresent(old -> {
      categories.addAll(old.entry().categories());
      hosts.addAll(old.hosts());
    });
    regenerate(context, version, context.renderer.affectedBy(categories, hosts));
    removeEmptyTerms(context, categories, hosts);
    // 4. A page left behind by a slug change goes once nothing lists it.
    previous.filter(old -> !old.slug().equals(record.slug()))
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
    regenerate(context, store.version(), path -> true);
  }

  /**
   * Generation {@code generation} of {@code object} stopped being the live version of a
   * versioned bucket (Cloud Storage's {@code object.v1.archived}): the file was deleted, or
   * replaced by a newer generation. A delete unpublishes as {@link #deleted} does; a replacement
   * is left to the newer generation's own event, so that the episode never leaves the feeds
   * while it is being updated, whichever event comes first.
   */
  public Result archived(String object, long generation) {
    if (!isEpisode(object)) {
      return new Result(Action.IGNORED, object, "", List.of());
    }
    if (source.generation(object).isPresent()) {
      return new Result(Action.STALE, object, "", List.of());
    }
    return deleted(object, generation);
  }

  /** An episode file was deleted: generation {@code generation} of {@code object}. */
  public Result deleted(String object, long generation) {
    if (!isEpisode(object)) {
      return new Result(Action.IGNORED, object, "", List.of());
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
    // The record is gone: feeds and listings stop listing the page, then the page goes.
    Context context = context();
    List<String> categories = removed.get().map(r -> r.entry().categories()).orElse(List.of());
    List<String> hosts = removed.get().map(EpisodeRecord::hosts).orElse(List.of());
    regenerate(context, store.version(), context.renderer.affectedBy(categories, hosts));
    removeEmptyTerms(context, categories, hosts);
    removed.get().ifPresent(r -> deletePage(r.pagePath()));
    return new Result(Action.DELETED, object, removed.get().map(EpisodeRecord::slug).orElse(""),
        List.of());
  }

  /**
   * Deletes the pages and feeds of categories and hosts that no live episode has any more (a
   * category renamed away, a host's last episode deleted): nothing lists them, so they go.
   */
  private void removeEmptyTerms(Context context, java.util.Collection<String> categories,
      java.util.Collection<String> hosts) {
    java.util.Set<String> live = new java.util.HashSet<>();
    for (PublishedEpisode ep : live(context, store.episodes())) {
      ep.episode().categories().forEach(c -> live.add(context.renderer.categoryPath(c)));
      ep.episode().hosts().forEach(h -> live.add(SiteRenderer.hostPath(h)));
    }
    java.util.Set<String> candidates = new java.util.HashSet<>();
    categories.forEach(c -> candidates.add(context.renderer.categoryPath(c)));
    hosts.forEach(h -> candidates.add(SiteRenderer.hostPath(h)));
    for (String path : candidates) {
      if (!live.contains(path)) {
        site.list(path.substring(1)).forEach(site::delete);
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
   * Renders the feeds and listings {@code wanted} accepts from the records, and writes each file
   * that is older than the records, with a generation precondition; a lost race reads again.
   * Stops when every file shows {@code version} or newer.
   */
  private void regenerate(Context context, long version,
      java.util.function.Predicate<String> affected) {
    // The static files (404 page, robots.txt, stylesheet) too, when the site has none yet.
    java.util.function.Predicate<String> wanted = affected.or(path ->
        List.of("/404.html", "/robots.txt", "/css/site.css").contains(path)
            && site.generation(path.substring(1)).isEmpty());
    for (int attempt = 0; attempt < MAX_RACES; attempt++) {
      long current = store.version();
      List<EpisodeRecord> records = store.episodes();
      List<PublishedEpisode> live = live(context, records);
      List<OutputFile> files = new ArrayList<>();
      List<Problem> problems = new ArrayList<>();
      files.addAll(context.renderer.feeds(live, problems::add, wanted));
      files.addAll(context.renderer.listings(live, wanted));
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
        return;
      }
      if (store.version() < version) {
        throw new IllegalStateException("the show's version went back");
      }
    }
    throw new ObjectStore.StoreUnavailableException("too many concurrent writers of the feeds",
        null);
  }

  /**
   * Writes {@code file} stamped with {@code version} unless what is there is as new; returns
   * false when another writer won the race (read again and retry).
   */
  private boolean writeVersioned(OutputFile file, long version) {
    String name = file.path().substring(1);
    Optional<ObjectStore.StoredObject> existing = site.get(name);
    if (existing.isPresent() && versionOf(existing.get().content()) >= version) {
      return true;
    }
    try {
      site.put(new ObjectStore.Write(name, stamp(file, version), ContentTypes.of(name), ""),
          existing.map(ObjectStore.StoredObject::generation).orElse(ObjectStore.DOES_NOT_EXIST));
      return true;
    } catch (ObjectStore.PreconditionFailedException lost) {
      return false;
    }
  }

  private void writePage(Context context, PublishedEpisode ep, PublishedEpisode previous,
      PublishedEpisode next) {
    for (OutputFile file : context.renderer.episodeFiles(ep, previous, next)) {
      String name = file.path().substring(1);
      site.put(new ObjectStore.Write(name, file.content(), ContentTypes.of(name), ""));
    }
  }

  private void deletePage(String pagePath) {
    for (String name : site.list(pagePath.substring(1))) {
      site.delete(name);
    }
  }

  private List<PublishedEpisode> live(Context context, List<EpisodeRecord> records) {
    Instant now = clock.instant();
    List<PublishedEpisode> live = new ArrayList<>();
    for (EpisodeRecord r : records) {
      Episode card = card(r);
      if (card.statusAt(now) == EpisodeStatus.PUBLISHED && r.status() != EpisodeStatus.DRAFT) {
        live.add(new PublishedEpisode(card, r.entry(), r.image()));
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
      byte[] content) {
    FeedEntry entry = FeedEntry.of(e, context.show, guid, "");
    EpisodeStatus status = e.draft() ? EpisodeStatus.DRAFT : EpisodeStatus.PUBLISHED;
    return new EpisodeRecord(e.slug(), e.sourcePath(), generation, Hashes.sha256(content), status,
        e.publishDate(), e.expiryDate(), entry, e.pagePath(), e.summaryHtml(), "", e.hosts());
  }

  // ---- Stamps ----

  /** The file with the version it was rendered from: a trailing comment, or a JSON key. */
  static byte[] stamp(OutputFile file, long version) {
    String path = file.path();
    String text = new String(file.content(), StandardCharsets.UTF_8);
    if (path.endsWith(".json")) {
      return ("{\"_podcast\":{\"version\":" + version + "}," + text.substring(text.indexOf('{')
          + 1)).getBytes(StandardCharsets.UTF_8);
    }
    if (path.endsWith(".xml") || path.endsWith(".html")) {
      return (text + "<!-- " + MARKER + version + " -->\n").getBytes(StandardCharsets.UTF_8);
    }
    return file.content();
  }

  /** The version a stamped file was rendered from; -1 when it has none. */
  static long versionOf(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    int at = text.lastIndexOf(MARKER);
    int from;
    if (at >= 0) {
      from = at + MARKER.length();
    } else {
      int json = text.indexOf("\"_podcast\":{\"version\":");
      if (json < 0) {
        return -1;
      }
      from = json + "\"_podcast\":{\"version\":".length();
    }
    int to = from;
    while (to < text.length() && Character.isDigit(text.charAt(to))) {
      to++;
    }
    return to > from ? Long.parseLong(text.substring(from, to)) : -1;
  }

  // ---- The show ----

  /** What an event needs of the show, read from the source bucket's config.toml. */
  private record Context(ShowConfig show, EpisodeParser parser, SiteRenderer renderer) {}

  /** The context and the generations of the configuration files it was read from. */
  private record Cached(long config, long podcast, Context context) {}

  /**
   * The show's context, read again only when config.toml or podcast.toml has a new generation:
   * parsing the configuration and compiling the templates on every event would be wasted work.
   */
  private Context context() {
    long config = source.generation(ShowConfigReader.CONFIG_FILE).orElse(0L);
    long podcast = source.generation(ShowConfigReader.PODCAST_FILE).orElse(0L);
    Cached current = cached;
    if (current != null && current.config() == config && current.podcast() == podcast) {
      return current.context();
    }
    Context fresh = loadContext();
    cached = new Cached(config, podcast, fresh);
    return fresh;
  }

  private Context loadContext() {
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
    return new Context(show, new EpisodeParser(ParserSettings.defaults()
        .withEpisodeHostBaseUrl(show.episodeHostBaseUrl())),
        new SiteRenderer(show, new Templates(Optional.empty()), podcastGuid));
  }
}
