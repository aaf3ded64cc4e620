package dev.podcast.problem;

import java.util.Objects;

/**
 * One thing wrong with a source file, located as precisely as the parser could: {@code line} and
 * {@code column} are 1-based; 0 means "the whole file" or "unknown".
 */
public record Problem(ProblemCode code, String file, int line, int column, String message) {

  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be >= 0");
    }
  }

  public Severity severity() {
    return code.severity();
  }

  public boolean isError() {
    return code.severity() == Severity.ERROR;
  }

  /** {@code path:line:col: error|warning: [code] message}, the format compilers use. */
  public String format() {
    return file + ":" + line + ":" + column + ": " + severity().word() + ": [" + code.code() + "] "
        + message;
  }

  private static final java.util.regex.Pattern FORMATTED = java.util.regex.Pattern.compile(
      "(.*):(\\d+):(\\d+): (?:error|warning): \\[([a-z0-9-]+)] (.*)", java.util.regex.Pattern.DOTALL);

  /** The problem {@code formatted} ({@link #format}) was, if it is one of a known code. */
  public static java.util.Optional<Problem> parse(String formatted) {
    java.util.regex.Matcher m = FORMATTED.matcher(formatted);
    if (!m.matches()) {
      return java.util.Optional.empty();
    }
    return ProblemCode.of(m.group(4)).map(code -> new Problem(code, m.group(1),
        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(5)));
  }

  @Override
  public String toString() {
    return format();
  }
}
