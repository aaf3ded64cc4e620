package dev.podcast.site;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a built site goes (the site bucket, a local folder, memory). Paths are site paths such as
 * {@code /post/x/index.html}, already checked to stay inside the site. Implementations must be
 * thread-safe: pages are written from several threads.
 */
public interface SiteOutput {

  /**
   * Writes {@code content} at {@code path}, atomically (a reader sees the old or the new file,
   * never a part), unless the same bytes are already there.
   *
   * @return true when the file was written, false when it was unchanged
   * @throws IOException when the write fails; nothing partial is left behind
   */
  boolean write(String path, byte[] content) throws IOException;

  /** The current content at {@code path}, if any. */
  Optional<byte[]> read(String path) throws IOException;
}
