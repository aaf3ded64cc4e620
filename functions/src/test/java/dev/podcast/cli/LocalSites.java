package dev.podcast.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Show folders and site folders for the command-line tests: copies, contents, differences. */
public final class LocalSites {

  static final Path EXAMPLE = Path.of("../examples/site");

  private LocalSites() {}

  /** The whole corpus of real episodes, when {@code ../shared/corpus} is beside the project. */
  static Optional<Path> corpus() {
    Path corpus = Path.of(System.getProperty("podcast.corpus", "../../shared/corpus"));
    return Files.isDirectory(corpus.resolve("content")) ? Optional.of(corpus) : Optional.empty();
  }

  /** A writable copy of the show in {@code from}, at {@code to}. */
  public static Path copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }

  /**
   * Every file of the site folder {@code site} by its path from there, with its bytes; the state
   * file beside the site ({@code .podcast/}) left out.
   */
  public static Map<String, byte[]> files(Path site) {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(site)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = site.relativize(file).toString().replace('\\', '/');
        if (!name.startsWith(".podcast/")) {
          files.put(name, Files.readAllBytes(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** What differs between two sites: files only in one, and files with other bytes. */
  static List<String> differences(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    List<String> differences = new ArrayList<>();
    TreeSet<String> all = new TreeSet<>(expected.keySet());
    all.addAll(actual.keySet());
    for (String name : all) {
      byte[] a = expected.get(name);
      byte[] b = actual.get(name);
      if (a == null || b == null) {
        differences.add((a == null ? "only in the second: " : "only in the first: ") + name);
      } else if (!Arrays.equals(a, b)) {
        differences.add("differs: " + name + firstDifference(a, b));
      }
    }
    return differences;
  }

  private static String firstDifference(byte[] a, byte[] b) {
    String[] x = new String(a, StandardCharsets.UTF_8).split("\n", -1);
    String[] y = new String(b, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (!x[i].equals(y[i])) {
        return " (line " + (i + 1) + ": " + cut(x[i]) + " | " + cut(y[i]) + ")";
      }
    }
    return " (" + x.length + " lines | " + y.length + " lines)";
  }

  private static String cut(String line) {
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }

  /** Runs {@code podcast build} on {@code source} into {@code out}; returns its output. */
  static String build(Path source, Path out) {
    java.io.StringWriter text = new java.io.StringWriter();
    int exit = PodcastCli.execute(new java.io.PrintWriter(text, true),
        new java.io.PrintWriter(text, true), "build", "--source", source.toString(), "--out",
        out.toString());
    if (exit != 0 && exit != 1) {
      throw new AssertionError("build failed (" + exit + "): " + text);
    }
    return text.toString();
  }
}
