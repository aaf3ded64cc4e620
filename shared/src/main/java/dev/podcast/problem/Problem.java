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

  @Override
  public String toString() {
    return format();
  }
}
