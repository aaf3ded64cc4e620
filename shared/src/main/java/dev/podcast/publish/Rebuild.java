package dev.podcast.publish;

import dev.podcast.episode.EpisodeStatus;
import dev.podcast.parse.ParseResult;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.port.EpisodeStore.Outcome;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.publish.EpisodePreparer.Preparation;
import dev.podcast.show.ShowConfig;
import dev.podcast.show.ShowConfigReader;
import dev.podcast.site.PublishedEpisode;
import dev.podcast.site.SitePlan;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The whole source published at once, each output rendered once: what {@code podcast build}
 * does, what {@code podcast serve} does at its start (catching up with whatever changed while it
 * was stopped), and what a change of {@code config.toml}, {@code podcast.toml} or a layout
 * triggers. The recipe: list the source → parse every episode → check each against the site it
 * will be part of → copy the assets → write every page → commit the records → render the
 * listings and feeds → remove what the site no longer has. Thread-safe.
 */
final class Rebuild {

  private final ObjectStore source;
  private final SiteWriter site;
  private final Snapshots snapshots;
  private final SourceLedger ledger;
  private final AssetCopier assets;
  private final EpisodeChanges changes;
  private final Clock clock;

  Rebuild(ObjectStore source, SiteWriter site, Snapshots snapshots, SourceLedger ledger,
      AssetCopier assets, EpisodeChanges changes, Clock clock) {
    this.source = source;
    this.site = site;
    this.snapshots = snapshots;
    this.ledger = ledger;
    this.assets = assets;
    this.changes = changes;
    this.clock = clock;
  }

  Publisher.Rebuilt run(ShowContext.Ready context) {
    Instant started = clock.instant();
    Steps steps = new Steps();
    List<String> objects = source.list("");
    Map<String, String> assetObjects = new TreeMap<>();
    List<String> episodes = new ArrayList<>();
    for (String object : objects) {
      switch (SourceObjects.kind(object)) {
        case EPISODE -> episodes.add(object);
        case ASSET -> assetObjects.put(SourceObjects.sitePath(object).orElseThrow(), object);
        default -> { }
      }
    }
    Snapshot before = snapshots.read();
    List<Problem> problems = new ArrayList<>(context.problems());
    steps.done("list the source and read the records");

    // Parse every episode file, in parallel: each file is independent.
    Map<String, Read> read = new LinkedHashMap<>();
    Set<String> listed = new HashSet<>(objects);
    episodes.parallelStream().map(object -> read(context.parser(), object, listed))
        .filter(parsed -> parsed.generation() > 0)
        .map(parsed -> new Read(parsed.result().file(), parsed.generation(), parsed)).toList()
        .forEach(r -> read.put(r.object(), r));
    steps.done("parse " + read.size() + " episodes");

    // Check each against the site it will be part of, and prepare its record.
    Instant now = clock.instant();
    SiteIndex index = SiteIndex.listed(source, plan(context, before, read.values(), now),
        assetObjects);
    // No read of the ledger per file: a generation older than the one recorded is found when
    // the records are committed (SourceLedger.putAll reads each source in its transactions).
    List<Preparation> preparations = new ArrayList<>(read.values()).parallelStream()
        .map(r -> EpisodePreparer.prepareUnchecked(context, r.object(), r.generation(),
            r.contentHash(), r.parsed(), index, now))
        .toList();
    preparations = EpisodePreparer.checkItems(context, preparations);
    List<Result> results = new ArrayList<>();
    List<Preparation.Prepared> prepared = new ArrayList<>();
    Map<String, String> pages = new HashMap<>();
    before.records().forEach(r -> pages.put(r.slug(), r.sourceObject()));
    Set<String> taken = new HashSet<>();
    for (Preparation p : sortedOwnersFirst(preparations, pages)) {
      Preparation checked = p instanceof Preparation.Prepared ready
          && !taken.add(ready.record().slug()) ? duplicate(ready, pages, prepared) : p;
      if (checked instanceof Preparation.Prepared ready) {
        prepared.add(ready);
      } else {
        ledger.record(checked.object(), checked.generation(), Outcome.REJECTED,
            checked.problems());
        results.add(new Result(Result.Action.REJECTED, checked.object(), "",
            checked.problems()));
      }
    }
    problems.addAll(showArtwork(context.show(), index));
    steps.done("check and prepare the records");

    // The assets, then everything the records list.
    assetObjects.values().parallelStream().map(object -> source.generation(object)
        .map(generation -> new Result(Result.Action.COPIED, object, "",
            assets.copy(object, generation).problems())))
        .flatMap(Optional::stream).toList().forEach(results::add);
    steps.done("copy " + assetObjects.size() + " assets");
    Map<String, Long> removed = new TreeMap<>();
    for (EpisodeRecord r : before.records()) {
      if (!read.containsKey(r.sourceObject())) {
        removed.put(r.sourceObject(), r.sourceGeneration());
      }
    }
    EpisodeChanges.Applied applied = changes.put(context, before, prepared, removed, true,
        steps);
    results.addAll(applied.results());
    problems.addAll(applied.feedProblems());
    sweep(started, context.renderers().plan(applied.snapshot().live()), assetObjects.values());
    steps.done("remove what the site no longer has");
    results.forEach(r -> problems.addAll(r.problems()));
    return new Publisher.Rebuilt(results, sorted(problems), true,
        applied.snapshot().live().size(), steps.list());
  }

  /** How long each step took, in order. */
  static final class Steps {
    private final List<String> done = new ArrayList<>();
    private long since = System.nanoTime();

    /** The step just finished, timed from the end of the one before. */
    void done(String step) {
      long now = System.nanoTime();
      done.add(step + ": " + (now - since) / 1_000_000 + " ms");
      since = now;
    }

    List<String> list() {
      return List.copyOf(done);
    }
  }

  /** A file read and parsed, with its version ({@link EpisodeFile#contentHash}). */
  private record Read(String object, long generation, Parsed file) {
    String contentHash() {
      return file.checksum();
    }

    ParseResult parsed() {
      return file.result();
    }
  }

  /**
   * What parsing an episode file gave, the version parsed and its generation
   * (0 when the file is gone).
   */
  record Parsed(ParseResult result, String checksum, long generation) {
    List<Problem> problems() {
      return result.problems();
    }
  }

  /**
   * {@code object} read with its sidecars (never past the parser's limit: a larger file is not
   * read, and is its error) and parsed.
   *
   * @param listing the source's objects, when listed already; else null
   */
  Parsed read(dev.podcast.parse.EpisodeParser parser, String object,
      java.util.Collection<String> listing) {
    try {
      return EpisodeFile.read(source, object, parser.settings().maxFileBytes(), listing)
          .map(file -> new Parsed(file.parse(parser), file.contentHash(), file.generation()))
          .orElseGet(() -> new Parsed(new ParseResult(object, Optional.empty(), List.of()), "",
              0));
    } catch (ObjectStore.ObjectTooLargeException tooLarge) {
      return new Parsed(parser.tooLarge(object, tooLarge.size(), tooLarge.limit()), "",
          source.generation(object).orElse(0L));
    }
  }

  /**
   * What the site will hold, for the checks of links: the live episodes as parsed, and those of
   * {@code before} whose files are not readable now (their last good version stays).
   */
  private static SitePlan plan(ShowContext.Ready context, Snapshot before,
      java.util.Collection<Read> read, Instant now) {
    Set<String> readable = new HashSet<>();
    List<PublishedEpisode> live = new ArrayList<>();
    for (Read r : read) {
      r.parsed().episode().filter(e -> !r.parsed().hasErrors()).ifPresent(e -> {
        readable.add(r.object());
        if (e.statusAt(now) == EpisodeStatus.PUBLISHED) {
          live.add(EpisodePreparer.provisional(context.show(), e));
        }
      });
    }
    for (PublishedEpisode ep : before.live()) {
      if (!readable.contains(ep.episode().sourcePath())) {
        live.add(ep);
      }
    }
    live.sort(Comparator.comparing((PublishedEpisode p) -> p.episode().date()).reversed()
        .thenComparing(p -> p.episode().slug()));
    return context.renderers().plan(live);
  }

  /** The episodes in file order, those that already own their page first. */
  private static List<Preparation> sortedOwnersFirst(List<Preparation> preparations,
      Map<String, String> owners) {
    List<Preparation> sorted = new ArrayList<>(preparations);
    sorted.sort(Comparator.comparing((Preparation p) -> !(p instanceof Preparation.Prepared r
        && r.object().equals(owners.get(r.record().slug())))).thenComparing(Preparation::object));
    return sorted;
  }

  /** The second of two files that publish to the same page: rejected, naming the first. */
  private static Preparation duplicate(Preparation.Prepared second, Map<String, String> owners,
      List<Preparation.Prepared> prepared) {
    String first = prepared.stream().filter(p -> p.record().slug().equals(second.record().slug()))
        .map(Preparation.Prepared::object).findFirst()
        .orElse(owners.getOrDefault(second.record().slug(), "?"));
    List<Problem> problems = new ArrayList<>(second.problems());
    problems.add(EpisodeChanges.samePage(second.object(), second.record().pagePath(), first));
    return new Preparation.Rejected(second.object(), second.generation(), problems);
  }

  /** Apple's rules on the show's artwork, when it is a file of the site. */
  private static List<Problem> showArtwork(ShowConfig show, SiteIndex index) {
    String art = show.podcast().artwork().isEmpty() ? show.logo() : show.podcast().artwork();
    if (art.isEmpty() || !art.startsWith("/")) {
      return List.of();
    }
    return index.image(art, "", true).map(SiteIndex.Image::problems).orElse(List.of(
        new Problem(ProblemCode.ARTWORK_MISSING, ShowConfigReader.CONFIG_FILE, 0, 0,
            "the show artwork " + art + " is not in the source (static/); podcast apps need it")));
  }

  /**
   * Deletes what the site holds and no longer publishes (pages of episodes gone, home pages past
   * the last, copies of removed assets): files not in {@code plan}, not made from an asset, and
   * last written no later than this rebuild started (a file a concurrent event wrote since is its
   * own).
   */
  private void sweep(Instant started, SitePlan plan, java.util.Collection<String> assetObjects) {
    Set<String> keep = new HashSet<>(plan.paths());
    assetObjects.forEach(object -> keep.addAll(AssetCopier.outputs(object)));
    ObjectStore store = site.store();
    for (String name : store.list("")) {
      if (keep.contains("/" + name)) {
        continue;
      }
      store.stat(name).filter(info -> !info.updated().isAfter(started)).ifPresent(site::delete);
    }
  }

  /** {@code problems} without repeats, by file and line. */
  static List<Problem> sorted(List<Problem> problems) {
    List<Problem> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(problems));
    distinct.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line)
        .thenComparingInt(Problem::column));
    return distinct;
  }
}
