package dev.podcast.port;

import dev.podcast.adapter.memory.InMemoryObjectStore;

/** The object store contract on the in-memory adapter. */
class InMemoryObjectStoreTest extends ObjectStoreContract {

  @Override
  protected ObjectStore store() {
    return new InMemoryObjectStore();
  }
}
