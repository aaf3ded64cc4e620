package dev.podcast.adapter.local;

import dev.podcast.port.ObjectStore;
import dev.podcast.site.ContentTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An {@link ObjectStore} on a local folder, for {@code podcast serve}: object names are paths
 * under the folder. Generations are kept in memory for this process (a file seen for the first
 * time gets one from its modification time), which is what one local process needs; conditional
 * writes are serialised by one lock. An object's {@code updated} time is its file's modification
 * time. Thread-safe.
 */
public final class FolderObjectStore implements ObjectStore {

  private final Path root;
  private final Map<String, Long> generations = new HashMap<>();
  // The generation each file had when it went, until the watcher reports the delete: a file
  // deleted through this store (a webhook in serve) is reported with its generation, as Cloud
  // Storage reports it, not as generation 0.
  private final Map<String, Long> deletedGenerations = new HashMap<>();
  private final Map<String, String> contentTypes = new HashMap<>();
  private long last;

  public FolderObjectStore(Path root) {
    try {
      this.root = Files.createDirectories(root).toAbsolutePath().normalize();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(String name) {
    Path file = root.resolve(name).normalize();
    if (!file.startsWith(root) || file.equals(root) || name.contains("\\")
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("object name outside the folder: " + name);
    }
    return file;
  }

  private long nextGeneration() {
    last = Math.max(last + 1, System.currentTimeMillis() * 1000);
    return last;
  }

  /** The generation of the file now on disk, assigning one the first time it is seen. */
  private Optional<Long> current(String name) {
    Path file = file(name);
    if (!Files.isRegularFile(file)) {
      Long last = generations.remove(name);
      if (last != null) {
        deletedGenerations.put(name, last);
      }
      return Optional.empty();
    }
    deletedGenerations.remove(name);
    Long known = generations.get(name);
    if (known != null) {
      return Optional.of(known);
    }
    try {
      long generation = Math.max(1, Files.getLastModifiedTime(file).toMillis() * 1000);
      generations.put(name, generation);
      return Optional.of(generation);
    } catch (NoSuchFileException gone) {
      return Optional.empty(); // removed since it was seen
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized Optional<StoredObject> get(String name) {
    Optional<Long> generation = current(name);
    if (generation.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path file = file(name);
      byte[] content = Files.readAllBytes(file);
      return Optional.of(new StoredObject(name, content, generation.get(),
          contentTypes.getOrDefault(name, ContentTypes.of(name)),
          Files.getLastModifiedTime(file).toInstant()));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read " + name, e);
    }
  }

  @Override
  public synchronized Optional<Long> generation(String name) {
    return current(name);
  }

  /** Notes that {@code name} changed on disk (a new generation), as a watcher sees it. */
  public synchronized long touched(String name) {
    long generation = nextGeneration();
    generations.put(name, generation);
    return generation;
  }

  /** Notes that {@code name} was deleted on disk; returns the generation it had. */
  public synchronized long forgotten(String name) {
    Long generation = generations.remove(name);
    Long deleted = deletedGenerations.remove(name);
    return generation != null ? generation : deleted != null ? deleted : 0;
  }

  @Override
  public synchronized long put(Write write, long ifGenerationMatch) {
    long current = current(write.name()).orElse(DOES_NOT_EXIST);
    if (current != ifGenerationMatch) {
      throw new PreconditionFailedException(write.name(), ifGenerationMatch);
    }
    return put(write);
  }

  @Override
  public synchronized long put(Write write) {
    Path file = file(write.name());
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling("." + file.getFileName() + ".tmp-" + nextGeneration());
      Files.write(temp, write.content());
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot write " + write.name(), e);
    }
    long generation = nextGeneration();
    generations.put(write.name(), generation);
    contentTypes.put(write.name(), write.contentType());
    return generation;
  }

  @Override
  public synchronized boolean delete(String name, long ifGenerationMatch) {
    long current = current(name).orElse(DOES_NOT_EXIST);
    if (current != ifGenerationMatch) {
      throw new PreconditionFailedException(name, ifGenerationMatch);
    }
    return delete(name);
  }

  @Override
  public synchronized boolean delete(String name) {
    Long last = generations.remove(name);
    if (last != null) {
      deletedGenerations.put(name, last);
    }
    contentTypes.remove(name);
    try {
      return Files.deleteIfExists(file(name));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot delete " + name, e);
    }
  }

  @Override
  public synchronized List<String> list(String prefix) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(n -> n.startsWith(prefix) && !n.contains("/.") && !n.startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot list " + root, e);
    }
  }
}
