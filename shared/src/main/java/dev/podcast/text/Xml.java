package dev.podcast.text;

/** XML 1.0 text helpers. Stateless and thread-safe. */
public final class Xml {

  private Xml() {}

  /**
   * {@code text} without the characters XML 1.0 forbids (controls other than tab, newline and
   * carriage return; U+FFFE, U+FFFF; unpaired surrogates). They are dropped, not escaped: no
   * escape makes them legal.
   */
  public static String clean(String text) {
    int n = text.length();
    int i = 0;
    while (i < n && allowedAt(text, i)) {
      i += Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
    }
    if (i >= n) {
      return text;
    }
    StringBuilder out = new StringBuilder(n).append(text, 0, i);
    while (i < n) {
      char c = text.charAt(i);
      if (allowedAt(text, i)) {
        if (Character.isHighSurrogate(c)) {
          out.append(c).append(text.charAt(i + 1));
          i += 2;
          continue;
        }
        out.append(c);
      }
      i += Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))
          ? 2 : 1;
    }
    return out.toString();
  }

  private static boolean allowedAt(String s, int i) {
    char c = s.charAt(i);
    if (c >= 0x20 && c < 0xD800) {
      return true;
    }
    if (c == 0x9 || c == 0xA || c == 0xD) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return false;
    }
    return c >= 0xE000 && c != 0xFFFE && c != 0xFFFF;
  }
}
