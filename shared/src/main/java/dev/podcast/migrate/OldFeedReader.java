package dev.podcast.migrate;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a podcast's RSS 2.0 feed, whichever host wrote it, bounded before and while parsing:
 * at most {@value #MAX_BYTES} bytes, {@value #MAX_DEPTH} levels of elements,
 * {@value #MAX_ITEMS} items and {@value #MAX_TEXT} characters of text in one element; no DTD,
 * so no entity is expanded and nothing outside the document is read. The encoding is the one the
 * document declares (UTF-8 without a declaration). Anything else is a {@link Rejected} naming the
 * feed, the line and what is wrong. Stateless and thread-safe.
 */
public final class OldFeedReader {

  public static final int MAX_BYTES = 64 * 1024 * 1024;
  static final int MAX_DEPTH = 64;
  static final int MAX_ITEMS = 100_000;
  static final int MAX_TEXT = 1024 * 1024;

  static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
  static final String PODCAST = "https://podcastindex.org/namespace/1.0";
  static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";

  /** The channel's {@code itunes:} elements with a value of their own. */
  private static final Set<String> CHANNEL_ITUNES = Set.of("author", "new-feed-url",
      "explicit", "type", "image");

  /** The item's {@code itunes:} elements an episode file can carry. */
  private static final Set<String> ITEM_ITUNES = Set.of("duration", "episode", "season",
      "episodeType", "image", "explicit", "summary", "subtitle");

  private static final XMLInputFactory FACTORY = newFactory();

  /** A feed that cannot be read: the problem names the feed and the line. */
  public static final class Rejected extends Exception {
    private final transient Problem problem;

    Rejected(Problem problem) {
      super(problem.format());
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  private OldFeedReader() {}

  /** The feed in {@code bytes}, named {@code name} in reports. */
  public static OldFeed read(String name, byte[] bytes) throws Rejected {
    if (bytes.length > MAX_BYTES) {
      throw rejected(name, 0, "the feed is " + bytes.length + " bytes; at most " + MAX_BYTES
          + " are read");
    }
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(bytes));
      return new Parse(name, r).feed();
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
      throw rejected(name, line, "not well-formed XML (" + firstLine(e.getMessage()) + ")");
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing more is read
        }
      }
    }
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.lastIndexOf('\n');
    return nl >= 0 ? m.substring(nl + 1).strip() : m;
  }

  static Rejected rejected(String name, int line, String message) {
    return new Rejected(new Problem(ProblemCode.FEED_INVALID, name, line, 1, message));
  }

  /** One pass over the document. */
  private static final class Parse {
    private final String name;
    private final XMLStreamReader r;
    private int depth;

    Parse(String name, XMLStreamReader r) {
      this.name = name;
      this.r = r;
    }

    OldFeed feed() throws XMLStreamException, Rejected {
      next();
      while (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
        next(); // refuses a DOCTYPE
      }
      if (!"rss".equals(r.getLocalName())) {
        throw rejected(name, line(), "not an RSS feed: the document is <" + r.getLocalName()
            + ">, where a podcast feed is <rss><channel>");
      }
      OldFeed feed = null;
      while (next() != XMLStreamConstants.END_DOCUMENT) {
        if (r.getEventType() == XMLStreamConstants.START_ELEMENT) {
          if (depth == 2 && "channel".equals(r.getLocalName()) && feed == null) {
            feed = channel();
          } else {
            skip();
          }
        }
      }
      if (feed == null) {
        throw rejected(name, 1, "the feed has no <channel>");
      }
      return feed;
    }

    private OldFeed channel() throws XMLStreamException, Rejected {
      String title = "";
      String link = "";
      Map<String, OldFeed.Value> values = new HashMap<>();
      List<OldFeed.Category> categories = new ArrayList<>();
      List<OldFeed.Funding> funding = new ArrayList<>();
      List<OldFeed.Person> persons = new ArrayList<>();
      String imageUrl = "";
      int imageLine = 0;
      List<RawItem> raw = new ArrayList<>();
      int channelDepth = depth;
      while (next() != XMLStreamConstants.END_ELEMENT || depth > channelDepth) {
        if (r.getEventType() != XMLStreamConstants.START_ELEMENT || depth != channelDepth + 1) {
          continue;
        }
        String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
        String local = r.getLocalName();
        int line = line();
        if (ns.isEmpty() && local.equals("item")) {
          if (raw.size() >= MAX_ITEMS) {
            throw rejected(name, line, "the feed has more than " + MAX_ITEMS + " items");
          }
          raw.add(item());
        } else if (ns.isEmpty() && local.equals("title")) {
          title = text();
        } else if (ns.isEmpty() && local.equals("link")) {
          link = text();
        } else if (ns.isEmpty() && (local.equals("language") || local.equals("copyright"))) {
          values.putIfAbsent(local, new OldFeed.Value(text(), line));
        } else if (ns.isEmpty() && local.equals("image")) {
          imageLine = line;
          imageUrl = childText("url");
        } else if (ns.equals(ITUNES) && CHANNEL_ITUNES.contains(local)) {
          values.putIfAbsent(local, new OldFeed.Value(local.equals("image") ? href() : text(),
              line));
        } else if (ns.equals(PODCAST) && local.equals("guid")) {
          values.putIfAbsent("podcast:guid", new OldFeed.Value(text(), line));
        } else if (ns.equals(PODCAST) && local.equals("locked")) {
          values.putIfAbsent("podcast:locked", new OldFeed.Value(text(), line));
        } else if (ns.equals(ITUNES) && local.equals("category")) {
          String category = attribute("text");
          String sub = childAttribute(ITUNES, "category", "text");
          categories.add(new OldFeed.Category(category, sub, line));
        } else if (ns.equals(PODCAST) && local.equals("funding")) {
          String url = attribute("url");
          funding.add(new OldFeed.Funding(url, text(), line));
        } else if (ns.equals(PODCAST) && local.equals("person")) {
          String role = attribute("role");
          String group = attribute("group");
          String img = attribute("img");
          String href = attribute("href");
          persons.add(new OldFeed.Person(text(), role, group, img, href, line));
        } else if (ns.equals(ITUNES) && local.equals("owner")) {
          int ownerDepth = depth;
          while (next() != XMLStreamConstants.END_ELEMENT || depth > ownerDepth) {
            if (r.getEventType() == XMLStreamConstants.START_ELEMENT
                && ITUNES.equals(r.getNamespaceURI())) {
              int at = line();
              if (r.getLocalName().equals("name")) {
                values.putIfAbsent("ownerName", new OldFeed.Value(text(), at));
              } else if (r.getLocalName().equals("email")) {
                values.putIfAbsent("ownerEmail", new OldFeed.Value(text(), at));
              }
            }
          }
        } else {
          skip();
        }
      }
      if (!values.containsKey("image") && !imageUrl.isEmpty()) {
        values.put("image", new OldFeed.Value(imageUrl, imageLine));
      }
      URI base = base(link);
      List<OldFeed.Item> items = new ArrayList<>(raw.size());
      for (RawItem i : raw) {
        OldFeed.Details d = i.details;
        items.add(new OldFeed.Item(i.line, i.guid, i.title, absolute(base, i.link), i.date,
            absolute(base, i.enclosureUrl), i.enclosureLength, i.enclosureType,
            new OldFeed.Details(d.notesHtml(), d.summary(), d.duration(), d.episode(),
                d.season(), d.episodeType(), absolute(base, d.image()), d.explicit())));
      }
      java.util.function.Function<String, OldFeed.Value> v =
          key -> values.getOrDefault(key, OldFeed.Value.NONE);
      OldFeed.Value image = v.apply("image");
      return new OldFeed(name, new OldFeed.Channel(title, link, v.apply("language"),
          v.apply("author"), v.apply("ownerName"), v.apply("ownerEmail"),
          v.apply("podcast:guid"), v.apply("new-feed-url"), v.apply("copyright"),
          v.apply("explicit"), v.apply("type"),
          new OldFeed.Value(absolute(base, image.text()), image.line()),
          v.apply("podcast:locked"), categories, funding, persons), items);
    }

    private record RawItem(int line, String guid, String title, String link,
        Optional<Instant> date, String enclosureUrl, long enclosureLength,
        String enclosureType, OldFeed.Details details) {}

    private RawItem item() throws XMLStreamException, Rejected {
      int line = line();
      String guid = "";
      String title = "";
      String link = "";
      Optional<Instant> date = Optional.empty();
      String enclosureUrl = "";
      long enclosureLength = 0;
      String enclosureType = "";
      Map<String, String> details = new HashMap<>();
      int itemDepth = depth;
      while (next() != XMLStreamConstants.END_ELEMENT || depth > itemDepth) {
        if (r.getEventType() != XMLStreamConstants.START_ELEMENT || depth != itemDepth + 1) {
          continue;
        }
        String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
        String local = r.getLocalName();
        if (ns.equals(ITUNES) && ITEM_ITUNES.contains(local)) {
          details.putIfAbsent("itunes:" + local, local.equals("image") ? href() : text());
        } else if (ns.equals(CONTENT) && local.equals("encoded")) {
          details.putIfAbsent("content:encoded", text());
        } else if (!ns.isEmpty()) {
          skip();
        } else if (local.equals("guid")) {
          guid = text();
        } else if (local.equals("title")) {
          title = text();
        } else if (local.equals("link")) {
          link = text();
        } else if (local.equals("description")) {
          details.putIfAbsent("description", text());
        } else if (local.equals("pubDate")) {
          date = date(text());
        } else if (local.equals("enclosure")) {
          enclosureUrl = attribute("url");
          enclosureType = attribute("type");
          try {
            enclosureLength = Math.max(0, Long.parseLong(attribute("length")));
          } catch (NumberFormatException missing) {
            enclosureLength = 0; // hosts leave it out or write garbage; 0 is "unknown"
          }
          skip();
        } else {
          skip();
        }
      }
      String description = details.getOrDefault("description", "");
      String summary = details.getOrDefault("itunes:summary", "");
      String notes = details.getOrDefault("content:encoded", "");
      if (notes.isEmpty()) {
        notes = description.isEmpty() ? summary : description;
      }
      return new RawItem(line, guid, title, link, date, enclosureUrl, enclosureLength,
          enclosureType, new OldFeed.Details(notes,
              details.getOrDefault("itunes:subtitle", ""),
              details.getOrDefault("itunes:duration", ""),
              details.getOrDefault("itunes:episode", ""),
              details.getOrDefault("itunes:season", ""),
              details.getOrDefault("itunes:episodeType", ""),
              details.getOrDefault("itunes:image", ""),
              details.getOrDefault("itunes:explicit", "")));
    }

    /** The {@code href} of the current element (an {@code itunes:image}), which is skipped. */
    private String href() throws XMLStreamException, Rejected {
      String href = attribute("href");
      skip();
      return href;
    }

    /** The text of the current element's first child {@code local} (no namespace). */
    private String childText(String local) throws XMLStreamException, Rejected {
      String found = "";
      int start = depth;
      while (next() != XMLStreamConstants.END_ELEMENT || depth > start) {
        if (r.getEventType() == XMLStreamConstants.START_ELEMENT && depth == start + 1) {
          String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
          if (ns.isEmpty() && r.getLocalName().equals(local) && found.isEmpty()) {
            found = text();
          } else {
            skip();
          }
        }
      }
      return found;
    }

    /** An attribute of the current element's first child {@code ns:local}; skips the rest. */
    private String childAttribute(String ns, String local, String attribute)
        throws XMLStreamException, Rejected {
      String found = "";
      int start = depth;
      while (next() != XMLStreamConstants.END_ELEMENT || depth > start) {
        if (r.getEventType() == XMLStreamConstants.START_ELEMENT && depth == start + 1) {
          if (ns.equals(r.getNamespaceURI()) && r.getLocalName().equals(local)
              && found.isEmpty()) {
            found = attribute(attribute);
          }
          skip();
        }
      }
      return found;
    }

    private String attribute(String local) {
      String value = r.getAttributeValue(null, local);
      return value == null ? "" : value.strip();
    }

    /** The text of the current element (which has no child elements worth reading). */
    private String text() throws XMLStreamException, Rejected {
      StringBuilder text = new StringBuilder();
      int start = depth;
      while (next() != XMLStreamConstants.END_ELEMENT || depth > start) {
        int type = r.getEventType();
        if (type == XMLStreamConstants.CHARACTERS || type == XMLStreamConstants.CDATA
            || type == XMLStreamConstants.SPACE) {
          text.append(r.getText());
          if (text.length() > MAX_TEXT) {
            throw rejected(name, line(), "an element's text is longer than " + MAX_TEXT
                + " characters");
          }
        }
      }
      return text.toString().strip();
    }

    private void skip() throws XMLStreamException, Rejected {
      int start = depth;
      while (next() != XMLStreamConstants.END_ELEMENT || depth > start) {
        // the element and everything in it
      }
    }

    /** The next event, keeping the depth: inside an element it is its depth. */
    private int next() throws XMLStreamException, Rejected {
      if (!r.hasNext()) {
        throw rejected(name, line(), "the feed ends early");
      }
      if (r.getEventType() == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
      int type = r.next();
      if (type == XMLStreamConstants.START_ELEMENT) {
        depth++;
        if (depth > MAX_DEPTH) {
          throw rejected(name, line(), "elements are nested more than " + MAX_DEPTH
              + " deep");
        }
      } else if (type == XMLStreamConstants.DTD) {
        throw rejected(name, line(), "the feed has a DOCTYPE, which feeds do not need and which"
            + " is not read (no entity is expanded)");
      } else if (type == XMLStreamConstants.ENTITY_REFERENCE) {
        throw rejected(name, line(), "the feed uses an entity its DOCTYPE declares; entities"
            + " are not expanded");
      }
      return type;
    }

    private int line() {
      return r.getLocation() == null ? 0 : Math.max(0, r.getLocation().getLineNumber());
    }
  }

  /** RFC 822 dates as feeds write them (two-digit years, named zones, no weekday, extra spaces). */
  static Optional<Instant> date(String text) {
    String t = text.strip().replaceAll("\\s+", " ");
    if (t.isEmpty()) {
      return Optional.empty();
    }
    if (t.indexOf(',') >= 0) {
      t = t.substring(t.indexOf(',') + 1).strip();
    }
    t = t.replace(" UT", " GMT").replace(" Z", " GMT");
    for (String pattern : List.of("d MMM yyyy HH:mm:ss Z", "d MMM yyyy HH:mm:ss z",
        "d MMM yyyy HH:mm Z", "d MMM yyyy HH:mm z", "d MMM yy HH:mm:ss Z",
        "d MMM yy HH:mm:ss z")) {
      try {
        return Optional.of(ZonedDateTime.parse(t, DateTimeFormatter.ofPattern(pattern,
            Locale.ROOT)).toInstant());
      } catch (DateTimeParseException next) {
        // the next pattern
      }
    }
    try {
      return Optional.of(Instant.parse(text.strip()));
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }

  /** The channel's link as a base for relative URLs, if it is an absolute http(s) URL. */
  private static URI base(String link) {
    try {
      URI uri = new URI(link.strip());
      return uri.isAbsolute() && uri.getScheme().startsWith("http") ? uri : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /** {@code url} made absolute: protocol-relative ones get https, relative ones the base. */
  static String absolute(URI base, String url) {
    String u = url.strip();
    if (u.isEmpty() || u.startsWith("http://") || u.startsWith("https://")) {
      return u;
    }
    if (u.startsWith("//")) {
      return "https:" + u;
    }
    if (base == null) {
      return u;
    }
    try {
      return base.resolve(new URI(u.replace(" ", "%20"))).toString();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return u;
    }
  }

  private static XMLInputFactory newFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }
}
