package dev.podcast.publish;

import dev.podcast.episode.Audio;
import dev.podcast.episode.Episode;
import dev.podcast.episode.EpisodeStatus;
import dev.podcast.episode.Transcript;
import dev.podcast.feed.FeedEntry;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.site.EpisodeViews;
import dev.podcast.site.PublishedEpisode;
import dev.podcast.site.Renderers;
import dev.podcast.site.SitePaths;
import dev.podcast.site.SitePlan;
import dev.podcast.site.TermListings;
import dev.podcast.site.Views;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The episode records at one version of the show, as outlines ({@link EpisodeRecord#outline}:
 * no feed item notes, which {@link #notes()} completes for the feeds rendered), and what the
 * site shows of them: the live episodes newest first (by date, then slug, as feeds and listings
 * order them), and each live page's inputs (its record and its neighbours' links). Immutable.
 */
final class Snapshot {

  /** What an episode's page is rendered from: its record and its previous and next links. */
  record PageInputs(EpisodeRecord record, Views.Link previous, Views.Link next) {}

  /** No records: what is compared with when everything is to be written again. */
  static final Snapshot EMPTY = new Snapshot(0, List.of(), FeedNotes.unstored());

  static final Comparator<EpisodeRecord> ORDER = Comparator
      .comparing((EpisodeRecord r) -> r.entry().date()).reversed()
      .thenComparing(EpisodeRecord::slug);

  private final long version;
  private final FeedNotes notes;
  private final List<EpisodeRecord> records;
  private final List<PublishedEpisode> live = new ArrayList<>();
  private final Map<String, Integer> positions = new HashMap<>();
  private final Map<String, EpisodeRecord> bySlug = new HashMap<>();
  /** The plan of the site these records make, once asked for, and the renderers it is of. */
  private volatile Planned planned;

  private record Planned(Renderers renderers, SitePlan plan) {}

  /** The live episodes' categories and hosts grouped, once asked for, and the paths of it. */
  private volatile Grouped grouped;

  private record Grouped(SitePaths paths, TermListings.Terms terms) {}

  /** The slugs of each feed's entries, once asked for, and the paths of it. */
  private volatile Feeds feeds;

  private record Feeds(SitePaths paths, Map<String, List<String>> slugs) {}

  /** {@code records} (newest first, whole or outlines) at {@code version}, completed by notes. */
  Snapshot(long version, List<EpisodeRecord> records, FeedNotes notes) {
    this(version, records.stream().map(EpisodeRecord::outline).toList(), notes, Map.of());
  }

  /**
   * Outlines {@code records}, with the listing cards of {@code known}'s records where they are
   * the same records.
   */
  private Snapshot(long version, List<EpisodeRecord> records, FeedNotes notes,
      Map<EpisodeRecord, PublishedEpisode> known) {
    this.version = version;
    this.notes = notes;
    this.records = List.copyOf(records);
    for (EpisodeRecord r : this.records) {
      bySlug.put(r.slug(), r);
      if (r.status() == EpisodeStatus.PUBLISHED) {
        positions.put(r.slug(), live.size());
        PublishedEpisode card = known.get(r);
        live.add(card != null ? card : new PublishedEpisode(card(r), r.entry(), r.image()));
      }
    }
  }


  long version() {
    return version;
  }

  /** The records, as outlines. */
  List<EpisodeRecord> records() {
    return records;
  }

  /** What completes the feed items of these records. */
  FeedNotes notes() {
    return notes;
  }

  /** The live episodes, newest first, as listings and feeds show them. */
  List<PublishedEpisode> live() {
    return live;
  }

  /** What the site holds for these records, as {@code renderers} render it; made once. */
  SitePlan plan(Renderers renderers) {
    Planned known = planned;
    if (known == null || known.renderers() != renderers) {
      known = new Planned(renderers, renderers.plan(live, terms(renderers.paths())));
      planned = known;
    }
    return known.plan();
  }

  /**
   * The slugs of each feed's entries, newest first, by the feed's path: the main feed's and
   * each category's (as the feed renderer lists them); made once.
   */
  Map<String, List<String>> feedSlugs(SitePaths paths) {
    Feeds known = feeds;
    if (known == null || known.paths() != paths) {
      Map<String, List<String>> slugs = new HashMap<>();
      List<String> all = new ArrayList<>(live.size());
      for (PublishedEpisode ep : live) {
        String slug = ep.episode().slug();
        all.add(slug);
        for (String category : ep.entry().categories()) {
          slugs.computeIfAbsent(paths.categoryPath(category) + "feed.xml",
              k -> new ArrayList<>()).add(slug);
        }
      }
      slugs.put(SitePaths.FEED, all);
      known = new Feeds(paths, slugs);
      feeds = known;
    }
    return known.slugs();
  }

  /** The live episodes' categories and hosts, grouped as their pages list them; made once. */
  TermListings.Terms terms(SitePaths paths) {
    Grouped known = grouped;
    if (known == null || known.paths() != paths) {
      known = new Grouped(paths, TermListings.Terms.of(paths, live));
      grouped = known;
    }
    return known.terms();
  }

  Optional<EpisodeRecord> record(String slug) {
    return Optional.ofNullable(bySlug.get(slug));
  }

  boolean isLive(String slug) {
    return positions.containsKey(slug);
  }

  /** Where {@code slug} is among the live episodes (0: the newest), or -1. */
  int position(String slug) {
    return positions.getOrDefault(slug, -1);
  }

  /** What the page of live episode {@code slug} is rendered from. */
  PageInputs inputs(String slug) {
    int at = positions.get(slug);
    Views.Link previous = at + 1 < live.size() ? EpisodeViews.link(live.get(at + 1)) : null;
    Views.Link next = at > 0 ? EpisodeViews.link(live.get(at - 1)) : null;
    return new PageInputs(bySlug.get(slug), previous, next);
  }

  /**
   * These records with {@code puts} in place of the records of the same source objects, and
   * without the records of {@code removedObjects}, at {@code version}. The notes of
   * {@code puts} are not kept: they may not be committed (the caller remembers those that are).
   */
  Snapshot with(long newVersion, Collection<EpisodeRecord> puts, Set<String> removedObjects) {
    Set<String> objects = new java.util.HashSet<>(removedObjects);
    puts.forEach(r -> objects.add(r.sourceObject()));
    return replacing(newVersion, Set.of(), objects, puts);
  }

  /**
   * These records brought to {@code newVersion} with {@code changes}: a record written replaces
   * the record of its slug and of its source object, a slug deleted goes.
   */
  Snapshot updated(long newVersion, EpisodeStore.Changes changes) {
    notes.remember(changes.records());
    Set<String> slugs = new java.util.HashSet<>(changes.removed());
    Set<String> objects = new java.util.HashSet<>();
    for (EpisodeRecord r : changes.records()) {
      slugs.add(r.slug());
      objects.add(r.sourceObject());
    }
    return replacing(newVersion, slugs, objects, changes.records());
  }

  /**
   * These records without those of {@code slugs} and of {@code objects}, with {@code puts}, at
   * {@code newVersion}; the listing cards of the records kept are kept.
   */
  private Snapshot replacing(long newVersion, Set<String> slugs, Set<String> objects,
      Collection<EpisodeRecord> puts) {
    List<EpisodeRecord> next = new ArrayList<>(records.size() + puts.size());
    for (EpisodeRecord r : records) {
      if (!slugs.contains(r.slug()) && !objects.contains(r.sourceObject())) {
        next.add(r);
      }
    }
    puts.forEach(r -> next.add(r.outline()));
    next.sort(ORDER);
    Map<EpisodeRecord, PublishedEpisode> cards = new java.util.IdentityHashMap<>();
    for (PublishedEpisode ep : live) {
      cards.put(bySlug.get(ep.episode().slug()), ep);
    }
    return new Snapshot(newVersion, next, notes, cards);
  }

  /**
   * The live slugs next to where {@code record} sits (or would sit) among the live episodes:
   * the ones whose previous/next links point at it, before or after a change.
   */
  List<String> neighbours(EpisodeRecord record) {
    List<PublishedEpisode> others = live.stream()
        .filter(p -> !p.episode().slug().equals(record.slug())).toList();
    int at = 0;
    while (at < others.size()
        && ORDER.compare(bySlug.get(others.get(at).episode().slug()), record) < 0) {
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

  @Override
  public boolean equals(Object o) {
    return o instanceof Snapshot s && s.version == version && s.records.equals(records);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, records);
  }
}
