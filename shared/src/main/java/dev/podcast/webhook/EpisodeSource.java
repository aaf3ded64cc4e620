package dev.podcast.webhook;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An episode file taken from a payload, and how to trace a problem in it back to the payload:
 * for a file sent whole, every problem is in {@code wholeField} at its own line and column; for a
 * file generated from fields, the line names the front matter key ({@link
 * EpisodeFileWriter.Written#keyAt}) and {@code pathOfKey} the payload field it came from.
 *
 * @param text the episode file
 * @param written how the file was generated; empty for a file sent whole
 * @param pathOfKey payload field of each front matter key (also {@code notes}, {@code transcript})
 * @param wholeField the payload field of the whole episode ({@code data.file}, {@code entry})
 * @param flagsAfter the line after which the endpoint inserted flag lines ({@code draft},
 *     {@code cms}) into a file sent whole: its opening delimiter; 0 when none were
 * @param flagLines how many lines it inserted there
 */
public record EpisodeSource(String text, Optional<EpisodeFileWriter.Written> written,
    Map<String, String> pathOfKey, String wholeField, int flagsAfter, int flagLines) {

  // Errors reported without a line of their own, by the key they are about.
  private static final Map<ProblemCode, String> KEY_OF_CODE = Map.of(
      ProblemCode.MISSING_TITLE, "title",
      ProblemCode.MISSING_DATE, "date",
      ProblemCode.MISSING_AUDIO, "audioFile");

  public EpisodeSource {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(written, "written");
    pathOfKey = Map.copyOf(pathOfKey);
    Objects.requireNonNull(wholeField, "wholeField");
  }

  /** A file sent whole in {@code field}. */
  public static EpisodeSource file(String text, String field) {
    return new EpisodeSource(text, Optional.empty(), Map.of(), field, 0, 0);
  }

  /** A file generated from the fields of a payload. */
  public static EpisodeSource generated(EpisodeFileWriter.Written written,
      Map<String, String> pathOfKey, String wholeField) {
    return new EpisodeSource(written.text(), Optional.of(written), pathOfKey, wholeField, 0, 0);
  }

  /**
   * The same source with its flags set ({@code draft}, {@code cms}): {@code other} is
   * {@link #text} with lines changed in place or inserted after its opening delimiter, so that
   * problems are still told at the lines the sender wrote.
   */
  public EpisodeSource withText(String other) {
    int inserted = flagLines + lines(other) - lines(text);
    int after = flagsAfter > 0 ? flagsAfter : 1 + lines(text.substring(0, text.length()
        - text.stripLeading().length()));
    return new EpisodeSource(other, written, pathOfKey, wholeField, inserted > 0 ? after : 0,
        Math.max(0, inserted));
  }

  private static int lines(String s) {
    return (int) s.chars().filter(c -> c == '\n').count();
  }

  /** The line of the text as sent that {@code line} of {@link #text} is. */
  private int sentLine(int line) {
    if (flagLines == 0 || line <= flagsAfter) {
      return line;
    }
    return line > flagsAfter + flagLines ? line - flagLines : flagsAfter;
  }

  /** {@code problem}, found in {@link #text}, as an error naming the payload field. */
  public FieldError error(Problem problem) {
    String field = wholeField;
    if (written.isPresent()) {
      String key = written.get().keyAt(problem.line());
      if (key.isEmpty()) {
        key = KEY_OF_CODE.getOrDefault(problem.code(), "");
      }
      if (!key.isEmpty()) {
        field = pathOfKey.getOrDefault(key, wholeField);
      }
    }
    return new FieldError(field, sentLine(problem.line()), problem.column(),
        problem.code().code(), problem.message());
  }
}
