package dev.podcast.parse;

import dev.podcast.episode.Transcript;
import dev.podcast.episode.Turn;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses transcript text into speaker turns without going through Markdown.
 *
 * <p>Paragraphs are separated by blank lines. A paragraph that starts with an upper-case speaker
 * label ({@code MARK:}, {@code MARK MANDEL:}, {@code SPEAKER 1:}) starts a turn; one without a
 * label continues the previous speaker. Sound cues in brackets ({@code [MUSIC PLAYING]}) are
 * collected; cues that open a paragraph before a label, or stand alone, become turns of their own
 * with no speaker. Stateless and thread-safe.
 */
final class TranscriptParser {

  static final int MAX_LABEL_LENGTH = 40;
  static final int MAX_LABEL_WORDS = 5;
  static final int MAX_CUE_LENGTH = 60;

  private TranscriptParser() {}

  static Transcript parse(String text, int firstLine, boolean closed) {
    List<Turn> turns = new ArrayList<>();
    Builder current = null;
    StringBuilder paragraph = new StringBuilder(256);
    int paragraphLine = firstLine;
    int line = firstLine;
    int n = text.length();
    int pos = 0;
    while (pos <= n) {
      int eol = text.indexOf('\n', pos);
      int end = eol < 0 ? n : eol;
      if (isBlank(text, pos, end)) {
        if (paragraph.length() > 0) {
          current = paragraph(paragraph.toString(), paragraphLine, current, turns);
          paragraph.setLength(0);
        }
      } else {
        if (paragraph.length() > 0 && startsTurn(text, pos, end)) {
          // Some files put each turn on its own line with no blank line between them.
          current = paragraph(paragraph.toString(), paragraphLine, current, turns);
          paragraph.setLength(0);
        }
        if (paragraph.length() == 0) {
          paragraphLine = line;
        } else {
          paragraph.append(' ');
        }
        appendStripped(paragraph, text, pos, end);
      }
      if (eol < 0) {
        break;
      }
      pos = eol + 1;
      line++;
    }
    if (paragraph.length() > 0) {
      current = paragraph(paragraph.toString(), paragraphLine, current, turns);
    }
    if (current != null) {
      turns.add(current.build());
    }
    return new Transcript(turns, closed);
  }

  /** Whether the line {@code [from, to)} opens with a speaker label, after any cues. */
  private static boolean startsTurn(String text, int from, int to) {
    int pos = skipWhitespace(text, from);
    if (pos >= to) {
      return false;
    }
    String line = text.substring(pos, Math.min(to, pos + MAX_LABEL_LENGTH + 3 * MAX_CUE_LENGTH));
    int i = 0;
    while (i < line.length() && line.charAt(i) == '[') {
      int close = cueEnd(line, i);
      if (close < 0) {
        return false;
      }
      i = skipWhitespace(line, close + 1);
    }
    return labelEnd(line, i) >= 0;
  }

  /** Adds one paragraph; returns the turn that is open afterwards. */
  private static Builder paragraph(String p, int line, Builder current, List<Turn> turns) {
    int pos = 0;
    int n = p.length();
    // Cues before a label, or alone, stand as turns of their own.
    while (pos < n && p.charAt(pos) == '[') {
      int close = cueEnd(p, pos);
      if (close < 0) {
        break;
      }
      int next = skipWhitespace(p, close + 1);
      if (next < n && p.charAt(next) != '[' && labelEnd(p, next) < 0) {
        break;
      }
      if (current != null) {
        turns.add(current.build());
      }
      current = new Builder("", line);
      current.append(p.substring(pos, close + 1));
      turns.add(current.build());
      current = null;
      pos = next;
    }
    if (pos >= n) {
      return current;
    }
    int labelEnd = labelEnd(p, pos);
    if (labelEnd >= 0) {
      if (current != null) {
        turns.add(current.build());
      }
      current = new Builder(p.substring(pos, labelEnd).strip(), line);
      current.append(p.substring(skipWhitespace(p, labelEnd + 1)));
      return current;
    }
    if (current == null) {
      current = new Builder("", line);
    }
    current.append(p.substring(pos));
    return current;
  }

  /**
   * When a speaker label starts at {@code pos}, the index of its colon; else -1. A label is upper
   * case (letters, digits, spaces, {@code . ' ’ - &}), starts with a letter, has at most
   * {@value #MAX_LABEL_WORDS} words and is followed by whitespace or the end.
   */
  static int labelEnd(String p, int pos) {
    int n = p.length();
    if (pos >= n || !Character.isUpperCase(p.charAt(pos))) {
      return -1;
    }
    int words = 1;
    int limit = Math.min(n, pos + MAX_LABEL_LENGTH + 1);
    for (int i = pos + 1; i < limit; i++) {
      char c = p.charAt(i);
      if (c == ':') {
        if (p.charAt(i - 1) == ' ' || (i + 1 < n && !Character.isWhitespace(p.charAt(i + 1))
            && p.charAt(i + 1) != '\u00A0')) {
          return -1;
        }
        return i;
      }
      if (c == ' ') {
        if (++words > MAX_LABEL_WORDS) {
          return -1;
        }
        continue;
      }
      if (Character.isUpperCase(c) || Character.isDigit(c) || c == '.' || c == '\'' || c == '\u2019'
          || c == '-' || c == '&') {
        continue;
      }
      if (Character.isLetter(c) && !Character.isLowerCase(c)) {
        continue; // letters without case, such as in CJK names
      }
      return -1;
    }
    return -1;
  }

  /** When a cue such as {@code [LAUGHTER]} starts at {@code pos}, the index of its ']'; else -1. */
  static int cueEnd(String p, int pos) {
    int limit = Math.min(p.length(), pos + MAX_CUE_LENGTH + 2);
    for (int i = pos + 1; i < limit; i++) {
      char c = p.charAt(i);
      if (c == ']') {
        boolean link = i + 1 < p.length() && p.charAt(i + 1) == '(';
        return i > pos + 1 && !link ? i : -1;
      }
      if (c == '[') {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || c == '\u00A0' || c == '\u200B' || c == '\u2007'
        || c == '\u202F';
  }

  private static void appendStripped(StringBuilder out, String s, int from, int to) {
    while (from < to && isSpace(s.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(s.charAt(to - 1))) {
      to--;
    }
    out.append(s, from, to);
  }

  private static int skipWhitespace(String s, int i) {
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** A turn being built. */
  private static final class Builder {
    private final String speaker;
    private final int line;
    private final StringBuilder text = new StringBuilder(256);

    Builder(String speaker, int line) {
      this.speaker = speaker;
      this.line = line;
    }

    void append(String paragraph) {
      if (paragraph.isEmpty()) {
        return;
      }
      if (text.length() > 0) {
        text.append("\n\n");
      }
      text.append(paragraph);
    }

    Turn build() {
      String t = text.toString();
      List<String> cues = new ArrayList<>(2);
      for (int i = t.indexOf('['); i >= 0; i = t.indexOf('[', i + 1)) {
        int close = cueEnd(t, i);
        if (close > 0) {
          cues.add(t.substring(i + 1, close).strip());
          i = close;
        }
      }
      return new Turn(speaker, t, cues, line);
    }
  }
}
