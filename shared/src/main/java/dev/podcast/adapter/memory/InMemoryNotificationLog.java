package dev.podcast.adapter.memory;

import dev.podcast.port.NotificationLog;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/** A {@link NotificationLog} in memory: for {@code serve} without Firestore and for tests. */
public final class InMemoryNotificationLog implements NotificationLog {

  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  @Override
  public Optional<Entry> read(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public Entry update(String key, UnaryOperator<Entry> change) {
    return entries.compute(key, (k, e) -> change.apply(e == null ? Entry.NONE : e));
  }
}
