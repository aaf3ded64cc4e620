package dev.podcast.adapter.gcs;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.podcast.port.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@link ObjectStore} on one Cloud Storage bucket. Generations are Cloud Storage's own; a
 * precondition becomes {@code ifGenerationMatch} on the request. The client retries what is safe
 * to retry (reads, and writes and deletes that carry a precondition); what still fails with 429,
 * 5xx or an I/O error is a {@link StoreUnavailableException}. Writes and deletes without a
 * precondition are not retried by the client (they might apply twice), so one 503 is enough to
 * fail them. Any other refusal (403, 400) is permanent and surfaces as the client's own
 * {@code StorageException}. Thread-safe, as the client is.
 */
final class GcsObjectStore implements ObjectStore {

  private static final int NOT_FOUND = 404;
  private static final int PRECONDITION_FAILED = 412;
  private static final int TOO_MANY_REQUESTS = 429;
  /** How often {@link #get} starts again when the object changes between its two requests. */
  private static final int READ_ATTEMPTS = 10;

  private final Supplier<Storage> storage;
  private final String bucket;

  GcsObjectStore(Supplier<Storage> storage, String bucket) {
    this.storage = storage;
    this.bucket = bucket;
  }

  @Override
  public Optional<StoredObject> get(String name) {
    return get(name, Long.MAX_VALUE);
  }

  @Override
  public Optional<StoredObject> get(String name, long maxBytes) {
    // Metadata first, then the content of exactly that generation: if a writer replaces the
    // object in between, the old generation is gone (404) and we read again. The size is known
    // from the metadata: a larger object is never downloaded.
    for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      Blob blob = call("get", name, () -> storage.get().get(BlobId.of(bucket, name)));
      if (blob == null) {
        return Optional.empty();
      }
      if (blob.getSize() != null && blob.getSize() > maxBytes) {
        throw new ObjectTooLargeException(name, blob.getSize(), maxBytes);
      }
      long generation = blob.getGeneration();
      Optional<byte[]> content = call("read", name, () -> {
        try {
          return Optional.of(storage.get().readAllBytes(BlobId.of(bucket, name, generation)));
        } catch (StorageException e) {
          if (e.getCode() == NOT_FOUND) {
            return Optional.empty();
          }
          throw e;
        }
      });
      if (content.isPresent()) {
        String contentType = blob.getContentType() == null
            ? "application/octet-stream" : blob.getContentType();
        if (blob.getUpdateTimeOffsetDateTime() == null) {
          // Cloud Storage always sends an object's updated time; an answer without one is broken.
          throw new StoreUnavailableException("Cloud Storage sent no updated time for gs://"
              + bucket + "/" + name, null);
        }
        return Optional.of(new StoredObject(name, content.get(), generation, contentType,
            blob.getUpdateTimeOffsetDateTime().toInstant(), metadata(blob)));
      }
    }
    throw new StoreUnavailableException(
        "gs://" + bucket + "/" + name + " kept changing while it was read", null);
  }

  @Override
  public Optional<Long> generation(String name) {
    Blob blob = call("get", name, () -> storage.get().get(BlobId.of(bucket, name),
        Storage.BlobGetOption.fields(Storage.BlobField.GENERATION)));
    return Optional.ofNullable(blob).map(Blob::getGeneration);
  }

  @Override
  public Optional<ObjectInfo> stat(String name) {
    Blob blob = call("get", name, () -> storage.get().get(BlobId.of(bucket, name)));
    if (blob == null) {
      return Optional.empty();
    }
    if (blob.getUpdateTimeOffsetDateTime() == null) {
      throw new StoreUnavailableException("Cloud Storage sent no updated time for gs://"
          + bucket + "/" + name, null);
    }
    return Optional.of(new ObjectInfo(name, blob.getGeneration(),
        blob.getSize() == null ? 0 : blob.getSize(), blob.getContentType() == null
        ? "application/octet-stream" : blob.getContentType(),
        blob.getUpdateTimeOffsetDateTime().toInstant(), metadata(blob)));
  }

  /** The object's custom metadata; Cloud Storage drops a key by giving it a null value. */
  private static Map<String, String> metadata(Blob blob) {
    Map<String, String> metadata = new TreeMap<>();
    if (blob.getMetadata() != null) {
      blob.getMetadata().forEach((key, value) -> {
        if (key != null && value != null) {
          metadata.put(key, value);
        }
      });
    }
    return metadata;
  }

  @Override
  public long put(Write write, long ifGenerationMatch) {
    Storage.BlobTargetOption precondition = ifGenerationMatch == DOES_NOT_EXIST
        ? Storage.BlobTargetOption.doesNotExist()
        : Storage.BlobTargetOption.generationMatch(ifGenerationMatch);
    try {
      return create(write, precondition);
    } catch (StorageException e) {
      if (e.getCode() == PRECONDITION_FAILED) {
        throw new PreconditionFailedException(write.name(), ifGenerationMatch);
      }
      throw e;
    }
  }

  @Override
  public long put(Write write) {
    return create(write);
  }

  private long create(Write write, Storage.BlobTargetOption... options) {
    BlobInfo.Builder info = BlobInfo.newBuilder(BlobId.of(bucket, write.name()))
        .setContentType(write.contentType());
    if (!write.cacheControl().isEmpty()) {
      info.setCacheControl(write.cacheControl());
    }
    if (!write.metadata().isEmpty()) {
      info.setMetadata(write.metadata());
    }
    Blob blob = call("write", write.name(),
        () -> storage.get().create(info.build(), write.content(), options));
    return blob.getGeneration();
  }

  @Override
  public boolean delete(String name, long ifGenerationMatch) {
    try {
      boolean deleted = call("delete", name, () -> storage.get().delete(BlobId.of(bucket, name),
          Storage.BlobSourceOption.generationMatch(ifGenerationMatch)));
      if (!deleted && ifGenerationMatch != DOES_NOT_EXIST) {
        // Cloud Storage answers 404 before it looks at the precondition; the port (and the
        // in-memory store) call a missing object a generation mismatch unless 0 was expected.
        throw new PreconditionFailedException(name, ifGenerationMatch);
      }
      return deleted;
    } catch (StorageException e) {
      if (e.getCode() == PRECONDITION_FAILED) {
        throw new PreconditionFailedException(name, ifGenerationMatch);
      }
      throw e;
    }
  }

  @Override
  public boolean delete(String name) {
    return call("delete", name, () -> storage.get().delete(BlobId.of(bucket, name)));
  }

  @Override
  public List<String> list(String prefix) {
    return call("list", prefix + "*", () -> {
      Page<Blob> page = storage.get().list(bucket, Storage.BlobListOption.prefix(prefix),
          Storage.BlobListOption.fields(Storage.BlobField.NAME));
      List<String> names = new ArrayList<>();
      for (Blob blob : page.iterateAll()) {
        names.add(blob.getName());
      }
      names.sort(null);
      return List.copyOf(names);
    });
  }

  /**
   * Runs one client call, turning what is transient into {@link StoreUnavailableException}.
   * A 412 is left to the caller (only conditional calls expect one); any other refusal (403,
   * 400) is permanent and reported as it is.
   */
  private <T> T call(String what, String name, Supplier<T> action) {
    try {
      return action.get();
    } catch (StorageException e) {
      if (isTransient(e)) {
        throw new StoreUnavailableException("Cloud Storage could not " + what + " gs://"
            + bucket + "/" + name + " (HTTP " + e.getCode() + "): " + e.getMessage(), e);
      }
      throw e;
    }
  }

  private static boolean isTransient(StorageException e) {
    int code = e.getCode();
    // 0: no HTTP answer at all (connection refused, reset, timed out).
    return code == 0 || code == TOO_MANY_REQUESTS || code >= 500;
  }
}
