package dev.podcast.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.podcast.parse.ParserSettings;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemJson;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.SourceObjects;
import dev.podcast.validate.Validation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code podcast validate PATH...}: checks episode files and prints every problem. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
        "Checks episode files and prints one line per problem:",
        "  path:line:col: error|warning: [code] message",
        "then 'N files, E errors, W warnings'. Folders are searched (in content/ when they have"
            + " one). Exit 0 without errors, 1 with errors, 2 on bad usage."})
final class ValidateCommand implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_ERRORS = 1;
  static final int EXIT_USAGE = 2;

  enum Format { text, json }

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Episode files or site folders.")
  List<Path> paths;

  @Option(names = "--format", defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--max-bytes", defaultValue = "5242880", paramLabel = "BYTES",
      description = "Reject files larger than this before reading them (default: ${DEFAULT-VALUE}).")
  long maxBytes;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (maxBytes <= 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-bytes must be > 0");
    }
    Validation.Report report;
    try {
      report = validate();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(json(report));
    } else {
      for (Problem problem : report.problems()) {
        out.println(problem.format());
      }
      List<String> counts = byCode(report);
      if (!counts.isEmpty()) {
        out.println();
        out.println("by problem code:");
        counts.forEach(out::println);
      }
      out.println(summary(report));
    }
    out.flush();
    return report.errors() > 0 ? EXIT_ERRORS : EXIT_OK;
  }

  /**
   * A show's folder (one with a {@code config.toml}) is published into memory by the engine
   * {@code build} and {@code serve} run, so that the three report the same problems; files and
   * other folders are parsed, with the show's {@code config.toml} from a folder above.
   */
  private Validation.Report validate() {
    List<Problem> problems = new java.util.ArrayList<>();
    int files = 0;
    List<Path> others = new java.util.ArrayList<>();
    for (Path path : paths) {
      if (java.nio.file.Files.isDirectory(path)
          && java.nio.file.Files.isRegularFile(path.resolve("config.toml"))) {
        LocalShow show = LocalShow.inMemory(path, maxBytes, java.time.Clock.systemUTC());
        Publisher.Rebuilt rebuilt = show.publisher().publishAll();
        rebuilt.problems().forEach(p -> problems.add(show.named(p)));
        files += (int) show.source().list("content/").stream()
            .filter(o -> SourceObjects.kind(o) == SourceObjects.Kind.EPISODE).count();
      } else {
        others.add(path);
      }
    }
    if (!others.isEmpty()) {
      Validation.Report rest = new Validation(ParserSettings.defaults().withMaxFileBytes(maxBytes))
          .run(others);
      problems.addAll(rest.problems());
      files += rest.files();
    }
    return new Validation.Report(files, problems);
  }

  /**
   * One line per problem code found, most frequent first: {@code   broken-link  12 warnings}, so
   * that 300 files' problems read as a few kinds of fix.
   */
  static List<String> byCode(Validation.Report report) {
    java.util.Map<dev.podcast.problem.ProblemCode, Long> counts = counts(report);
    int width = counts.keySet().stream().mapToInt(c -> c.code().length()).max().orElse(0);
    return counts.entrySet().stream()
        .sorted(java.util.Map.Entry.<dev.podcast.problem.ProblemCode, Long>comparingByValue()
            .reversed())
        .map(e -> String.format(java.util.Locale.ROOT, "  %-" + width + "s %6d %s%s",
            e.getKey().code(), e.getValue(), e.getKey().severity().word(),
            e.getValue() == 1 ? "" : "s"))
        .toList();
  }

  /** How many problems of each code {@code report} has, by code. */
  private static java.util.Map<dev.podcast.problem.ProblemCode, Long> counts(
      Validation.Report report) {
    java.util.Map<dev.podcast.problem.ProblemCode, Long> counts = new java.util.TreeMap<>(
        java.util.Comparator.comparing(dev.podcast.problem.ProblemCode::code));
    report.problems().forEach(p -> counts.merge(p.code(), 1L, Long::sum));
    return counts;
  }

  static String summary(Validation.Report report) {
    return report.files() + (report.files() == 1 ? " file, " : " files, ")
        + report.errors() + (report.errors() == 1 ? " error, " : " errors, ")
        + report.warnings() + (report.warnings() == 1 ? " warning" : " warnings");
  }

  private static String json(Validation.Report report) {
    JsonObject root = new JsonObject();
    root.addProperty("files", report.files());
    root.addProperty("errors", report.errors());
    root.addProperty("warnings", report.warnings());
    root.add("problems", ProblemJson.of(report.problems()));
    JsonObject byCode = new JsonObject();
    counts(report).forEach((code, n) -> byCode.addProperty(code.code(), n));
    root.add("byCode", byCode);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
  }
}
