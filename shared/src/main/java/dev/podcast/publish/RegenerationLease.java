package dev.podcast.publish;

import dev.podcast.port.EpisodeStore;
import dev.podcast.port.EpisodeStore.Lease;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Who renders the feeds and listings: one holder at a time, over the store's transactions
 * (Firestore's in production), so that a burst of uploads regenerates them a few times, not once
 * per file. The holder renders what was committed up to a version, then lets go only when no
 * newer change is committed; a change committed while the lease is held is left to the holder,
 * which sees the newer version when it tries to let go and renders again. A holder that dies
 * leaves a lease that expires after {@link #TTL}: the next event, or {@code publishDue}, takes it
 * and renders what was left. Thread-safe.
 */
final class RegenerationLease {

  /**
   * How long a lease lasts unless its holder renews it: longer than one regeneration takes at
   * 10,000 episodes, far shorter than the time {@code publishDue} runs again.
   */
  static final Duration TTL = Duration.ofSeconds(60);

  /** A lease taken: its holder's name and the version rendered when it was taken. */
  record Held(String holder, long rendered) {}

  private final EpisodeStore store;
  private final Clock clock;

  RegenerationLease(EpisodeStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Takes the lease, unless another holder has it and it has not expired. */
  Optional<Held> acquire() {
    String holder = UUID.randomUUID().toString();
    return store.transaction(tx -> {
      Lease lease = tx.lease();
      if (lease.heldAt(clock.instant())) {
        return Optional.<Held>empty();
      }
      tx.putLease(new Lease(holder, clock.instant().plus(TTL), lease.rendered()));
      return Optional.of(new Held(holder, lease.rendered()));
    });
  }

  /**
   * Records that {@code held}'s holder rendered up to {@code version}, and lets go of the lease
   * unless a newer change was committed meanwhile: then the lease is renewed and false returned
   * (render again). The version recorded never goes back.
   */
  boolean release(Held held, long version) {
    return store.transaction(tx -> {
      Lease lease = tx.lease();
      long rendered = Math.max(lease.rendered(), version);
      boolean ours = lease.holder().equals(held.holder());
      if (ours && tx.version() > rendered) {
        tx.putLease(new Lease(held.holder(), clock.instant().plus(TTL), rendered));
        return false;
      }
      // Taken over (it expired): the new holder renders what is newer.
      tx.putLease(ours ? new Lease("", clock.instant(), rendered)
          : new Lease(lease.holder(), lease.expires(), rendered));
      return true;
    });
  }

  /** Lets go of the lease without recording anything rendered: its holder failed. */
  void abandon(Held held) {
    store.transaction(tx -> {
      Lease lease = tx.lease();
      if (lease.holder().equals(held.holder())) {
        tx.putLease(new Lease("", clock.instant(), lease.rendered()));
      }
      return null;
    });
  }

  /**
   * Records that the feeds and listings show version {@code version} (a rebuild rendered
   * everything), whoever holds the lease.
   */
  void rendered(long version) {
    store.transaction(tx -> {
      Lease lease = tx.lease();
      if (lease.rendered() < version) {
        tx.putLease(new Lease(lease.holder(), lease.expires(), version));
      }
      return null;
    });
  }

  /** Whether changes are committed that no holder renders: none holds it, and some are newer. */
  boolean abandoned() {
    return store.transaction(tx -> !tx.lease().heldAt(clock.instant())
        && tx.version() > tx.lease().rendered());
  }
}
