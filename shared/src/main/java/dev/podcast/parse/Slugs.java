package dev.podcast.parse;

import java.util.Locale;
import java.util.Optional;

/**
 * Page identities as Hugo made them, and the checks that keep author-supplied names inside the
 * site. Every slug, {@code url} or file name that becomes a path or an object name passes through
 * here. Stateless and thread-safe.
 */
public final class Slugs {

  /** Longest slug accepted; object names and URLs stay well under any service's limit. */
  public static final int MAX_SLUG_LENGTH = 200;

  private Slugs() {}

  /**
   * Normalises a path segment as Hugo did for page URLs: lower case, each whitespace character
   * becomes a hyphen, and characters other than letters, digits, marks and {@code . _ - + ~} are
   * dropped. {@code "episode-30-Gaming Analytics"} becomes {@code "episode-30-gaming-analytics"}.
   */
  public static String normalise(String segment) {
    StringBuilder out = new StringBuilder(segment.length());
    String lower = segment.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        out.append('-');
      } else if (Character.isLetterOrDigit(cp) || isMark(cp) || cp == '.' || cp == '_' || cp == '-'
          || cp == '+' || cp == '~') {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /**
   * Why {@code segment}, as written by an author, cannot be one segment of a path or object name;
   * empty when it can. Rejected: empty, too long, {@code .} or {@code ..} anywhere, slashes,
   * backslashes, control and format characters.
   */
  public static Optional<String> unsafeSegment(String segment) {
    if (segment.isBlank()) {
      return Optional.of("it is empty");
    }
    if (segment.length() > MAX_SLUG_LENGTH) {
      return Optional.of("it is longer than " + MAX_SLUG_LENGTH + " characters");
    }
    if (segment.contains("..")) {
      return Optional.of("it contains '..'");
    }
    if (segment.equals(".")) {
      return Optional.of("it is '.'");
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '/' || c == '\\') {
        return Optional.of("it contains '" + c + "'");
      }
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        return Optional.of(String.format("it contains the control character U+%04X", (int) c));
      }
    }
    return Optional.empty();
  }

  /**
   * Why {@code path}, a site path such as {@code /post/x/} or {@code images/a.png} written by an
   * author, could leave the site; empty when it is safe. Rejected: schemes, {@code //},
   * backslashes, {@code ..} segments, control characters.
   */
  public static Optional<String> unsafeSitePath(String path) {
    if (path.isBlank()) {
      return Optional.of("it is empty");
    }
    if (path.length() > 1024) {
      return Optional.of("it is longer than 1024 characters");
    }
    if (path.startsWith("//") || path.contains("://") || path.indexOf(':') >= 0) {
      return Optional.of("it is not a path inside the site");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        continue;
      }
      Optional<String> reason = unsafeSegment(segment);
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }
}
