package dev.podcast.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What was told to each service about each feed, kept across restarts and instances (Firestore
 * in production): the newest write of the feed it was told of, what that feed's content was,
 * and the attempt in flight, so that a notification is neither lost nor sent twice.
 */
public interface NotificationLog {

  /**
   * One service's record for one feed.
   *
   * @param done the generation of the feed object last told of or given up on (0: none)
   * @param hash the content hash of the feed last told of ("" : none): an unchanged feed is not
   *     told again
   * @param claimed the generation an attempt is being made for (0: none), and since when
   * @param attempts the attempts made for the newest generation not done
   * @param outcome the last attempt's outcome, for the log and the status page
   */
  record Entry(long done, String hash, long claimed, Instant claimedAt, int attempts,
      String outcome, Instant updated) {
    public static final Entry NONE = new Entry(0, "", 0, Instant.EPOCH, 0, "", Instant.EPOCH);

    public Entry {
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(claimedAt, "claimedAt");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(updated, "updated");
    }
  }

  /** The entry of {@code key} (one service's for one feed), if any. */
  Optional<Entry> read(String key);

  /**
   * Replaces the entry of {@code key} by what {@code change} makes of it ({@link Entry#NONE}
   * when there is none) in one transaction, and returns what it made; {@code change} may run
   * more than once (a transaction retried), and must have no other effect.
   */
  Entry update(String key, UnaryOperator<Entry> change);
}
