package dev.podcast.feed;

import dev.podcast.text.Html;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Makes author HTML safe for feeds (jsoup's cleaner): only the tags podcast apps render, URLs
 * made absolute against the page, {@code script}, {@code iframe}, {@code object}, {@code style}
 * and event attributes gone. Immutable and thread-safe.
 */
final class FeedHtml {

  /** Apple's limit for {@code description}. */
  static final int MAX_DESCRIPTION_BYTES = 4000;
  /** Apple's limit for {@code itunes:summary}, in characters. */
  static final int MAX_SUMMARY_CHARS = 4000;

  /** The tags the Podcast Standards Project lists as rendered by apps. */
  private static final Safelist DESCRIPTION = new Safelist()
      .addTags("p", "ol", "ul", "li", "a", "b", "i", "strong", "em", "br")
      .addAttributes("a", "href")
      .addProtocols("a", "href", "http", "https", "mailto");

  /** Richer markup for {@code content:encoded}: headings, tables, images; nothing active. */
  private static final Safelist CONTENT = Safelist.relaxed()
      .addTags("del", "s", "hr")
      .removeProtocols("a", "href", "ftp")
      .preserveRelativeLinks(false);

  private FeedHtml() {}

  /** The notes as feeds carry them: {@code description} and {@code content:encoded}. */
  record Notes(String description, String content) {}

  /**
   * Sanitises the notes once for both uses: {@code content} keeps richer markup whole;
   * {@code description} keeps only the tags apps render, at most 4,000 bytes; when the notes are
   * longer, whole blocks are kept up to the limit and a link to the page ends it.
   */
  static Notes notes(String notesHtml, String pageUrl) {
    Document dirty = Jsoup.parseBodyFragment(notesHtml, pageUrl);
    String content = html(new Cleaner(CONTENT).clean(dirty));
    Document description = new Cleaner(DESCRIPTION).clean(dirty);
    String whole = html(description);
    if (utf8Length(whole) <= MAX_DESCRIPTION_BYTES) {
      return new Notes(whole, content);
    }
    String more = "<p><a href=\"" + Html.escape(pageUrl) + "\">Show notes</a></p>";
    StringBuilder out = new StringBuilder(MAX_DESCRIPTION_BYTES);
    int budget = MAX_DESCRIPTION_BYTES - utf8Length(more);
    int used = 0;
    for (Node node : description.body().childNodes()) {
      String block = node.outerHtml();
      int size = utf8Length(block);
      if (used + size > budget) {
        break;
      }
      out.append(block);
      used += size;
    }
    return new Notes(out.append(more).toString(), content);
  }

  /** The notes as {@code content:encoded} wants them. */
  static String content(String notesHtml, String pageUrl) {
    return notes(notesHtml, pageUrl).content();
  }

  /** The notes as {@code description} wants them. */
  static String description(String notesHtml, String pageUrl) {
    return notes(notesHtml, pageUrl).description();
  }

  /** Plain text for {@code itunes:summary}: no HTML, at most 4,000 characters, cut at a word. */
  static String plainText(String html, int maxChars) {
    // Angle brackets the author wrote as text ("<TechTalks/>") would read as HTML to validators.
    String text = Html.toPlainText(html).replace('<', '\u2039').replace('>', '\u203A');
    if (text.length() <= maxChars) {
      return text;
    }
    int cut = text.lastIndexOf(' ', maxChars - 1);
    return text.substring(0, cut > 0 ? cut : maxChars - 1) + "\u2026";
  }

  private static String html(Document clean) {
    clean.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
    Element body = clean.body();
    return body.html().strip();
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
