package dev.podcast.text;

/** Small, allocation-light HTML text helpers. Stateless and thread-safe. */
public final class Html {

  private Html() {}

  /** Escapes {@code & < > " '} so that {@code text} is safe in element content and attributes. */
  public static String escape(String text) {
    StringBuilder out = null;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(n + 16).append(text, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * The text of an HTML fragment: tags and comments removed, the common entities decoded, runs of
   * whitespace collapsed to one space.
   */
  public static String toPlainText(String html) {
    StringBuilder out = new StringBuilder(html.length());
    int n = html.length();
    boolean space = false;
    for (int i = 0; i < n; i++) {
      char c = html.charAt(i);
      if (c == '<') {
        String skipped = rawTextElement(html, i);
        if (skipped != null) {
          // The content of <script> and <style> is code, not text.
          int close = html.toLowerCase(java.util.Locale.ROOT).indexOf("</" + skipped, i);
          if (close < 0) {
            break;
          }
          i = close;
        }
        int end = html.startsWith("<!--", i) ? html.indexOf("-->", i + 4) : html.indexOf('>', i + 1);
        if (end < 0) {
          break;
        }
        if (!html.startsWith("<!--", i) && isBlockTag(html, i + 1, end)) {
          space = true;
        }
        i = html.startsWith("<!--", i) ? end + 2 : end;
        continue;
      }
      if (c == '&') {
        int semi = html.indexOf(';', i);
        if (semi > i && semi - i <= 10) {
          String decoded = entity(html.substring(i + 1, semi));
          if (decoded != null) {
            if (space && out.length() > 0) {
              out.append(' ');
            }
            space = false;
            out.append(decoded);
            i = semi;
            continue;
          }
        }
      }
      if (Character.isWhitespace(c) || c == '\u00A0') {
        space = true;
        continue;
      }
      if (space && out.length() > 0) {
        out.append(' ');
      }
      space = false;
      out.append(c);
    }
    return out.toString();
  }

  private static String rawTextElement(String html, int i) {
    for (String name : new String[] {"script", "style"}) {
      if (html.regionMatches(true, i + 1, name, 0, name.length())) {
        int after = i + 1 + name.length();
        if (after < html.length() && (html.charAt(after) == '>' || html.charAt(after) == ' ')) {
          return name;
        }
      }
    }
    return null;
  }

  private static final java.util.Set<String> BLOCK_TAGS = java.util.Set.of("p", "br", "div", "li",
      "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "blockquote",
      "pre", "hr", "section", "article", "figure", "figcaption", "dd", "dt", "dl", "img");

  /** Whether the tag in {@code html[from, to)} (after '<', before '>') separates words. */
  private static boolean isBlockTag(String html, int from, int to) {
    int start = from < to && html.charAt(from) == '/' ? from + 1 : from;
    int end = start;
    while (end < to && Character.isLetterOrDigit(html.charAt(end))) {
      end++;
    }
    return BLOCK_TAGS.contains(html.substring(start, end).toLowerCase(java.util.Locale.ROOT));
  }

  private static String entity(String name) {
    switch (name) {
      case "amp": return "&";
      case "lt": return "<";
      case "gt": return ">";
      case "quot": return "\"";
      case "apos": return "'";
      case "nbsp": return " ";
      default:
        try {
          if (name.startsWith("#x") || name.startsWith("#X")) {
            return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
          }
          if (name.startsWith("#")) {
            return new String(Character.toChars(Integer.parseInt(name.substring(1))));
          }
        } catch (IllegalArgumentException e) {
          return null;
        }
        return null;
    }
  }
}
