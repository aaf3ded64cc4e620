package dev.podcast.publish;

import dev.podcast.port.EpisodeStore;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.port.EpisodeStore.Outcome;
import dev.podcast.port.EpisodeStore.SourceRecord;
import dev.podcast.problem.Problem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The ledger of source generations ({@code sources/{object}}) and the commits that go with it:
 * which generation of each source object was seen last, how it ended, and the one transaction
 * that records an episode, registers its guid and bumps the show's version. Events delivered at
 * least once, in any order, converge: an older generation than the ledger's, or a repeat of a
 * finished one, has no effect; a deleted generation is never published again. Thread-safe.
 */
final class SourceLedger {

  /** Whether an event's generation is to be processed. */
  sealed interface Admission {
    /** Process it; {@code seen} is the ledger's record before. */
    record Admitted(Optional<SourceRecord> seen) implements Admission {}

    /** A newer generation was seen: its own event does the work. */
    record Stale() implements Admission {}

    /** This generation was processed to the end already. */
    record Duplicate() implements Admission {}
  }

  /** How committing an episode record ended. */
  sealed interface Commit {
    /**
     * The record is in the store (as committed: with its registered guid) at {@code version};
     * {@code previous} is the record the object had before; {@code quiet} tells that no other
     * writer committed since the version the caller expected.
     */
    record Committed(EpisodeRecord record, Optional<EpisodeRecord> previous, long version,
        boolean quiet, Optional<GuidTaken> guidTaken) implements Commit {
      Committed(EpisodeRecord record, Optional<EpisodeRecord> previous, long version,
          boolean quiet) {
        this(record, previous, version, quiet, Optional.empty());
      }
    }

    /**
     * The guid this record's page would have given it, {@code wanted}, is the guid of
     * {@code owner}'s episode (its page's address before a slug change); it was given
     * {@code wanted} with a suffix instead, so that no two items share one.
     */
    record GuidTaken(String wanted, String owner) {}

    /** A newer generation, or a delete of this one, was recorded meanwhile. */
    record Superseded() implements Commit {}

    /** Another source object publishes the page this record would take. */
    record Clash(EpisodeRecord owner) implements Commit {}
  }

  /** How removing a source object's episode ended. */
  sealed interface Removal {
    /** Recorded as deleted at {@code version}; {@code removed} is the record it had. */
    record Removed(Optional<EpisodeRecord> removed, long version, boolean quiet)
        implements Removal {}

    /** A newer generation was recorded meanwhile. */
    record Superseded() implements Removal {}
  }

  /** Records committed in one transaction by {@link #putAll}: well under Firestore's 500 writes. */
  static final int BATCH = 100;

  private final EpisodeStore store;
  private final Clock clock;

  SourceLedger(EpisodeStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Whether generation {@code generation} of {@code object} is to be processed. */
  Admission admit(String object, long generation, boolean again) {
    Optional<SourceRecord> seen = store.source(object);
    if (seen.isPresent() && seen.get().generation() > generation) {
      return new Admission.Stale();
    }
    if (!again && seen.isPresent() && seen.get().generation() == generation
        && seen.get().outcome() != Outcome.PENDING) {
      return new Admission.Duplicate();
    }
    return new Admission.Admitted(seen);
  }

  /**
   * Commits {@code record} for generation {@code generation} of {@code object}: the record
   * (replacing the object's record under an old slug), the ledger entry ({@code PENDING} until
   * {@link #finish}), the object's guid in the registry (the registered guid wins over the
   * record's), and a new version of the show.
   *
   * @param expected the version the caller's view of the records is at
   */
  Commit put(String object, long generation, EpisodeRecord record, long expected) {
    return store.transaction(tx -> put(tx, object, generation, record, tx.version(), expected,
        new HashMap<>()));
  }

  /** One record to commit: generation {@code generation} of {@code object}. */
  record Put(String object, long generation, EpisodeRecord record) {}

  /**
   * Commits {@code puts} as {@link #put} does each, {@value #BATCH} to a transaction (a rebuild:
   * hundreds of records, not hundreds of transactions); one result per put, in order.
   */
  List<Commit> putAll(List<Put> puts, long expected) {
    List<Commit> commits = new ArrayList<>(puts.size());
    long version = expected;
    for (int from = 0; from < puts.size(); from += BATCH) {
      List<Put> batch = puts.subList(from, Math.min(puts.size(), from + BATCH));
      long start = version;
      List<Commit> done = store.transaction(tx -> {
        List<Commit> results = new ArrayList<>(batch.size());
        // Guids given in this transaction, which its reads do not see.
        Map<String, String> given = new HashMap<>();
        List<String> objects = batch.stream().map(Put::object).toList();
        tx.prefetch(objects, batch.stream().map(p -> p.record().slug()).toList(), objects,
            batch.stream().map(p -> p.record().entry().guid()).toList());
        // The transaction reads what was committed before it: its own versions are counted here.
        long current = tx.version();
        long at = start;
        for (Put p : batch) {
          Commit commit = put(tx, p.object(), p.generation(), p.record(), current, at, given);
          if (commit instanceof Commit.Committed c) {
            current = c.version();
            at = c.quiet() ? c.version() : at;
          }
          results.add(commit);
        }
        return results;
      });
      for (Commit commit : done) {
        if (commit instanceof Commit.Committed c) {
          version = c.version();
        }
      }
      commits.addAll(done);
    }
    return commits;
  }

  /**
   * The commit of one record inside {@code tx}, whose version is {@code current} (counting the
   * puts of a batch before this one). Records of one batch have distinct slugs (a rebuild rejects
   * the second file of a page before).
   */
  private Commit put(EpisodeStore.Transaction tx, String object, long generation,
      EpisodeRecord record, long current, long expected, Map<String, String> given) {
    Optional<SourceRecord> s = tx.source(object);
    if (s.isPresent() && (s.get().generation() > generation
        || s.get().generation() == generation && s.get().outcome() == Outcome.DELETED)) {
      return new Commit.Superseded();
    }
    Optional<EpisodeRecord> there = tx.episodeOf(object);
    Optional<String> registered = tx.guid(object);
    Optional<String> kept = registered.or(() -> there.map(r -> r.entry().guid()));
    String wanted = kept.orElse(record.entry().guid());
    String guid = wanted;
    Optional<Commit.GuidTaken> taken = Optional.empty();
    if (kept.isEmpty()) {
      // A new episode: the guid its page gives it may be another episode's, from that page's
      // address before a slug change. Two items with one guid would make every feed invalid.
      Optional<String> owner = Optional.ofNullable(given.get(wanted))
          .or(() -> tx.guidOwner(wanted)).filter(o -> !o.equals(object));
      if (owner.isPresent()) {
        taken = Optional.of(new Commit.GuidTaken(wanted, owner.get()));
        guid = freeGuid(tx, object, wanted, given);
      }
    }
    EpisodeRecord committed = record.withGuid(guid);
    Optional<EpisodeRecord> clash = tx.episode(committed.slug());
    if (clash.isPresent() && !clash.get().sourceObject().equals(object)) {
      return new Commit.Clash(clash.get());
    }
    boolean quiet = current == expected;
    if (there.filter(committed::equals).isPresent()
        && s.filter(r -> r.generation() == generation).isPresent()) {
      return new Commit.Committed(committed, there, current, quiet); // a retry: recorded already
    }
    there.filter(old -> !old.slug().equals(committed.slug()))
        .ifPresent(old -> tx.deleteEpisode(old.slug()));
    tx.put(committed);
    tx.put(new SourceRecord(object, generation, Outcome.PENDING, List.of(), clock.instant()));
    if (registered.isEmpty()) {
      tx.putGuid(object, committed.entry().guid());
      given.put(committed.entry().guid(), object);
    }
    long next = next(current);
    tx.setVersion(next);
    return new Commit.Committed(committed, there, next, quiet, taken);
  }

  /**
   * Registers {@code guids} (by source object) in place of the guids given before, and gives
   * each object's episode record its guid, {@value #BATCH} to a transaction, with a new version
   * of the show when a record changed: what an import of the show's old feed does, so that every
   * episode keeps the guid its subscribers' apps know it by. A guid registered to another object
   * is not taken from it. Returns the objects refused, each with the guid's owner.
   */
  Map<String, String> registerGuids(Map<String, String> guids) {
    List<String> objects = new ArrayList<>(new java.util.TreeSet<>(guids.keySet()));
    Map<String, String> refused = new java.util.TreeMap<>();
    for (int from = 0; from < objects.size(); from += BATCH) {
      List<String> batch = objects.subList(from, Math.min(objects.size(), from + BATCH));
      refused.putAll(store.transaction(tx -> {
        tx.prefetch(batch, List.of(), batch, batch.stream().map(guids::get).toList());
        Map<String, String> owners = new HashMap<>();
        Map<String, String> not = new HashMap<>();
        boolean changed = false;
        for (String object : batch) {
          String guid = guids.get(object);
          Optional<String> owner = Optional.ofNullable(owners.get(guid))
              .or(() -> tx.guidOwner(guid)).filter(o -> !o.equals(object));
          if (owner.isPresent()) {
            not.put(object, owner.get());
            continue;
          }
          owners.put(guid, object);
          if (!tx.guid(object).filter(guid::equals).isPresent()) {
            tx.putGuid(object, guid);
          }
          Optional<EpisodeRecord> record = tx.episodeOf(object);
          if (record.isPresent() && !record.get().entry().guid().equals(guid)) {
            tx.put(record.get().withGuid(guid));
            changed = true;
          }
        }
        if (changed) {
          tx.setVersion(next(tx.version()));
        }
        return not;
      }));
    }
    return refused;
  }

  /** The most suffixes tried before a guid made from the object's name is given. */
  private static final int MAX_SUFFIX = 20;

  /** {@code wanted} with the first suffix {@code #2}, {@code #3}, ... that no episode has. */
  private static String freeGuid(EpisodeStore.Transaction tx, String object, String wanted,
      Map<String, String> given) {
    for (int n = 2; n <= MAX_SUFFIX; n++) {
      String candidate = wanted + "#" + n;
      if (!given.containsKey(candidate) && tx.guidOwner(candidate).filter(o -> !o.equals(object))
          .isEmpty()) {
        return candidate;
      }
    }
    return wanted + "#" + java.util.UUID.nameUUIDFromBytes(
        object.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Records that generation {@code generation} of {@code object} is gone, with its episode. */
  Removal remove(String object, long generation, long expected) {
    return store.transaction(tx -> {
      Optional<SourceRecord> s = tx.source(object);
      if (s.isPresent() && s.get().generation() > generation) {
        return new Removal.Superseded();
      }
      Optional<EpisodeRecord> old = tx.episodeOf(object);
      long current = tx.version();
      old.ifPresent(r -> tx.deleteEpisode(r.slug()));
      tx.put(new SourceRecord(object, generation, Outcome.DELETED, List.of(), clock.instant()));
      long next = next(current);
      tx.setVersion(next);
      return new Removal.Removed(old, next, current == expected);
    });
  }

  /**
   * Records the new status of each of {@code due} that is unchanged since it was read (a record
   * changed since is left to the event that changed it); returns those recorded.
   */
  List<EpisodeRecord> changeStatus(List<EpisodeRecord> due, java.time.Instant now) {
    return store.transaction(tx -> {
      List<EpisodeRecord> done = new ArrayList<>();
      for (EpisodeRecord r : due) {
        if (tx.episode(r.slug()).filter(r::equals).isPresent()) {
          done.add(r.withStatus(r.statusAt(now)));
        }
      }
      done.forEach(tx::put);
      if (!done.isEmpty()) {
        tx.setVersion(next(tx.version()));
      }
      return done;
    });
  }

  /** A new version of the show with no record changed: everything is to be rendered again. */
  long bump() {
    return store.transaction(tx -> {
      long next = next(tx.version());
      tx.setVersion(next);
      return next;
    });
  }

  /**
   * Records a permanent outcome for generation {@code generation} of {@code object}, unless a
   * newer generation was recorded meanwhile.
   */
  void record(String object, long generation, Outcome outcome, List<Problem> problems) {
    List<String> formatted = problems.stream().map(Problem::format).toList();
    store.transaction(tx -> {
      Optional<SourceRecord> s = tx.source(object);
      if (s.isEmpty() || s.get().generation() <= generation) {
        tx.put(new SourceRecord(object, generation, outcome, formatted, clock.instant()));
      }
      return null;
    });
  }

  /** A generation whose publishing is done, with the problems to keep in its record. */
  record Done(String object, long generation, List<Problem> problems) {}

  /**
   * Marks each of {@code done} finished ({@code PENDING}, or {@code REJECTED} before, to
   * {@code PUBLISHED}), keeping its problems (warnings, and what a feed check found), if it is
   * still the generation recorded; {@value #BATCH} to a transaction.
   */
  void finishAll(List<Done> done) {
    for (int from = 0; from < done.size(); from += BATCH) {
      List<Done> batch = done.subList(from, Math.min(done.size(), from + BATCH));
      store.transaction(tx -> {
        tx.prefetch(batch.stream().map(Done::object).toList(), List.of(), List.of(), List.of());
        for (Done d : batch) {
          Optional<SourceRecord> s = tx.source(d.object());
          // A rejected entry of the same generation is published now that what was wrong
          // beside it (a sidecar, a missing image) is right, its record unchanged.
          if (s.isPresent() && s.get().generation() == d.generation()
              && (s.get().outcome() == Outcome.PENDING
                  || s.get().outcome() == Outcome.REJECTED)) {
            tx.put(new SourceRecord(d.object(), d.generation(), Outcome.PUBLISHED,
                d.problems().stream().map(Problem::format).toList(), clock.instant()));
          }
        }
        return null;
      });
    }
  }

  /**
   * The version after {@code current}: one more, or the clock's microseconds if larger, so that a
   * store started afresh (records in memory, a new Firestore show) is ahead of every file an
   * earlier store's records were rendered into.
   */
  private long next(long current) {
    return Math.max(current + 1, TimeUnit.MILLISECONDS.toMicros(clock.millis()));
  }
}
