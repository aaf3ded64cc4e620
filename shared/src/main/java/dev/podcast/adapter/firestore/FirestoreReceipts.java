package dev.podcast.adapter.firestore;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.TransactionOptions;
import dev.podcast.port.WebhookReceipts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link WebhookReceipts} on Firestore: one document per delivery at {@code
 * shows/{showId}/webhooks/{docId}}, where {@code docId} is the base64url (no padding) of the
 * id's UTF-8 bytes (ids may hold {@code /}, which document ids cannot), with fields {@code
 * webhookId} (the id itself), {@code recordedAt} and {@code expireAt} (timestamps). A TTL policy on
 * collection group {@code webhooks}, field {@code expireAt}, deletes expired receipts; Firestore
 * does so within a day or so of the expiry, so reads compare {@code expireAt} with now and treat
 * an expired receipt as absent.
 *
 * <p>{@link #firstSeen} reads and writes the document in one transaction: of concurrent calls for
 * one id exactly one records it. Errors are mapped as in {@link FirestoreEpisodeStore}.
 * Thread-safe.
 */
final class FirestoreReceipts implements WebhookReceipts {

  private final Supplier<Firestore> db;
  private final String showId;
  private final TransactionOptions options;

  FirestoreReceipts(Supplier<Firestore> db, String showId, int attempts) {
    this.db = db;
    this.showId = showId;
    this.options = TransactionOptions.createReadWriteOptionsBuilder()
        .setNumberOfAttempts(attempts).build();
  }

  /** The document id of {@code id}: base64url of its UTF-8 bytes, no padding. */
  static String docId(String id) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }

  private DocumentReference doc(String id) {
    return db.get().collection("shows").document(showId).collection("webhooks")
        .document(docId(id));
  }

  @Override
  public boolean seen(String id, Instant now) {
    WebhookReceipts.checkId(id);
    return unexpired(FirestoreEpisodeStore.await("read webhook receipt", doc(id).get()), now);
  }

  @Override
  public boolean firstSeen(String id, Instant now, Instant expireAt) {
    WebhookReceipts.check(id, now, expireAt);
    DocumentReference ref = doc(id);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("webhookId", id);
    fields.put("recordedAt", FirestoreEpisodeStore.timestamp(now));
    fields.put("expireAt", FirestoreEpisodeStore.timestamp(expireAt));
    return FirestoreEpisodeStore.await("record webhook receipt", db.get().runTransaction(tx -> {
      if (unexpired(tx.get(ref).get(), now)) {
        return false;
      }
      tx.set(ref, fields);
      return true;
    }, options));
  }

  private static boolean unexpired(DocumentSnapshot doc, Instant now) {
    if (!doc.exists()) {
      return false;
    }
    Timestamp expireAt = doc.getTimestamp("expireAt");
    if (expireAt == null) {
      throw new IllegalStateException("malformed webhook receipt " + doc.getReference().getPath()
          + ": no expireAt");
    }
    return Instant.ofEpochSecond(expireAt.getSeconds(), expireAt.getNanos()).isAfter(now);
  }


}
