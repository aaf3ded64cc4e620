package dev.podcast.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The episode files of the real corpus, read into memory: {@code content/post/X/index.md} under
 * the folder named by the system property {@code podcast.corpus} (default {@code
 * ../../shared/corpus}, relative to the {@code shared} module, where Maven runs), else under {@code
 * src/test/resources/corpus}.
 *
 * @param root the corpus folder that was used
 * @param paths each file's path relative to {@code root}, with forward slashes, sorted
 * @param bytes each file's content, in the order of {@code paths}
 */
record Corpus(Path root, String[] paths, byte[][] bytes) {

  static final String PROPERTY = "podcast.corpus";
  static final String DEFAULT = "../../shared/corpus";
  static final String FALLBACK = "src/test/resources/corpus";

  /** Loads the corpus, or fails with a message saying where it looked. */
  static Corpus load() {
    List<Path> tried = new ArrayList<>();
    for (String candidate : List.of(System.getProperty(PROPERTY, DEFAULT), FALLBACK)) {
      Path root = Paths.get(candidate).toAbsolutePath().normalize();
      tried.add(root);
      if (Files.isDirectory(root.resolve("content/post"))) {
        return load(root);
      }
    }
    throw new IllegalStateException("no episode corpus (content/post/*/index.md) found; looked in "
        + tried + ". Set -D" + PROPERTY + "=<folder holding content/post>");
  }

  private static Corpus load(Path root) {
    List<Path> files;
    try (Stream<Path> dirs = Files.list(root.resolve("content/post"))) {
      files = dirs.map(dir -> dir.resolve("index.md")).filter(Files::isRegularFile).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no content/post/*/index.md files under " + root);
    }
    String[] paths = new String[files.size()];
    byte[][] bytes = new byte[files.size()][];
    for (int i = 0; i < files.size(); i++) {
      paths[i] = root.relativize(files.get(i)).toString().replace('\\', '/');
      try {
        bytes[i] = Files.readAllBytes(files.get(i));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Corpus(root, paths, bytes);
  }

  int size() {
    return paths.length;
  }

  long totalBytes() {
    long total = 0;
    for (byte[] b : bytes) {
      total += b.length;
    }
    return total;
  }
}
