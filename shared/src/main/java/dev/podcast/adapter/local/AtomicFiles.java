package dev.podcast.adapter.local;

import dev.podcast.port.ObjectStore.StoreUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A small state file replaced whole: written to {@code <file>.tmp-<pid>} beside it, then moved
 * over it (atomically where the file system can), so that a reader or a process killed midway
 * sees the old file or the new one, never half of one.
 */
final class AtomicFiles {

  /** What the temporary file's name adds to the file's, before the process id. */
  static final String TEMPORARY = ".tmp-";

  private AtomicFiles() {}

  /** Replaces {@code file} with {@code text}; an outage of the disk is a store outage. */
  static void replace(Path file, String text) {
    Path temp = file.resolveSibling(file.getFileName() + TEMPORARY
        + ProcessHandle.current().pid());
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the next open removes it
      }
      throw new StoreUnavailableException("cannot write " + file, e);
    }
  }
}
