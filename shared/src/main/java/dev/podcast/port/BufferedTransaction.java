package dev.podcast.port;

import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.port.EpisodeStore.SourceRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The write half of an {@link EpisodeStore.Transaction}: writes are held until the adapter
 * commits them, so reads see the state the transaction started from and a work function that
 * throws writes nothing. Adapters implement the reads and apply {@link #sources()},
 * {@link #episodes()}, {@link #newVersion()}, {@link #guids()}, {@link #newPodcastGuid()} and
 * {@link #newLease()} at commit. Not thread-safe (one transaction).
 */
public abstract class BufferedTransaction implements EpisodeStore.Transaction {

  private final Map<String, SourceRecord> sources = new LinkedHashMap<>();
  private final Map<String, Optional<EpisodeRecord>> episodes = new LinkedHashMap<>();
  private OptionalLong version = OptionalLong.empty();
  private final Map<String, String> guids = new LinkedHashMap<>();
  private Optional<String> podcastGuid = Optional.empty();
  private Optional<EpisodeStore.Lease> lease = Optional.empty();

  @Override
  public final void put(SourceRecord record) {
    sources.put(record.object(), record);
  }

  @Override
  public final void put(EpisodeRecord record) {
    episodes.put(record.slug(), Optional.of(record));
  }

  @Override
  public final void deleteEpisode(String slug) {
    episodes.put(slug, Optional.empty());
  }

  @Override
  public final void setVersion(long next) {
    version = OptionalLong.of(next);
  }

  @Override
  public final void putGuid(String object, String guid) {
    guids.put(object, guid);
  }

  @Override
  public final void putPodcastGuid(String guid) {
    podcastGuid = Optional.of(guid);
  }

  @Override
  public final void putLease(EpisodeStore.Lease newLease) {
    lease = Optional.of(newLease);
  }

  /** The regeneration lease, if recorded. */
  protected final Optional<EpisodeStore.Lease> newLease() {
    return lease;
  }

  /** The item guids recorded, by object name. */
  protected final Map<String, String> guids() {
    return Collections.unmodifiableMap(guids);
  }

  /** The show's guid, if recorded. */
  protected final Optional<String> newPodcastGuid() {
    return podcastGuid;
  }

  /** The source records written, by object name. */
  protected final Map<String, SourceRecord> sources() {
    return Collections.unmodifiableMap(sources);
  }

  /** The episode records written (present) or deleted (empty), by slug. */
  protected final Map<String, Optional<EpisodeRecord>> episodes() {
    return Collections.unmodifiableMap(episodes);
  }

  /** The version set, if any. */
  protected final OptionalLong newVersion() {
    return version;
  }
}
