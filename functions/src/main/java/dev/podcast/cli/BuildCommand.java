package dev.podcast.cli;

import dev.podcast.parse.ParserSettings;
import dev.podcast.problem.Problem;
import dev.podcast.site.BuildReport;
import dev.podcast.site.FolderOutput;
import dev.podcast.site.SiteBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code podcast build --source DIR --out DIR}: renders the whole site and all feeds. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
        "Renders the site and all feeds from a folder laid out like the source bucket",
        "(config.toml, content/post/..., static/, optional layouts/). Files whose content did",
        "not change are not rewritten. Exit 0 when published, 1 when an error made the result",
        "unpublishable (no feed is written then), 2 on bad usage."})
final class BuildCommand implements Callable<Integer> {

  @Option(names = "--source", required = true, paramLabel = "DIR",
      description = "The show's source folder.")
  Path source;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Where the site is written.")
  Path out;

  @Option(names = "--list", description = "Print every file written.")
  boolean list;

  @Option(names = "--timings", description = "Print how long each step took.")
  boolean timings;

  @Option(names = "--max-bytes", defaultValue = "5242880", paramLabel = "BYTES",
      description = "Reject episode files larger than this (default: ${DEFAULT-VALUE}).")
  long maxBytes;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
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
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    long start = System.nanoTime();
    BuildReport report = new SiteBuilder(Clock.systemUTC(), maxBytes)
        .build(source, new FolderOutput(out), line -> {
          boolean timing = line.startsWith("timing: ");
          if (timing ? timings : System.nanoTime() - start > 1_000_000_000L) {
            stderr.println("... " + line);
            stderr.flush();
          }
        });
    for (Problem problem : report.problems()) {
      stdout.println(problem.format());
    }
    for (Map.Entry<String, List<String>> kind : report.written().entrySet()) {
      stdout.println("wrote " + kind.getValue().size() + " " + kind.getKey()
          + (kind.getValue().size() == 1 ? "" : "s") + (list ? ":" : ""));
      if (list) {
        kind.getValue().forEach(path -> stdout.println("  " + path));
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    stdout.println(report.episodes() + " episodes, " + report.published() + " published; "
        + report.writtenCount() + " files written, " + report.unchanged() + " unchanged; "
        + report.errors() + " errors, " + report.warnings() + " warnings; " + ms + " ms");
    if (!report.feedsWritten()) {
      stdout.println("not published: fix the errors above; the feeds were not written, the"
          + " last good ones stay");
    }
    stdout.flush();
    return report.feedsWritten() ? ValidateCommand.EXIT_OK : ValidateCommand.EXIT_ERRORS;
  }
}
