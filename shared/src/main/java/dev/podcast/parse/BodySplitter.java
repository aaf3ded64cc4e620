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
   * The parts of a body.
   *
   * @param notes the Markdown of the show notes
   * @param transcript the transcript text, its first paragraph first; empty when there is none
   * @param transcriptLine the source line where the transcript starts
   * @param hasTranscript whether a transcript shortcode was found
   * @param closed whether the transcript was closed
   */
  record Parts(String notes, String transcript, int transcriptLine, boolean hasTranscript,
      boolean closed) {}

  private static final String TRANSCRIPT = "transcript";

  private BodySplitter() {}

  static Parts split(String body, int bodyLine, String file, List<Problem> problems) {
    int notesEnd = body.length();
    int transcriptStart = -1;
    int transcriptEnd = -1;
    int afterClose = -1;
    int transcriptLine = 0;
    String firstLine = "";
    int lineAtPos = bodyLine;
    int counted = 0;

    int pos = 0;
    while (true) {
      int open = body.indexOf("{{", pos);
      if (open < 0 || open + 2 >= body.length()) {
        break;
      }
      char kind = body.charAt(open + 2);
      if (kind != '<' && kind != '%') {
        pos = open + 2;
        continue;
      }
      lineAtPos += countNewlines(body, counted, open);
      counted = open;
      String closer = kind == '<' ? ">}}" : "%}}";
      int nameStart = skipSpaces(body, open + 3);
      boolean closing = nameStart < body.length() && body.charAt(nameStart) == '/';
      if (closing) {
        nameStart = skipSpaces(body, nameStart + 1);
      }
      int nameEnd = nameStart;
      while (nameEnd < body.length() && isNameChar(body.charAt(nameEnd))) {
        nameEnd++;
      }
      String name = body.substring(nameStart, nameEnd);
      int column = open - body.lastIndexOf('\n', open - 1);

      if (name.equals(TRANSCRIPT) && !closing && transcriptStart < 0) {
        int argStart = skipSpaces(body, nameEnd);
        int end = body.indexOf(closer, argStart);
        int eol = body.indexOf('\n', argStart);
        if (end < 0 || (eol >= 0 && end > eol && !quoteSpansLines(body, argStart, end))) {
          // No '>}}' on the line: take the rest of the line as the first line and say so.
          int stop = eol < 0 ? body.length() : eol;
          problems.add(new Problem(ProblemCode.MALFORMED_SHORTCODE, file, lineAtPos, column,
              "the transcript shortcode is not closed with '>}}' on its line; the rest of the"
                  + " line is read as the transcript's first line"));
          firstLine = unquote(body.substring(argStart, stop));
          transcriptStart = stop;
        } else {
          firstLine = unquote(body.substring(argStart, end));
          transcriptStart = end + closer.length();
        }
        notesEnd = open;
        transcriptLine = lineAtPos;
        pos = transcriptStart;
        continue;
      }
      int end = body.indexOf(closer, nameEnd);
      if (name.equals(TRANSCRIPT) && closing && transcriptStart >= 0 && transcriptEnd < 0) {
        transcriptEnd = open;
        afterClose = end < 0 ? body.length() : end + closer.length();
        pos = afterClose;
        continue;
      }
      if (name.isEmpty()) {
        problems.add(new Problem(ProblemCode.MALFORMED_SHORTCODE, file, lineAtPos, column,
            "'{{" + kind + "' starts a shortcode without a name; it is left as text"));
      } else {
        problems.add(new Problem(ProblemCode.UNKNOWN_SHORTCODE, file, lineAtPos, column,
            "the shortcode '" + (closing ? "/" : "") + name + "' is not supported and is left"
                + " as text"));
      }
      pos = end < 0 ? open + 3 : end + closer.length();
    }

    if (transcriptStart < 0) {
      return new Parts(body, "", 0, false, false);
    }
    boolean closed = transcriptEnd >= 0;
    String rest = body.substring(transcriptStart, closed ? transcriptEnd : body.length());
    String notes = body.substring(0, notesEnd);
    if (closed && afterClose < body.length() && !body.substring(afterClose).isBlank()) {
      notes = notes + "\n" + body.substring(afterClose);
    }
    // The rest of the opening line follows the first line, so that line numbers stay true.
    String transcript = firstLine + rest;
    return new Parts(notes, transcript, transcriptLine, true, closed);
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

  private static int countNewlines(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }
}
