package dev.podcast.site;

import dev.podcast.adapter.local.FolderObjectStore;
import dev.podcast.adapter.local.StateFile;
import dev.podcast.problem.Problem;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.Result;
import dev.podcast.publish.SourceObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The test show in {@code src/test/resources/site}, published into a folder with a fixed clock
 * by the engine, as {@code podcast build} publishes it.
 */
final class TestSite {

  static final Path SOURCE = Path.of("src/test/resources/site");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  static final String BASE = "https://www.gcppodcast.com";

  /** What a build did: the engine's report, and the files it wrote and left as they were. */
  record Built(Publisher.Rebuilt rebuilt, int written, int unchanged) {
    List<Problem> problems() {
      return rebuilt.problems();
    }

    long errors() {
      return rebuilt.errors();
    }

    /** Whether anything was published (the configuration was readable). */
    boolean published() {
      return rebuilt.published();
    }

    /** Episodes live after the build. */
    int live() {
      return rebuilt.live();
    }

    /** Episode files read. */
    long episodes() {
      return rebuilt.results().stream().map(Result::object)
          .filter(o -> SourceObjects.kind(o) == SourceObjects.Kind.EPISODE).count();
    }
  }

  private TestSite() {}

  static Built build(Path source, Path out) throws IOException {
    AtomicInteger written = new AtomicInteger();
    AtomicInteger unchanged = new AtomicInteger();
    FolderObjectStore site = new FolderObjectStore(out, new FolderObjectStore.Changes() {
      @Override
      public void written(String name, boolean changed) {
        (changed ? written : unchanged).incrementAndGet();
      }

      @Override
      public void deleted(String name) {}
    });
    Publisher.Rebuilt rebuilt = new Publisher(new FolderObjectStore(source), site,
        StateFile.store(out), CLOCK).publishAll();
    return new Built(rebuilt, written.get(), unchanged.get());
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
