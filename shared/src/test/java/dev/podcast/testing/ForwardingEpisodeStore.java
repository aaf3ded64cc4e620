package dev.podcast.testing;

import dev.podcast.port.EpisodeStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An {@link EpisodeStore} that hands every call to another: tests override
 * {@link #transaction} to inject outages into a real store.
 */
public abstract class ForwardingEpisodeStore implements EpisodeStore {

  protected final EpisodeStore delegate;

  protected ForwardingEpisodeStore(EpisodeStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> T transaction(Function<Transaction, T> work) {
    return delegate.transaction(work);
  }

  @Override
  public long version() {
    return delegate.version();
  }

  @Override
  public List<EpisodeRecord> episodes() {
    return delegate.episodes();
  }

  @Override
  public List<EpisodeRecord> outlines() {
    return delegate.outlines();
  }

  @Override
  public java.util.Map<String, EpisodeRecord> episodes(java.util.Collection<String> slugs) {
    return delegate.episodes(slugs);
  }

  @Override
  public Changes changesSince(long version) {
    return delegate.changesSince(version);
  }

  @Override
  public List<EpisodeRecord> due(Instant now) {
    return delegate.due(now);
  }

  @Override
  public Optional<SourceRecord> source(String object) {
    return delegate.source(object);
  }

  @Override
  public List<SourceRecord> rejected() {
    return delegate.rejected();
  }

  @Override
  public Optional<String> podcastGuid() {
    return delegate.podcastGuid();
  }
}
