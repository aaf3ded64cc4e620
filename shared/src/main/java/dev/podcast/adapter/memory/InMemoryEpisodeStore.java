package dev.podcast.adapter.memory;

import dev.podcast.port.BufferedTransaction;
import dev.podcast.port.EpisodeStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An {@link EpisodeStore} in memory: transactions are serialised by one lock and applied only
 * when the work function returns (a function that throws changes nothing). Thread-safe.
 */
public final class InMemoryEpisodeStore implements EpisodeStore {

  private final Map<String, SourceRecord> sources = new HashMap<>();
  private final Map<String, EpisodeRecord> episodes = new HashMap<>();
  private long version;

  @Override
  public synchronized <T> T transaction(Function<Transaction, T> work) {
    Buffer buffer = new Buffer();
    T result = work.apply(buffer);
    sources.putAll(buffer.writtenSources());
    for (Map.Entry<String, Optional<EpisodeRecord>> e : buffer.writtenEpisodes().entrySet()) {
      if (e.getValue().isPresent()) {
        episodes.put(e.getKey(), e.getValue().get());
      } else {
        episodes.remove(e.getKey());
      }
    }
    buffer.writtenVersion().ifPresent(v -> version = v);
    return result;
  }

  @Override
  public synchronized long version() {
    return version;
  }

  @Override
  public synchronized List<EpisodeRecord> episodes() {
    List<EpisodeRecord> all = new ArrayList<>(episodes.values());
    all.sort(Comparator.comparing((EpisodeRecord r) -> r.entry().date()).reversed()
        .thenComparing(EpisodeRecord::slug));
    return all;
  }

  @Override
  public synchronized List<EpisodeRecord> due(java.time.Instant now) {
    List<EpisodeRecord> due = new ArrayList<>();
    for (EpisodeRecord r : episodes()) {
      boolean publish = r.status() == dev.podcast.episode.EpisodeStatus.SCHEDULED
          && !r.publishDate().isAfter(now);
      boolean expire = r.status() == dev.podcast.episode.EpisodeStatus.PUBLISHED
          && r.expiryDate().filter(e -> !e.isAfter(now)).isPresent();
      if (publish || expire) {
        due.add(r);
      }
    }
    return due;
  }

  @Override
  public synchronized Optional<SourceRecord> source(String object) {
    return Optional.ofNullable(sources.get(object));
  }

  /** Reads committed state; its writes are applied at commit. */
  private final class Buffer extends BufferedTransaction {

    Map<String, SourceRecord> writtenSources() {
      return sources();
    }

    Map<String, Optional<EpisodeRecord>> writtenEpisodes() {
      return episodes();
    }

    java.util.OptionalLong writtenVersion() {
      return newVersion();
    }

    @Override
    public Optional<SourceRecord> source(String object) {
      return Optional.ofNullable(InMemoryEpisodeStore.this.sources.get(object));
    }

    @Override
    public Optional<EpisodeRecord> episode(String slug) {
      return Optional.ofNullable(InMemoryEpisodeStore.this.episodes.get(slug));
    }

    @Override
    public Optional<EpisodeRecord> episodeOf(String object) {
      return InMemoryEpisodeStore.this.episodes.values().stream()
          .filter(r -> r.sourceObject().equals(object)).findFirst();
    }

    @Override
    public long version() {
      return InMemoryEpisodeStore.this.version;
    }
  }
}
