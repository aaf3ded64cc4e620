package dev.podcast.adapter.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Turns changes in a local folder into the events Cloud Storage sends for a bucket: a new or
 * changed file is a finalize of a new generation, a removed file a delete of the generation it
 * had. Compares the modification time and size of every file, which works on every file system;
 * {@link #awaitChange} waits for the operating system to say something changed (inotify on
 * Linux, through the JDK's {@link WatchService}) so that a change is seen at once and an idle
 * folder is not walked over and over.
 * Not thread-safe: one thread calls {@link #poll} and {@link #awaitChange}.
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
  private final Set<Path> watched = new HashSet<>();
  /** The folders the operating system reported changes in since the last poll. */
  private final Set<Path> dirty = new HashSet<>();
  private WatchService watcher;
  private boolean watching = true;

  public FolderWatcher(Path root, FolderObjectStore store) {
    this.root = root.toAbsolutePath().normalize();
    this.store = Objects.requireNonNull(store);
  }

  /** Records the folder as it is now, without reporting anything (the start of a session). */
  public void baseline() {
    seen.clear();
    dirty.clear();
    seen.putAll(scan(root));
  }

  /**
   * Waits until something in the folder may have changed, or {@code timeoutMs} passed; returns
   * whether the operating system reported a change. Where it cannot watch folders, just sleeps.
   */
  public boolean awaitChange(long timeoutMs) throws InterruptedException {
    if (!watching()) {
      Thread.sleep(timeoutMs);
      return false;
    }
    WatchKey key = watcher.poll(timeoutMs, TimeUnit.MILLISECONDS);
    boolean changed = false;
    while (key != null) {
      for (WatchEvent<?> event : key.pollEvents()) {
        changed = true;
        // An overflow lost events: the whole folder is looked at.
        dirty.add(event.kind() == StandardWatchEventKinds.OVERFLOW ? root : (Path) key.watchable());
      }
      if (!key.reset()) {
        watched.remove((Path) key.watchable());
      }
      key = watcher.poll();
    }
    return changed;
  }

  /** Whether changes are reported by the operating system (else only polling sees them). */
  public boolean watching() {
    if (watching && watcher == null) {
      try {
        watcher = root.getFileSystem().newWatchService();
      } catch (IOException | UnsupportedOperationException e) {
        watching = false;
      }
    }
    return watching;
  }

  private void watch(Path folder) {
    if (!watching() || watched.contains(folder)) {
      return;
    }
    try {
      folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
      watched.add(folder);
    } catch (NoSuchFileException gone) {
      // removed since the walk saw it
    } catch (IOException e) {
      watching = false; // out of inotify watches, say: polling still sees every change
    }
  }

  /** Reports what changed since the last poll. */
  public void poll(Listener listener) {
    // After a report, only the folders it named (and what is below them) are looked at; else
    // the whole folder.
    List<Path> folders = dirty.isEmpty() || dirty.contains(root) ? List.of(root)
        : List.copyOf(dirty);
    dirty.clear();
    Map<String, Stamp> now = new HashMap<>();
    for (Path folder : folders) {
      now.putAll(scan(folder));
    }
    List<String> prefixes = folders.stream().map(f -> f.equals(root) ? ""
        : root.relativize(f).toString().replace('\\', '/') + "/").toList();
    for (Map.Entry<String, Stamp> e : now.entrySet()) {
      if (!e.getValue().equals(seen.get(e.getKey()))) {
        listener.finalized(e.getKey(), store.touched(e.getKey()));
      }
    }
    List<String> gone = seen.keySet().stream()
        .filter(name -> prefixes.stream().anyMatch(name::startsWith))
        .filter(name -> !now.containsKey(name)).toList();
    for (String name : gone) {
      listener.deleted(name, store.forgotten(name));
      seen.remove(name);
    }
    seen.putAll(now);
  }

  /**
   * Every file and its stamp. Files come and go while the folder is walked (an editor's
   * temporary file renamed over the real one): a file gone before it is read is not there, and
   * a folder gone during the walk makes the walk start again.
   */
  private Map<String, Stamp> scan(Path folder) {
    for (int attempt = 1; ; attempt++) {
      try {
        return scanOnce(folder);
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof NoSuchFileException) || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private Map<String, Stamp> scanOnce(Path folder) {
    Map<String, Stamp> files = new HashMap<>();
    if (!Files.isDirectory(folder)) {
      return files; // deleted since it was reported: nothing is below it
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.toList()) {
        if (Files.isDirectory(file)) {
          watch(file);
          continue;
        }
        if (!Files.isRegularFile(file)) {
          continue;
        }
        String name = root.relativize(file).toString().replace('\\', '/');
        if (name.startsWith(".") || name.contains("/.")) {
          continue; // editors' swap files and our own temporary files
        }
        if (name.chars().anyMatch(Character::isISOControl)
            || root.relativize(file).toString().contains("\\") && !"\\".equals(
                file.getFileSystem().getSeparator())) {
          continue; // a name no object can have (a line break, a backslash): never listed
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
