package dev.podcast.adapter.memory;

import dev.podcast.episode.EpisodeStatus;
import dev.podcast.port.BufferedTransaction;
import dev.podcast.port.EpisodeStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An {@link EpisodeStore} in memory: transactions are serialised by one lock and applied only
 * when the work function returns (a function that throws changes nothing). The guid registry can
 * start from guids assigned by an earlier process and be handed, after every commit that assigns
 * one, to whoever keeps it (the state file of {@code podcast build} and {@code serve}).
 * Thread-safe.
 */
public final class InMemoryEpisodeStore implements EpisodeStore {

  private final Map<String, SourceRecord> sources = new HashMap<>();
  private final Map<String, EpisodeRecord> episodes = new HashMap<>();
  /** The version of the commit that last wrote or deleted each slug (kept after a delete). */
  private final Map<String, Long> written = new HashMap<>();
  private final Map<String, String> guids = new HashMap<>();
  /** The source object of each item guid (the first by name, were there two). */
  private final Map<String, String> owners = new HashMap<>();
  private String podcastGuid;
  private final Consumer<Guids> keeper;
  private long version;
  private Lease lease = Lease.NONE;
  /** The slug of each source object's episode: what {@code episodeOf} looks up. */
  private final Map<String, String> slugOf = new HashMap<>();

  /**
   * Gives {@code object}'s episode item guid {@code guid}, and keeps {@link #owners} the first
   * object (by name) of each guid.
   */
  private void registerGuid(String object, String guid) {
    String old = guids.put(object, guid);
    if (old != null && !old.equals(guid) && object.equals(owners.get(old))) {
      owners.remove(old); // rare: another object with the old guid becomes its owner
      guids.forEach((o, g) -> {
        if (g.equals(old)) {
          owners.merge(old, o, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
      });
    }
    owners.merge(guid, object, (a, b) -> a.compareTo(b) <= 0 ? a : b);
  }

  /** An empty store whose guids live as long as it does. */
  public InMemoryEpisodeStore() {
    this(Guids.NONE, guids -> { });
  }

  /**
   * An empty store whose guid registry starts from {@code assigned}; {@code keeper} receives the
   * whole registry after each commit that adds to it, before the commit returns.
   */
  public InMemoryEpisodeStore(Guids assigned, Consumer<Guids> keeper) {
    assigned.byObject().forEach(this::registerGuid);
    this.podcastGuid = assigned.podcastGuid().isEmpty() ? null : assigned.podcastGuid();
    this.keeper = Objects.requireNonNull(keeper, "keeper");
  }

  @Override
  public synchronized <T> T transaction(Function<Transaction, T> work) {
    Buffer buffer = new Buffer();
    T result = work.apply(buffer);
    // The registry is kept first: a keeper that fails leaves the transaction unapplied.
    Map<String, String> writtenGuids = buffer.writtenGuids();
    String newPodcastGuid = buffer.writtenPodcastGuid().orElse(podcastGuid);
    boolean newGuid = writtenGuids.entrySet().stream()
        .anyMatch(e -> !e.getValue().equals(guids.get(e.getKey())));
    if (newGuid || !java.util.Objects.equals(newPodcastGuid, podcastGuid)) {
      Map<String, String> newGuids = new HashMap<>(guids);
      newGuids.putAll(writtenGuids);
      keeper.accept(new Guids(newPodcastGuid == null ? "" : newPodcastGuid, newGuids));
      writtenGuids.forEach(this::registerGuid);
      podcastGuid = newPodcastGuid;
    }
    sources.putAll(buffer.writtenSources());
    long stamp = buffer.writtenVersion().orElse(version);
    for (Map.Entry<String, Optional<EpisodeRecord>> e : buffer.writtenEpisodes().entrySet()) {
      written.put(e.getKey(), stamp);
      EpisodeRecord old = e.getValue().isPresent()
          ? episodes.put(e.getKey(), e.getValue().get()) : episodes.remove(e.getKey());
      if (old != null) {
        slugOf.remove(old.sourceObject(), old.slug());
      }
      e.getValue().ifPresent(r -> slugOf.put(r.sourceObject(), r.slug()));
    }
    buffer.writtenVersion().ifPresent(v -> version = v);
    buffer.writtenLease().ifPresent(l -> lease = l);
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
  public synchronized List<EpisodeRecord> outlines() {
    List<EpisodeRecord> all = new ArrayList<>(episodes.size());
    for (EpisodeRecord r : episodes()) {
      all.add(r.outline());
    }
    return all;
  }

  @Override
  public synchronized Map<String, EpisodeRecord> episodes(java.util.Collection<String> slugs) {
    Map<String, EpisodeRecord> found = new java.util.HashMap<>();
    for (String slug : slugs) {
      EpisodeRecord r = episodes.get(slug);
      if (r != null) {
        found.put(slug, r);
      }
    }
    return found;
  }

  @Override
  public synchronized Changes changesSince(long since) {
    List<EpisodeRecord> records = new ArrayList<>();
    java.util.Set<String> removed = new java.util.HashSet<>();
    for (Map.Entry<String, Long> e : written.entrySet()) {
      if (e.getValue() > since) {
        EpisodeRecord record = episodes.get(e.getKey());
        if (record != null) {
          records.add(record);
        } else {
          removed.add(e.getKey());
        }
      }
    }
    return new Changes(records, removed);
  }

  @Override
  public synchronized List<EpisodeRecord> due(Instant now) {
    List<EpisodeRecord> due = new ArrayList<>();
    for (EpisodeRecord r : episodes()) {
      boolean publish = r.status() == EpisodeStatus.SCHEDULED && !r.publishDate().isAfter(now);
      boolean expire = r.status() == EpisodeStatus.PUBLISHED
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

  @Override
  public synchronized List<SourceRecord> rejected() {
    return sources.values().stream().filter(s -> s.outcome() == Outcome.REJECTED)
        .sorted(java.util.Comparator.comparing(SourceRecord::object)).toList();
  }

  @Override
  public synchronized Optional<String> podcastGuid() {
    return Optional.ofNullable(podcastGuid);
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

    Map<String, String> writtenGuids() {
      return guids();
    }

    Optional<String> writtenPodcastGuid() {
      return newPodcastGuid();
    }

    Optional<Lease> writtenLease() {
      return newLease();
    }

    @Override
    public Lease lease() {
      return InMemoryEpisodeStore.this.lease;
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
      String slug = InMemoryEpisodeStore.this.slugOf.get(object);
      return slug == null ? Optional.empty()
          : Optional.ofNullable(InMemoryEpisodeStore.this.episodes.get(slug));
    }

    @Override
    public long version() {
      return InMemoryEpisodeStore.this.version;
    }

    @Override
    public Optional<String> guid(String object) {
      return Optional.ofNullable(InMemoryEpisodeStore.this.guids.get(object));
    }

    @Override
    public Optional<String> guidOwner(String guid) {
      return Optional.ofNullable(InMemoryEpisodeStore.this.owners.get(guid));
    }

    @Override
    public Optional<String> podcastGuid() {
      return Optional.ofNullable(InMemoryEpisodeStore.this.podcastGuid);
    }
  }
}
