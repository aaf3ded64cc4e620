package dev.podcast.port;

import java.time.Instant;

/**
 * The webhook deliveries already handled, by their {@code webhook-id}, each remembered until an
 * expiry (Firestore in production, where a TTL policy deletes expired receipts; until it does,
 * an expired receipt counts as absent). This is how a repeated delivery, whether the sender
 * retrying or someone replaying a captured request, has no second effect.
 *
 * <p>Ids are strings of 1 to 256 characters; any characters (adapters encode them). Instants are
 * kept to the microsecond. Implementations are thread-safe; outages are {@link
 * ObjectStore.StoreUnavailableException}.
 */
public interface WebhookReceipts {

  /** Longest id accepted. */
  int MAX_ID_LENGTH = 256;

  /** Whether {@code id} has a receipt that has not expired at {@code now}. */
  boolean seen(String id, Instant now);

  /**
   * Records {@code id} until {@code expireAt}, atomically: of any number of concurrent calls for
   * one id, exactly one returns true.
   *
   * @return true when this call recorded it; false when an unexpired receipt (at {@code now})
   *     already existed, which is left as it was
   * @throws IllegalArgumentException when {@code expireAt} is not after {@code now} or the id is
   *     empty or too long
   */
  boolean firstSeen(String id, Instant now, Instant expireAt);

  /** Checks the arguments of {@link #firstSeen}, for implementations. */
  static void check(String id, Instant now, Instant expireAt) {
    checkId(id);
    if (!expireAt.isAfter(now)) {
      throw new IllegalArgumentException("expireAt must be after now");
    }
  }

  /** Checks an id, for implementations. */
  static void checkId(String id) {
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException("a webhook id is 1 to " + MAX_ID_LENGTH
          + " characters");
    }
  }
}
