package dev.podcast.adapter.gcs;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.podcast.adapter.Lazy;
import dev.podcast.port.ObjectStore;
import java.util.Objects;

/**
 * Builds {@link ObjectStore}s on Cloud Storage buckets, one bucket per store. The stores are
 * thread-safe and meant to be built once per function instance and reused.
 */
public final class GcsObjectStores {

  private GcsObjectStores() {}

  /**
   * A store on {@code bucket} through {@code storage}, a client the caller built (tests point
   * one at a fake server).
   *
   * @throws IllegalArgumentException when {@code bucket} is blank
   */
  public static ObjectStore forBucket(Storage storage, String bucket) {
    Objects.requireNonNull(storage, "storage");
    return new GcsObjectStore(() -> storage, checked(bucket));
  }

  /**
   * A store on {@code bucket} through a client built from the environment (Application Default
   * Credentials, the project of the runtime), on first use rather than here: a cold start that
   * never touches the bucket does not pay for the client.
   *
   * @throws IllegalArgumentException when {@code bucket} is blank
   */
  public static ObjectStore fromEnvironment(String bucket) {
    return new GcsObjectStore(new Lazy<>(() -> StorageOptions.getDefaultInstance().getService()),
        checked(bucket));
  }

  private static String checked(String bucket) {
    Objects.requireNonNull(bucket, "bucket");
    if (bucket.isBlank() || bucket.startsWith("gs://") || bucket.contains("/")) {
      throw new IllegalArgumentException(
          "bucket must be a bare bucket name (no gs://, no /): '" + bucket + "'");
    }
    return bucket;
  }
}
