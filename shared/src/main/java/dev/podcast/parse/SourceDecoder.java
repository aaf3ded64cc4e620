package dev.podcast.parse;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Turns the bytes of a source file into text, strictly: bytes that are not UTF-8 are an error
 * naming the byte offset and line, never guessed. Three repairs are made, line numbers unchanged:
 * a leading byte order mark and stray U+FEFF are dropped; UTF-8 that was once misread as
 * Windows-1252 ({@code â€™} for {@code ’}) is turned back, with a warning naming the line; U+FFFD
 * (a character lost before the file reached us) is kept, with a warning.
 *
 * <p>Stateless and thread-safe.
 */
final class SourceDecoder {

  private static final char BOM = '\uFEFF';
  private static final char REPLACEMENT = '\uFFFD';
  /** At most this many warnings of one kind per file; the last one says how many more there are. */
  private static final int MAX_WARNINGS_PER_KIND = 5;

  private SourceDecoder() {}

  /** Decodes {@code bytes}; empty (with an error in {@code problems}) when they are not UTF-8. */
  static Optional<String> decode(byte[] bytes, String file, List<Problem> problems) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    // One pass finds the first character that needs a look (almost every file has none); a
    // U+FFFD, if there is one, is at or after it.
    int suspect = firstSuspect(text);
    if (suspect < 0) {
      return Optional.of(text);
    }
    if (text.indexOf(REPLACEMENT, suspect) >= 0) {
      // Either a real U+FFFD (valid UTF-8) or malformed input that the lenient decoder replaced.
      int bad = firstMalformedOffset(bytes);
      if (bad >= 0) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < bad; i++) {
          if (bytes[i] == '\n') {
            line++;
            lineStart = i + 1;
          }
        }
        problems.add(new Problem(ProblemCode.INVALID_UTF8, file, line, bad - lineStart + 1,
            String.format("the file is not valid UTF-8: byte 0x%02X at byte offset %d cannot be"
                + " read; save the file as UTF-8 and upload it again", bytes[bad] & 0xFF, bad)));
        return Optional.empty();
      }
    }
    return Optional.of(repair(text, file, problems));
  }

  /** The offset of the first byte that is not part of valid UTF-8, or -1. */
  static int firstMalformedOffset(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(Math.max(16, bytes.length));
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      return in.position();
    }
    result = decoder.flush(out);
    return result.isError() ? in.position() : -1;
  }

  /** Drops U+FEFF, repairs mojibake and warns on U+FFFD. Returns {@code text} itself if clean. */
  static String repair(String text, String file, List<Problem> problems) {
    if (!needsRepair(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int line = 1;
    int lineStart = 0;
    int mojibakeWarnings = 0;
    int replacementWarnings = 0;
    int lastMojibakeLine = 0;
    int lastReplacementLine = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        out.append(c);
        line++;
        lineStart = i + 1;
        continue;
      }
      if (c == BOM) {
        continue;
      }
      if (c == REPLACEMENT) {
        if (line != lastReplacementLine) {
          lastReplacementLine = line;
          replacementWarnings = warn(problems, replacementWarnings, ProblemCode.REPLACEMENT_CHARACTER,
              file, line, i - lineStart + 1,
              "a character was lost before this file reached us (U+FFFD, shown as \uFFFD);"
                  + " retype it");
        }
        out.append(c);
        continue;
      }
      int repairedLength = mojibakeLength(text, i);
      if (repairedLength > 0) {
        byte[] utf8 = new byte[repairedLength];
        for (int k = 0; k < repairedLength; k++) {
          utf8[k] = (byte) windows1252Byte(text.charAt(i + k));
        }
        String fixed = new String(utf8, StandardCharsets.UTF_8);
        if (line != lastMojibakeLine) {
          lastMojibakeLine = line;
          mojibakeWarnings = warn(problems, mojibakeWarnings, ProblemCode.MOJIBAKE_REPAIRED, file,
              line, i - lineStart + 1, "repaired text that had been mis-encoded: \""
                  + text.substring(i, i + repairedLength) + "\" is now \"" + fixed
                  + "\"; check the line and save the file as UTF-8");
        }
        out.append(fixed);
        i += repairedLength - 1;
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static int warn(List<Problem> problems, int count, ProblemCode code, String file, int line,
      int column, String message) {
    if (count < MAX_WARNINGS_PER_KIND) {
      problems.add(new Problem(code, file, line, column, message));
    } else if (count == MAX_WARNINGS_PER_KIND) {
      problems.add(new Problem(code, file, line, column,
          "more lines like the ones above; only the first " + MAX_WARNINGS_PER_KIND
              + " are listed"));
    }
    return count + 1;
  }

  private static boolean needsRepair(String text) {
    return firstSuspect(text) >= 0;
  }

  /**
   * The index of the first U+FEFF, U+FFFD or mojibake sequence in {@code text}, or -1. All three
   * start with a character of at least U+00C2, so plain text costs one comparison a character.
   */
  private static int firstSuspect(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= '\u00C2'
          && (c == BOM || c == REPLACEMENT || (c <= '\u00F4' && mojibakeLength(text, i) > 0))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * When the characters at {@code i} are the Windows-1252 reading of one UTF-8 encoded character
   * (a lead byte then its continuation bytes), the number of those characters; else 0.
   */
  static int mojibakeLength(String text, int i) {
    char lead = text.charAt(i);
    int continuation;
    if (lead >= '\u00C2' && lead <= '\u00DF') {
      continuation = 1;
    } else if (lead >= '\u00E0' && lead <= '\u00EF') {
      continuation = 2;
    } else if (lead >= '\u00F0' && lead <= '\u00F4') {
      continuation = 3;
    } else {
      return 0;
    }
    if (i + continuation >= text.length()) {
      return 0;
    }
    byte[] bytes = new byte[continuation + 1];
    bytes[0] = (byte) lead;
    for (int k = 1; k <= continuation; k++) {
      int b = windows1252Byte(text.charAt(i + k));
      if (b < 0x80 || b > 0xBF) {
        return 0;
      }
      bytes[k] = (byte) b;
    }
    // Reject overlong forms and surrogates: only a strict decode counts.
    return firstMalformedOffset(bytes) < 0 ? continuation + 1 : 0;
  }

  /** The Windows-1252 byte that decodes to {@code c}, or -1 when there is none. */
  static int windows1252Byte(char c) {
    if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) {
      return c;
    }
    if (c >= 0x80 && c <= 0x9F) {
      // The five bytes Windows-1252 leaves undefined are passed through as C1 controls.
      return (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D) ? c : -1;
    }
    switch (c) {
      case '\u20AC': return 0x80;
      case '\u201A': return 0x82;
      case '\u0192': return 0x83;
      case '\u201E': return 0x84;
      case '\u2026': return 0x85;
      case '\u2020': return 0x86;
      case '\u2021': return 0x87;
      case '\u02C6': return 0x88;
      case '\u2030': return 0x89;
      case '\u0160': return 0x8A;
      case '\u2039': return 0x8B;
      case '\u0152': return 0x8C;
      case '\u017D': return 0x8E;
      case '\u2018': return 0x91;
      case '\u2019': return 0x92;
      case '\u201C': return 0x93;
      case '\u201D': return 0x94;
      case '\u2022': return 0x95;
      case '\u2013': return 0x96;
      case '\u2014': return 0x97;
      case '\u02DC': return 0x98;
      case '\u2122': return 0x99;
      case '\u0161': return 0x9A;
      case '\u203A': return 0x9B;
      case '\u0153': return 0x9C;
      case '\u017E': return 0x9E;
      case '\u0178': return 0x9F;
      default: return -1;
    }
  }
}
