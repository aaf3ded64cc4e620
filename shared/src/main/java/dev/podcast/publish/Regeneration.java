package dev.podcast.publish;

import dev.podcast.episode.Episode;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.site.OutputFile;
import dev.podcast.site.PublishedEpisode;
import dev.podcast.site.Renderers;
import dev.podcast.site.SitePaths;
import dev.podcast.site.SitePlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * Renders what the records list, after a change: the pages whose inputs changed (the changed
 * episodes', and their neighbours' previous/next links), the listings and feeds the change
 * affects, the sitemap; writes each over older files only, and deletes what the older records
 * had and the newer ones do not (a page unpublished, a category left empty, a home page past the
 * last). A writer that loses a race to another reads the records again and renders again, until
 * every file it writes shows its version or a newer one. Thread-safe.
 */
final class Regeneration {

  private static final int MAX_RACES = 100;

  /**
   * What changed: the records before and after, the slugs whose pages may have changed, what
   * was written of their pages before the commit, and which listings and feeds to render.
   *
   * @param believed the inputs of the pages written before the commit (those not to render
   *     again when their inputs are still these)
   * @param everything whether every page, listing, feed and static file is to be rendered
   * @param allListings whether every listing, feed and sitemap file is to be rendered, whatever
   *     {@code before} had (the site's may be older than it: a regeneration holder died)
   */
  record Change(Snapshot before, Snapshot after, Set<String> slugs,
      Map<String, Snapshot.PageInputs> believed, Predicate<String> listings, boolean everything,
      boolean allListings) {

    Change(Snapshot before, Snapshot after, Set<String> slugs,
        Map<String, Snapshot.PageInputs> believed, Predicate<String> listings,
        boolean everything) {
      this(before, after, slugs, believed, listings, everything, false);
    }

    /** This change with every listing, feed and sitemap file rendered. */
    Change withAllListings() {
      return new Change(before, after, slugs, believed, path -> true, everything, true);
    }
  }

  /** The records the files were rendered from, and what the feed check found. */
  record Rendered(Snapshot snapshot, List<Problem> problems) {}

  private final ObjectStore source;
  private final SiteWriter site;
  private final Snapshots snapshots;
  private final java.util.concurrent.atomic.AtomicLong renders =
      new java.util.concurrent.atomic.AtomicLong();

  Regeneration(ObjectStore source, SiteWriter site, Snapshots snapshots) {
    this.source = source;
    this.site = site;
    this.snapshots = snapshots;
  }

  /** How many times {@link #render} ran. */
  long renders() {
    return renders.get();
  }

  Rendered render(ShowContext.Ready context, Change change) {
    renders.incrementAndGet();
    Renderers renderers = context.renderers();
    Predicate<String> wanted = change.everything() ? path -> true : change.listings().or(path ->
        SitePaths.STATIC_FILES.contains(path) && !site.holds(path));
    Snapshot snapshot = change.after();
    for (int round = 0; round < MAX_RACES; round++) {
      int attempt = round;
      if (attempt > 0) {
        snapshot = snapshots.read();
      }
      Snapshot records = snapshot;
      List<PublishedEpisode> live = records.live();
      List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
      // The feeds render on another core while the pages and listings render here.
      CompletableFuture<List<OutputFile>> feeds = CompletableFuture.supplyAsync(
          () -> renderers.feeds().render(live, records.notes(), problems::add, wanted));
      List<OutputFile> files = new ArrayList<>(pages(context, change, records,
          attempt == 0 ? change.believed() : Map.of()));
      files.addAll(renderers.listings().render(live, records.terms(renderers.paths()), wanted));
      SitePlan plan = records.plan(renderers);
      SitePlan older = change.before().plan(renderers);
      // Each sitemap file is rendered when what it lists is not what it listed.
      Map<String, List<String>> sitemaps = plan.sitemaps();
      Map<String, List<String>> listed = older.sitemaps();
      sitemaps.forEach((path, entries) -> {
        if (wanted.test(path) && (change.everything() || change.allListings() || attempt > 0
            || !entries.equals(listed.get(path)) || !site.holds(path))) {
          files.add(renderers.sitemap().render(path, entries));
        }
      });
      files.addAll(join(feeds));
      if (writeAll(files, records.version())) {
        for (String stale : older.goneIn(plan)) {
          site.deleteUnlessNewer(stale, records.version());
        }
        return new Rendered(records, List.copyOf(problems));
      }
    }
    throw new ObjectStore.StoreUnavailableException("too many concurrent writers of the feeds",
        null);
  }

  /** Writes every file over older ones; false when a race was lost (render again). */
  private boolean writeAll(List<OutputFile> files, long version) {
    for (OutputFile file : files) {
      if (site.write(file, version, SiteWriter.Over.OLDER) == SiteWriter.Written.LOST) {
        return false;
      }
    }
    return true;
  }

  /**
   * The pages of the changed slugs and of their neighbours before and after that are live in
   * {@code records}, rendered from them (in full where the record is not the one written
   * already, else the page alone); rendered in parallel.
   */
  private List<OutputFile> pages(ShowContext.Ready context, Change change, Snapshot records,
      Map<String, Snapshot.PageInputs> believed) {
    Collection<String> slugs = change.everything()
        ? records.live().stream().map(p -> p.episode().slug()).toList()
        : around(change.slugs(), change.before(), records);
    return slugs.parallelStream().filter(records::isLive).flatMap(slug -> {
      Snapshot.PageInputs inputs = records.inputs(slug);
      if (inputs.equals(believed.get(slug))) {
        // Written before the commit from these inputs. A concurrent change that wrote it
        // meanwhile from records lacking this one committed after them, so the holder of the
        // regeneration lease renders it again in a later round, around that change (BurstTest).
        return java.util.stream.Stream.empty();
      }
      Snapshot.PageInputs written = believed.containsKey(slug) ? believed.get(slug)
          : change.before().isLive(slug) && !change.everything()
              ? change.before().inputs(slug) : null;
      // Its own files (transcripts) only when its record changed.
      Optional<Episode> episode = episode(context, inputs.record());
      if (episode.isEmpty()) {
        return java.util.stream.Stream.empty(); // changed since: its own event renders it
      }
      boolean linksOnly = written != null && written.record().equals(inputs.record());
      return context.renderers().pages().render(new PublishedEpisode(episode.get(),
          inputs.record().entry(), inputs.record().image()), inputs.previous(), inputs.next(),
          !linksOnly).stream();
    }).toList();
  }

  /** {@code slugs} and the slugs next to each of them in {@code before} and in {@code after}. */
  static Set<String> around(Collection<String> slugs, Snapshot before, Snapshot after) {
    Set<String> all = new LinkedHashSet<>(slugs);
    for (String slug : slugs) {
      for (Snapshot snapshot : List.of(before, after)) {
        snapshot.record(slug).ifPresent(r -> all.addAll(snapshot.neighbours(r)));
      }
    }
    return all;
  }

  /**
   * The whole episode (notes, transcript) of {@code r}, if the source still holds its
   * generation: from the episodes this instance parsed last, or parsed again.
   */
  Optional<Episode> episode(ShowContext.Ready context, EpisodeRecord r) {
    String key = r.sourceObject() + "#" + r.sourceGeneration() + "#" + r.contentHash();
    Episode known = context.recent().get(key);
    if (known != null && source.generation(r.sourceObject())
        .filter(g -> g == r.sourceGeneration()).isPresent()) {
      return Optional.of(known);
    }
    Optional<Episode> episode;
    try {
      // The sidecars the record names, read without a listing; not the version recorded (a
      // sidecar changed, came or went since): its own event handles it.
      episode = EpisodeFile.read(source, r.sourceObject(),
              context.parser().settings().maxFileBytes(),
              EpisodeFile.recordedSidecars(r.sourceObject(), r.contentHash()))
          .filter(o -> o.generation() == r.sourceGeneration()
              && o.contentHash().equals(r.contentHash()))
          .flatMap(o -> o.parse(context.parser()).episode());
    } catch (ObjectStore.ObjectTooLargeException changedSince) {
      return Optional.empty(); // not the generation recorded: its own event handles it
    }
    episode.ifPresent(e -> context.recent().put(key, e));
    return episode;
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
