package dev.podcast.publish;

import dev.podcast.episode.Episode;
import dev.podcast.episode.EpisodeStatus;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.port.EpisodeStore.Outcome;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.publish.EpisodePreparer.Preparation;
import dev.podcast.publish.SourceLedger.Commit;
import dev.podcast.site.PublishedEpisode;
import dev.podcast.site.SitePaths;
import dev.podcast.site.SitePlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Changes to episode records, each in the order that keeps the site whole at every moment:
 * a new or changed episode's page (and its neighbours') is written before the record that
 * lists it is committed; feeds and listings are rendered from the committed records; an
 * unpublished page goes after the feeds stop listing it. Thread-safe.
 */
final class EpisodeChanges {

  private final Snapshots snapshots;
  private final SourceLedger ledger;
  private final SiteWriter site;
  private final Regeneration regeneration;
  private final RegenerationLease lease;

  EpisodeChanges(Snapshots snapshots, SourceLedger ledger, SiteWriter site,
      Regeneration regeneration, RegenerationLease lease) {
    this.snapshots = snapshots;
    this.ledger = ledger;
    this.site = site;
    this.regeneration = regeneration;
    this.lease = lease;
  }

  /**
   * Renders {@code change}'s feeds and listings under the regeneration lease: when another
   * instance holds it, nothing here (the holder renders this change before it lets go); else
   * the change, and then what others committed meanwhile, until no newer change is left. A
   * change that re-renders everything is rendered at once, whoever holds the lease. When the
   * site's feeds and listings are older than {@code change}'s records before it (a holder died),
   * every listing and feed is rendered.
   */
  Regeneration.Rendered regenerate(ShowContext.Ready context, Regeneration.Change change) {
    if (change.everything()) {
      Regeneration.Rendered rendered = regeneration.render(context, change);
      lease.rendered(rendered.snapshot().version());
      return rendered;
    }
    Optional<RegenerationLease.Held> held = lease.acquire();
    if (held.isEmpty()) {
      return new Regeneration.Rendered(change.after(), List.of());
    }
    Regeneration.Change first = held.get().rendered() >= change.before().version() ? change
        : change.withAllListings();
    try {
      Regeneration.Rendered rendered = regeneration.render(context, first);
      List<Problem> problems = new ArrayList<>(rendered.problems());
      while (!lease.release(held.get(), rendered.snapshot().version())) {
        Snapshot done = rendered.snapshot();
        Snapshot now = snapshots.read();
        rendered = regeneration.render(context, between(context, done, now));
        problems.addAll(rendered.problems());
      }
      return new Regeneration.Rendered(rendered.snapshot(), problems);
    } catch (RuntimeException failed) {
      // An outage: the lease goes back at once, so that the event's retry renders (if this
      // fails too, the lease expires).
      try {
        lease.abandon(held.get());
      } catch (RuntimeException alsoFailed) {
        failed.addSuppressed(alsoFailed);
      }
      throw failed;
    }
  }

  /**
   * Renders the feeds and listings if changes were committed that no holder renders (a holder
   * died, its lease expired): what {@code publishDue} does each time it runs.
   */
  void catchUp(ShowContext.Ready context) {
    if (lease.abandoned()) {
      Snapshot now = snapshots.read();
      regenerate(context, new Regeneration.Change(now, now, Set.of(), Map.of(), path -> true,
          false).withAllListings());
    }
  }

  /**
   * The prepared episodes whose records are committed already as they are (the same
   * generation of the same object, the same record with its registered guid, notes included):
   * by their index, as a quiet commit of {@code before}'s version. A rebuild of files that did
   * not change (a configuration change that leaves the records alone, a restart) then commits
   * nothing for them, where it took a transaction per hundred (most of a theme change's time
   * against Firestore). The notes compared are the committed ones (read from the store where
   * this instance has not seen them): a change of how notes render commits them again. Their
   * ledger entries are still finished after the render.
   */
  static Map<Integer, Commit> recordedAlready(Snapshot before,
      List<Preparation.Prepared> prepared) {
    Map<Integer, EpisodeRecord> candidates = new HashMap<>();
    for (int i = 0; i < prepared.size(); i++) {
      Preparation.Prepared p = prepared.get(i);
      Optional<EpisodeRecord> there = before.record(p.record().slug());
      if (there.isPresent() && there.get().sourceObject().equals(p.object())
          && there.get().sourceGeneration() == p.generation()) {
        EpisodeRecord wanted = p.record().withGuid(there.get().entry().guid());
        if (wanted.outline().equals(there.get())) {
          candidates.put(i, wanted);
        }
      }
    }
    if (candidates.isEmpty()) {
      return Map.of();
    }
    Map<String, dev.podcast.feed.FeedEntry> whole = before.notes().complete(
        candidates.values().stream().map(r -> r.outline().entry()).toList());
    Map<Integer, Commit> recorded = new HashMap<>();
    candidates.forEach((i, wanted) -> {
      if (wanted.entry().equals(whole.get(wanted.slug()))) {
        recorded.put(i, new Commit.Committed(wanted, Optional.of(wanted), before.version(),
            true));
      }
    });
    return recorded;
  }

  /** The change from the records of {@code done} to those of {@code now}. */
  private static Regeneration.Change between(ShowContext.Ready context, Snapshot done,
      Snapshot now) {
    Set<String> slugs = new HashSet<>();
    Set<String> objects = new HashSet<>();
    for (EpisodeRecord r : now.records()) {
      if (done.record(r.slug()).filter(r::equals).isEmpty()) {
        slugs.add(r.slug());
        objects.add(r.sourceObject());
        done.record(r.slug()).ifPresent(old -> objects.add(old.sourceObject()));
      }
    }
    for (EpisodeRecord r : done.records()) {
      if (now.record(r.slug()).isEmpty()) {
        slugs.add(r.slug());
        objects.add(r.sourceObject());
      }
    }
    return new Regeneration.Change(done, now, slugs, Map.of(),
        listings(context, done, now, objects, false), false);
  }

  /**
   * Publishes {@code prepared} episodes (one upload, or a whole rebuild) onto the records of
   * {@code before}, removing the records of {@code removed} source objects; with
   * {@code everything}, every file of the site is rendered again. Returns one result per
   * prepared episode and removed object, and the problems of the feeds.
   */
  Applied put(ShowContext.Ready context, Snapshot before, List<Preparation.Prepared> prepared,
      Map<String, Long> removedObjects, boolean everything) {
    return put(context, before, prepared, removedObjects, everything, new Rebuild.Steps());
  }

  /** As above, timing its steps in {@code steps}. */
  Applied put(ShowContext.Ready context, Snapshot before, List<Preparation.Prepared> prepared,
      Map<String, Long> removedObjects, boolean everything, Rebuild.Steps steps) {
    Set<String> removed = removedObjects.keySet();
    // 1. The pages, rendered from the records with these changes, before any record lists them.
    Snapshot planned = before.with(before.version(),
        prepared.stream().map(Preparation.Prepared::record).toList(), removed);
    Map<String, Episode> parsed = new ConcurrentHashMap<>();
    prepared.forEach(p -> parsed.put(p.record().slug(), p.episode()));
    Set<String> slugs = changedSlugs(before, prepared, removed);
    Map<String, Snapshot.PageInputs> written = writePages(context,
        everything ? Snapshot.EMPTY : before, planned,
        everything ? planned.live().stream().map(p -> p.episode().slug()).toList()
            : Regeneration.around(slugs, before, planned), parsed, before.version());
    steps.done("write " + written.size() + " pages");

    // 2. The records.
    List<Result> results = new ArrayList<>();
    List<EpisodeRecord> committed = new ArrayList<>();
    long version = before.version();
    boolean quiet = true;
    Map<Integer, Commit> recorded = recordedAlready(before, prepared);
    List<Integer> toCommit = new ArrayList<>();
    for (int i = 0; i < prepared.size(); i++) {
      if (!recorded.containsKey(i)) {
        toCommit.add(i);
      }
    }
    List<Commit> newly = ledger.putAll(toCommit.stream().map(prepared::get)
        .map(p -> new SourceLedger.Put(p.object(), p.generation(), p.record())).toList(),
        version);
    Map<Integer, Commit> commits = new HashMap<>(recorded);
    for (int k = 0; k < toCommit.size(); k++) {
      commits.put(toCommit.get(k), newly.get(k));
    }
    for (int i = 0; i < prepared.size(); i++) {
      Preparation.Prepared p = prepared.get(i);
      Commit commit = commits.get(i);
      if (commit instanceof Commit.Committed c) {
        committed.add(c.record());
        quiet &= c.quiet();
        version = Math.max(version, c.version());
        List<Problem> problems = p.problems();
        if (c.guidTaken().isPresent()) {
          problems = new ArrayList<>(problems);
          problems.add(guidTaken(p.object(), c.guidTaken().get(), c.record().entry().guid()));
        }
        String asked = p.episode().guid();
        if (!asked.isEmpty() && !asked.equals(c.record().entry().guid())) {
          problems = new ArrayList<>(problems);
          problems.add(new Problem(ProblemCode.GUID_KEPT, p.object(), 1, 1, "the guid '"
              + asked + "' is not used: this episode was published here with the guid '"
              + c.record().entry().guid() + "', which podcast apps know it by and keep"));
        }
        results.add(new Result(Result.Action.PUBLISHED, p.object(), c.record().slug(),
            problems, Optional.of(new Result.Placed(c.record().status(),
                c.record().publishDate(), c.record().entry().title(),
                c.record().entry().link()))));
      } else if (commit instanceof Commit.Clash clash) {
        quiet = false;
        List<Problem> problems = new ArrayList<>(p.problems());
        problems.add(samePage(p.object(), p.record().pagePath(), clash.owner().sourceObject()));
        ledger.record(p.object(), p.generation(), Outcome.REJECTED, problems);
        results.add(new Result(Result.Action.REJECTED, p.object(), "", problems));
      } else {
        quiet = false; // superseded by a newer generation
        results.add(Result.of(Result.Action.STALE, p.object()));
      }
    }
    for (Map.Entry<String, Long> object : removedObjects.entrySet()) {
      if (ledger.remove(object.getKey(), object.getValue(), version)
          instanceof SourceLedger.Removal.Removed r) {
        quiet &= r.quiet();
        version = r.version();
        results.add(new Result(Result.Action.DELETED, object.getKey(),
            r.removed().map(EpisodeRecord::slug).orElse(""), List.of()));
      }
    }
    if (everything) {
      version = ledger.bump(); // the show itself changed: every file is older than the records
      quiet = false;
    }
    steps.done("commit " + results.size() + " records");
    // 3. Feeds, listings and pages whose inputs changed, from the records as committed.
    before.notes().remember(committed); // as committed: the feeds list them
    Snapshot after = quiet ? before.with(version, committed, removed) : snapshots.read();
    snapshots.keep(after);
    Regeneration.Rendered rendered = regenerate(context, new Regeneration.Change(
        before, after, slugs, written, listings(context, before, after, prepared, removed),
        everything));
    steps.done("render and write the listings and feeds");
    // 4. Done: a repeat of these events is now a duplicate. A feed the check refused (the last
    //    good one stays) is told with the episodes that changed it, and kept in their records.
    List<Problem> refused = everything ? List.of()
        : rendered.problems().stream().filter(Problem::isError).toList();
    Map<String, Long> generations = new java.util.HashMap<>();
    prepared.forEach(p -> generations.put(p.object(), p.generation()));
    List<Result> finished = new ArrayList<>();
    List<SourceLedger.Done> done = new ArrayList<>();
    for (Result r : results) {
      if (r.outcome() == Result.Action.PUBLISHED) {
        r = r.withMore(refused);
        done.add(new SourceLedger.Done(r.object(), generations.get(r.object()), r.problems()));
      }
      finished.add(r);
    }
    ledger.finishAll(done);
    steps.done("mark the records done");
    return new Applied(finished, rendered.problems(), rendered.snapshot());
  }

  /** What a change did: one result per source object, the feeds' problems, the records. */
  record Applied(List<Result> results, List<Problem> feedProblems, Snapshot snapshot) {}

  /** Unpublishes the episode of generation {@code generation} of {@code object}. */
  Result remove(Optional<ShowContext.Ready> context, String object, long generation) {
    Snapshot before = snapshots.read();
    SourceLedger.Removal removal = ledger.remove(object, generation, before.version());
    if (!(removal instanceof SourceLedger.Removal.Removed removed)) {
      return Result.of(Result.Action.STALE, object);
    }
    String slug = removed.removed().map(EpisodeRecord::slug).orElse("");
    if (context.isPresent() && removed.removed().isPresent()) {
      Snapshot after = removed.quiet()
          ? before.with(removed.version(), List.of(), Set.of(object)) : snapshots.read();
      snapshots.keep(after);
      Regeneration.Rendered rendered = regenerate(context.get(),
          new Regeneration.Change(before, after, Set.of(slug), Map.of(),
              listings(context.get(), before, after, List.of(), Set.of(object)), false));
      return new Result(Result.Action.DELETED, object, slug,
          rendered.problems().stream().filter(Problem::isError).toList());
    }
    return new Result(Result.Action.DELETED, object, slug, List.of());
  }

  /**
   * Records the status that the dates of {@code due} give them now (scheduled episodes going
   * live, live ones expiring), their pages first for those going live; returns how many went
   * live.
   */
  int changeStatus(ShowContext.Ready context, List<EpisodeRecord> due, java.time.Instant now) {
    Snapshot before = snapshots.read();
    // An episode goes live only with its page; one whose file changed since is left to its event.
    List<EpisodeRecord> ready = due.stream().filter(r -> r.statusAt(now) != EpisodeStatus.PUBLISHED
        || regeneration.episode(context, r).isPresent()).toList();
    if (ready.isEmpty()) {
      return 0;
    }
    List<EpisodeRecord> changed = ready.stream().map(r -> r.withStatus(r.statusAt(now)))
        .toList();
    Snapshot planned = before.with(before.version(), changed, Set.of());
    Set<String> slugs = new HashSet<>();
    changed.forEach(r -> slugs.add(r.slug()));
    Map<String, Snapshot.PageInputs> written = writePages(context, before, planned,
        Regeneration.around(slugs, before, planned), Map.of(), before.version());
    List<EpisodeRecord> recorded = ledger.changeStatus(ready, now);
    if (recorded.isEmpty() && written.isEmpty()) {
      return 0;
    }
    Snapshot after = snapshots.read();
    Set<String> objects = new HashSet<>();
    changed.forEach(r -> objects.add(r.sourceObject()));
    regenerate(context, new Regeneration.Change(before, after, slugs, written,
        listings(context, before, after, objects, false), false));
    return (int) recorded.stream().filter(r -> r.status() == EpisodeStatus.PUBLISHED).count();
  }

  /**
   * Renders and writes the pages of {@code slugs} that are live in {@code planned}, over files
   * rendered from version {@code version} or older; returns the inputs of those written, and of
   * those whose inputs are what they were in {@code before} (the site has them as they are).
   */
  private Map<String, Snapshot.PageInputs> writePages(ShowContext.Ready context,
      Snapshot before, Snapshot planned, Collection<String> slugs, Map<String, Episode> parsed,
      long version) {
    Map<String, Snapshot.PageInputs> written = new ConcurrentHashMap<>();
    slugs.parallelStream().filter(planned::isLive).forEach(slug -> {
      Snapshot.PageInputs inputs = planned.inputs(slug);
      Optional<Snapshot.PageInputs> was = before.isLive(slug) ? Optional.of(before.inputs(slug))
          : Optional.empty();
      if (was.filter(inputs::equals).isPresent()) {
        written.put(slug, inputs); // unchanged: the site has it as it is
        return;
      }
      boolean linksOnly = was.filter(w -> w.record().equals(inputs.record())).isPresent();
      Optional<Episode> episode = Optional.ofNullable(parsed.get(slug))
          .or(() -> regeneration.episode(context, inputs.record()));
      if (episode.isEmpty()) {
        return;
      }
      boolean all = true;
      for (var file : context.renderers().pages().render(new PublishedEpisode(episode.get(),
          inputs.record().entry(), inputs.record().image()), inputs.previous(), inputs.next(),
          !linksOnly)) {
        all &= site.writeRetrying(file, version, SiteWriter.Over.OLDER_OR_SAME)
            == SiteWriter.Written.WROTE;
      }
      if (all) {
        written.put(slug, inputs);
      }
    });
    return written;
  }

  /**
   * The problem of an episode whose page another source object publishes already, if
   * {@code record}'s is one of {@code before}'s.
   */
  static Optional<Problem> clash(Snapshot before, String object, EpisodeRecord record) {
    return before.record(record.slug()).filter(r -> !r.sourceObject().equals(object))
        .map(owner -> samePage(object, record.pagePath(), owner.sourceObject()));
  }

  /** The problem of {@code object}, whose page {@code pagePath} is {@code other}'s too. */
  static Problem samePage(String object, String pagePath, String other) {
    return new Problem(ProblemCode.UNSAFE_PATH, object, 1, 1, "this episode's page " + pagePath
        + " is also the page of " + other + "; give one of them another slug");
  }

  /** The warning of {@code object}, whose page's guid was another episode's. */
  static Problem guidTaken(String object, Commit.GuidTaken taken, String given) {
    return new Problem(ProblemCode.GUID_TAKEN, object, 1, 1, "the guid " + taken.wanted()
        + " is the guid of " + taken.owner() + " (its page's address before its slug changed),"
        + " and a guid is never given twice: apps would take one episode for the other; this"
        + " episode's guid is " + given);
  }

  /**
   * For each feed (the main feed and each category's, by path), the archive pages (numbered from
   * the oldest, as {@code FeedPage.paged} numbers them) a change of {@code touched} can alter:
   * from the page of the oldest changed entry that is in the archive, before or after, to the
   * last (entries after it shift); the last two pages when the feed's size changed (the entry at
   * the boundary moves, and a new page gives the one before it a next link); for an edit in
   * place, only its own page. A feed with none of them is not in the map.
   */
  private static Map<String, int[]> archivePages(SitePaths paths, int limit, Snapshot before,
      Snapshot after, Set<String> touched, boolean inPlace) {
    Map<String, int[]> ranges = new HashMap<>();
    Map<String, List<String>> was = before.feedSlugs(paths);
    Map<String, List<String>> now = after.feedSlugs(paths);
    Set<String> feeds = new HashSet<>(was.keySet());
    feeds.addAll(now.keySet());
    for (String feed : feeds) {
      int from = Integer.MAX_VALUE;
      List<String> a = was.getOrDefault(feed, List.of());
      List<String> b = now.getOrDefault(feed, List.of());
      for (List<String> slugs : List.of(a, b)) {
        int count = slugs.size();
        for (int i = 0; i < count; i++) {
          int oldest = count - 1 - i;
          if (oldest < count - limit && touched.contains(slugs.get(i))) {
            from = Math.min(from, oldest / limit + 1);
          }
        }
        if (a.size() != b.size() && count > limit) {
          from = Math.min(from, Math.max(1, (count - limit + limit - 1) / limit - 1));
        }
      }
      if (from != Integer.MAX_VALUE) {
        ranges.put(feed, new int[] {from, inPlace ? from : Integer.MAX_VALUE});
      }
    }
    return ranges;
  }

  /** The slugs of the prepared episodes, before and after, and of the removed ones. */
  private static Set<String> changedSlugs(Snapshot before,
      List<Preparation.Prepared> prepared, Set<String> removed) {
    Set<String> slugs = new HashSet<>();
    Set<String> objects = new HashSet<>(removed);
    for (Preparation.Prepared p : prepared) {
      slugs.add(p.record().slug());
      objects.add(p.object());
    }
    for (EpisodeRecord r : before.records()) {
      if (objects.contains(r.sourceObject())) {
        slugs.add(r.slug());
      }
    }
    return slugs;
  }

  /**
   * The listings and feeds a change affects: those of the changed episodes' categories and
   * hosts, before and after. Of each listing (the home page's, and each of those categories' and
   * hosts'), whose numbered pages count from the oldest: the numbered page of each changed
   * episode and every newer one (an episode added or removed shifts those), or only its own for
   * an episode changed in place (same slug, date, categories and hosts, live before and after),
   * the last page before a new one (its link to the newer page changes) and the pages that are
   * new; its first page when a changed episode is among its newest or its size changed. The
   * archive's index and the term indexes unless the change is in place; of Hugo's old pages,
   * only the new ones (they are redirects that never change).
   */
  private static Predicate<String> listings(ShowContext.Ready context, Snapshot before,
      Snapshot after, List<Preparation.Prepared> prepared, Set<String> removed) {
    Set<String> objects = new HashSet<>(removed);
    prepared.forEach(p -> objects.add(p.object()));
    return listings(context, before, after, objects, prepared.size() == 1 && removed.isEmpty());
  }

  /**
   * As above for the episodes of source objects {@code objects}; {@code single}: one episode's
   * file changed (so the change may be in place).
   */
  private static Predicate<String> listings(ShowContext.Ready context, Snapshot before,
      Snapshot after, Set<String> objects, boolean single) {
    Set<String> categories = new HashSet<>();
    Set<String> hosts = new HashSet<>();
    List<EpisodeRecord> touched = new ArrayList<>();
    for (Snapshot snapshot : List.of(before, after)) {
      for (EpisodeRecord r : snapshot.records()) {
        if (objects.contains(r.sourceObject())) {
          touched.add(r);
          categories.addAll(r.entry().categories());
          hosts.addAll(r.hosts());
        }
      }
    }
    SitePaths paths = context.renderers().paths();
    boolean inPlace = false;
    if (single && touched.size() == 2) {
      EpisodeRecord old = touched.get(0);
      EpisodeRecord now = touched.get(1);
      // The same record twice is a retry finishing the work of a failed one: not in place.
      inPlace = !old.equals(now) && old.slug().equals(now.slug())
          && old.entry().date().equals(now.entry().date())
          && old.entry().categories().equals(now.entry().categories())
          && old.hosts().equals(now.hosts())
          && before.isLive(old.slug()) && after.isLive(now.slug());
    }
    Map<String, Pages> pages = new HashMap<>();
    Map<String, List<Integer>> termsBefore = terms(paths, before);
    Map<String, List<Integer>> termsAfter = terms(paths, after);
    Set<String> roots = new HashSet<>(List.of("/"));
    roots.addAll(termsBefore.keySet());
    roots.addAll(termsAfter.keySet());
    for (String root : roots) {
      boolean home = root.equals("/");
      Pages affected = pages(paths, touched, before, after, home ? null : termsBefore.get(root),
          home ? null : termsAfter.get(root), home, inPlace);
      if (affected != null) {
        pages.put(root, affected);
      }
    }
    boolean edit = inPlace;
    boolean listingsMoved = !edit && pages.containsKey("/");
    SitePlan was = before.plan(context.renderers());
    Set<String> slugs = new HashSet<>();
    touched.forEach(r -> slugs.add(r.slug()));
    Map<String, int[]> archives = archivePages(paths, context.show().podcast().feedItemLimit(),
        before, after, slugs, edit);
    String termIndexes = paths.categoriesRoot() + "index.html";
    return paths.affectedBy(categories, hosts).and(path -> {
      int at = path.indexOf("/archive/");
      if (at >= 0 && path.endsWith(".xml")) { // an RFC 5005 archive page of a feed
        int[] range = archives.get(path.substring(0, at) + ".xml");
        int page = Integer.parseInt(path.substring(at + "/archive/".length(),
            path.length() - ".xml".length()));
        return range != null && page >= range[0] && page <= range[1];
      }
      if (path.equals(SitePaths.ARCHIVE)) {
        return listingsMoved || !was.contains(path);
      }
      if (path.equals(termIndexes) || path.equals(SitePaths.HOSTS_ROOT + "index.html")) {
        return !edit || !was.contains(path);
      }
      if (SitePaths.isHugoPage(path)) {
        return !was.contains(path);
      }
      Optional<String> root = paths.listingRoot(path);
      if (root.isPresent()) {
        Pages affected = pages.get(root.get());
        int page = SitePaths.listingNumber(path);
        return !was.contains(path)
            || affected != null && page >= affected.from() && page <= affected.last();
      }
      String folder = path.endsWith("/index.html")
          ? path.substring(0, path.length() - "index.html".length()) : "";
      if (roots.contains(folder)) { // the first page of a listing
        Pages affected = pages.get(folder);
        return affected != null && affected.first() || !was.contains(path);
      }
      return true;
    });
  }

  /**
   * What a change alters of one listing: whether its first page, and which numbered pages
   * ({@code from} to {@code last}; none when {@code from} is past {@code last}).
   */
  private record Pages(boolean first, int from, int last) {}

  /**
   * The pages of one listing that {@code touched} alter: the home page's ({@code home}), or a
   * term's, whose episodes are at {@code was} and {@code now} (positions among the live ones;
   * null where the term lists none). Null when none is.
   */
  private static Pages pages(SitePaths paths, List<EpisodeRecord> touched, Snapshot before,
      Snapshot after, List<Integer> was, List<Integer> now, boolean home, boolean inPlace) {
    int sizeBefore = home ? before.live().size() : was == null ? 0 : was.size();
    int sizeAfter = home ? after.live().size() : now == null ? 0 : now.size();
    boolean first = sizeBefore != sizeAfter;
    int from = Integer.MAX_VALUE;
    boolean any = first;
    for (Snapshot snapshot : List.of(before, after)) {
      List<Integer> positions = snapshot == before ? was : now;
      int size = snapshot == before ? sizeBefore : sizeAfter;
      for (EpisodeRecord r : touched) {
        int position = snapshot.position(r.slug());
        if (position < 0 || snapshot.record(r.slug()).filter(r::equals).isEmpty()) {
          continue;
        }
        int in = home ? position : positions == null ? -1
            : java.util.Collections.binarySearch(positions, position);
        if (in >= 0) {
          any = true;
          from = Math.min(from, paths.listingPageOf(in, size));
          first |= in < paths.paginate();
        }
      }
    }
    int pagesBefore = home ? paths.listingPages(sizeBefore) : paths.termListingPages(sizeBefore);
    int pagesAfter = home ? paths.listingPages(sizeAfter) : paths.termListingPages(sizeAfter);
    if (pagesBefore != pagesAfter && Math.min(pagesBefore, pagesAfter) > 0) {
      from = Math.min(from, Math.min(pagesBefore, pagesAfter)); // its link to the newer page
    }
    if (!any) {
      return null;
    }
    return new Pages(first, from, inPlace ? from : Integer.MAX_VALUE);
  }

  /** The positions of each term's episodes among the live ones, by the term page's folder. */
  private static Map<String, List<Integer>> terms(SitePaths paths, Snapshot snapshot) {
    Map<String, List<Integer>> terms = new HashMap<>();
    for (dev.podcast.site.TermListings.Group group : snapshot.terms(paths).all()) {
      terms.put(group.path(), group.positions());
    }
    return terms;
  }
}
