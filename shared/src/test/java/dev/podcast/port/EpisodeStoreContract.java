package dev.podcast.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.episode.EpisodeStatus;
import dev.podcast.episode.ItemTags;
import dev.podcast.feed.FeedEntry;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.port.EpisodeStore.Outcome;
import dev.podcast.port.EpisodeStore.SourceRecord;
import dev.podcast.show.ShowConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link EpisodeStore}, run against every implementation: extend it and return
 * a fresh, empty store from {@link #store()}. Instants are whole microseconds, the finest
 * precision Firestore keeps.
 */
public abstract class EpisodeStoreContract {

  /** A new, empty store. */
  protected abstract EpisodeStore store();

  private static final Instant UPDATED = Instant.parse("2024-05-01T10:15:30.123456Z");

  /** A full record: numbers, transcripts, persons, the item's other tags, an expiry date. */
  protected static EpisodeRecord full(String slug, String object, Instant date) {
    String link = "https://example.com/post/" + slug + "/";
    FeedEntry entry = new FeedEntry(slug, "https://example.com/post/first/",
        "Épisode 1: <Tags> & \"quotes\"", link, date,
        "https://cdn.example.com/audio/" + slug + ".mp3", 34_567_890L, "audio/mpeg",
        3_725, OptionalInt.of(12), OptionalInt.of(3), "full",
        "<p>Notes with <a href=\"https://example.com\">a link</a></p>",
        "<p>Notes with <a href=\"https://example.com\">a link</a></p><ul><li>more</li></ul>",
        "Notes with a link\nmore", "A short subtitle", "Ada, Grace", "https://example.com/img.jpg",
        List.of("Technology", "Technology > Software How-To"),
        List.of(new FeedEntry.Transcript(link + "transcript.vtt", "text/vtt",
                FeedEntry.Transcript.CAPTIONS),
            new FeedEntry.Transcript(link + "transcript.html", "text/html"),
            new FeedEntry.Transcript(link + "transcript.txt", "text/plain")),
        List.of(new ShowConfig.Person("Ada", "host", "cast", "https://example.com/ada.jpg",
                "https://ada.example.com"),
            new ShowConfig.Person("Grace", "guest", "cast", "", "")),
        new ItemTags("Season «Three»", "cc-by-4.0", "https://creativecommons.org/licenses/by/4.0/",
            List.of(new ItemTags.Soundbite(73.5, 60, "The good part"),
                new ItemTags.Soundbite(0.25, 15.125, "")),
            List.of(new ItemTags.Alternate("https://cdn.example.com/audio/" + slug + ".mp4",
                "video/mp4", 123_456_789L, 2_500_000.5, "Video", true)),
            List.of(new ItemTags.Chapter(0, "Intro"),
                new ItemTags.Chapter(62.5, "Guest", "https://example.com/guest.jpg",
                    "https://example.com/guest", true, -1),
                new ItemTags.Chapter(600.25, "Sponsor", "", "", false, 630.5))));
    return new EpisodeRecord(slug, object, 1_700_000_000_123_456L, "sha256:abc",
        EpisodeStatus.PUBLISHED,
        Instant.parse("2024-05-01T00:00:00Z"), Optional.of(Instant.parse("2025-05-01T00:00:00Z")),
        entry, "/post/" + slug + "/", "<p>Summary</p>", "/post/" + slug + "/cover.jpg",
        List.of("ada", "grace"));
  }

  /** A sparse record: no episode or season number, no transcripts, persons, expiry or image. */
  protected static EpisodeRecord sparse(String slug, String object, Instant date) {
    FeedEntry entry = new FeedEntry(slug, "urn:uuid:" + slug, "Sparse", "https://example.com/x/",
        date, "https://cdn.example.com/x.m4a", 1, "audio/x-m4a", 0, OptionalInt.empty(),
        OptionalInt.empty(), "bonus", "", "", "", "", "", "", List.of(), List.of(), List.of());
    return new EpisodeRecord(slug, object, 7, "h", EpisodeStatus.DRAFT,
        Instant.parse("2024-06-01T00:00:00Z"), Optional.empty(), entry, "/x/", "", "", List.of());
  }

  private static SourceRecord source(String object, long generation, Outcome outcome) {
    return new SourceRecord(object, generation, outcome, List.of(), UPDATED);
  }

  private static void put(EpisodeStore store, Object... records) {
    store.transaction(tx -> {
      for (Object r : records) {
        if (r instanceof SourceRecord s) {
          tx.put(s);
        } else {
          tx.put((EpisodeRecord) r);
        }
      }
      return null;
    });
  }

  @Test
  void anEmptyStoreHasNothing() {
    EpisodeStore store = store();
    assertEquals(0, store.version());
    assertEquals(List.of(), store.episodes());
    assertEquals(Optional.empty(), store.source("episodes/a.md"));
    store.transaction(tx -> {
      assertEquals(Optional.empty(), tx.source("episodes/a.md"));
      assertEquals(Optional.empty(), tx.episode("a"));
      assertEquals(Optional.empty(), tx.episodeOf("episodes/a.md"));
      assertEquals(0, tx.version());
      return null;
    });
  }

  @Test
  void sourceRecordsRoundTrip() {
    EpisodeStore store = store();
    SourceRecord rejected = new SourceRecord("episodes/2024/deep/a b+é?.md",
        1_700_000_000_123_456L, Outcome.REJECTED,
        List.of("episodes/a.md:3:1: title is missing", "second: problem"),
        UPDATED);
    SourceRecord published = source("episodes/b.md", 2, Outcome.PUBLISHED);
    put(store, rejected, published);
    assertEquals(Optional.of(rejected), store.source(rejected.object()));
    assertEquals(Optional.of(published), store.source("episodes/b.md"));
    assertEquals(Optional.empty(), store.source("episodes/2024/deep"));
    store.transaction(tx -> {
      assertEquals(Optional.of(rejected), tx.source(rejected.object()));
      return null;
    });
    for (Outcome outcome : Outcome.values()) {
      SourceRecord next = source("episodes/b.md", 3, outcome);
      put(store, next);
      assertEquals(Optional.of(next), store.source("episodes/b.md"));
    }
  }

  @Test
  void episodeRecordsRoundTripEveryField() {
    EpisodeStore store = store();
    EpisodeRecord full = full("first", "episodes/first.md", Instant.parse("2024-05-01T09:00:00Z"));
    EpisodeRecord sparse = sparse("sparse", "episodes/sparse.md",
        Instant.parse("2024-04-01T09:00:00.000001Z"));
    put(store, full, sparse);
    assertEquals(List.of(full, sparse), store.episodes());
    store.transaction(tx -> {
      assertEquals(Optional.of(full), tx.episode("first"));
      assertEquals(Optional.of(sparse), tx.episode("sparse"));
      assertEquals(Optional.of(full), tx.episodeOf("episodes/first.md"));
      assertEquals(Optional.of(sparse), tx.episodeOf("episodes/sparse.md"));
      assertEquals(Optional.empty(), tx.episodeOf("episodes/other.md"));
      return null;
    });
    for (EpisodeStatus status : EpisodeStatus.values()) {
      EpisodeRecord s = sparse("sparse", "episodes/sparse.md", sparse.entry().date());
      EpisodeRecord changed = new EpisodeRecord(s.slug(), s.sourceObject(), s.sourceGeneration(),
          s.contentHash(), status, s.publishDate(), s.expiryDate(), s.entry(), s.pagePath(),
          s.summaryHtml(), s.image(), s.hosts());
      put(store, changed);
      assertEquals(List.of(full, changed), store.episodes());
    }
  }

  @Test
  void aTransactionThatThrowsChangesNothing() {
    EpisodeStore store = store();
    EpisodeRecord kept = full("kept", "episodes/kept.md", Instant.parse("2024-01-01T00:00:00Z"));
    put(store, kept, source("episodes/kept.md", 1, Outcome.PUBLISHED));
    store.transaction(tx -> {
      tx.setVersion(5);
      return null;
    });
    IllegalStateException failure = new IllegalStateException("the work failed");
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> store.transaction(tx -> {
          tx.put(source("episodes/new.md", 1, Outcome.PENDING));
          tx.put(source("episodes/kept.md", 2, Outcome.DELETED));
          tx.put(full("new", "episodes/new.md", Instant.parse("2024-02-01T00:00:00Z")));
          tx.deleteEpisode("kept");
          tx.setVersion(tx.version() + 1);
          throw failure;
        }));
    assertSame(failure, thrown);
    assertEquals(5, store.version());
    assertEquals(List.of(kept), store.episodes());
    assertEquals(Optional.empty(), store.source("episodes/new.md"));
    assertEquals(Optional.of(source("episodes/kept.md", 1, Outcome.PUBLISHED)),
        store.source("episodes/kept.md"));
  }

  /** What the status page lists: the rejected sources alone, by name, with their problems. */
  @Test
  void theRejectedSourcesAreListedByNameWithTheirProblems() {
    EpisodeStore store = store();
    assertEquals(List.of(), store.rejected());
    SourceRecord bad = new SourceRecord("content/post/b/index.md", 3, Outcome.REJECTED,
        List.of("content/post/b/index.md:2:1: error [bad-date] the date 'soon' <is> not a date"),
        UPDATED);
    put(store, source("content/post/c/index.md", 1, Outcome.PUBLISHED), bad,
        source("content/post/a/index.md", 2, Outcome.REJECTED),
        source("content/post/d/index.md", 4, Outcome.DELETED));
    assertEquals(List.of(source("content/post/a/index.md", 2, Outcome.REJECTED), bad),
        store.rejected());
  }

  @Test
  void aTransactionReturnsItsResultAndMayReadAfterWriting() {
    EpisodeStore store = store();
    EpisodeRecord old = full("old", "episodes/a.md", Instant.parse("2024-01-01T00:00:00Z"));
    put(store, old);
    long next = store.transaction(tx -> {
      tx.put(source("episodes/a.md", 2, Outcome.PENDING));
      tx.deleteEpisode("old");
      // reads after writes see the state the transaction started from
      assertEquals(Optional.of(old), tx.episodeOf("episodes/a.md"));
      assertEquals(Optional.empty(), tx.source("episodes/a.md"));
      long v = tx.version() + 1;
      tx.setVersion(v);
      return v;
    });
    assertEquals(1, next);
    assertEquals(1, store.version());
    assertEquals(List.of(), store.episodes());
    assertEquals(Outcome.PENDING, store.source("episodes/a.md").orElseThrow().outcome());
  }

  @Test
  void aPrefetchChangesNoRead() {
    EpisodeStore store = store();
    EpisodeRecord full = full("first", "episodes/first.md", Instant.parse("2024-05-01T09:00:00Z"));
    put(store, full);
    store.transaction(tx -> {
      tx.putGuid("episodes/first.md", "guid-1");
      tx.put(new SourceRecord("episodes/first.md", 3, Outcome.PUBLISHED, List.of(),
          Instant.parse("2024-05-01T09:00:00Z")));
      return null;
    });
    List<String> objects = List.of("episodes/first.md", "episodes/other.md");
    List<String> slugs = List.of("first", "other");
    List<String> guids = List.of("guid-1", "guid-2");
    java.util.function.Function<EpisodeStore.Transaction, List<Object>> reads = tx -> List.of(
        tx.source("episodes/first.md"), tx.source("episodes/other.md"), tx.episode("first"),
        tx.episode("other"), tx.episodeOf("episodes/first.md"), tx.episodeOf("episodes/other.md"),
        tx.guidOwner("guid-1"), tx.guidOwner("guid-2"), tx.guid("episodes/first.md"));
    List<Object> plain = store.transaction(reads);
    List<Object> prefetched = store.transaction(tx -> {
      tx.prefetch(objects, slugs, objects, guids);
      return reads.apply(tx);
    });
    assertEquals(plain, prefetched);
    assertEquals(Optional.of(full), plain.get(2));
    assertEquals(Optional.of("episodes/first.md"), plain.get(6));
    assertEquals(Optional.empty(), plain.get(7));
  }

  @Test
  void theRegenerationLeaseRoundTripsBesideTheVersion() {
    EpisodeStore store = store();
    assertEquals(EpisodeStore.Lease.NONE, store.transaction(EpisodeStore.Transaction::lease));
    java.time.Instant expires = java.time.Instant.parse("2026-11-25T12:01:00.123456Z");
    store.transaction(tx -> {
      tx.setVersion(tx.version() + 1);
      tx.putLease(new EpisodeStore.Lease("holder-1", expires, 7));
      return null;
    });
    EpisodeStore.Lease lease = store.transaction(EpisodeStore.Transaction::lease);
    assertEquals(new EpisodeStore.Lease("holder-1", expires, 7), lease);
    assertTrue(lease.heldAt(expires.minusSeconds(1)) && !lease.heldAt(expires));
    assertEquals(1, store.version(), "the version is kept beside it");
    store.transaction(tx -> {
      tx.putLease(new EpisodeStore.Lease("", expires, 9));
      return null;
    });
    assertEquals(new EpisodeStore.Lease("", expires, 9),
        store.transaction(EpisodeStore.Transaction::lease));
  }

  @Test
  void versionIncrements() {
    EpisodeStore store = store();
    for (long expected = 1; expected <= 3; expected++) {
      long next = store.transaction(tx -> {
        long v = tx.version() + 1;
        tx.setVersion(v);
        return v;
      });
      assertEquals(expected, next);
      assertEquals(expected, store.version());
    }
    // a transaction that does not set the version leaves it alone
    put(store, source("episodes/a.md", 1, Outcome.REJECTED));
    assertEquals(3, store.version());
  }

  @Test
  void changesSinceAVersionAreTheRecordsWrittenAndTheSlugsDeletedAfterIt() {
    EpisodeStore store = store();
    EpisodeRecord a = full("a", "episodes/a.md", Instant.parse("2024-03-01T00:00:00Z"));
    EpisodeRecord b = sparse("b", "episodes/b.md", Instant.parse("2024-02-01T00:00:00Z"));
    EpisodeRecord c = sparse("c", "episodes/c.md", Instant.parse("2024-01-01T00:00:00Z"));
    commit(store, 10, tx -> {
      tx.put(a);
      tx.put(b);
      tx.put(c);
    });
    assertEquals(new EpisodeStore.Changes(List.of(), Set.of()), store.changesSince(10));
    assertEquals(Set.of(a, b, c), Set.copyOf(store.changesSince(9).records()));
    EpisodeRecord renamed = full("a2", "episodes/a.md", Instant.parse("2024-03-01T00:00:00Z"));
    commit(store, 20, tx -> {
      tx.deleteEpisode("a");
      tx.put(renamed);
    });
    commit(store, 30, tx -> tx.deleteEpisode("b"));
    assertEquals(new EpisodeStore.Changes(List.of(renamed), Set.of("a", "b")),
        sorted(store.changesSince(10)));
    assertEquals(new EpisodeStore.Changes(List.of(), Set.of("b")), store.changesSince(20));
    // A slug deleted and written again is a record, not a removal; what is gone is read as gone.
    commit(store, 40, tx -> tx.put(b));
    assertEquals(new EpisodeStore.Changes(List.of(renamed, b), Set.of("a")),
        sorted(store.changesSince(10)));
    assertEquals(List.of(renamed, b, c), store.episodes());
    store.transaction(tx -> {
      assertEquals(Optional.empty(), tx.episode("a"));
      assertEquals(Optional.empty(), tx.episodeOf("episodes/zzz.md"));
      return null;
    });
    assertEquals(List.of(), store.due(Instant.parse("2100-01-01T00:00:00Z")).stream()
        .filter(r -> r.slug().equals("a")).toList());
  }

  private static void commit(EpisodeStore store, long version,
      java.util.function.Consumer<EpisodeStore.Transaction> work) {
    store.transaction(tx -> {
      work.accept(tx);
      tx.setVersion(version);
      return null;
    });
  }

  private static EpisodeStore.Changes sorted(EpisodeStore.Changes changes) {
    return new EpisodeStore.Changes(changes.records().stream()
        .sorted(java.util.Comparator.comparing(EpisodeRecord::slug)).toList(), changes.removed());
  }

  @Test
  void theOutlinesAreEveryRecordWithoutItsNotesInStepWithEveryCommit() {
    EpisodeStore store = store();
    assertEquals(List.of(), store.outlines());
    Instant day = Instant.parse("2024-05-01T00:00:00Z");
    List<EpisodeRecord> records = new ArrayList<>();
    for (int i = 0; i < 50; i++) { // more than one catalogue document holds
      records.add(i % 2 == 0 ? full("ep-" + i, "episodes/" + i + ".md", day.plusSeconds(i))
          : sparse("ep-" + i, "episodes/" + i + ".md", day.plusSeconds(i)));
    }
    put(store, records.subList(0, 30).toArray());
    put(store, records.subList(30, 50).toArray());
    assertEquals(outlines(store.episodes()), store.outlines());
    // An edit, a rename and a delete in one commit; deleting what is not there is harmless.
    EpisodeRecord edited = full("ep-4", "episodes/4.md", day.plusSeconds(4)).withGuid("urn:x");
    EpisodeRecord renamed = full("ep-7-renamed", "episodes/7.md", day.plusSeconds(7));
    commit(store, 5, tx -> {
      tx.put(edited);
      tx.deleteEpisode("ep-7");
      tx.put(renamed);
      tx.deleteEpisode("ep-9");
      tx.deleteEpisode("never-was");
    });
    List<EpisodeRecord> outlines = store.outlines();
    assertEquals(outlines(store.episodes()), outlines);
    assertEquals(49, outlines.size());
    assertTrue(outlines.contains(edited.outline()) && outlines.contains(renamed.outline()));
    assertTrue(outlines.stream().noneMatch(r -> r.slug().equals("ep-9")));
    assertTrue(outlines.stream().allMatch(r -> r.entry().contentHtml().isEmpty()
        && r.entry().descriptionHtml().isEmpty() && r.entry().summaryText().isEmpty()));
  }

  @Test
  void wholeRecordsAreReadBySlug() {
    EpisodeStore store = store();
    Instant day = Instant.parse("2024-05-01T00:00:00Z");
    EpisodeRecord a = full("a", "episodes/a.md", day);
    EpisodeRecord b = sparse("b", "episodes/b.md", day);
    put(store, a, b);
    commit(store, 3, tx -> tx.deleteEpisode("b"));
    assertEquals(java.util.Map.of("a", a), store.episodes(List.of("a", "b", "c", "a")));
    assertEquals(java.util.Map.of(), store.episodes(List.of()));
  }

  private static List<EpisodeRecord> outlines(List<EpisodeRecord> records) {
    return records.stream().map(EpisodeRecord::outline).toList();
  }

  @Test
  void aSlugRenameIsADeleteAndAPut() {
    EpisodeStore store = store();
    EpisodeRecord before = full("old-slug", "episodes/a.md",
        Instant.parse("2024-03-01T00:00:00Z"));
    EpisodeRecord other = sparse("other", "episodes/b.md", Instant.parse("2024-02-01T00:00:00Z"));
    put(store, before, other);
    EpisodeRecord after = full("new-slug", "episodes/a.md",
        Instant.parse("2024-03-01T00:00:00Z"));
    store.transaction(tx -> {
      tx.episodeOf("episodes/a.md").filter(old -> !old.slug().equals(after.slug()))
          .ifPresent(old -> tx.deleteEpisode(old.slug()));
      tx.put(after);
      return null;
    });
    assertEquals(List.of(after, other), store.episodes());
    store.transaction(tx -> {
      assertEquals(Optional.empty(), tx.episode("old-slug"));
      assertEquals(Optional.of(after), tx.episode("new-slug"));
      assertEquals(Optional.of(after), tx.episodeOf("episodes/a.md"));
      assertEquals(Optional.of(other), tx.episodeOf("episodes/b.md"));
      return null;
    });
    // deleting what is not there is harmless
    store.transaction(tx -> {
      tx.deleteEpisode("never-was");
      return null;
    });
    assertEquals(2, store.episodes().size());
  }

  @Test
  void dueFindsScheduledEpisodesWhoseTimeHasComeAndLiveOnesThatExpired() {
    EpisodeStore store = store();
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    Instant day = Instant.parse("2026-11-01T00:00:00Z");
    EpisodeRecord dueNow = at(full("due-now", "c/1.md", day), EpisodeStatus.SCHEDULED,
        now, Optional.empty());
    EpisodeRecord later = at(full("later", "c/2.md", day), EpisodeStatus.SCHEDULED,
        now.plusNanos(1_000), Optional.empty());
    EpisodeRecord expired = at(full("expired", "c/3.md", day), EpisodeStatus.PUBLISHED,
        day, Optional.of(now.minusSeconds(60)));
    EpisodeRecord live = at(full("live", "c/4.md", day), EpisodeStatus.PUBLISHED, day,
        Optional.of(now.plusSeconds(60)));
    EpisodeRecord forever = at(full("forever", "c/5.md", day), EpisodeStatus.PUBLISHED, day,
        Optional.empty());
    EpisodeRecord draft = at(full("draft", "c/6.md", day), EpisodeStatus.DRAFT,
        day, Optional.of(day));
    EpisodeRecord gone = at(full("gone", "c/7.md", day), EpisodeStatus.EXPIRED,
        day, Optional.of(day));
    put(store, dueNow, later, expired, live, forever, draft, gone);
    assertEquals(List.of(dueNow, expired), store.due(now));
    assertEquals(List.of(), store.due(day.minusSeconds(1)));
    assertEquals(List.of(dueNow, expired, later, live), store.due(now.plusSeconds(3600)),
        "newest first, then by slug");
  }

  private static EpisodeRecord at(EpisodeRecord r, EpisodeStatus status, Instant publishDate,
      Optional<Instant> expiryDate) {
    return new EpisodeRecord(r.slug(), r.sourceObject(), r.sourceGeneration(), r.contentHash(),
        status, publishDate, expiryDate, r.entry(), r.pagePath(), r.summaryHtml(), r.image(),
        r.hosts());
  }

  @Test
  void episodesAreNewestFirstThenBySlug() {
    EpisodeStore store = store();
    Instant day = Instant.parse("2024-05-01T00:00:00Z");
    EpisodeRecord oldest = sparse("a-oldest", "episodes/1.md", day.minusSeconds(86_400));
    EpisodeRecord tieB = sparse("b-tie", "episodes/2.md", day);
    EpisodeRecord tieA = sparse("a-tie", "episodes/3.md", day);
    EpisodeRecord newest = full("z-newest", "episodes/4.md", day.plusSeconds(1));
    EpisodeRecord micro = sparse("m-micro", "episodes/5.md", day.plusNanos(1_000));
    put(store, oldest, tieB, newest);
    put(store, tieA, micro);
    assertEquals(List.of(newest, micro, tieA, tieB, oldest), store.episodes());
  }

  @Test
  void anEpisodeRecordWithAMissingImageRoundTrips() {
    EpisodeStore store = store();
    EpisodeRecord f = full("waiting", "content/post/waiting/index.md",
        Instant.parse("2024-05-01T09:00:00Z"));
    EpisodeRecord waiting = new EpisodeRecord(f.slug(), f.sourceObject(), f.sourceGeneration(),
        f.contentHash(), f.status(), f.publishDate(), f.expiryDate(), f.entry(), f.pagePath(),
        f.summaryHtml(), "", f.hosts(), "/post/waiting/cover é.jpg");
    put(store, waiting);
    assertEquals(List.of(waiting), store.episodes());
    assertEquals("/post/waiting/cover é.jpg", store.episodes().get(0).missingImage());
    store.transaction(tx -> {
      assertEquals(Optional.of(waiting), tx.episode("waiting"));
      assertEquals(Optional.of(waiting), tx.episodeOf("content/post/waiting/index.md"));
      return null;
    });
    // withStatus and withGuid keep it
    EpisodeRecord scheduled = waiting.withStatus(EpisodeStatus.SCHEDULED).withGuid("urn:uuid:w");
    assertEquals("/post/waiting/cover é.jpg", scheduled.missingImage());
    put(store, scheduled);
    assertEquals(List.of(scheduled), store.episodes());
    assertEquals(List.of(scheduled), store.due(scheduled.publishDate()));
  }

  @Test
  void aRegisteredGuidIsReadBackInALaterTransaction() {
    EpisodeStore store = store();
    store.transaction(tx -> {
      assertEquals(Optional.empty(), tx.guid("content/post/a/index.md"));
      tx.putGuid("content/post/a/index.md", "urn:uuid:a");
      tx.putGuid("content/post/b b/index.md", "https://example.com/post/b/");
      // reads see the state the transaction started from
      assertEquals(Optional.empty(), tx.guid("content/post/a/index.md"));
      return null;
    });
    store.transaction(tx -> {
      assertEquals(Optional.of("urn:uuid:a"), tx.guid("content/post/a/index.md"));
      assertEquals(Optional.of("https://example.com/post/b/"),
          tx.guid("content/post/b b/index.md"));
      assertEquals(Optional.empty(), tx.guid("content/post/c/index.md"));
      return null;
    });
  }

  @Test
  void aGuidsOwnerIsFoundByTheGuidAfterItsEpisodeIsGone() {
    EpisodeStore store = store();
    String a = "content/post/a/index.md";
    store.transaction(tx -> {
      tx.putGuid(a, "https://example.com/post/a/");
      tx.putGuid("content/post/b b/index.md", "https://example.com/post/b/");
      // reads see the state the transaction started from
      assertEquals(Optional.empty(), tx.guidOwner("https://example.com/post/a/"));
      return null;
    });
    store.transaction(tx -> {
      tx.put(source(a, 3, Outcome.DELETED));
      return null;
    });
    store.transaction(tx -> {
      assertEquals(Optional.of(a), tx.guidOwner("https://example.com/post/a/"));
      assertEquals(Optional.of("content/post/b b/index.md"),
          tx.guidOwner("https://example.com/post/b/"));
      assertEquals(Optional.empty(), tx.guidOwner("https://example.com/post/a/#2"));
      assertEquals(Optional.empty(), tx.guidOwner("https://example.com/post/"));
      return null;
    });
  }

  @Test
  void aGuidOutlivesEveryOutcomeOfItsSourceAndTheDeleteOfItsEpisode() {
    EpisodeStore store = store();
    String object = "content/post/a/index.md";
    EpisodeRecord episode = full("a", object, Instant.parse("2024-05-01T09:00:00Z"))
        .withGuid("urn:uuid:a");
    store.transaction(tx -> {
      tx.put(source(object, 1, Outcome.PUBLISHED));
      tx.put(episode);
      tx.putGuid(object, "urn:uuid:a");
      return null;
    });
    assertEquals(Optional.of(source(object, 1, Outcome.PUBLISHED)), store.source(object));
    assertEquals(Optional.of("urn:uuid:a"), guid(store, object));
    long generation = 2;
    for (Outcome outcome : Outcome.values()) {
      SourceRecord next = source(object, generation++, outcome);
      put(store, next);
      assertEquals(Optional.of(next), store.source(object));
      assertEquals(Optional.of("urn:uuid:a"), guid(store, object), outcome.name());
    }
    store.transaction(tx -> {
      tx.put(source(object, 10, Outcome.DELETED));
      tx.deleteEpisode("a");
      tx.setVersion(tx.version() + 1);
      return null;
    });
    assertEquals(List.of(), store.episodes());
    assertEquals(Outcome.DELETED, store.source(object).orElseThrow().outcome());
    assertEquals(Optional.of("urn:uuid:a"), guid(store, object), "after the delete");
    // the object comes back: its episode gets the guid it had
    put(store, source(object, 11, Outcome.PUBLISHED), episode);
    assertEquals(Optional.of("urn:uuid:a"), guid(store, object), "after it came back");
    assertEquals(Optional.of(source(object, 11, Outcome.PUBLISHED)), store.source(object));
  }

  private static Optional<String> guid(EpisodeStore store, String object) {
    return store.transaction(tx -> tx.guid(object));
  }

  @Test
  void theShowsGuidIsReadBackInTransactionsAndOutside() {
    EpisodeStore store = store();
    assertEquals(Optional.empty(), store.podcastGuid());
    store.transaction(tx -> {
      assertEquals(Optional.empty(), tx.podcastGuid());
      tx.putPodcastGuid("917393e3-1b1e-5cef-ace4-edaa54e1f810");
      return null;
    });
    assertEquals(Optional.of("917393e3-1b1e-5cef-ace4-edaa54e1f810"), store.podcastGuid());
    assertEquals(Optional.of("917393e3-1b1e-5cef-ace4-edaa54e1f810"),
        store.transaction(tx -> tx.podcastGuid()));
    // the version lives beside it: setting one keeps the other
    store.transaction(tx -> {
      tx.setVersion(tx.version() + 1);
      return null;
    });
    assertEquals(1, store.version());
    assertEquals(Optional.of("917393e3-1b1e-5cef-ace4-edaa54e1f810"), store.podcastGuid());
  }

  @Test
  void aTransactionThatThrowsRegistersNoGuid() {
    EpisodeStore store = store();
    store.transaction(tx -> {
      tx.putGuid("content/post/kept/index.md", "urn:uuid:kept");
      return null;
    });
    IllegalStateException failure = new IllegalStateException("the work failed");
    assertSame(failure, assertThrows(IllegalStateException.class, () -> store.transaction(tx -> {
      tx.putGuid("content/post/new/index.md", "urn:uuid:new");
      tx.putGuid("content/post/kept/index.md", "urn:uuid:changed");
      tx.putPodcastGuid("urn:uuid:show");
      throw failure;
    })));
    assertEquals(Optional.empty(), store.podcastGuid());
    assertEquals(Optional.empty(), guid(store, "content/post/new/index.md"));
    assertEquals(Optional.of("urn:uuid:kept"), guid(store, "content/post/kept/index.md"));
    assertEquals(Optional.empty(), store.transaction(tx -> tx.podcastGuid()));
  }

  @Test
  void aGuidAloneDoesNotMakeASourceRecord() {
    EpisodeStore store = store();
    String object = "content/post/imported/index.md";
    store.transaction(tx -> {
      tx.putGuid(object, "urn:uuid:imported");
      return null;
    });
    assertEquals(Optional.empty(), store.source(object));
    store.transaction(tx -> {
      assertEquals(Optional.empty(), tx.source(object));
      assertEquals(Optional.of("urn:uuid:imported"), tx.guid(object));
      assertEquals(Optional.empty(), tx.episodeOf(object));
      return null;
    });
    assertEquals(List.of(), store.episodes());
    // once processed, the record is there and the guid still is
    put(store, source(object, 4, Outcome.REJECTED));
    assertEquals(Optional.of(source(object, 4, Outcome.REJECTED)), store.source(object));
    assertEquals(Optional.of("urn:uuid:imported"), guid(store, object));
  }

  @Test
  void concurrentTransactionsNeverLoseAnUpdate() throws Exception {
    EpisodeStore store = store();
    int threads = 8;
    int increments = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < increments; i++) {
            String object = "episodes/t" + thread + "-" + i + ".md";
            store.transaction(tx -> {
              tx.put(source(object, 1, Outcome.PUBLISHED));
              tx.setVersion(tx.version() + 1);
              return null;
            });
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * increments, store.version());
    for (int t = 0; t < threads; t++) {
      assertTrue(store.source("episodes/t" + t + "-" + (increments - 1) + ".md").isPresent());
    }
  }
}
