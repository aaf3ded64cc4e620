package dev.podcast.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.ParseErrorList;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Cleans the HTML of show notes to an allow-list (jsoup's cleaner): text formatting, headings
 * with their ids, lists, links (http, https, mailto, relative), images, figures, tables, and
 * {@code https} {@code iframe}s from the policy's embed hosts; {@code style} attributes keep only
 * layout declarations without functions. What a browser would run ({@code script}, event
 * attributes, {@code javascript:} URLs, {@code style} elements, forms, other frames) is removed.
 * Notes already inside the allow-list, parsed without an error, are returned as they were, byte
 * for byte. Immutable and thread-safe.
 */
final class AuthorHtml {

  /** The notes as pages may carry them, and what was taken out (for the author). */
  record Cleaned(String html, List<String> removed) {
    Cleaned {
      removed = List.copyOf(removed);
    }
  }

  /** Resolves relative links while checking them; never written out. */
  private static final String BASE = "https://site.invalid/";

  private static final Set<String> STYLE_PROPERTIES = Set.of("text-align", "vertical-align",
      "margin", "margin-top", "margin-right", "margin-bottom", "margin-left", "padding",
      "padding-top", "padding-right", "padding-bottom", "padding-left", "width", "max-width",
      "min-width", "height", "max-height", "min-height", "display", "float", "clear",
      "font-weight", "font-style", "text-decoration", "color", "background-color", "border",
      "border-collapse", "white-space", "font-size");

  private static final Safelist ALLOWED = Safelist.relaxed()
      .addTags("figure", "figcaption", "hr", "del", "s", "ins", "mark", "abbr", "kbd", "samp",
          "var", "details", "summary", "iframe")
      .addAttributes(":all", "id", "class", "style", "title", "lang", "dir")
      .addAttributes("table", "border", "cellpadding", "cellspacing", "width", "align")
      .addAttributes("th", "align", "valign", "width", "height")
      .addAttributes("td", "align", "valign", "width", "height")
      .addAttributes("img", "loading")
      .addAttributes("iframe", "src", "width", "height", "title", "allow", "allowfullscreen",
          "frameborder", "loading", "referrerpolicy")
      .addProtocols("iframe", "src", "https")
      .removeProtocols("a", "href", "ftp")
      .preserveRelativeLinks(true);

  private final Set<String> embedHosts;

  AuthorHtml(List<String> embedHosts) {
    this.embedHosts = Set.copyOf(embedHosts);
  }

  /** {@code html} cleaned to the allow-list. */
  Cleaned clean(String html) {
    Document dirty = Document.createShell(BASE);
    ParseErrorList errors = ParseErrorList.tracking(1);
    List<Node> nodes = Parser.parseFragment(html, dirty.body(), BASE, errors);
    dirty.body().insertChildren(0, nodes);
    Set<String> removed = new LinkedHashSet<>();
    boolean changed = !errors.isEmpty();
    List<Element> frames = new ArrayList<>();
    for (Element element : dirty.body().getAllElements()) {
      if (element == dirty.body()) {
        continue;
      }
      String tag = element.normalName();
      if (tag.equals("iframe") && !embeddable(element.attr("src"))) {
        frames.add(element);
        removed.add("<iframe> from " + host(element.attr("src")));
        changed = true;
        continue;
      }
      if (!ALLOWED.isSafeTag(tag)) {
        removed.add("<" + tag + ">");
        changed = true;
        continue;
      }
      for (Attribute attribute : element.attributes().asList()) {
        String key = attribute.getKey().toLowerCase(Locale.ROOT);
        if (key.equals("style")) {
          String kept = style(attribute.getValue());
          if (!kept.equals(attribute.getValue())) {
            changed = true;
            if (kept.isEmpty()) {
              element.removeAttr(attribute.getKey());
            } else {
              element.attr(attribute.getKey(), kept);
            }
          }
        } else if (!ALLOWED.isSafeAttribute(tag, element, attribute)) {
          changed = true;
          if (key.startsWith("on")) {
            removed.add(key + " on <" + tag + ">");
          } else if (key.equals("href") || key.equals("src")) {
            removed.add("the " + key + " '" + shorten(attribute.getValue()) + "' of <" + tag + ">");
          }
        }
      }
    }
    if (!changed) {
      return new Cleaned(html, List.of());
    }
    frames.forEach(Element::remove);
    Document clean = new Cleaner(ALLOWED).clean(dirty);
    clean.outputSettings().prettyPrint(false);
    return new Cleaned(clean.body().html(), new ArrayList<>(removed));
  }

  /** An {@code https} URL on one of the embed hosts. */
  private boolean embeddable(String src) {
    String s = src.strip();
    return s.regionMatches(true, 0, "https://", 0, 8) && embedHosts.contains(host(s));
  }

  private static String host(String url) {
    String s = url.strip();
    int start = s.indexOf("//");
    if (start < 0) {
      return "'" + shorten(s) + "'";
    }
    int end = start + 2;
    while (end < s.length() && "/?#:\\".indexOf(s.charAt(end)) < 0) {
      end++;
    }
    return s.substring(start + 2, end).toLowerCase(Locale.ROOT);
  }

  /**
   * The declarations of {@code style} that only lay out: an allowed property, and a value with
   * no function ({@code url()}, {@code expression()}), escape, comment or quote.
   */
  static String style(String style) {
    StringBuilder kept = new StringBuilder();
    for (String declaration : style.split(";")) {
      int colon = declaration.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String property = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = declaration.substring(colon + 1).strip();
      if (!STYLE_PROPERTIES.contains(property) || value.isEmpty()
          || value.chars().anyMatch(c -> "()\\/*\"'<>@&{}".indexOf(c) >= 0 || c < ' ')) {
        continue;
      }
      if (kept.length() > 0) {
        kept.append(' ');
      }
      kept.append(property).append(": ").append(value).append(';');
    }
    // Written as the author wrote it when nothing was dropped, so clean notes stay byte for byte.
    String canonical = kept.toString();
    return canonical(style).equals(canonical) ? style : canonical;
  }

  private static String canonical(String style) {
    StringBuilder out = new StringBuilder();
    for (String declaration : style.split(";")) {
      int colon = declaration.indexOf(':');
      if (declaration.isBlank()) {
        continue;
      }
      if (colon < 0) {
        return "\u0000"; // not a declaration: never equal to what is kept
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT)).append(": ")
          .append(declaration.substring(colon + 1).strip()).append(';');
    }
    return out.toString();
  }

  private static String shorten(String s) {
    String t = s.strip();
    return t.length() > 60 ? t.substring(0, 60) + "\u2026" : t;
  }
}
