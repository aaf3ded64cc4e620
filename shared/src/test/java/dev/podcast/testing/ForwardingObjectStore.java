package dev.podcast.testing;

import dev.podcast.port.ObjectStore;
import java.util.List;
import java.util.Optional;

/**
 * An {@link ObjectStore} that hands every call to another: tests override the calls they watch,
 * fail or follow with an event, over a real store.
 */
public abstract class ForwardingObjectStore implements ObjectStore {

  protected final ObjectStore delegate;

  protected ForwardingObjectStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<StoredObject> get(String name) {
    return delegate.get(name);
  }

  @Override
  public Optional<Long> generation(String name) {
    return delegate.generation(name);
  }

  @Override
  public Optional<ObjectInfo> stat(String name) {
    return delegate.stat(name);
  }

  @Override
  public long put(Write write, long ifGenerationMatch) {
    return delegate.put(write, ifGenerationMatch);
  }

  @Override
  public long put(Write write) {
    return delegate.put(write);
  }

  @Override
  public boolean delete(String name, long ifGenerationMatch) {
    return delegate.delete(name, ifGenerationMatch);
  }

  @Override
  public boolean delete(String name) {
    return delegate.delete(name);
  }

  @Override
  public List<String> list(String prefix) {
    return delegate.list(prefix);
  }
}
