package dev.podcast.adapter;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Computes its value once, on the first {@link #get()}, and keeps it: how adapters build their
 * Cloud clients on first use, so that a cold start which never touches a service does not pay
 * for its client. Thread-safe.
 */
public final class Lazy<T> implements Supplier<T> {

  private final Supplier<T> factory;
  private volatile T value;

  public Lazy(Supplier<T> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  @Override
  public T get() {
    T result = value;
    if (result == null) {
      synchronized (this) {
        result = value;
        if (result == null) {
          result = Objects.requireNonNull(factory.get(), "factory returned null");
          value = result;
        }
      }
    }
    return result;
  }
}
