package dev.podcast.port;

import dev.podcast.adapter.memory.InMemoryEpisodeStore;

/** The episode store contract on the in-memory adapter. */
class InMemoryEpisodeStoreTest extends EpisodeStoreContract {

  @Override
  protected EpisodeStore store() {
    return new InMemoryEpisodeStore();
  }
}
