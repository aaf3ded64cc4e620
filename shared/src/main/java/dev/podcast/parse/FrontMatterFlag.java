package dev.podcast.parse;

import dev.podcast.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets a true/false flag of an episode file ({@code draft}, {@code cms}) by editing one line of
 * its front matter, leaving every other byte as the author wrote it (TOML, YAML or JSON): the
 * value of the top-level key is replaced, or, when there is none, {@code key = value} (in the
 * file's own syntax) is inserted as the first key. The result is read again to make sure the flag
 * is what was asked. Stateless and thread-safe.
 */
public final class FrontMatterFlag {

  /** The flag a file written by the CMS webhook carries, set whatever the payload says. */
  public static final String CMS = "cms";

  private FrontMatterFlag() {}

  /** {@code source} with {@code draft} set to {@code draft}, as {@link #set} sets it. */
  public static Optional<String> draft(String source, boolean draft) {
    return set(source, "draft", draft);
  }

  /**
   * {@code text} with flag {@code key} (letters only) set to {@code value}: the same text when it
   * already is; empty when the front matter cannot be read or the key is written in a way this
   * cannot edit safely (then the author has to).
   */
  public static Optional<String> set(String source, String key, boolean value) {
    if (!key.chars().allMatch(Character::isLetter)) {
      throw new IllegalArgumentException("a flag is named by letters: " + key);
    }
    String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
    Optional<FrontMatterReader.Split> split = read(text);
    if (split.isEmpty()) {
      return Optional.empty();
    }
    FrontMatter frontMatter = split.get().frontMatter();
    Optional<FrontMatter.Entry> entry = frontMatter.get(key);
    if (entry.isPresent() && current(entry.get().value()).equals(Optional.of(value))) {
      return Optional.of(text);
    }
    String edited = entry.isPresent()
        ? replace(text, entry.get().line(), key, value)
        : insert(text, frontMatter.format(), key, value);
    if (edited == null) {
      return Optional.empty();
    }
    // Never hand back a file whose flag is not what was asked.
    boolean done = read(edited)
        .flatMap(s -> s.frontMatter().get(key))
        .flatMap(e -> current(e.value()))
        .equals(Optional.of(value));
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
  private static String replace(String text, int line, String key, boolean value) {
    int start = lineStart(text, line);
    if (start < 0) {
      return null;
    }
    int end = text.indexOf('\n', start);
    end = end < 0 ? text.length() : end;
    // key, separator, then the value: true/false, bare or quoted, in any case
    Matcher m = Pattern.compile("^(\\s*[\"']?" + key + "[\"']?\\s*[=:]\\s*)([\"']?)(true|false)\\2",
        Pattern.CASE_INSENSITIVE).matcher(text.substring(start, end));
    if (!m.find()) {
      return null;
    }
    return text.substring(0, start + m.start(3)) + value + text.substring(start + m.end(3));
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
  private static String insert(String text, FrontMatter.Format format, String key,
      boolean value) {
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
      return text.substring(0, after) + "\"" + key + "\": " + value + (empty ? "" : ",")
          + text.substring(after);
    }
    int eol = text.indexOf('\n', open);
    if (eol < 0) {
      return null;
    }
    String line = key + (format == FrontMatter.Format.TOML ? " = " : ": ") + value;
    return text.substring(0, eol + 1) + line + "\n" + text.substring(eol + 1);
  }
}
