package dev.podcast.adapter.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Turns changes in a local folder into the events Cloud Storage sends for a bucket: a new or
 * changed file is a finalize of a new generation, a removed file a delete of the generation it
 * had. Polls (modification time and size of every file), which works on every file system.
 * Not thread-safe: one thread calls {@link #poll}.
 */
public final class FolderWatcher {

  /** What a poll found. */
  public interface Listener {
    void finalized(String object, long generation);

    void deleted(String object, long generation);
  }

  private record Stamp(long modified, long size) {}

  private final Path root;
  private final FolderObjectStore store;
  private final Map<String, Stamp> seen = new HashMap<>();

  public FolderWatcher(Path root, FolderObjectStore store) {
    this.root = root.toAbsolutePath().normalize();
    this.store = Objects.requireNonNull(store);
  }

  /** Records the folder as it is now, without reporting anything (the start of a session). */
  public void baseline() {
    seen.clear();
    seen.putAll(scan());
  }

  /** Reports what changed since the last poll. */
  public void poll(Listener listener) {
    Map<String, Stamp> now = scan();
    for (Map.Entry<String, Stamp> e : now.entrySet()) {
      if (!e.getValue().equals(seen.get(e.getKey()))) {
        listener.finalized(e.getKey(), store.touched(e.getKey()));
      }
    }
    for (String gone : seen.keySet()) {
      if (!now.containsKey(gone)) {
        listener.deleted(gone, store.forgotten(gone));
      }
    }
    seen.clear();
    seen.putAll(now);
  }

  /**
   * Every file and its stamp. Files come and go while the folder is walked (an editor's
   * temporary file renamed over the real one): a file gone before it is read is not there, and
   * a folder gone during the walk makes the walk start again.
   */
  private Map<String, Stamp> scan() {
    for (int attempt = 1; ; attempt++) {
      try {
        return scanOnce();
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof NoSuchFileException) || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private Map<String, Stamp> scanOnce() {
    Map<String, Stamp> files = new HashMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = root.relativize(file).toString().replace('\\', '/');
        if (name.startsWith(".") || name.contains("/.")) {
          continue; // editors' swap files and our own temporary files
        }
        try {
          BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
          files.put(name, new Stamp(attributes.lastModifiedTime().toMillis(), attributes.size()));
        } catch (NoSuchFileException gone) {
          // removed since the walk listed it: not there
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
