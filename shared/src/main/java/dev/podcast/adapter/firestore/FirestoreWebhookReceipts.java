package dev.podcast.adapter.firestore;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import dev.podcast.adapter.Lazy;
import dev.podcast.port.WebhookReceipts;
import java.util.Objects;

/**
 * Builds {@link WebhookReceipts} on Firestore, one show per instance (documents at {@code
 * shows/{showId}/webhooks/{docId}}, see {@code FirestoreReceipts}). The instances are thread-safe
 * and meant to be built once per function instance and reused.
 */
public final class FirestoreWebhookReceipts {

  private FirestoreWebhookReceipts() {}

  /**
   * Receipts of show {@code showId} through {@code db}, a client the caller built and closes.
   *
   * @throws IllegalArgumentException when {@code showId} is not a valid document id
   */
  public static WebhookReceipts forClient(Firestore db, String showId) {
    Objects.requireNonNull(db, "db");
    return new FirestoreReceipts(() -> db, FirestoreEpisodeStores.checked(showId),
        FirestoreEpisodeStores.TRANSACTION_ATTEMPTS);
  }

  /**
   * Receipts of show {@code showId} through a client built from the environment (Application
   * Default Credentials, {@code FIRESTORE_EMULATOR_HOST} if set) on first use.
   */
  public static WebhookReceipts fromEnvironment(String showId) {
    return new FirestoreReceipts(
        new Lazy<>(() -> FirestoreOptions.getDefaultInstance().getService()),
        FirestoreEpisodeStores.checked(showId), FirestoreEpisodeStores.TRANSACTION_ATTEMPTS);
  }

  /** Receipts of show {@code showId} on the emulator at {@code hostPort}, project demo-podcast. */
  public static WebhookReceipts forEmulator(String hostPort, String showId) {
    Objects.requireNonNull(hostPort, "hostPort");
    return new FirestoreReceipts(new Lazy<>(() -> FirestoreOptions.newBuilder()
        .setProjectId("demo-podcast").setEmulatorHost(hostPort).build().getService()),
        FirestoreEpisodeStores.checked(showId), FirestoreEpisodeStores.TRANSACTION_ATTEMPTS);
  }
}
