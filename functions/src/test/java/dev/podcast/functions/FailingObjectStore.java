package dev.podcast.functions;

import dev.podcast.port.ObjectStore;
import java.util.List;
import java.util.Optional;

/** An object store that is down while {@link #down} is true: every call throws, as in an outage. */
final class FailingObjectStore implements ObjectStore {

  private final ObjectStore delegate;
  volatile boolean down;

  FailingObjectStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  private void check() {
    if (down) {
      throw new StoreUnavailableException("503 Service Unavailable (simulated)", null);
    }
  }

  @Override
  public Optional<StoredObject> get(String name) {
    check();
    return delegate.get(name);
  }

  @Override
  public Optional<Long> generation(String name) {
    check();
    return delegate.generation(name);
  }

  @Override
  public Optional<ObjectInfo> stat(String name) {
    check();
    return delegate.stat(name);
  }

  @Override
  public long put(Write write, long ifGenerationMatch) {
    check();
    return delegate.put(write, ifGenerationMatch);
  }

  @Override
  public long put(Write write) {
    check();
    return delegate.put(write);
  }

  @Override
  public boolean delete(String name, long ifGenerationMatch) {
    check();
    return delegate.delete(name, ifGenerationMatch);
  }

  @Override
  public boolean delete(String name) {
    check();
    return delegate.delete(name);
  }

  @Override
  public List<String> list(String prefix) {
    check();
    return delegate.list(prefix);
  }
}
