package dev.podcast.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

/** The test show in {@code src/test/resources/site}, built into a folder with a fixed clock. */
final class TestSite {

  static final Path SOURCE = Path.of("src/test/resources/site");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  static final String BASE = "https://www.gcppodcast.com";

  private TestSite() {}

  static BuildReport build(Path source, Path out) throws IOException {
    return new SiteBuilder(CLOCK, 5 * 1024 * 1024).build(source, new FolderOutput(out), s -> { });
  }

  /** A writable copy of the test show, to change in a test. */
  static Path copy(Path to) throws IOException {
    try (Stream<Path> files = Files.walk(SOURCE)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(SOURCE.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }

  static String read(Path out, String sitePath) {
    try {
      return Files.readString(out.resolve(sitePath.substring(1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
