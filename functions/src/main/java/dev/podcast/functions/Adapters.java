package dev.podcast.functions;

import dev.podcast.adapter.gcs.GcsObjectStores;
import dev.podcast.port.EpisodeStore;
import dev.podcast.publish.Publisher;
import java.time.Clock;

/** The real adapters, wired from a {@link FunctionsConfig}: what the no-arg constructors use. */
final class Adapters {

  private Adapters() {}

  /** The publish use case on Cloud Storage and the episode store of {@code config.showId()}. */
  static Publisher publisher(FunctionsConfig config) {
    EpisodeStore episodes = episodeStore(config.showId());
    // Lazy: neither store contacts Cloud Storage before its first call.
    return new Publisher(GcsObjectStores.fromEnvironment(config.sourceBucket()),
        GcsObjectStores.fromEnvironment(config.siteBucket()), episodes, Clock.systemUTC());
  }

  /**
   * The Firestore episode store of {@code showId}.
   *
   * <p>TODO(firestore): return {@code dev.podcast.adapter.firestore.FirestoreEpisodeStores
   * .fromEnvironment(showId)} once that adapter is on main (it is being written on another
   * branch). Until then a deployed function fails at start, loudly; the tests use the
   * constructors that take the ports.
   */
  static EpisodeStore episodeStore(String showId) {
    throw new IllegalStateException("Firestore adapter not yet available");
  }
}
