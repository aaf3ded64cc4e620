package dev.podcast.migrate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code guid = "..."} into an episode file's front matter (TOML between {@code +++}
 * lines, or {@code guid: "..."} in YAML between {@code ---} lines), as the line after the
 * opening one; every other byte of the file is kept as it was (whatever its encoding). A file
 * whose front matter names a guid already is left alone. Stateless.
 */
public final class FrontMatterGuid {

  private FrontMatterGuid() {}

  /** What {@link #write} did. */
  public sealed interface Outcome {
    /** The file with the guid added. */
    record Written(byte[] content) implements Outcome {}

    /** The front matter has this guid already. */
    record Unchanged() implements Outcome {}

    /** The front matter has another guid, which is kept. */
    record Conflict(String existing, int line) implements Outcome {}

    /** The file has no front matter to write into. */
    record NoFrontMatter() implements Outcome {}
  }

  private static final Pattern GUID_LINE = Pattern.compile(
      "^guid\\s*[=:]\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S.*?))\\s*$");

  /** {@code content} with {@code guid} in its front matter, or why not. */
  public static Outcome write(byte[] content, String guid) {
    // Latin-1 maps each byte to one char: positions are byte offsets, nothing is re-encoded.
    String text = new String(content, StandardCharsets.ISO_8859_1);
    int start = text.startsWith("\u00ef\u00bb\u00bf") ? 3 : 0; // a UTF-8 byte order mark
    int firstEnd = text.indexOf('\n', start);
    if (firstEnd < 0) {
      return new Outcome.NoFrontMatter();
    }
    String opening = text.substring(start, firstEnd).replace("\r", "").strip();
    boolean toml = opening.equals("+++");
    if (!toml && !opening.equals("---")) {
      return new Outcome.NoFrontMatter();
    }
    String newline = text.charAt(firstEnd - 1) == '\r' ? "\r\n" : "\n";
    int at = firstEnd + 1;
    int lineNumber = 2;
    boolean closed = false;
    while (at < text.length()) {
      int end = text.indexOf('\n', at);
      String line = text.substring(at, end < 0 ? text.length() : end).replace("\r", "");
      if (line.strip().equals(opening)) {
        closed = true;
        break;
      }
      if (line.startsWith("[")) {
        break; // a TOML table: top-level keys come before it
      }
      Matcher m = GUID_LINE.matcher(line);
      if (m.matches()) {
        String existing = m.group(1) != null ? unescape(m.group(1))
            : m.group(2) != null ? m.group(2) : m.group(3);
        existing = new String(existing.getBytes(StandardCharsets.ISO_8859_1),
            StandardCharsets.UTF_8);
        return existing.equals(guid) ? new Outcome.Unchanged()
            : new Outcome.Conflict(existing, lineNumber);
      }
      if (end < 0) {
        break;
      }
      at = end + 1;
      lineNumber++;
    }
    if (!closed && !toml) {
      return new Outcome.NoFrontMatter();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + guid.length() + 16);
    out.write(content, 0, firstEnd + 1);
    byte[] line = ((toml ? "guid = " : "guid: ") + quoted(guid) + newline)
        .getBytes(StandardCharsets.UTF_8);
    out.write(line, 0, line.length);
    out.write(content, firstEnd + 1, content.length - firstEnd - 1);
    return new Outcome.Written(out.toByteArray());
  }

  /** A double-quoted string as TOML and YAML both read it. */
  static String quoted(String value) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  private static String unescape(String quoted) {
    return quoted.replaceAll("\\\\([\"\\\\])", "$1");
  }
}
