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
 * with no speaker.
 *
 * <p>One pass over the text, in place: the transcript is not copied out of the file first.
 * Thread-safe: each parse has its own instance.
 */
final class TranscriptParser {

  static final int MAX_LABEL_LENGTH = 40;
  static final int MAX_LABEL_WORDS = 5;
  static final int MAX_CUE_LENGTH = 60;

  /** The turns found so far. */
  private final List<Turn> turns = new ArrayList<>();
  /** The paragraph being read: its lines, stripped, joined with one space. */
  private final StringBuilder paragraph = new StringBuilder(256);
  private int paragraphLine;
  /** The open turn, if {@code open}: its speaker, first line and text so far. */
  private boolean open;
  private String speaker;
  private int turnLine;
  /** The open turn's text: its first paragraph, and a builder once there is a second one. */
  private String turnText;
  private StringBuilder longTurnText;
  /** The line number of the next line read. */
  private int line;

  private TranscriptParser(int firstLine) {
    this.line = firstLine;
    this.paragraphLine = firstLine;
  }

  static Transcript parse(String text, int firstLine, boolean closed) {
    return parse("", text, 0, text.length(), firstLine, closed);
  }

  /**
   * Parses the transcript that is {@code head} followed by {@code source} from {@code from} to
   * {@code to}, as {@link #parse(String, int, boolean)} would parse {@code head} + that part of
   * {@code source}, without putting the two together: only the line where they meet is copied.
   */
  static Transcript parse(String head, String source, int from, int to, int firstLine,
      boolean closed) {
    TranscriptParser parser = new TranscriptParser(firstLine);
    if (head.isEmpty()) {
      parser.lines(source, from, to);
    } else {
      // Every line of head but its last, then that last line joined to source's first line.
      int lastBreak = head.lastIndexOf('\n');
      if (lastBreak >= 0) {
        parser.lines(head, 0, lastBreak);
      }
      int eol = source.indexOf('\n', from);
      int end = eol < 0 || eol >= to ? to : eol;
      String joined = head.substring(lastBreak + 1) + source.substring(from, end);
      parser.line(joined, 0, joined.length());
      if (end < to) {
        parser.lines(source, end + 1, to);
      }
    }
    parser.endParagraph();
    parser.endTurn();
    return new Transcript(parser.turns, closed);
  }

  /** Reads {@code text} from {@code from} to {@code to} line by line; a final empty line too. */
  private void lines(String text, int from, int to) {
    int pos = from;
    while (true) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0 || eol >= to) {
        line(text, pos, to);
        return;
      }
      line(text, pos, eol);
      pos = eol + 1;
    }
  }

  /** Reads one line: a blank one ends the paragraph, any other is added to it. */
  private void line(String text, int from, int to) {
    int start = from;
    int end = to;
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      endParagraph();
    } else {
      if (paragraph.length() > 0 && startsTurn(text, start, to)) {
        // Some files put each turn on its own line with no blank line between them.
        endParagraph();
      }
      if (paragraph.length() == 0) {
        paragraphLine = line;
      } else {
        paragraph.append(' ');
      }
      paragraph.append(text, start, end);
    }
    line++;
  }

  /**
   * Whether the line that starts (after its leading white space) at {@code pos} and ends at
   * {@code to} opens with a speaker label, after any cues.
   */
  private static boolean startsTurn(String text, int pos, int to) {
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

  /** Adds the paragraph read so far, if any, to the turns. */
  private void endParagraph() {
    if (paragraph.length() > 0) {
      // A String, not the builder: StringBuilder.append(String, from, to) copies arrays, while
      // appending a range of another builder goes character by character.
      paragraph(paragraph.toString(), paragraphLine);
      paragraph.setLength(0);
    }
  }

  /** Adds one paragraph: cues that stand alone, then a new turn or more of the open one. */
  private void paragraph(String p, int line) {
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
      endTurn();
      startTurn("", line);
      append(p, pos, close + 1);
      endTurn();
      pos = next;
    }
    if (pos >= n) {
      return;
    }
    int labelEnd = labelEnd(p, pos);
    if (labelEnd >= 0) {
      endTurn();
      startTurn(p.substring(pos, labelEnd).strip(), line);
      append(p, skipWhitespace(p, labelEnd + 1), n);
      return;
    }
    if (!open) {
      startTurn("", line);
    }
    append(p, pos, n);
  }

  private void startTurn(String speaker, int line) {
    this.open = true;
    this.speaker = speaker;
    this.turnLine = line;
    turnText = "";
    longTurnText = null;
  }

  /**
   * Adds a paragraph to the open turn's text; paragraphs are separated by a blank line. Most turns
   * are one paragraph: their text is that paragraph's string, with no builder in between.
   */
  private void append(String s, int from, int to) {
    if (from >= to) {
      return;
    }
    String piece = s.substring(from, to);
    if (turnText.isEmpty()) {
      turnText = piece;
      return;
    }
    if (longTurnText == null) {
      longTurnText = new StringBuilder(turnText.length() + 2 + piece.length()).append(turnText);
    }
    longTurnText.append("\n\n").append(piece);
  }

  /** Closes the open turn, if any, and adds it to the turns. */
  private void endTurn() {
    if (!open) {
      return;
    }
    open = false;
    String t = longTurnText == null ? turnText : longTurnText.toString();
    List<String> cues = new ArrayList<>(2);
    for (int i = t.indexOf('['); i >= 0; i = t.indexOf('[', i + 1)) {
      int close = cueEnd(t, i);
      if (close > 0) {
        cues.add(t.substring(i + 1, close).strip());
        i = close;
      }
    }
    turns.add(new Turn(speaker, t, cues, turnLine));
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

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || c == '\u00A0' || c == '\u200B' || c == '\u2007'
        || c == '\u202F';
  }

  private static int skipWhitespace(String s, int i) {
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
