package dev.podcast.cli;

import dev.podcast.adapter.local.FolderObjectStore;
import dev.podcast.parse.ParserSettings;
import dev.podcast.problem.Problem;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.SourceObjects;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code podcast build --source DIR --out DIR}: the publishing engine over the two folders, the
 * whole show at once; what {@code serve} and the functions write, file for file.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
        "Publishes the show in a folder laid out like the source bucket (config.toml,",
        "content/post/..., static/, optional layouts/) into a folder laid out like the site",
        "bucket, as the pipeline publishes it. Files whose content did not change are not",
        "rewritten; files the show no longer has are removed. Exit 0 when everything was",
        "published, 1 when a file or the configuration has errors (those files are not",
        "published; the rest is), 2 on bad usage."})
final class BuildCommand implements Callable<Integer> {

  @Option(names = "--source", required = true, paramLabel = "DIR",
      description = "The show's source folder.")
  Path source;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Where the site is written.")
  Path out;

  @Option(names = "--list", description = "Print every file written or removed.")
  boolean list;

  @Option(names = "--timings", description = "Print how long each step took.")
  boolean timings;

  @Option(names = "--max-bytes", defaultValue = "5242880", paramLabel = "BYTES",
      description = "Reject episode files larger than this (default: ${DEFAULT-VALUE}).")
  long maxBytes;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!Files.isDirectory(source)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--source is not a folder: " + source);
    }
    if (!Files.isRegularFile(source.resolve("config.toml"))) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--source has no config.toml: " + source);
    }
    if (maxBytes <= 0 || maxBytes > ParserSettings.DEFAULT_MAX_FILE_BYTES * 20) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-bytes out of range");
    }
    long start = System.nanoTime();
    Written written = new Written();
    LocalShow show = LocalShow.onFolders(source, out, Optional.empty(), maxBytes,
        Clock.systemUTC(), written);
    Publisher.Rebuilt rebuilt = show.publisher().publishAll();
    PrintWriter stdout = spec.commandLine().getOut();
    for (Problem problem : rebuilt.problems()) {
      stdout.println(show.format(problem));
    }
    for (Map.Entry<String, List<String>> kind : written.byKind().entrySet()) {
      stdout.println("wrote " + kind.getValue().size() + " " + kind.getKey()
          + (kind.getValue().size() == 1 ? "" : "s") + (list ? ":" : ""));
      if (list) {
        kind.getValue().forEach(path -> stdout.println("  /" + path));
      }
    }
    if (list && !written.removed.isEmpty()) {
      stdout.println("removed " + written.removed.size() + ":");
      written.removed.stream().sorted().forEach(path -> stdout.println("  /" + path));
    }
    if (timings) {
      rebuilt.timings().forEach(step -> stdout.println("timing: " + step));
    }
    long episodes = rebuilt.results().stream()
        .filter(r -> SourceObjects.kind(r.object()) == SourceObjects.Kind.EPISODE).count();
    long published = rebuilt.live();
    long ms = (System.nanoTime() - start) / 1_000_000;
    stdout.println(episodes + " episodes, " + published + " published; "
        + written.changed.get() + " files written, " + written.unchanged.get() + " unchanged, "
        + written.removed.size() + " removed; " + rebuilt.errors() + " errors, "
        + rebuilt.warnings() + " warnings; " + ms + " ms");
    if (!rebuilt.published()) {
      stdout.println("not published: fix the configuration errors above; the site was left as"
          + " it was");
    } else if (rebuilt.errors() > 0) {
      stdout.println("the files with errors above were not published; the rest is");
    }
    stdout.flush();
    return rebuilt.errors() == 0 ? ValidateCommand.EXIT_OK : ValidateCommand.EXIT_ERRORS;
  }

  /** What the site folder saw: files written (by kind), left as they were, and removed. */
  private static final class Written implements FolderObjectStore.Changes {
    final Map<String, String> written = new ConcurrentHashMap<>();
    final AtomicInteger changed = new AtomicInteger();
    final AtomicInteger unchanged = new AtomicInteger();
    final List<String> removed = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void written(String name, boolean wasChanged) {
      if (!wasChanged) {
        unchanged.incrementAndGet();
      } else if (written.put(name, kind(name)) == null) {
        changed.incrementAndGet();
      }
    }

    @Override
    public void deleted(String name) {
      removed.add(name);
    }

    Map<String, List<String>> byKind() {
      Map<String, List<String>> kinds = new TreeMap<>();
      new TreeMap<>(written).forEach((name, kind) ->
          kinds.computeIfAbsent(kind, k -> new ArrayList<>()).add(name));
      return kinds;
    }

    /** What a site file is, for the report: by where it lives and what it is called. */
    static String kind(String name) {
      String file = name.substring(name.lastIndexOf('/') + 1);
      if (file.matches(".*\\.(square|social|thumb)\\.jpg")) {
        return "image";
      }
      if (file.equals("feed.xml") || file.equals("feed.json") || name.contains("feed/archive/")) {
        return "feed";
      }
      if (file.startsWith("transcript.")) {
        return "transcript";
      }
      if (name.startsWith("post/") && file.equals("index.html")) {
        return "page";
      }
      if (file.endsWith(".html") || file.equals("sitemap.xml") || file.equals("robots.txt")) {
        return "listing";
      }
      return "asset";
    }
  }
}
