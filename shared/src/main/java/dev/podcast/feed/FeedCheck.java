package dev.podcast.feed;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.show.AppleCategories;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * The built-in feed check, run on every RSS feed before it is written: well-formed XML and the
 * rules of Apple, the Podcast Standards Project, the Podcast Index namespace and the W3C
 * validator (see FEEDS.md). A feed with errors is not published. Streaming: memory stays flat
 * whatever the feed's size. Thread-safe.
 */
public final class FeedCheck {

  // The JDK's own StAX, not whichever one the classpath offers (google-cloud-storage brings
  // Woodstox, which writes the XML declaration and empty elements differently).
  private static final XMLInputFactory FACTORY = newFactory();
  private static final Pattern DURATION = Pattern.compile("\\d+(:[0-5]\\d(:[0-5]\\d)?)?");
  private static final Set<String> ACTIVE_TAGS = Set.of("script", "iframe", "object", "style",
      "embed");
  private static final Pattern TAG = Pattern.compile("<[a-zA-Z/!][^>]*>");
  private static final Set<String> MEDIA_TYPES = Set.of("audio/mpeg", "audio/x-m4a", "video/mp4",
      "video/quicktime", "video/x-m4v", "application/pdf");
  private static final Set<String> TRANSCRIPT_TYPES = Set.of("text/html", "text/plain",
      "application/json", "text/vtt", "application/x-subrip", "application/srt");
  /** The transcript types with cue times, which {@code rel="captions"} may mark. */
  private static final Set<String> TIMED_TYPES = Set.of("text/vtt", "application/x-subrip",
      "application/srt");
  /** Elements without a namespace that RSS 2.0 defines. */
  private static final Set<String> RSS_ELEMENTS = Set.of("rss", "channel", "title", "link",
      "description", "language", "copyright", "managingEditor", "webMaster", "pubDate",
      "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image", "url", "width",
      "height", "rating", "textInput", "name", "skipHours", "hour", "skipDays", "day", "item",
      "author", "comments", "enclosure", "guid", "source");

  private FeedCheck() {}

  public static List<Problem> check(byte[] feed, String file) {
    return check(new ByteArrayInputStream(feed), file);
  }

  /** Checks the RSS document in {@code in}; {@code file} names it in problems. */
  public static List<Problem> check(InputStream in, String file) {
    State s = new State(file);
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(in, "UTF-8");
      Deque<String> path = new ArrayDeque<>();
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = qualified(r);
          path.push(name);
          text.setLength(0);
          s.start(r, name, path);
        } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
            || event == XMLStreamConstants.SPACE) {
          text.append(r.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String name = path.pop();
          s.end(r, name, path, text.toString().strip());
          text.setLength(0);
        }
      }
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
      int column = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getColumnNumber());
      s.problems.add(new Problem(ProblemCode.FEED_INVALID, file, line, column,
          "the feed is not well-formed XML: " + e.getMessage().replaceFirst("^ParseError.*\\n"
              + "Message: ", "")));
      return s.problems;
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing to release beyond the reader itself
        }
      }
    }
    s.finish();
    return s.problems;
  }

  private static String qualified(XMLStreamReader r) {
    String ns = r.getNamespaceURI();
    String local = r.getLocalName();
    if (ns == null || ns.isEmpty()) {
      return local;
    }
    return switch (ns) {
      case RssFeedWriter.ITUNES -> "itunes:" + local;
      case RssFeedWriter.PODCAST -> "podcast:" + local;
      case RssFeedWriter.CONTENT -> "content:" + local;
      case RssFeedWriter.ATOM -> "atom:" + local;
      case RssFeedWriter.FH -> "fh:" + local;
      default -> "{" + ns + "}" + local;
    };
  }

  private static XMLInputFactory newFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /** What has been seen so far, and the problems found. */
  private static final class State {
    final String file;
    final List<Problem> problems = new ArrayList<>();
    final Set<String> guids = new HashSet<>();
    final Set<String> channelSeen = new HashSet<>();
    Set<String> itemSeen;
    int itemLine;
    String category = "";
    boolean inCategory;

    State(String file) {
      this.file = file;
    }

    void error(XMLStreamReader r, String message) {
      add(ProblemCode.FEED_INVALID, r.getLocation().getLineNumber(), message);
    }

    void add(ProblemCode code, int line, String message) {
      problems.add(new Problem(code, file, Math.max(0, line), 0, message));
    }

    void start(XMLStreamReader r, String name, Deque<String> path) {
      String parent = path.size() > 1 ? path.toArray(new String[0])[1] : "";
      if (!name.contains(":") && !name.startsWith("{") && !RSS_ELEMENTS.contains(name)
          && !parent.startsWith("itunes:")) {
        error(r, "<" + name + "> is not an RSS 2.0 element (validators reject unknown elements"
            + " without a namespace)");
      }
      if (name.equals("item")) {
        itemSeen = new HashSet<>();
        itemLine = r.getLocation().getLineNumber();
        return;
      }
      boolean inItem = itemSeen != null;
      (inItem ? itemSeen : channelSeen).add(name);
      switch (name) {
        case "atom:link" -> {
          if ("self".equals(r.getAttributeValue(null, "rel")) && !inItem) {
            channelSeen.add("atom:link@self");
          }
        }
        case "itunes:image" -> {
          String href = attribute(r, "href");
          if (!href.startsWith("https://")) {
            error(r, "itunes:image must be an https URL, found '" + href + "'");
          }
        }
        case "itunes:category" -> {
          String text = attribute(r, "text");
          if (parent.equals("itunes:category")) {
            if (!AppleCategories.isSubcategory(category, text)) {
              error(r, "'" + text + "' is not a subcategory of '" + category + "' in Apple's list");
            }
          } else {
            category = text;
            if (!AppleCategories.isCategory(text)) {
              error(r, "'" + text + "' is not an Apple Podcasts category");
            }
          }
        }
        case "enclosure" -> enclosure(r);
        case "podcast:transcript" -> {
          String url = attribute(r, "url");
          String type = attribute(r, "type");
          if (!url.startsWith("https://") && !url.startsWith("http://")) {
            error(r, "podcast:transcript needs an absolute url, found '" + url + "'");
          }
          if (!TRANSCRIPT_TYPES.contains(type)) {
            error(r, "podcast:transcript type '" + type + "' is not a transcript type");
          }
          String rel = attribute(r, "rel");
          if (!rel.isEmpty() && !rel.equals("captions")) {
            error(r, "podcast:transcript rel '" + rel + "' is not 'captions', the one value"
                + " the namespace defines");
          }
          if (rel.equals("captions") && !TIMED_TYPES.contains(type)) {
            error(r, "podcast:transcript rel='captions' is for a timed file (text/vtt,"
                + " application/x-subrip), not '" + type + "'");
          }
        }
        default -> { }
      }
    }

    void enclosure(XMLStreamReader r) {
      String url = attribute(r, "url");
      if (!url.startsWith("https://") && !url.startsWith("http://")) {
        error(r, "the enclosure url must be an absolute http(s) URL, found '" + url + "'");
      }
      String length = attribute(r, "length");
      if (!length.matches("\\d{1,18}")) {
        error(r, "the enclosure length must be a number of bytes, found '" + length + "'");
      }
      String type = attribute(r, "type");
      if (!MEDIA_TYPES.contains(type)) {
        add(ProblemCode.FEED_ADVICE, r.getLocation().getLineNumber(), "the enclosure type '"
            + type + "' is not one Apple Podcasts accepts");
      }
    }

    void end(XMLStreamReader r, String name, Deque<String> path, String text) {
      boolean inItem = itemSeen != null;
      switch (name) {
        case "item" -> {
          for (String required : List.of("title", "enclosure", "guid", "pubDate")) {
            if (!itemSeen.contains(required)) {
              add(ProblemCode.FEED_INVALID, itemLine, "an item has no <" + required + ">");
            }
          }
          itemSeen = null;
        }
        case "guid" -> {
          if (text.isEmpty()) {
            error(r, "an item guid is empty");
          } else if (!guids.add(text)) {
            error(r, "the guid '" + text + "' is used by two items");
          }
        }
        case "pubDate", "lastBuildDate" -> {
          try {
            RssFeedWriter.RFC_2822.parse(text);
          } catch (DateTimeParseException e) {
            error(r, "<" + name + "> must be an RFC 2822 date, found '" + text + "'");
          }
        }
        case "description" -> {
          if (FeedHtml.utf8Length(text) > FeedHtml.MAX_DESCRIPTION_BYTES) {
            error(r, "the description is " + FeedHtml.utf8Length(text) + " bytes; Apple allows"
                + " 4000");
          }
          if (text.isEmpty() && !inItem) {
            error(r, "the channel description is empty");
          }
          activeHtml(r, name, text);
        }
        case "content:encoded" -> activeHtml(r, name, text);
        case "itunes:summary" -> {
          if (TAG.matcher(text).find()) {
            error(r, "itunes:summary must be plain text, without HTML tags");
          }
          if (text.length() > FeedHtml.MAX_SUMMARY_CHARS) {
            error(r, "itunes:summary is longer than 4000 characters");
          }
        }
        case "itunes:subtitle", "itunes:author" -> {
          if (text.length() > 255 && path.size() > 0) {
            error(r, name + " is longer than 255 characters");
          }
        }
        case "itunes:duration" -> {
          if (!DURATION.matcher(text).matches()) {
            error(r, "itunes:duration must be seconds or H:MM:SS, found '" + text + "'");
          }
        }
        case "itunes:explicit" -> {
          if (!text.equals("true") && !text.equals("false")) {
            error(r, "itunes:explicit must be true or false, found '" + text + "'");
          }
        }
        case "itunes:episode", "podcast:episode", "itunes:season", "podcast:season" -> {
          if (!text.matches("[1-9]\\d{0,8}")) {
            error(r, name + " must be a positive whole number, found '" + text + "'");
          }
        }
        case "itunes:episodeType" -> {
          if (!Set.of("full", "trailer", "bonus").contains(text)) {
            error(r, "itunes:episodeType must be full, trailer or bonus, found '" + text + "'");
          }
        }
        case "itunes:type" -> {
          if (!text.equals("episodic") && !text.equals("serial")) {
            error(r, "itunes:type must be episodic or serial");
          }
        }
        case "podcast:guid" -> {
          try {
            if (UUID.fromString(text).version() != 5) {
              error(r, "podcast:guid must be a version 5 UUID");
            }
          } catch (IllegalArgumentException e) {
            error(r, "podcast:guid must be a UUID, found '" + text + "'");
          }
        }
        case "podcast:locked" -> {
          if (!text.equals("yes") && !text.equals("no")) {
            error(r, "podcast:locked must be yes or no");
          }
        }
        case "channel" -> {
          for (String required : List.of("title", "link", "language", "description",
              "itunes:image", "itunes:category", "itunes:explicit", "atom:link@self")) {
            if (!channelSeen.contains(required)) {
              error(r, "the channel has no " + (required.equals("atom:link@self")
                  ? "<atom:link rel=\"self\">" : "<" + required + ">"));
            }
          }
          if (!channelSeen.contains("itunes:email")) {
            add(ProblemCode.FEED_ADVICE, r.getLocation().getLineNumber(), "the channel has no"
                + " itunes:owner email; set ownerEmail in [params.podcast] (validators warn)");
          }
        }
        default -> { }
      }
      if (text.isEmpty() && (name.equals("title") || name.equals("link")
          || name.equals("language"))) {
        error(r, "<" + name + "> is empty");
      }
    }

    void activeHtml(XMLStreamReader r, String name, String html) {
      if (hasActiveHtml(html)) {
        error(r, "<" + name + "> contains script, iframe, object, style or event attributes");
      }
    }

    void finish() {
      if (!channelSeen.contains("title") && problems.isEmpty()) {
        add(ProblemCode.FEED_INVALID, 1, "the document is not an RSS feed");
      }
    }

    private static String attribute(XMLStreamReader r, String name) {
      String value = r.getAttributeValue(null, name);
      return value == null ? "" : value;
    }
  }

  /**
   * Whether {@code html} holds a {@code script}, {@code iframe}, {@code object}, {@code style} or
   * {@code embed} element, an event attribute ({@code onclick}) or a {@code javascript:} (or
   * {@code vbscript:}, {@code data:text/html}) URL in an attribute. The markup is parsed as an app
   * parses it (jsoup's HTML parser, linear in the text), so prose that mentions
   * {@code javascript:} or an alt text that says {@code onerror=} is not active: only elements and
   * attributes are.
   */
  static boolean hasActiveHtml(String html) {
    if (html.indexOf('<') < 0) {
      return false;
    }
    for (Element element : Jsoup.parseBodyFragment(html).body().getAllElements()) {
      if (ACTIVE_TAGS.contains(element.normalName())) {
        return true;
      }
      for (Attribute attribute : element.attributes()) {
        String key = attribute.getKey().toLowerCase(Locale.ROOT);
        if (key.startsWith("on") && key.length() > 2 || isScriptUrl(attribute.getValue())) {
          return true;
        }
      }
    }
    return false;
  }

  /** A URL that runs code when followed, read as browsers read it (spaces and controls ignored). */
  private static boolean isScriptUrl(String value) {
    StringBuilder scheme = new StringBuilder(16);
    for (int i = 0; i < value.length() && scheme.length() < 16; i++) {
      char c = value.charAt(i);
      if (c > ' ') {
        scheme.append(Character.toLowerCase(c));
      }
    }
    String s = scheme.toString();
    return s.startsWith("javascript:") || s.startsWith("vbscript:")
        || s.startsWith("data:text/html");
  }
}
