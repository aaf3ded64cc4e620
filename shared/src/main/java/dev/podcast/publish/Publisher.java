package dev.podcast.publish;

import dev.podcast.episode.EpisodeStatus;
import dev.podcast.parse.ParseResult;
import dev.podcast.parse.ParserSettings;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.port.EpisodeStore.Outcome;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.publish.EpisodePreparer.Preparation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The publish use case: what happens when a file of the source bucket is written or deleted, when
 * the time of a scheduled episode comes, and when the whole source is published at once. One
 * engine for every path: the upload, publish-due and feed functions, {@code podcast serve} and
 * {@code podcast build} run this class over their own adapters of the same ports.
 *
 * <p>Correct under at-least-once, out-of-order, concurrent and half-failed deliveries: the
 * {@link SourceLedger} keeps the newest generation seen, so older or repeated events have no
 * effect; pages are written before the records that list them ({@link EpisodeChanges}); feeds and
 * listings are rendered from the records and written over older files only ({@link SiteWriter}).
 *
 * <p>Error policy: content problems (an episode, the configuration, a feed the check refuses)
 * are a permanent outcome, recorded in the ledger with file, line and field and returned; the last
 * good site stays. Only outages throw ({@link ObjectStore.StoreUnavailableException}): the event
 * is to be delivered again. Thread-safe; built once per instance.
 */
public final class Publisher {

  /**
   * What publishing the whole source did: each file's result, every problem (sorted, without
   * repeats), whether the configuration let anything be published, how many episodes are live,
   * and how long each step took.
   */
  public record Rebuilt(List<Result> results, List<Problem> problems, boolean published,
      int live, List<String> timings) {
    public Rebuilt {
      results = List.copyOf(results);
      problems = List.copyOf(problems);
      timings = List.copyOf(timings);
    }

    public long errors() {
      return problems.stream().filter(Problem::isError).count();
    }

    public long warnings() {
      return problems.size() - errors();
    }
  }

  private final ObjectStore source;
  private final EpisodeStore store;
  private final Snapshots snapshots;
  private final Clock clock;
  private final ShowContexts contexts;
  private final SourceLedger ledger;
  private final AssetCopier assets;
  private final EpisodeChanges changes;
  private final Regeneration regeneration;
  private final Rebuild rebuild;
  private final FeedImport feedImport;
  private final UploadStatus status;

  /** The use case on these ports, with its own cache of the show's context. */
  public Publisher(ObjectStore source, ObjectStore site, EpisodeStore store, Clock clock) {
    this(source, site, store, clock, contexts(source, store, ParserSettings.defaults()));
  }

  /** The use case on these ports, sharing {@code contexts} (with the CMS webhook, say). */
  public Publisher(ObjectStore source, ObjectStore site, EpisodeStore store, Clock clock,
      ShowContexts contexts) {
    this.source = source;
    this.store = store;
    this.clock = clock;
    this.contexts = contexts;
    SiteWriter writer = new SiteWriter(site);
    this.ledger = new SourceLedger(store, clock);
    this.assets = new AssetCopier(source, writer);
    this.snapshots = new Snapshots(store);
    this.regeneration = new Regeneration(source, writer, snapshots);
    this.changes = new EpisodeChanges(snapshots, ledger, writer, regeneration,
        new RegenerationLease(store, clock));
    this.rebuild = new Rebuild(source, writer, snapshots, ledger, assets, changes, clock);
    this.feedImport = new FeedImport(source, store, ledger, this::publishAll, clock);
    this.status = new UploadStatus(source, store);
  }

  /**
   * The show's contexts read from {@code source}, whose {@code podcast:guid} is registered in
   * {@code store} ({@link ShowContexts#registered}).
   */
  public static ShowContexts contexts(ObjectStore source, EpisodeStore store,
      ParserSettings settings) {
    return ShowContexts.registered(source, store, settings);
  }

  /** The show's contexts this publisher reads. */
  public ShowContexts contexts() {
    return contexts;
  }

  /** Generation {@code generation} of source object {@code object} was written. */
  public Result finalized(String object, long generation) {
    return finalized(object, generation, Map.of());
  }

  /**
   * Generation {@code generation} of source object {@code object}, whose custom metadata is
   * {@code metadata} (as the event tells it), was written. A file that an import of the show's
   * old feed wrote, while that import runs, is left to it: it publishes the whole show once
   * ({@link FeedImport}).
   */
  public Result finalized(String object, long generation, Map<String, String> metadata) {
    return told(handleFinalized(object, generation, metadata), generation);
  }

  private Result handleFinalized(String object, long generation, Map<String, String> metadata) {
    SourceObjects.Kind kind = SourceObjects.kind(object);
    if ((kind == SourceObjects.Kind.EPISODE || kind == SourceObjects.Kind.CONFIGURATION)
        && feedImport.publishesItself(metadata)) {
      return Result.of(Result.Action.IMPORTED, object);
    }
    return switch (kind) {
      case EPISODE -> publish(object, generation, false);
      case SIDECAR -> besideChanged(object);
      case CONFIGURATION -> reconfigure(object, generation, false);
      case ASSET -> copy(object, generation);
      case IMPORT -> feedImport.run(object, generation);
      case IGNORED -> Result.of(Result.Action.IGNORED, object);
    };
  }

  /** Generation {@code generation} of source object {@code object} was deleted. */
  public Result deleted(String object, long generation) {
    return told(handleDeleted(object, generation), generation);
  }

  /**
   * {@code result} of an event, after the upload's status and the status page are written
   * ({@link UploadStatus}): where the podcaster learns what became of the file. The event's
   * work is done by then: a status that cannot be written is a warning of the result (in its
   * log line), not a failure that would deliver the event again for nothing.
   */
  private Result told(Result result, long generation) {
    try {
      // The records are read only for a status written (not for an ignored or stale event).
      java.util.function.Supplier<List<EpisodeRecord>> records = () -> snapshots.read().records();
      if (result.outcome() == Result.Action.DUPLICATE) {
        status.recordIfMissing(result.object(), generation, clock.instant(), records);
      } else {
        status.record(result, generation, clock.instant(), records);
      }
      return result;
    } catch (RuntimeException notWritten) {
      return result.withMore(List.of(new Problem(ProblemCode.STATUS_NOT_WRITTEN,
          result.object(), 0, 0, "the upload's status could not be written to "
              + SourceObjects.STATUS + ": " + notWritten.getMessage())));
    }
  }

  private Result handleDeleted(String object, long generation) {
    return switch (SourceObjects.kind(object)) {
      case EPISODE -> changes.remove(ready(), object, generation);
      case SIDECAR -> besideChanged(object);
      case CONFIGURATION -> reconfigure(object, generation, true);
      case ASSET -> uncopy(object);
      // An import is not undone by deleting its feed: what it wrote is the show's now.
      case IMPORT, IGNORED -> Result.of(Result.Action.IGNORED, object);
    };
  }

  /**
   * Generation {@code generation} of {@code object} stopped being the live version of a
   * versioned bucket (Cloud Storage's {@code object.v1.archived}): deleted, or replaced by a
   * newer generation. A replacement is left to the newer generation's own event, so the episode
   * never leaves the feeds while it is being updated, whichever event comes first. An object
   * that is not the show's is ignored unread, as for the other events: the functions may read
   * only the show's objects of the source (see {@code infra/iam.tf}).
   */
  public Result archived(String object, long generation) {
    SourceObjects.Kind kind = SourceObjects.kind(object);
    if (kind == SourceObjects.Kind.IGNORED || kind == SourceObjects.Kind.IMPORT) {
      return Result.of(Result.Action.IGNORED, object);
    }
    return source.generation(object).isPresent() ? Result.of(Result.Action.STALE, object)
        : told(handleDeleted(object, generation), generation);
  }

  /**
   * Publishes the whole source: every episode, asset and listing, each rendered once, and
   * removes from the site what the source no longer has. The start of {@code podcast serve} (it
   * catches up with what changed while it was stopped) and all of {@code podcast build}.
   */
  public Rebuilt publishAll() {
    ShowContext context = contexts.current();
    if (context instanceof ShowContext.Ready ready) {
      return rebuild.run(ready);
    }
    // Nothing can be published; the episodes' own problems are told all the same.
    List<Problem> problems = new ArrayList<>(context.problems());
    for (String object : source.list(SourceObjects.CONTENT)) {
      if (SourceObjects.kind(object) == SourceObjects.Kind.EPISODE) {
        problems.addAll(rebuild.read(contexts.parser(), object, null).problems());
      }
    }
    return new Rebuilt(List.of(), Rebuild.sorted(problems), false, 0, List.of());
  }

  /**
   * Publishes the scheduled episodes whose publish date has come and takes down the live ones
   * whose expiry date has passed, then regenerates feeds and listings once: what Cloud
   * Scheduler calls every few minutes. Safe at any time, any number of times, concurrently with
   * uploads. Returns how many episodes went live.
   */
  public int publishDue() {
    Instant now = clock.instant();
    Optional<ShowContext.Ready> context = ready();
    // Changes that a regeneration holder that died left unrendered are rendered now.
    context.ifPresent(changes::catchUp);
    List<EpisodeRecord> due = store.due(now);
    if (due.isEmpty() || context.isEmpty()) {
      return 0;
    }
    // The status page is not written again here (the scheduler may not write to the source):
    // it says when each scheduled episode goes live, and is written with the next upload.
    return changes.changeStatus(context.get(), due, now);
  }

  /**
   * Imports a show's old feed into the source: its channel's settings, each item's guid into
   * the episode file it matches (registered in place of the guid given before), with
   * {@code options.createMissing()} a file for each item without one; then publishes the whole
   * show once. Nothing is written or published for a dry run. What {@code podcast import} runs;
   * an old feed uploaded to {@code import/} runs it through {@link #finalized}.
   *
   * @param display names a source object in the report's lines
   */
  public FeedImport.Imported importFeed(dev.podcast.migrate.OldFeed old,
      dev.podcast.migrate.ShowImport.Options options, java.util.function.UnaryOperator<String>
          display) {
    return feedImport.apply(old, options, display);
  }

  /** How many times this publisher rendered feeds and listings (each round of a holder). */
  public long regenerations() {
    return regeneration.renders();
  }

  /**
   * Renders every feed and listing from the records and writes those older than the records:
   * what the feed endpoint calls when a feed object is missing (a new show). Safe at any time.
   */
  public void regenerateAll() {
    ready().ifPresent(context -> {
      Snapshot snapshot = snapshots.read();
      regeneration.render(context, new Regeneration.Change(snapshot, snapshot, java.util.Set.of(),
          Map.of(), path -> true, false).withAllListings());
    });
  }

  private Optional<ShowContext.Ready> ready() {
    return contexts.current() instanceof ShowContext.Ready ready ? Optional.of(ready)
        : Optional.empty();
  }

  /**
   * A sidecar ({@code transcript.vtt}, {@code chapters.json}) was written or deleted: the
   * episode file beside it is published again with what is beside it now. A sidecar with an
   * error rejects that version, and the last good one stays published.
   */
  private Result besideChanged(String sidecar) {
    String episode = SourceObjects.episodeOf(sidecar);
    Optional<Long> generation = source.generation(episode);
    if (generation.isEmpty()) {
      return Result.of(Result.Action.IGNORED, sidecar); // no episode beside it
    }
    Result published = publish(episode, generation.get(), true);
    return published.forObject(sidecar);
  }

  /** An episode file: checked, prepared, its page written, recorded, its listings rendered. */
  private Result publish(String object, long generation, boolean again) {
    Optional<EpisodeFile> file;
    try {
      file = EpisodeFile.read(source, object, contexts.maxFileBytes(), null)
          .filter(o -> o.generation() == generation);
    } catch (ObjectStore.ObjectTooLargeException tooLarge) {
      return reject(object, generation, contexts.parser().tooLarge(object, tooLarge.size(),
          tooLarge.limit()).problems()); // never read
    }
    if (file.isEmpty()) {
      return Result.of(Result.Action.STALE, object); // replaced or deleted since
    }
    SourceLedger.Admission admission = ledger.admit(object, generation, again);
    if (admission instanceof SourceLedger.Admission.Stale) {
      return Result.of(Result.Action.STALE, object);
    }
    if (admission instanceof SourceLedger.Admission.Duplicate) {
      return Result.of(Result.Action.DUPLICATE, object);
    }
    ShowContext context = contexts.current();
    if (!(context instanceof ShowContext.Ready ready)) {
      return reject(object, generation, context.problems()); // held until the config is fixed
    }
    ParseResult parsed = file.get().parse(ready.parser());
    Snapshot before = snapshots.read();
    // The links of its notes are checked against the site with it in.
    java.util.Set<String> own = new java.util.HashSet<>();
    parsed.episode().filter(e -> e.statusAt(clock.instant()) == EpisodeStatus.PUBLISHED)
        .ifPresent(e -> ready.renderers().plan(List.of(EpisodePreparer.provisional(ready.show(),
            e))).paths().stream().filter(p -> p.endsWith("/index.html")).forEach(own::add));
    SiteIndex index = SiteIndex.lookingUp(source, before.plan(ready.renderers()), own);
    Preparation preparation = EpisodePreparer.prepare(ready, object, generation,
        file.get().contentHash(), parsed, index, clock.instant());
    if (preparation instanceof Preparation.Prepared p) {
      Optional<Problem> clash = EpisodeChanges.clash(before, object, p.record());
      if (clash.isEmpty()) {
        return changes.put(ready, before, List.of(p), Map.of(), false).results().get(0);
      }
      List<Problem> problems = new ArrayList<>(p.problems());
      problems.add(clash.get());
      return reject(object, generation, problems);
    }
    return reject(object, generation, preparation.problems());
  }

  private Result reject(String object, long generation, List<Problem> problems) {
    ledger.record(object, generation, Outcome.REJECTED, problems);
    return new Result(Result.Action.REJECTED, object, "", problems);
  }

  /**
   * {@code config.toml}, {@code podcast.toml} or a layout was written or deleted: everything is
   * published again with it (or, when the configuration is invalid, nothing is, and its problems
   * are recorded). A repeat of the same event has no second effect.
   */
  private Result reconfigure(String object, long generation, boolean deleted) {
    Optional<EpisodeStore.SourceRecord> seen = store.source(object);
    Outcome done = deleted ? Outcome.DELETED : Outcome.PUBLISHED;
    if (seen.isPresent() && (seen.get().generation() > generation
        || seen.get().generation() == generation && seen.get().outcome() == done)) {
      return Result.of(Result.Action.DUPLICATE, object);
    }
    Rebuilt rebuilt = publishAll();
    List<Problem> errors = rebuilt.problems().stream().filter(Problem::isError).toList();
    ledger.record(object, generation, rebuilt.published() ? done : Outcome.REJECTED,
        rebuilt.published() ? errors : rebuilt.problems());
    return new Result(rebuilt.published() ? Result.Action.REBUILT : Result.Action.REJECTED,
        object, "", rebuilt.published() ? errors : rebuilt.problems());
  }

  /** An image or other file: copied; episodes that were waiting for this image get it now. */
  private Result copy(String object, long generation) {
    AssetCopier.Copy copy = assets.copy(object, generation);
    if (!copy.copied()) {
      return Result.of(Result.Action.STALE, object);
    }
    List<Problem> problems = new ArrayList<>(copy.problems());
    String path = SourceObjects.sitePath(object).orElseThrow();
    for (EpisodeRecord waiting : snapshots.read().records()) {
      if (waiting.missingImage().equals(path)) {
        problems.addAll(republish(waiting).problems());
      }
    }
    return new Result(Result.Action.COPIED, object, "", problems);
  }

  /** A copied file's source is gone: its copy goes; episodes showing it fall back to the art. */
  private Result uncopy(String object) {
    if (!assets.remove(object)) {
      return Result.of(Result.Action.STALE, object);
    }
    String path = SourceObjects.sitePath(object).orElseThrow();
    for (EpisodeRecord showing : snapshots.read().records()) {
      if (showing.image().equals(path)) {
        republish(showing);
      }
    }
    return Result.of(Result.Action.DELETED, object);
  }

  private Result republish(EpisodeRecord record) {
    return source.generation(record.sourceObject())
        .map(g -> publish(record.sourceObject(), g, true))
        .orElse(Result.of(Result.Action.STALE, record.sourceObject()));
  }
}
