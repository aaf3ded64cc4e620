package dev.podcast.port;

import dev.podcast.adapter.local.FolderObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The object store contract on the local-folder adapter. */
class FolderObjectStoreTest extends ObjectStoreContract {

  @Override
  protected ObjectStore store() {
    try {
      return new FolderObjectStore(Files.createTempDirectory("folder-store"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
