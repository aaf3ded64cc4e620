package dev.podcast.adapter.memory;

import dev.podcast.port.WebhookReceipts;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link WebhookReceipts} in memory, for tests and {@code podcast serve}: expired receipts are
 * dropped as new ones are recorded. Thread-safe (one lock).
 */
public final class InMemoryWebhookReceipts implements WebhookReceipts {

  private final Map<String, Instant> expiries = new HashMap<>();

  @Override
  public synchronized boolean seen(String id, Instant now) {
    WebhookReceipts.checkId(id);
    Instant expireAt = expiries.get(id);
    return expireAt != null && expireAt.isAfter(now);
  }

  @Override
  public synchronized boolean firstSeen(String id, Instant now, Instant expireAt) {
    WebhookReceipts.check(id, now, expireAt);
    expiries.values().removeIf(e -> !e.isAfter(now));
    return expiries.putIfAbsent(id, expireAt) == null;
  }
}
