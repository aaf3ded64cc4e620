package dev.podcast.port;

import dev.podcast.episode.EpisodeStatus;
import dev.podcast.feed.FeedEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The record of what is published (Firestore in production): one {@link SourceRecord} per
 * source object ({@code sources/{object}}), one {@link EpisodeRecord} per episode
 * ({@code episodes/{slug}}), and a version per show that every change bumps. It is also the guid
 * registry: the show's {@code podcast:guid} and the item guid given to each source object's
 * episode, assigned once and kept for good (through edits, slug changes, deletes and moves of
 * the site to a new address), so that no subscriber ever downloads an episode again.
 *
 * <p>All changes happen in {@link #transaction}: serialisable, retried by the store on
 * contention, so the work function may run more than once and must have no other side effects.
 * Implementations are thread-safe. Outages are {@link ObjectStore.StoreUnavailableException}.
 */
public interface EpisodeStore {

  /**
   * How the last processing of a source object ended. {@code PENDING}: the record is written but
   * feeds and listings may not show it yet (a retry finishes the work).
   */
  enum Outcome { PENDING, PUBLISHED, REJECTED, DELETED }

  /**
   * {@code sources/{object}}: the newest generation processed, and why it is or is not live.
   *
   * @param problems the problems found, formatted for authors ({@code path:line:col: ...})
   */
  record SourceRecord(String object, long generation, Outcome outcome, List<String> problems,
      Instant updated) {
    public SourceRecord {
      Objects.requireNonNull(object, "object");
      Objects.requireNonNull(outcome, "outcome");
      problems = List.copyOf(problems);
      Objects.requireNonNull(updated, "updated");
    }
  }

  /**
   * {@code episodes/{slug}}: what feeds and listings need of one episode.
   *
   * @param contentHash a checksum of the source file's bytes, to tell its versions apart
   * @param entry the feed entry (with the guid, assigned once and kept)
   * @param pagePath the page's site path ({@code /post/x/})
   * @param summaryHtml the summary listings show
   * @param image the episode image as the site serves it, or empty
   * @param hosts the hosts, for host pages
   * @param missingImage the site path of the local image the episode names but the source
   *     lacks (then {@code image} is empty and the show artwork stands in), or empty: when that
   *     image arrives, the episode is published again with it
   */
  record EpisodeRecord(String slug, String sourceObject, long sourceGeneration,
      String contentHash, EpisodeStatus status, Instant publishDate, Optional<Instant> expiryDate,
      FeedEntry entry, String pagePath, String summaryHtml, String image, List<String> hosts,
      String missingImage) {
    public EpisodeRecord {
      Objects.requireNonNull(slug, "slug");
      Objects.requireNonNull(sourceObject, "sourceObject");
      Objects.requireNonNull(contentHash, "contentHash");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(publishDate, "publishDate");
      Objects.requireNonNull(expiryDate, "expiryDate");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(pagePath, "pagePath");
      Objects.requireNonNull(summaryHtml, "summaryHtml");
      Objects.requireNonNull(image, "image");
      hosts = List.copyOf(hosts);
      Objects.requireNonNull(missingImage, "missingImage");
    }

    /** A record whose image, if it names one, is in the source. */
    public EpisodeRecord(String slug, String sourceObject, long sourceGeneration,
        String contentHash, EpisodeStatus status, Instant publishDate,
        Optional<Instant> expiryDate, FeedEntry entry, String pagePath, String summaryHtml,
        String image, List<String> hosts) {
      this(slug, sourceObject, sourceGeneration, contentHash, status, publishDate, expiryDate,
          entry, pagePath, summaryHtml, image, hosts, "");
    }

    /** This record with {@code newStatus}: what {@code publishDue} records when a time comes. */
    public EpisodeRecord withStatus(EpisodeStatus newStatus) {
      return new EpisodeRecord(slug, sourceObject, sourceGeneration, contentHash, newStatus,
          publishDate, expiryDate, entry, pagePath, summaryHtml, image, hosts, missingImage);
    }

    /** This record with item guid {@code guid}. */
    public EpisodeRecord withGuid(String guid) {
      return new EpisodeRecord(slug, sourceObject, sourceGeneration, contentHash, status,
          publishDate, expiryDate, entry.withGuid(guid), pagePath, summaryHtml, image, hosts,
          missingImage);
    }

    /**
     * This record without its feed item's notes ({@link FeedEntry#withoutNotes}): what
     * listings, plans and the catalogue hold of an episode.
     */
    public EpisodeRecord outline() {
      return new EpisodeRecord(slug, sourceObject, sourceGeneration, contentHash, status,
          publishDate, expiryDate, entry.withoutNotes(), pagePath, summaryHtml, image, hosts,
          missingImage);
    }

    /** What the status should be at {@code now}, from the dates (drafts stay drafts). */
    public EpisodeStatus statusAt(Instant now) {
      if (status == EpisodeStatus.DRAFT) {
        return EpisodeStatus.DRAFT;
      }
      if (expiryDate.isPresent() && !expiryDate.get().isAfter(now)) {
        return EpisodeStatus.EXPIRED;
      }
      return publishDate.isAfter(now) ? EpisodeStatus.SCHEDULED : EpisodeStatus.PUBLISHED;
    }
  }

  /**
   * What the guid registry holds: the show's {@code podcast:guid} (empty until assigned) and the
   * item guid of each source object's episode.
   */
  record Guids(String podcastGuid, Map<String, String> byObject) {
    public Guids {
      Objects.requireNonNull(podcastGuid, "podcastGuid");
      byObject = Map.copyOf(byObject);
    }

    /** No guid assigned yet. */
    public static final Guids NONE = new Guids("", Map.of());
  }

  /**
   * The regeneration lease, one per show: the instance that renders the feeds and listings now
   * ({@code holder}, empty when none) until {@code expires}, and the show's version that the
   * feeds and listings on the site show ({@code rendered}): a change committed after it is still
   * to be rendered. A holder that dies leaves a lease that expires.
   */
  record Lease(String holder, Instant expires, long rendered) {
    public Lease {
      Objects.requireNonNull(holder, "holder");
      Objects.requireNonNull(expires, "expires");
    }

    /** No lease taken yet, nothing rendered. */
    public static final Lease NONE = new Lease("", Instant.EPOCH, 0);

    /** Whether someone holds it at {@code now}. */
    public boolean heldAt(Instant now) {
      return !holder.isEmpty() && expires.isAfter(now);
    }
  }

  /** Reads and writes inside one transaction. Reads come before writes, as in Firestore. */
  interface Transaction {
    Optional<SourceRecord> source(String object);

    Optional<EpisodeRecord> episode(String slug);

    /** The episode record that {@code object} published, if any. */
    Optional<EpisodeRecord> episodeOf(String object);

    /** The show's current version. */
    long version();

    void put(SourceRecord record);

    void put(EpisodeRecord record);

    void deleteEpisode(String slug);

    /** Sets the show's version (higher than {@link #version()}). */
    void setVersion(long version);

    /** The item guid once given to {@code object}'s episode, if any (kept after a delete). */
    Optional<String> guid(String object);

    /** Records {@code guid} as the item guid of {@code object}'s episode, for good. */
    void putGuid(String object, String guid);

    /**
     * The source object whose episode was given item guid {@code guid}, if any (kept after a
     * delete): a guid is never given twice.
     */
    Optional<String> guidOwner(String guid);

    /** The show's {@code podcast:guid}, once assigned. */
    Optional<String> podcastGuid();

    /** Records the show's {@code podcast:guid}, for good. */
    void putPodcastGuid(String guid);

    /**
     * A hint that this transaction will read the source records of {@code sources}, the
     * episodes of {@code slugs}, the episodes that {@code publishing} publish and the owners of
     * {@code guids}: an adapter whose reads are round trips may fetch them together (Firestore:
     * one batched get and a few {@code in} queries for a batch of a hundred, where one at a time
     * made four hundred round trips). Changes no result.
     */
    default void prefetch(java.util.Collection<String> sources,
        java.util.Collection<String> slugs, java.util.Collection<String> publishing,
        java.util.Collection<String> guids) {}

    /** The regeneration lease ({@link Lease#NONE} until one is taken). */
    Lease lease();

    /** Records the regeneration lease. */
    void putLease(Lease lease);
  }

  /** Runs {@code work} in a transaction and returns its result. */
  <T> T transaction(Function<Transaction, T> work);

  /** The show's current version. */
  long version();

  /** Every episode record, newest first (by date, then slug). */
  List<EpisodeRecord> episodes();

  /**
   * Every episode record without its feed item's notes ({@link EpisodeRecord#outline}), newest
   * first: what an instance that has read nothing yet needs to know the site. In Firestore, the
   * show's catalogue documents (a fixed few, whatever the number of episodes), kept in step
   * with the records by every commit.
   */
  List<EpisodeRecord> outlines();

  /** The whole records of those of {@code slugs} that have one, by slug. */
  Map<String, EpisodeRecord> episodes(java.util.Collection<String> slugs);

  /**
   * What changed after {@code version}: the records written by a commit that set a later
   * version, and the slugs such a commit deleted (a slug deleted and written again is only in
   * {@code records}). Costs one read per change, whatever the number of episodes: a warm
   * instance brings what it read before up to date with it. A commit after {@code version()}
   * was read may be in it too; applying a change twice is harmless. In Firestore, one query on
   * the episodes' {@code version} field (its automatic single-field index); a deleted episode
   * leaves a document with {@code removed} and its {@code version}.
   */
  Changes changesSince(long version);

  /** The records written and the slugs deleted after a version: see {@link #changesSince}. */
  record Changes(List<EpisodeRecord> records, Set<String> removed) {
    public Changes {
      records = List.copyOf(records);
      removed = Set.copyOf(removed);
    }

    public boolean isEmpty() {
      return records.isEmpty() && removed.isEmpty();
    }
  }

  /**
   * The documents this store has read and written since it was made, where it counts them
   * (Firestore, which bills by them); empty elsewhere.
   */
  default Optional<Usage> usage() {
    return Optional.empty();
  }

  /** Documents read and written, as Firestore bills them (a query that finds none is a read). */
  record Usage(long reads, long writes) {}

  /**
   * The records whose time has come at {@code now}: {@code SCHEDULED} with a publish date at or
   * before {@code now}, and {@code PUBLISHED} with an expiry date at or before {@code now}. In
   * Firestore, two queries on the composite indexes (status, publishDate) and (status,
   * expiryDate) that {@code infra/firestore.indexes.json} declares.
   */
  List<EpisodeRecord> due(Instant now);

  /** The record of {@code object}, if it was ever processed. */
  Optional<SourceRecord> source(String object);

  /**
   * The source objects whose last version was rejected (their last good version, if any, is
   * what is published), by name: what the status page lists as needing the podcaster. In
   * Firestore, one query on the sources' {@code outcome}.
   */
  List<SourceRecord> rejected();

  /** The show's {@code podcast:guid}, once assigned. */
  Optional<String> podcastGuid();
}
