package dev.podcast.adapter.memory;

import dev.podcast.port.ObjectStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link ObjectStore} in memory, with generations and preconditions as Cloud Storage has
 * them: for tests and {@code podcast serve}. An object's {@code updated} time is the clock's
 * instant when it was written. Thread-safe (each operation is atomic).
 */
public final class InMemoryObjectStore implements ObjectStore {

  private final Clock clock;

  private final ConcurrentSkipListMap<String, StoredObject> objects =
      new ConcurrentSkipListMap<>();
  private final AtomicLong generations = new AtomicLong(1_700_000_000_000_000L);

  /** An empty store whose writes are timed by the system clock. */
  public InMemoryObjectStore() {
    this(Clock.systemUTC());
  }

  /** An empty store whose writes are timed by {@code clock}. */
  public InMemoryObjectStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<StoredObject> get(String name) {
    return Optional.ofNullable(objects.get(name));
  }

  @Override
  public Optional<Long> generation(String name) {
    return get(name).map(StoredObject::generation);
  }

  @Override
  public Optional<ObjectInfo> stat(String name) {
    return get(name).map(StoredObject::info);
  }

  @Override
  public long put(Write write, long ifGenerationMatch) {
    long generation = generations.incrementAndGet();
    StoredObject next = stored(write, generation);
    StoredObject result = objects.compute(write.name(), (name, current) -> {
      long currentGeneration = current == null ? DOES_NOT_EXIST : current.generation();
      if (currentGeneration != ifGenerationMatch) {
        throw new PreconditionFailedException(name, ifGenerationMatch);
      }
      return next;
    });
    return result.generation();
  }

  @Override
  public long put(Write write) {
    long generation = generations.incrementAndGet();
    objects.put(write.name(), stored(write, generation));
    return generation;
  }

  private StoredObject stored(Write write, long generation) {
    return new StoredObject(write.name(), write.content().clone(), generation,
        write.contentType(), clock.instant(), write.metadata());
  }

  @Override
  public boolean delete(String name, long ifGenerationMatch) {
    boolean[] deleted = {false};
    objects.compute(name, (key, current) -> {
      if (current == null) {
        if (ifGenerationMatch != DOES_NOT_EXIST) {
          throw new PreconditionFailedException(name, ifGenerationMatch);
        }
        return null;
      }
      if (current.generation() != ifGenerationMatch) {
        throw new PreconditionFailedException(name, ifGenerationMatch);
      }
      deleted[0] = true;
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
