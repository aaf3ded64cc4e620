package dev.podcast.adapter.memory;

import dev.podcast.port.ObjectStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A site store for checks ({@code validate}, the check after {@code import}): an
 * {@link InMemoryObjectStore} (its generations and preconditions) that is given each object
 * without its content, and remembers only its size, so that publishing a show of any size into
 * it takes memory for the records, not for the rendered site. Reading an object's content is
 * refused: publishing never reads the site it writes back, and a check that did would be wrong
 * here. Thread-safe.
 */
public final class ContentlessObjectStore implements ObjectStore {

  private static final byte[] NOTHING = new byte[0];

  private final InMemoryObjectStore objects;
  private final Map<String, Long> sizes = new ConcurrentHashMap<>();

  public ContentlessObjectStore(Clock clock) {
    this.objects = new InMemoryObjectStore(clock);
  }

  /** Refused: this store keeps no content. */
  @Override
  public Optional<StoredObject> get(String name) {
    throw new UnsupportedOperationException("a check's site keeps no content: " + name);
  }

  @Override
  public Optional<Long> generation(String name) {
    return objects.generation(name);
  }

  @Override
  public Optional<ObjectInfo> stat(String name) {
    return objects.stat(name).map(i -> new ObjectInfo(i.name(), i.generation(),
        sizes.getOrDefault(name, 0L), i.contentType(), i.updated(), i.metadata()));
  }

  @Override
  public long put(Write write, long ifGenerationMatch) {
    long generation = objects.put(emptied(write), ifGenerationMatch);
    sizes.put(write.name(), (long) write.content().length);
    return generation;
  }

  @Override
  public long put(Write write) {
    long generation = objects.put(emptied(write));
    sizes.put(write.name(), (long) write.content().length);
    return generation;
  }

  private static Write emptied(Write write) {
    return new Write(write.name(), NOTHING, write.contentType(), write.cacheControl(),
        write.metadata());
  }

  @Override
  public boolean delete(String name, long ifGenerationMatch) {
    boolean deleted = objects.delete(name, ifGenerationMatch);
    sizes.remove(name);
    return deleted;
  }

  @Override
  public boolean delete(String name) {
    sizes.remove(name);
    return objects.delete(name);
  }

  @Override
  public List<String> list(String prefix) {
    return objects.list(prefix);
  }
}
