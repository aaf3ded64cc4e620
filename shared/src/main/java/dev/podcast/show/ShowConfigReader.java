package dev.podcast.show;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** Reads a Hugo {@code config.toml}. Stateless and thread-safe. */
public final class ShowConfigReader {

  /** A configuration larger than this is rejected unread. */
  public static final long MAX_BYTES = 1024 * 1024;

  /** The configuration, or the problems that keep it from being read. */
  public record Result(Optional<ShowConfig> config, List<Problem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }
  }

  private ShowConfigReader() {}

  public static Result read(Path file, String displayName) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        return failed(displayName, 0, "the configuration is larger than 1 MiB");
      }
      return read(Files.readString(file, StandardCharsets.UTF_8), displayName);
    } catch (IOException e) {
      return failed(displayName, 0, "the configuration cannot be read: " + e.getMessage());
    }
  }

  public static Result read(String toml, String displayName) {
    TomlParseResult result = Toml.parse(toml);
    List<Problem> problems = new ArrayList<>();
    if (result.hasErrors()) {
      for (TomlParseError error : result.errors()) {
        problems.add(new Problem(ProblemCode.CONFIG_INVALID, displayName,
            error.position().line(), error.position().column(),
            "the configuration cannot be read: " + error.getMessage()));
      }
      return new Result(Optional.empty(), problems);
    }
    String baseUrl = text(result, "baseURL", displayName, problems);
    String title = text(result, "title", displayName, problems);
    String language = text(result, "languageCode", displayName, problems);
    String host = "";
    TomlTable params = result.getTable("params");
    if (params != null) {
      for (String key : params.keySet()) {
        if (key.equalsIgnoreCase("episodeHostBaseURL")) {
          Object value = params.get(List.of(key));
          if (value instanceof String s && (s.startsWith("https://") || s.startsWith("http://"))) {
            host = s.strip();
          } else {
            TomlPosition position = params.inputPositionOf(List.of(key));
            problems.add(new Problem(ProblemCode.CONFIG_INVALID, displayName,
                position == null ? 0 : position.line(), position == null ? 0 : position.column(),
                "params.episodeHostBaseURL must be an http(s) URL"));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      return new Result(Optional.empty(), problems);
    }
    return new Result(Optional.of(new ShowConfig(baseUrl, title,
        language.isEmpty() ? "en-us" : language.toLowerCase(Locale.ROOT), host)), problems);
  }

  /** A top-level string, its key matched case-insensitively as Hugo does; "" when absent. */
  private static String text(TomlParseResult toml, String key, String file,
      List<Problem> problems) {
    for (String k : toml.keySet()) {
      if (k.equalsIgnoreCase(key)) {
        Object value = toml.get(List.of(k));
        if (value instanceof String s) {
          return s.strip();
        }
        TomlPosition position = toml.inputPositionOf(List.of(k));
        problems.add(new Problem(ProblemCode.CONFIG_INVALID, file,
            position == null ? 0 : position.line(), position == null ? 0 : position.column(),
            "'" + k + "' must be text in quotes"));
      }
    }
    return "";
  }

  private static Result failed(String file, int line, String message) {
    return new Result(Optional.empty(),
        List.of(new Problem(ProblemCode.READ_FAILED, file, line, 0, message)));
  }
}
