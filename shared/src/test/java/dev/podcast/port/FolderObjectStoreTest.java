package dev.podcast.port;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.podcast.adapter.local.FolderObjectStore;
import dev.podcast.adapter.local.FolderWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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

  @Test
  void aDeleteThroughTheStoreIsReportedWithTheGenerationItHad() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    FolderObjectStore store = new FolderObjectStore(root);
    FolderWatcher watcher = new FolderWatcher(root, store);
    watcher.baseline();
    long generation = store.put(new ObjectStore.Write("content/post/a/index.md",
        "x".getBytes(StandardCharsets.UTF_8), "text/markdown", ""));
    List<String> events = new ArrayList<>();
    FolderWatcher.Listener listener = new FolderWatcher.Listener() {
      @Override
      public void finalized(String object, long g) {
        events.add("finalized " + object);
      }

      @Override
      public void deleted(String object, long g) {
        events.add("deleted " + object + " " + g);
      }
    };
    watcher.poll(listener);
    long seen = store.generation("content/post/a/index.md").orElseThrow();
    store.delete("content/post/a/index.md");
    store.get("content/post/a/index.md"); // a read in between changes nothing
    watcher.poll(listener);
    assertEquals(List.of("finalized content/post/a/index.md",
        "deleted content/post/a/index.md " + seen), events);
    assertEquals(true, seen >= generation);
  }

  @Test
  void theWatcherWakesOnAChangeInANewFolderAndSeesARenameOverSave() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    FolderObjectStore store = new FolderObjectStore(root);
    FolderWatcher watcher = new FolderWatcher(root, store);
    watcher.baseline();
    List<String> events = new ArrayList<>();
    FolderWatcher.Listener listener = new FolderWatcher.Listener() {
      @Override
      public void finalized(String object, long g) {
        events.add("finalized " + object);
      }

      @Override
      public void deleted(String object, long g) {
        events.add("deleted " + object);
      }
    };
    assertEquals(true, watcher.watching(), "Linux reports changes (inotify)");
    assertEquals(false, watcher.awaitChange(50), "nothing changed");
    Files.createDirectories(root.resolve("content/post/new"));
    assertEquals(true, watcher.awaitChange(5_000), "a new folder is a change");
    watcher.poll(listener); // walks the new folders, and watches them from now on
    Path file = root.resolve("content/post/new/index.md");
    Path temporary = root.resolve("content/post/new/index.md.swp");
    Files.writeString(temporary, "first");
    Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    assertEquals(true, watcher.awaitChange(5_000), "a file renamed into a new folder");
    watcher.poll(listener);
    Files.writeString(temporary, "second, longer");
    Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals(true, watcher.awaitChange(5_000), "an editor's rename-over save");
    watcher.poll(listener);
    assertEquals("second, longer", new String(store.get("content/post/new/index.md")
        .orElseThrow().content(), StandardCharsets.UTF_8));
    // A folder removed with its file: reported on its parent, the file's delete is seen.
    Files.delete(file);
    Files.delete(root.resolve("content/post/new"));
    assertEquals(true, watcher.awaitChange(5_000), "a folder removed");
    watcher.poll(listener);
    // A change outside the reported folders is still seen by the full look that follows.
    Files.writeString(root.resolve("config.toml"), "title = \"x\"");
    watcher.poll(listener);
    assertEquals(List.of("finalized content/post/new/index.md",
        "finalized content/post/new/index.md", "deleted content/post/new/index.md",
        "finalized config.toml"), events);
  }
}
