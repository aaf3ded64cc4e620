package dev.podcast.adapter.firestore;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import dev.podcast.adapter.Lazy;
import dev.podcast.port.EpisodeStore;
import java.util.Objects;

/**
 * Builds {@link EpisodeStore}s on Firestore, one show per store. The stores are thread-safe and
 * meant to be built once per function instance and reused.
 */
public final class FirestoreEpisodeStores {

  /** How often a transaction runs before contention counts as an outage (Firestore's is 5). */
  static final int TRANSACTION_ATTEMPTS = 20;

  private FirestoreEpisodeStores() {}

  /**
   * A store for show {@code showId} through {@code db}, a client the caller built and closes
   * (tests point one at the emulator).
   *
   * @throws IllegalArgumentException when {@code showId} is not a valid document id
   */
  public static EpisodeStore forClient(Firestore db, String showId) {
    Objects.requireNonNull(db, "db");
    return new FirestoreEpisodeStore(() -> db, checked(showId), TRANSACTION_ATTEMPTS);
  }

  /**
   * A store for show {@code showId} through a client built from the environment (Application
   * Default Credentials, the runtime's project, {@code FIRESTORE_EMULATOR_HOST} if set), on first
   * use rather than here: a cold start that never touches the store does not pay for the client.
   *
   * @throws IllegalArgumentException when {@code showId} is not a valid document id
   */
  public static EpisodeStore fromEnvironment(String showId) {
    return new FirestoreEpisodeStore(
        new Lazy<>(() -> FirestoreOptions.getDefaultInstance().getService()), checked(showId),
        TRANSACTION_ATTEMPTS);
  }

  /**
   * A store for show {@code showId} on the Firestore emulator at {@code hostPort}
   * ({@code 127.0.0.1:8086}), project {@code demo-podcast}: {@code podcast serve --firestore}.
   * The client uses the emulator's own credentials; it never reaches production.
   */
  public static EpisodeStore forEmulator(String hostPort, String showId) {
    Objects.requireNonNull(hostPort, "hostPort");
    return new FirestoreEpisodeStore(new Lazy<>(() -> FirestoreOptions.newBuilder()
        .setProjectId("demo-podcast").setEmulatorHost(hostPort).build().getService()),
        checked(showId), TRANSACTION_ATTEMPTS);
  }

  /** {@code showId} when it is a valid document id; else {@link IllegalArgumentException}. */
  static String checked(String showId) {
    Objects.requireNonNull(showId, "showId");
    if (showId.isBlank() || showId.contains("/") || showId.equals(".") || showId.equals("..")
        || (showId.startsWith("__") && showId.endsWith("__"))) {
      throw new IllegalArgumentException(
          "showId must be a Firestore document id (not blank, no /, not . or .., not __x__): '"
              + showId + "'");
    }
    return showId;
  }
}
