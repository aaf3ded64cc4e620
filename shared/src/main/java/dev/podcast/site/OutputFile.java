package dev.podcast.site;

import java.util.Objects;

/**
 * A rendered file and its site path.
 *
 * @param kind what it is: {@code page}, {@code transcript}, {@code listing}, {@code feed},
 *     {@code asset}
 */
public record OutputFile(String path, byte[] content, String kind) {
  public OutputFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(kind, "kind");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("site paths start with '/': " + path);
    }
  }
}
