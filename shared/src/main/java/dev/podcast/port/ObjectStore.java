package dev.podcast.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bucket of objects with generations, as Cloud Storage keeps them: the source bucket authors
 * upload to, and the site bucket the functions write. Every write and delete can carry a
 * precondition on the object's current generation, so that concurrent writers never lose an
 * update: the loser gets {@link PreconditionFailedException} and retries from a fresh read.
 *
 * <p>Objects carry custom metadata (Cloud Storage's {@code metadata}, {@code x-goog-meta-*}):
 * small string pairs that are not part of the public content, where the pipeline keeps what it
 * must know of a file it wrote (the version of the records it was rendered from).
 *
 * <p>Names are object names such as {@code post/x/index.html}, already checked to stay inside
 * the bucket (no leading slash, no {@code ..}). Implementations are thread-safe. Failures of the
 * service itself are {@link StoreUnavailableException}: transient, worth a retry.
 */
public interface ObjectStore {

  /** Generation value meaning "the object must not exist" in a precondition. */
  long DOES_NOT_EXIST = 0;

  /**
   * An object's content and metadata.
   *
   * @param generation the generation of this content; a new one for every write, never reused
   * @param updated when this generation was written, as the store records it (Cloud Storage's
   *     {@code updated}, a file's modification time); what {@code Last-Modified} is made of
   * @param metadata the custom metadata written with it (empty when none)
   */
  record StoredObject(String name, byte[] content, long generation, String contentType,
      Instant updated, Map<String, String> metadata) {
    public StoredObject {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(updated, "updated");
      metadata = Map.copyOf(metadata);
      if (generation <= 0) {
        throw new IllegalArgumentException("generation must be > 0");
      }
    }

    /** An object without custom metadata. */
    public StoredObject(String name, byte[] content, long generation, String contentType,
        Instant updated) {
      this(name, content, generation, contentType, updated, Map.of());
    }

    /** Its metadata, without the content. */
    public ObjectInfo info() {
      return new ObjectInfo(name, generation, content.length, contentType, updated, metadata);
    }
  }

  /** What {@link #stat} tells of an object: everything but its content, and its size. */
  record ObjectInfo(String name, long generation, long size, String contentType,
      Instant updated, Map<String, String> metadata) {
    public ObjectInfo {
      Objects.requireNonNull(name, "name");
      if (size < 0) {
        throw new IllegalArgumentException("size must be >= 0");
      }
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(updated, "updated");
      metadata = Map.copyOf(metadata);
    }
  }

  /**
   * What to write. {@code cacheControl} may be empty (the bucket's default); {@code metadata}
   * becomes the object's custom metadata.
   */
  record Write(String name, byte[] content, String contentType, String cacheControl,
      Map<String, String> metadata) {
    public Write {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(cacheControl, "cacheControl");
      metadata = Map.copyOf(metadata);
    }

    /** A write without custom metadata. */
    public Write(String name, byte[] content, String contentType, String cacheControl) {
      this(name, content, contentType, cacheControl, Map.of());
    }
  }

  /** The current version of {@code name}, if it exists. */
  Optional<StoredObject> get(String name);

  /**
   * The current version of {@code name}, if it exists, read only if it is at most
   * {@code maxBytes} long: a larger object is never read into memory (its size is known from its
   * metadata first), and is an {@link ObjectTooLargeException}.
   */
  default Optional<StoredObject> get(String name, long maxBytes) {
    Optional<ObjectInfo> info = stat(name);
    if (info.isPresent() && info.get().size() > maxBytes) {
      throw new ObjectTooLargeException(name, info.get().size(), maxBytes);
    }
    Optional<StoredObject> object = get(name);
    if (object.isPresent() && object.get().content().length > maxBytes) {
      throw new ObjectTooLargeException(name, object.get().content().length, maxBytes);
    }
    return object;
  }

  /** The current generation of {@code name}, without its content; empty when it is absent. */
  Optional<Long> generation(String name);

  /** The metadata of {@code name}'s current generation, without its content. */
  Optional<ObjectInfo> stat(String name);

  /**
   * Writes {@code write} if {@code name}'s current generation is {@code ifGenerationMatch}
   * ({@link #DOES_NOT_EXIST}: only if there is none).
   *
   * @return the new generation
   * @throws PreconditionFailedException when the current generation differs
   */
  long put(Write write, long ifGenerationMatch);

  /** Writes {@code write} whatever is there. Returns the new generation. */
  long put(Write write);

  /**
   * Deletes {@code name} if its current generation is {@code ifGenerationMatch}.
   *
   * @return false when there was nothing to delete
   * @throws PreconditionFailedException when the current generation differs
   */
  boolean delete(String name, long ifGenerationMatch);

  /** Deletes {@code name} whatever its generation; false when there was nothing to delete. */
  boolean delete(String name);

  /** The names that start with {@code prefix}, sorted. */
  List<String> list(String prefix);

  /** A write or delete lost a race: the object's generation was not the one expected. */
  final class PreconditionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(String name, long expected) {
      super("the generation of " + name + " is not " + expected);
    }
  }

  /** An object is larger than the reader takes: a property of the content, never an outage. */
  final class ObjectTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long size;
    private final long limit;

    public ObjectTooLargeException(String name, long size, long limit) {
      super(name + " is " + size + " bytes; the limit is " + limit);
      this.size = size;
      this.limit = limit;
    }

    /** The object's size in bytes. */
    public long size() {
      return size;
    }

    /** The most the reader takes. */
    public long limit() {
      return limit;
    }
  }

  /** The store could not be reached or answered with a server error: retry later. */
  final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
