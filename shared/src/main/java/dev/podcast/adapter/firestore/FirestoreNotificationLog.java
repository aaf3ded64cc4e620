package dev.podcast.adapter.firestore;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.firestore.TransactionOptions;
import dev.podcast.adapter.Lazy;
import dev.podcast.port.NotificationLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@link NotificationLog} on Firestore: one document per service and feed at {@code
 * shows/{showId}/notifications/{docId}}, where {@code docId} is the base64url of the key's UTF-8
 * bytes (keys hold {@code /}), with fields {@code key}, {@code done}, {@code hash},
 * {@code claimed}, {@code claimedAt}, {@code attempts}, {@code outcome} and {@code updated}. An
 * update reads and writes the document in one transaction. Errors are mapped as in {@link
 * FirestoreEpisodeStore}. Thread-safe.
 */
public final class FirestoreNotificationLog implements NotificationLog {

  private final Supplier<Firestore> db;
  private final String showId;
  private final TransactionOptions options;

  private FirestoreNotificationLog(Supplier<Firestore> db, String showId) {
    this.db = db;
    this.showId = FirestoreEpisodeStores.checked(showId);
    this.options = TransactionOptions.createReadWriteOptionsBuilder()
        .setNumberOfAttempts(FirestoreEpisodeStores.TRANSACTION_ATTEMPTS).build();
  }

  /** The log of show {@code showId} through {@code db}, a client the caller built and closes. */
  public static NotificationLog forClient(Firestore db, String showId) {
    Objects.requireNonNull(db, "db");
    return new FirestoreNotificationLog(() -> db, showId);
  }

  /**
   * The log of show {@code showId} through a client built from the environment (Application
   * Default Credentials, {@code FIRESTORE_EMULATOR_HOST} if set) on first use.
   */
  public static NotificationLog fromEnvironment(String showId) {
    return new FirestoreNotificationLog(
        new Lazy<>(() -> FirestoreOptions.getDefaultInstance().getService()), showId);
  }

  /** The log of show {@code showId} on the emulator at {@code hostPort}, project demo-podcast. */
  public static NotificationLog forEmulator(String hostPort, String showId) {
    Objects.requireNonNull(hostPort, "hostPort");
    return new FirestoreNotificationLog(new Lazy<>(() -> FirestoreOptions.newBuilder()
        .setProjectId("demo-podcast").setEmulatorHost(hostPort).build().getService()), showId);
  }

  private DocumentReference doc(String key) {
    return db.get().collection("shows").document(showId).collection("notifications")
        .document(FirestoreReceipts.docId(key));
  }

  @Override
  public Optional<Entry> read(String key) {
    return entry(FirestoreEpisodeStore.await("read a notification", doc(key).get()));
  }

  @Override
  public Entry update(String key, UnaryOperator<Entry> change) {
    DocumentReference ref = doc(key);
    return FirestoreEpisodeStore.await("record a notification", db.get().runTransaction(tx -> {
      Entry before = entry(tx.get(ref).get()).orElse(Entry.NONE);
      Entry after = change.apply(before);
      if (!after.equals(before)) {
        tx.set(ref, fields(key, after));
      }
      return after;
    }, options));
  }

  private static Map<String, Object> fields(String key, Entry e) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("key", key);
    f.put("done", e.done());
    f.put("hash", e.hash());
    f.put("claimed", e.claimed());
    f.put("claimedAt", FirestoreEpisodeStore.timestamp(e.claimedAt()));
    f.put("attempts", (long) e.attempts());
    f.put("outcome", e.outcome());
    f.put("updated", FirestoreEpisodeStore.timestamp(e.updated()));
    return f;
  }

  private static Optional<Entry> entry(DocumentSnapshot doc) {
    if (!doc.exists()) {
      return Optional.empty();
    }
    Long done = doc.getLong("done");
    Long claimed = doc.getLong("claimed");
    Long attempts = doc.getLong("attempts");
    String hash = doc.getString("hash");
    String outcome = doc.getString("outcome");
    Timestamp claimedAt = doc.getTimestamp("claimedAt");
    Timestamp updated = doc.getTimestamp("updated");
    if (done == null || claimed == null || attempts == null || hash == null || outcome == null
        || claimedAt == null || updated == null) {
      throw new IllegalStateException("malformed notification " + doc.getReference().getPath());
    }
    return Optional.of(new Entry(done, hash, claimed, FirestoreEpisodeStore.instant(claimedAt),
        attempts.intValue(), outcome, FirestoreEpisodeStore.instant(updated)));
  }



}
