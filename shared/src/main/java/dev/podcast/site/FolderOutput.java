package dev.podcast.site;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/** A {@link SiteOutput} on a local folder. Thread-safe. */
public final class FolderOutput implements SiteOutput {

  private static final java.util.concurrent.atomic.AtomicLong COUNTER =
      new java.util.concurrent.atomic.AtomicLong();

  private final Path root;

  public FolderOutput(Path root) throws IOException {
    this.root = Files.createDirectories(root).toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The file for a site path; throws when the path would leave the folder. */
  public Path file(String sitePath) {
    String relative = sitePath.startsWith("/") ? sitePath.substring(1) : sitePath;
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root) || file.equals(root) || sitePath.contains("\\")
        || sitePath.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("path outside the site: " + sitePath);
    }
    return file;
  }

  @Override
  public boolean write(String path, byte[] content) throws IOException {
    Path file = file(path);
    boolean exists = Files.isRegularFile(file);
    if (exists && Files.size(file) == content.length
        && Arrays.equals(Files.readAllBytes(file), content)) {
      return false;
    }
    if (!exists) {
      Files.createDirectories(file.getParent());
      try {
        // A new file: nobody can be reading an old version, so write it in place.
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // written meanwhile by someone else: replace it atomically below
      }
    }
    // A fresh name per write in the same folder, so that the move is atomic; created with the
    // process's usual permissions (createTempFile would make it owner-only).
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp-" + Thread.currentThread()
        .getId() + "-" + COUNTER.incrementAndGet());
    try {
      Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return true;
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    Path file = file(path);
    return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }
}
