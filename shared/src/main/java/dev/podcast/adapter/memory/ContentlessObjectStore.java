package dev.podcast.adapter.memory;

import dev.podcast.port.ObjectStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A site store for checks ({@code validate}, the check after {@code import}): it keeps what it
 * is told of each object (generation, size, content type, metadata, with the preconditions of
 * Cloud Storage) but not the content, so that publishing a show of any size into it takes
 * memory for the records, not for the rendered site. Reading an object's content is refused:
 * publishing never reads the site it writes back, and a check that did would be wrong here.
 * Thread-safe (each operation is atomic).
 */
public final class ContentlessObjectStore implements ObjectStore {

  private final Clock clock;
  private final ConcurrentSkipListMap<String, ObjectInfo> objects = new ConcurrentSkipListMap<>();
  private final AtomicLong generations = new AtomicLong(1_700_000_000_000_000L);

  public ContentlessObjectStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Refused: this store keeps no content. */
  @Override
  public Optional<StoredObject> get(String name) {
    throw new UnsupportedOperationException("a check's site keeps no content: " + name);
  }

  @Override
  public Optional<Long> generation(String name) {
    return stat(name).map(ObjectInfo::generation);
  }

  @Override
  public Optional<ObjectInfo> stat(String name) {
    return Optional.ofNullable(objects.get(name));
  }

  @Override
  public long put(Write write, long ifGenerationMatch) {
    ObjectInfo next = info(write);
    objects.compute(write.name(), (name, current) -> {
      long currentGeneration = current == null ? DOES_NOT_EXIST : current.generation();
      if (currentGeneration != ifGenerationMatch) {
        throw new PreconditionFailedException(name, ifGenerationMatch);
      }
      return next;
    });
    return next.generation();
  }

  @Override
  public long put(Write write) {
    ObjectInfo next = info(write);
    objects.put(write.name(), next);
    return next.generation();
  }

  private ObjectInfo info(Write write) {
    return new ObjectInfo(write.name(), generations.incrementAndGet(), write.content().length,
        write.contentType(), clock.instant(), write.metadata());
  }

  @Override
  public boolean delete(String name, long ifGenerationMatch) {
    boolean[] deleted = {false};
    objects.compute(name, (key, current) -> {
      long currentGeneration = current == null ? DOES_NOT_EXIST : current.generation();
      if (currentGeneration != ifGenerationMatch) {
        throw new PreconditionFailedException(name, ifGenerationMatch);
      }
      deleted[0] = current != null;
      return null;
    });
    return deleted[0];
  }

  @Override
  public boolean delete(String name) {
    return objects.remove(name) != null;
  }

  @Override
  public List<String> list(String prefix) {
    return objects.subMap(prefix, prefix + Character.MAX_VALUE).keySet().stream().toList();
  }
}
