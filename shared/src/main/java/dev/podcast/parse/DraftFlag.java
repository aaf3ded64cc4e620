package dev.podcast.parse;

import dev.podcast.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets an episode file's {@code draft} flag by editing one line of its front matter, leaving
 * every other byte as the author wrote it (TOML, YAML or JSON): the value of a top-level
 * {@code draft} key is replaced, or, when there is none, {@code draft = true} (in the file's own
 * syntax) is inserted as the first key. The result is read again to make sure the flag is what was
 * asked. Stateless and thread-safe.
 */
public final class DraftFlag {

  // key, separator, then the value: true/false, bare or quoted, in any case
  private static final Pattern VALUE = Pattern.compile(
      "^(\\s*[\"']?draft[\"']?\\s*[=:]\\s*)([\"']?)(true|false)\\2",
      Pattern.CASE_INSENSITIVE);

  private DraftFlag() {}

  /**
   * {@code text} with {@code draft} set to {@code draft}: the same text when it already is; empty
   * when the front matter cannot be read or its {@code draft} key is written in a way this cannot
   * edit safely (then the author has to).
   */
  public static Optional<String> set(String source, boolean draft) {
    String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
    Optional<FrontMatterReader.Split> split = read(text);
    if (split.isEmpty()) {
      return Optional.empty();
    }
    FrontMatter frontMatter = split.get().frontMatter();
    Optional<FrontMatter.Entry> entry = frontMatter.get("draft");
    if (entry.isPresent() && current(entry.get().value()).equals(Optional.of(draft))) {
      return Optional.of(text);
    }
    String edited = entry.isPresent()
        ? replace(text, entry.get().line(), draft)
        : insert(text, frontMatter.format(), draft);
    if (edited == null) {
      return Optional.empty();
    }
    // Never hand back a file whose flag is not what was asked.
    boolean done = read(edited)
        .flatMap(s -> s.frontMatter().get("draft"))
        .flatMap(e -> current(e.value()))
        .equals(Optional.of(draft));
    return done ? Optional.of(edited) : Optional.empty();
  }

  private static Optional<FrontMatterReader.Split> read(String text) {
    List<Problem> problems = new ArrayList<>();
    Optional<FrontMatterReader.Split> split = FrontMatterReader.read(text, "", problems);
    return problems.stream().anyMatch(Problem::isError) ? Optional.empty() : split;
  }

  private static Optional<Boolean> current(Object value) {
    if (value instanceof Boolean b) {
      return Optional.of(b);
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Optional.of(Boolean.parseBoolean(s));
    }
    return Optional.empty();
  }

  /** Replaces the value on 1-based {@code line}; null when that line is not a plain flag. */
  private static String replace(String text, int line, boolean draft) {
    int start = lineStart(text, line);
    if (start < 0) {
      return null;
    }
    int end = text.indexOf('\n', start);
    end = end < 0 ? text.length() : end;
    Matcher m = VALUE.matcher(text.substring(start, end));
    if (!m.find()) {
      return null;
    }
    return text.substring(0, start + m.start(3)) + draft + text.substring(start + m.end(3));
  }

  private static int lineStart(String text, int line) {
    if (line < 1) {
      return -1;
    }
    int pos = 0;
    for (int l = 1; l < line; l++) {
      pos = text.indexOf('\n', pos);
      if (pos < 0) {
        return -1;
      }
      pos++;
    }
    return pos;
  }

  /** Inserts the flag as the first key, after the opening delimiter. */
  private static String insert(String text, FrontMatter.Format format, boolean draft) {
    int open = 0;
    while (open < text.length() && Character.isWhitespace(text.charAt(open))) {
      open++;
    }
    if (format == FrontMatter.Format.JSON) {
      int after = open + 1; // just after '{'
      int next = after;
      while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
        next++;
      }
      boolean empty = next < text.length() && text.charAt(next) == '}';
      return text.substring(0, after) + "\"draft\": " + draft + (empty ? "" : ",")
          + text.substring(after);
    }
    int eol = text.indexOf('\n', open);
    if (eol < 0) {
      return null;
    }
    String line = format == FrontMatter.Format.TOML ? "draft = " + draft : "draft: " + draft;
    return text.substring(0, eol + 1) + line + "\n" + text.substring(eol + 1);
  }
}
