package dev.podcast.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes the canonical episode file: TOML front matter between {@code +++} lines, as the corpus
 * writes it (keys in alphabetical order, strings in double quotes), then the show notes, then the
 * transcript inside {@code {{< transcript "" >}}} ... {@code {{< /transcript >}}}. Line endings
 * are {@code \n}; text that JSON can carry and TOML cannot (an unpaired surrogate) becomes U+FFFD,
 * which the parser reports as a warning.
 *
 * <p>Front matter values are {@code String}, {@code Long}, {@code Double}, {@code Boolean} or a
 * {@code List} of {@code String}, {@code Long} and {@code Double}. Stateless and thread-safe.
 */
public final class EpisodeFileWriter {

  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  /**
   * A written file and, for each of its lines (index 0 is line 1), the front matter key it holds
   * ({@code notes} and {@code transcript} for the body, empty for delimiters and blank lines):
   * how a problem found in the file is traced back to the payload field it came from.
   */
  public record Written(String text, List<String> keyOfLine) {
    public Written {
      Objects.requireNonNull(text, "text");
      keyOfLine = List.copyOf(keyOfLine);
    }

    /** The key at 1-based {@code line}; empty when none. */
    public String keyAt(int line) {
      return line >= 1 && line <= keyOfLine.size() ? keyOfLine.get(line - 1) : "";
    }
  }

  private EpisodeFileWriter() {}

  /**
   * Writes an episode.
   *
   * @param frontMatter keys and values; keys are written in alphabetical order (ignoring case)
   * @param notes the show notes, Markdown; may be empty
   * @param transcript the transcript, plain text in speaker turns; empty for none
   * @throws IllegalArgumentException for a value of another type
   */
  public static Written write(Map<String, Object> frontMatter, String notes, String transcript) {
    Map<String, Object> sorted = new TreeMap<>(Comparator.CASE_INSENSITIVE_THEN_NATURAL);
    sorted.putAll(frontMatter);
    StringBuilder out = new StringBuilder();
    List<String> keys = new ArrayList<>();
    line(out, keys, "+++", "");
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      line(out, keys, key(e.getKey()) + " = " + value(e.getKey(), e.getValue()), e.getKey());
    }
    line(out, keys, "+++", "");
    String body = normalise(notes);
    if (!body.isEmpty()) {
      line(out, keys, "", "");
      for (String l : body.split("\n", -1)) {
        line(out, keys, l, "notes");
      }
    }
    String spoken = normalise(transcript);
    if (!spoken.isEmpty()) {
      line(out, keys, "", "");
      line(out, keys, "{{< transcript \"\" >}}", "transcript");
      line(out, keys, "", "transcript");
      for (String l : spoken.split("\n", -1)) {
        line(out, keys, l, "transcript");
      }
      line(out, keys, "", "transcript");
      line(out, keys, "{{< /transcript >}}", "transcript");
    }
    return new Written(out.toString(), keys);
  }

  private static void line(StringBuilder out, List<String> keys, String text, String key) {
    out.append(text).append('\n');
    keys.add(key);
  }

  /** Line breaks as {@code \n}, no surrounding blank lines, unpaired surrogates replaced. */
  private static String normalise(String text) {
    return sanitise(text.replace("\r\n", "\n").replace('\r', '\n')).strip();
  }

  private static String key(String key) {
    return BARE_KEY.matcher(key).matches() ? key : quote(key);
  }

  private static String value(String key, Object value) {
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Long || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new IllegalArgumentException(key + ": not a finite number");
      }
      return d.toString();
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>(list.size());
      for (Object item : list) {
        if (item instanceof List<?>) {
          throw new IllegalArgumentException(key + ": lists of lists are not front matter");
        }
        items.add(value(key, item));
      }
      return "[" + String.join(", ", items) + "]";
    }
    throw new IllegalArgumentException(key + ": a " + (value == null ? "null"
        : value.getClass().getSimpleName()) + " is not a front matter value");
  }

  /** A TOML basic string. */
  public static String quote(String raw) {
    String s = sanitise(raw);
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7F) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** {@code s} with every unpaired surrogate replaced by U+FFFD. */
  static String sanitise(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1));
      if (paired) {
        if (out != null) {
          out.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        if (out == null) {
          out = new StringBuilder(s.length()).append(s, 0, i);
        }
        out.append('\uFFFD');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** Alphabetical ignoring case; keys that differ only in case keep a fixed order. */
  private enum Comparator implements java.util.Comparator<String> {
    CASE_INSENSITIVE_THEN_NATURAL;

    @Override
    public int compare(String a, String b) {
      int c = String.CASE_INSENSITIVE_ORDER.compare(a, b);
      return c != 0 ? c : a.compareTo(b);
    }
  }
}
