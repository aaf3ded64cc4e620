package dev.podcast.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link WebhookReceipts}, run against every implementation: extend it and return
 * a fresh, empty store from {@link #receipts()}. Instants are whole microseconds.
 */
public abstract class WebhookReceiptsContract {

  /** New, empty receipts. */
  protected abstract WebhookReceipts receipts();

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123456Z");
  private static final Instant DAY_LATER = NOW.plus(Duration.ofHours(24));

  @Test
  void theFirstDeliveryIsFirstAndTheNextIsNot() {
    WebhookReceipts receipts = receipts();
    assertFalse(receipts.seen("msg_1", NOW));
    assertTrue(receipts.firstSeen("msg_1", NOW, DAY_LATER));
    assertTrue(receipts.seen("msg_1", NOW));
    assertFalse(receipts.firstSeen("msg_1", NOW.plusSeconds(60), DAY_LATER.plusSeconds(60)));
    assertTrue(receipts.seen("msg_1", NOW.plusSeconds(3600)));
    // other ids are independent
    assertFalse(receipts.seen("msg_2", NOW));
    assertTrue(receipts.firstSeen("msg_2", NOW, DAY_LATER));
  }

  @Test
  void anExpiredReceiptCountsAsAbsentAndCanBeRecordedAgain() {
    WebhookReceipts receipts = receipts();
    Instant soon = NOW.plusSeconds(10);
    assertTrue(receipts.firstSeen("msg_1", NOW, soon));
    assertTrue(receipts.seen("msg_1", soon.minusNanos(1_000)));
    assertFalse(receipts.seen("msg_1", soon));
    assertTrue(receipts.firstSeen("msg_1", soon, soon.plus(Duration.ofHours(24))));
    assertFalse(receipts.firstSeen("msg_1", soon.plusSeconds(1), DAY_LATER.plusSeconds(60)));
  }

  @Test
  void idsOfAnyCharactersAreKeptApart() {
    WebhookReceipts receipts = receipts();
    List<String> ids = List.of("a/b", "a_b", "a%2Fb", "..", ".", "__x__", "é", "msg id",
        "x".repeat(WebhookReceipts.MAX_ID_LENGTH), "a/b/");
    for (String id : ids) {
      assertTrue(receipts.firstSeen(id, NOW, DAY_LATER), id);
    }
    for (String id : ids) {
      assertTrue(receipts.seen(id, NOW), id);
      assertFalse(receipts.firstSeen(id, NOW, DAY_LATER), id);
    }
    assertFalse(receipts.seen("a", NOW));
  }

  @Test
  void badArgumentsAreRejected() {
    WebhookReceipts receipts = receipts();
    assertThrows(IllegalArgumentException.class, () -> receipts.firstSeen("", NOW, DAY_LATER));
    assertThrows(IllegalArgumentException.class, () -> receipts.firstSeen(
        "x".repeat(WebhookReceipts.MAX_ID_LENGTH + 1), NOW, DAY_LATER));
    assertThrows(IllegalArgumentException.class, () -> receipts.firstSeen("msg", NOW, NOW));
    assertThrows(IllegalArgumentException.class, () -> receipts.seen("", NOW));
    assertFalse(receipts.seen("msg", NOW));
  }

  @Test
  void ofConcurrentDeliveriesExactlyOneIsFirst() throws Exception {
    WebhookReceipts receipts = receipts();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 3; round++) {
        String id = "msg_concurrent_" + round;
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          calls.add(() -> receipts.firstSeen(id, NOW, DAY_LATER));
        }
        int first = 0;
        for (Future<Boolean> f : pool.invokeAll(calls, 120, TimeUnit.SECONDS)) {
          first += f.get() ? 1 : 0;
        }
        assertEquals(1, first, id);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
