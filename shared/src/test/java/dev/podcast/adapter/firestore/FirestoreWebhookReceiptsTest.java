package dev.podcast.adapter.firestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import dev.podcast.port.WebhookReceipts;
import dev.podcast.port.WebhookReceiptsContract;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook receipts contract on Firestore, against the Firestore emulator (see {@link
 * FirestoreEmulator}); each test gets a show of its own. Plus the document model the TTL policy
 * relies on.
 */
class FirestoreWebhookReceiptsTest extends WebhookReceiptsContract {

  private static FirestoreEmulator.Session firestore;
  private static Firestore db;

  @BeforeAll
  static void startEmulator() {
    firestore = FirestoreEmulator.Session.start().orElse(null);
    db = firestore == null ? null : firestore.db();
  }

  /** Without an emulator every test here is skipped (and counted as skipped). */
  @BeforeEach
  void needsTheEmulator() {
    assumeTrue(firestore != null, FirestoreEmulator.MISSING);
  }

  @AfterAll
  static void stopEmulator() throws Exception {
    if (firestore != null) {
      firestore.close();
    }
  }

  private String showId;

  @Override
  protected WebhookReceipts receipts() {
    showId = "show-" + UUID.randomUUID();
    return FirestoreWebhookReceipts.forClient(db, showId);
  }

  @Test
  void documentsFollowTheModelTheTtlPolicyNeeds() throws Exception {
    WebhookReceipts receipts = receipts();
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    Instant expireAt = Instant.parse("2026-11-26T12:00:00.000001Z");
    receipts.firstSeen("msg/1", now, expireAt);
    DocumentSnapshot doc = db.document("shows/" + showId + "/webhooks/"
        + FirestoreReceipts.docId("msg/1")).get().get();
    assertEquals("bXNnLzE", FirestoreReceipts.docId("msg/1"));
    assertEquals("msg/1", doc.getString("webhookId"));
    assertEquals(Timestamp.ofTimeSecondsAndNanos(expireAt.getEpochSecond(), expireAt.getNano()),
        doc.getTimestamp("expireAt"));
    assertEquals(Timestamp.ofTimeSecondsAndNanos(now.getEpochSecond(), 0),
        doc.getTimestamp("recordedAt"));
    // the TTL policy targets collection group "webhooks"
    assertEquals(1, db.collectionGroup("webhooks").whereEqualTo("webhookId", "msg/1").get().get()
        .size());
  }

  @Test
  void showIdsMustBeDocumentIds() {
    for (String bad : List.of("", "a/b", "..", "__x__")) {
      assertThrows(IllegalArgumentException.class,
          () -> FirestoreWebhookReceipts.forClient(db, bad), bad);
    }
  }
}
