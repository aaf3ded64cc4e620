package dev.podcast.parse;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.util.List;

/**
 * Splits an episode body into show notes and transcript by finding Hugo shortcodes.
 *
 * <p>{@code {{< transcript "first line" >}}} starts the transcript; the string is its first
 * paragraph. Real files write it many ways, all accepted: {@code \"} inside the string or bare
 * quotes, {@code ">}}} without a space, extra spaces. The closing {@code {{< /transcript >}}} is
 * optional: without it the transcript runs to the end of the file. Text after a closing tag goes
 * back to the notes. Any other shortcode is left as it is and reported as a warning.
 *
 * <p>One pass with {@code indexOf}; no regular expressions. Stateless and thread-safe.
 */
final class BodySplitter {

  /**
   * The parts of a body. The transcript is not copied out of the source: it is {@code
   * firstLine} followed by {@code source} from {@code transcriptStart} to {@code transcriptEnd};
   * {@link #transcript()} puts it together.
   *
   * @param notes the Markdown of the show notes
   * @param firstLine the transcript's first paragraph, from the shortcode's argument
   * @param source the text that holds the rest of the transcript
   * @param transcriptStart where the rest of the transcript starts in {@code source}: the rest of
   *     the opening line follows the first line, so that line numbers stay true
   * @param transcriptEnd where it ends
   * @param transcriptLine the source line where the transcript starts
   * @param hasTranscript whether a transcript shortcode was found
   * @param closed whether the transcript was closed
   */
  record Parts(String notes, String firstLine, String source, int transcriptStart,
      int transcriptEnd, int transcriptLine, boolean hasTranscript, boolean closed) {

    /** The transcript text, its first paragraph first; empty when there is none. */
    String transcript() {
      return firstLine + source.substring(transcriptStart, transcriptEnd);
    }
  }

  private static final String TRANSCRIPT = "transcript";

  private BodySplitter() {}

  /** Splits {@code body}; {@code bodyLine} is its first line. */
  static Parts split(String body, int bodyLine, String file, List<Problem> problems) {
    return split(body, 0, bodyLine, file, problems);
  }

  /**
   * Splits the body that is {@code text} from {@code bodyStart} to its end (a character before
   * {@code bodyStart}, if any, is a line break); {@code bodyLine} is the body's first line.
   */
  static Parts split(String text, int bodyStart, int bodyLine, String file,
      List<Problem> problems) {
    int n = text.length();
    int notesEnd = n;
    int transcriptStart = -1;
    int transcriptEnd = -1;
    int afterClose = -1;
    int transcriptLine = 0;
    String firstLine = "";
    // Line numbers are only needed for problems and the transcript's start: count lazily, so
    // that a body without them (the usual case) is not scanned for line breaks.
    Lines lines = new Lines(text, bodyStart, bodyLine);
    Closers closers = new Closers(text);
    int told = 0;
    int unreported = 0;

    int pos = bodyStart;
    while (true) {
      int open = text.indexOf("{{", pos);
      if (open < 0 || open + 2 >= n) {
        break;
      }
      char kind = text.charAt(open + 2);
      if (kind != '<' && kind != '%') {
        pos = open + 2;
        continue;
      }
      String closer = kind == '<' ? ">}}" : "%}}";
      int nameStart = skipSpaces(text, open + 3);
      boolean closing = nameStart < n && text.charAt(nameStart) == '/';
      if (closing) {
        nameStart = skipSpaces(text, nameStart + 1);
      }
      int nameEnd = nameStart;
      while (nameEnd < n && isNameChar(text.charAt(nameEnd))) {
        nameEnd++;
      }
      String name = text.substring(nameStart, nameEnd);

      if (name.equals(TRANSCRIPT) && !closing && transcriptStart < 0) {
        int argStart = skipSpaces(text, nameEnd);
        int end = closers.from(closer, argStart);
        int eol = text.indexOf('\n', argStart);
        if (end < 0 || (eol >= 0 && end > eol && !quoteSpansLines(text, argStart, end))) {
          // No '>}}' on the line: take the rest of the line as the first line and say so.
          int stop = eol < 0 ? n : eol;
          problems.add(new Problem(ProblemCode.MALFORMED_SHORTCODE, file, lines.at(open),
              column(text, bodyStart, open),
              "the transcript shortcode is not closed with '>}}' on its line; the rest of the"
                  + " line is read as the transcript's first line"));
          firstLine = unquote(text.substring(argStart, stop));
          transcriptStart = stop;
        } else {
          firstLine = unquote(text.substring(argStart, end));
          transcriptStart = end + closer.length();
        }
        notesEnd = open;
        transcriptLine = lines.at(open);
        pos = transcriptStart;
        continue;
      }
      int end = closers.from(closer, nameEnd);
      if (name.equals(TRANSCRIPT) && closing && transcriptStart >= 0 && transcriptEnd < 0) {
        transcriptEnd = open;
        afterClose = end < 0 ? n : end + closer.length();
        pos = afterClose;
        continue;
      }
      if (told++ >= MAX_SHORTCODE_WARNINGS) {
        unreported++;
      } else if (name.isEmpty()) {
        problems.add(new Problem(ProblemCode.MALFORMED_SHORTCODE, file, lines.at(open),
            column(text, bodyStart, open),
            "'{{" + kind + "' starts a shortcode without a name; it is left as text"));
      } else {
        problems.add(new Problem(ProblemCode.UNKNOWN_SHORTCODE, file, lines.at(open),
            column(text, bodyStart, open), "the shortcode '" + (closing ? "/" : "") + name
                + "' is not supported and is left as text"));
      }
      pos = end < 0 ? open + 3 : end + closer.length();
    }
    if (unreported > 0) {
      problems.add(new Problem(ProblemCode.UNKNOWN_SHORTCODE, file, lines.at(pos), 1,
          String.format(java.util.Locale.ROOT, "and %,d more shortcodes like those above, also"
              + " left as text", unreported)));
    }

    if (transcriptStart < 0) {
      return new Parts(text.substring(bodyStart), "", text, n, n, 0, false, false);
    }
    boolean closed = transcriptEnd >= 0;
    String notes = text.substring(bodyStart, notesEnd);
    if (closed && afterClose < n && !isBlank(text, afterClose, n)) {
      notes = notes + "\n" + text.substring(afterClose);
    }
    return new Parts(notes, firstLine, text, transcriptStart, closed ? transcriptEnd : n,
        transcriptLine, true, closed);
  }

  /** Shortcode warnings told one by one; the rest are counted in one more. */
  static final int MAX_SHORTCODE_WARNINGS = 20;

  /**
   * Where each closer ({@code >}}}, {@code %}}}) next occurs, remembered: a body with thousands
   * of {@code {{<} and no closer is searched once, not once for each of them.
   */
  private static final class Closers {
    private final String text;
    private final java.util.Map<String, int[]> last = new java.util.HashMap<>();

    Closers(String text) {
      this.text = text;
    }

    /** {@code text.indexOf(closer, from)}, for {@code from} that never go back by much. */
    int from(String closer, int from) {
      int[] known = last.get(closer); // {searched from, found at}
      if (known != null && from >= known[0] && (known[1] < 0 || known[1] >= from)) {
        return known[1];
      }
      int found = text.indexOf(closer, from);
      last.put(closer, new int[] {from, found});
      return found;
    }
  }

  /** The 1-based column of {@code offset} in its line; the body's first line starts at 1. */
  private static int column(String text, int bodyStart, int offset) {
    return offset - Math.max(text.lastIndexOf('\n', offset - 1), bodyStart - 1);
  }

  /** Like {@link String#isBlank()} on {@code s.substring(from, to)}, without the copy. */
  private static boolean isBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Line numbers of increasing offsets, counting line breaks only as far as asked. */
  private static final class Lines {
    private final String text;
    private int counted;
    private int line;

    Lines(String text, int start, int firstLine) {
      this.text = text;
      this.counted = start;
      this.line = firstLine;
    }

    int at(int offset) {
      for (int i = counted; i < offset; i++) {
        if (text.charAt(i) == '\n') {
          line++;
        }
      }
      counted = Math.max(counted, offset);
      return line;
    }
  }

  /** The argument of the transcript shortcode, without its quotes, escapes resolved. */
  private static String unquote(String argument) {
    String s = argument.strip();
    if (s.length() >= 2 && s.charAt(0) == '`') {
      int close = s.lastIndexOf('`');
      return close > 0 ? s.substring(1, close) : s.substring(1);
    }
    if (s.isEmpty() || s.charAt(0) != '"') {
      return s;
    }
    int close = s.lastIndexOf('"');
    String inner = close > 0 ? s.substring(1, close) : s.substring(1);
    if (inner.indexOf('\\') < 0) {
      return inner;
    }
    StringBuilder out = new StringBuilder(inner.length());
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\' && i + 1 < inner.length()) {
        char next = inner.charAt(i + 1);
        if (next == '"' || next == '\\') {
          out.append(next);
          i++;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean quoteSpansLines(String body, int argStart, int end) {
    return argStart < body.length() && body.charAt(argStart) == '`' && end - argStart < 100_000;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '/' || c == '.';
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
