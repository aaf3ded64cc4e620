package dev.podcast.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A bucket of objects with generations, as Cloud Storage keeps them: the source bucket authors
 * upload to, and the site bucket the functions write. Every write and delete can carry a
 * precondition on the object's current generation, so that concurrent writers never lose an
 * update: the loser gets {@link PreconditionFailedException} and retries from a fresh read.
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
   */
  record StoredObject(String name, byte[] content, long generation, String contentType,
      Instant updated) {
    public StoredObject {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(updated, "updated");
      if (generation <= 0) {
        throw new IllegalArgumentException("generation must be > 0");
      }
    }
  }

  /** What to write. {@code cacheControl} may be empty (the bucket's default). */
  record Write(String name, byte[] content, String contentType, String cacheControl) {
    public Write {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(cacheControl, "cacheControl");
    }
  }

  /** The current version of {@code name}, if it exists. */
  Optional<StoredObject> get(String name);

  /** The current generation of {@code name}, without its content; empty when it is absent. */
  Optional<Long> generation(String name);

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

  /** The store could not be reached or answered with a server error: retry later. */
  final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
