package dev.podcast.feed;

import dev.podcast.episode.ItemTags;
import dev.podcast.show.ShowConfig;
import dev.podcast.text.Html;
import dev.podcast.text.Xml;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an RSS 2.0 podcast feed with the {@code itunes}, {@code podcast}, {@code content},
 * {@code atom} and {@code fh} namespaces, streaming (StAX): memory does not grow with the number
 * of items. Characters XML 1.0 forbids are dropped. Immutable and thread-safe.
 */
public final class RssFeedWriter {

  public static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
  public static final String PODCAST = "https://podcastindex.org/namespace/1.0";
  public static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  public static final String ATOM = "http://www.w3.org/2005/Atom";
  public static final String FH = "http://purl.org/syndication/history/1.0";
  public static final String GENERATOR = "podcast (serverless podcast publishing)";

  /** RFC 2822 dates as feeds want them: {@code Wed, 06 Mar 2019 00:00:00 +0000}. */
  public static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  // The JDK's own StAX, not whichever one the classpath offers (google-cloud-storage brings
  // Woodstox, which writes the XML declaration and empty elements differently).
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

  private final ShowConfig show;
  private final String podcastGuid;
  private final boolean withContent;

  /**
   * @param podcastGuid the show's {@code podcast:guid}, kept for the life of the show
   */
  public RssFeedWriter(ShowConfig show, String podcastGuid) {
    this(show, podcastGuid, true);
  }

  /**
   * @param withContent whether items carry the whole notes in {@code content:encoded} besides
   *     {@code description} (category feeds leave it out to stay small)
   */
  public RssFeedWriter(ShowConfig show, String podcastGuid, boolean withContent) {
    this(show, podcastGuid, withContent, path -> path.equals("/feed.xml"));
  }

  /**
   * @param announced whether the feed at a page's path is announced when it changes: such a
   *     feed names the WebSub hubs and says it uses Podping (the main feed, and the category
   *     feeds {@code [notify] categories} names)
   */
  public RssFeedWriter(ShowConfig show, String podcastGuid, boolean withContent,
      java.util.function.Predicate<String> announced) {
    this.show = show;
    this.podcastGuid = podcastGuid;
    this.withContent = withContent;
    this.announced = announced;
  }

  private final java.util.function.Predicate<String> announced;

  /** Writes {@code page} to {@code out} as UTF-8. Does not close {@code out}. */
  public void write(FeedPage page, OutputStream out) throws XMLStreamException {
    write(page, page.entries(), out);
  }

  /**
   * Writes the channel of {@code page} with {@code entries} as its items, read one at a time
   * (they may be produced lazily, from storage): memory does not grow with their number.
   */
  public void write(FeedPage page, Iterable<FeedEntry> entries, OutputStream out)
      throws XMLStreamException {
    write(page, entries, out, null);
  }

  /**
   * Writes {@code page} with each item taken as it is from {@code items}: bytes that
   * {@link #item(FeedEntry)} of this writer made (kept by the caller, so that an unchanged item
   * is not written again). The document is byte for byte the one {@link #write(FeedPage,
   * OutputStream)} writes.
   */
  public void write(FeedPage page, OutputStream out,
      java.util.function.Function<FeedEntry, byte[]> items) throws XMLStreamException {
    write(page, page.entries(), out, Objects.requireNonNull(items, "items"));
  }

  /** The {@code item} element of {@code entry} (after a line break), as UTF-8. */
  public byte[] item(FeedEntry entry) throws XMLStreamException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(16 * 1024);
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
        1 << 14);
    XMLStreamWriter w = FACTORY.createXMLStreamWriter(writer);
    item(w, entry);
    w.flush();
    w.close();
    try {
      writer.flush();
    } catch (IOException e) {
      throw new XMLStreamException("cannot write an item", e);
    }
    return out.toByteArray();
  }

  private static final byte[] CONTENT_START = "<content:encoded>"
      .getBytes(StandardCharsets.UTF_8);
  private static final byte[] CONTENT_END = "</content:encoded>"
      .getBytes(StandardCharsets.UTF_8);

  /**
   * The bytes {@link #item} of a writer without {@code content:encoded} makes, from those a
   * writer with it made for the same entry: the element cut out (its closing tag is the last in
   * the item, whatever its CDATA holds). Empty when {@code item} has no such element.
   */
  public static java.util.Optional<byte[]> withoutContent(byte[] item) {
    int start = indexOf(item, CONTENT_START, 0, true);
    int end = indexOf(item, CONTENT_END, start, false);
    if (start < 0 || end < 0) {
      return java.util.Optional.empty();
    }
    int after = end + CONTENT_END.length;
    byte[] out = new byte[item.length - (after - start)];
    System.arraycopy(item, 0, out, 0, start);
    System.arraycopy(item, after, out, start, item.length - after);
    return java.util.Optional.of(out);
  }

  /** The first (or last) index of {@code what} in {@code bytes} at or after {@code from}. */
  private static int indexOf(byte[] bytes, byte[] what, int from, boolean first) {
    if (from < 0) {
      return -1;
    }
    int found = -1;
    for (int i = from; i + what.length <= bytes.length; i++) {
      if (java.util.Arrays.equals(bytes, i, i + what.length, what, 0, what.length)) {
        if (first) {
          return i;
        }
        found = i;
      }
    }
    return found;
  }

  private void write(FeedPage page, Iterable<FeedEntry> entries, OutputStream out,
      java.util.function.Function<FeedEntry, byte[]> items) throws XMLStreamException {
    // A buffered Writer: the JDK's writer encodes char by char when given a stream.
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
        1 << 16);
    XMLStreamWriter w = FACTORY.createXMLStreamWriter(writer);
    w.writeStartDocument("UTF-8", "1.0");
    w.writeCharacters("\n");
    w.writeStartElement("rss");
    w.writeAttribute("version", "2.0");
    w.writeNamespace("itunes", ITUNES);
    w.writeNamespace("podcast", PODCAST);
    w.writeNamespace("content", CONTENT);
    w.writeNamespace("atom", ATOM);
    w.writeNamespace("fh", FH);
    w.writeCharacters("\n");
    w.writeStartElement("channel");
    channel(w, page, entries);
    if (items == null) {
      for (FeedEntry entry : entries) {
        item(w, entry);
      }
    } else {
      // The channel's elements are all closed: what is buffered goes out, then the items.
      w.flush();
      try {
        writer.flush();
        for (FeedEntry entry : entries) {
          out.write(items.apply(entry));
        }
      } catch (IOException e) {
        throw new XMLStreamException("cannot write the feed", e);
      }
    }
    w.writeEndElement();
    w.writeCharacters("\n");
    w.writeEndElement();
    w.writeCharacters("\n");
    w.writeEndDocument();
    w.flush();
    w.close();
    try {
      writer.flush();
    } catch (IOException e) {
      throw new XMLStreamException("cannot write the feed", e);
    }
  }

  private void channel(XMLStreamWriter w, FeedPage page, Iterable<FeedEntry> entries)
      throws XMLStreamException {
    ShowConfig.Podcast p = show.podcast();
    text(w, "title", page.title());
    text(w, "link", show.baseUrl() + "/");
    text(w, "language", show.languageCode());
    String description = show.description().isBlank() ? show.title() : show.description();
    text(w, "description", FeedHtml.plainText(description, 1300));
    if (!show.copyright().isEmpty()) {
      text(w, "copyright", show.copyright());
    }
    text(w, "generator", GENERATOR);
    // Entries come newest first: the first one's date, not the clock, so that an unchanged show
    // gives a byte-identical feed.
    java.util.Iterator<FeedEntry> first = entries.iterator();
    Optional<Instant> newest = first.hasNext() ? Optional.of(first.next().date())
        : Optional.empty();
    if (newest.isPresent()) {
      text(w, "lastBuildDate", RFC_2822.format(newest.get()));
    }
    atomLink(w, "self", page.path(), "application/rss+xml");
    if (page.archive()) {
      page.current().ifPresent(c -> atomLink(w, "current", c, "application/rss+xml"));
    }
    page.prevArchive().ifPresent(a -> atomLink(w, "prev-archive", a, "application/rss+xml"));
    page.nextArchive().ifPresent(a -> atomLink(w, "next-archive", a, "application/rss+xml"));
    boolean told = !page.archive() && announced.test(page.path());
    if (told) {
      // WebSub: the hubs this feed's changes are published to, where readers subscribe.
      for (String hub : p.notifications().websub()) {
        w.writeEmptyElement("atom", "link", ATOM);
        w.writeAttribute("href", Xml.clean(hub));
        w.writeAttribute("rel", "hub");
      }
    }
    if (page.complete()) {
      empty(w, FH, "complete");
    }
    if (page.archive()) {
      empty(w, FH, "archive");
    }
    String artwork = show.artworkUrl();
    if (!artwork.isEmpty()) {
      w.writeStartElement("image");
      text(w, "url", artwork);
      text(w, "title", page.title());
      text(w, "link", show.baseUrl() + "/");
      w.writeEndElement();
      w.writeEmptyElement("itunes", "image", ITUNES);
      w.writeAttribute("href", artwork);
    }
    w.writeStartElement("itunes", "category", ITUNES);
    w.writeAttribute("text", p.category());
    if (!p.subcategory().isEmpty()) {
      w.writeEmptyElement("itunes", "category", ITUNES);
      w.writeAttribute("text", p.subcategory());
    }
    w.writeEndElement();
    text(w, ITUNES, "explicit", Boolean.toString(p.explicit()));
    text(w, ITUNES, "author", FeedHtml.plainText(p.author(), 255));
    w.writeStartElement("itunes", "owner", ITUNES);
    text(w, ITUNES, "name", p.ownerName());
    if (!p.ownerEmail().isEmpty()) {
      text(w, ITUNES, "email", p.ownerEmail());
    }
    w.writeEndElement();
    text(w, ITUNES, "type", p.type());
    if (!p.newFeedUrl().isEmpty()) {
      text(w, ITUNES, "new-feed-url", p.newFeedUrl()); // the show moved on: apps follow it
    }
    text(w, ITUNES, "summary", FeedHtml.plainText(description, FeedHtml.MAX_SUMMARY_CHARS));
    text(w, PODCAST, "guid", podcastGuid);
    w.writeStartElement("podcast", "locked", PODCAST);
    if (!p.ownerEmail().isEmpty()) {
      w.writeAttribute("owner", p.ownerEmail());
    }
    w.writeCharacters(p.locked() ? "yes" : "no");
    w.writeEndElement();
    text(w, PODCAST, "medium", p.medium());
    if (told && !p.notifications().podping().isEmpty()) {
      w.writeEmptyElement("podcast", "podping", PODCAST);
      w.writeAttribute("usesPodping", "true"); // apps may then poll less: changes are announced
    }
    channelTags(w, p.channel(), entries);
    for (ShowConfig.Funding funding : p.funding()) {
      w.writeStartElement("podcast", "funding", PODCAST);
      w.writeAttribute("url", Xml.clean(funding.url()));
      w.writeCharacters(Xml.clean(funding.text()));
      w.writeEndElement();
    }
    for (ShowConfig.Person person : p.persons()) {
      if (person.role().equals("host")) {
        person(w, person);
      }
    }
  }

  private void item(XMLStreamWriter w, FeedEntry e) throws XMLStreamException {
    w.writeCharacters("\n");
    w.writeStartElement("item");
    text(w, "title", e.title());
    text(w, "link", e.link());
    w.writeStartElement("guid");
    w.writeAttribute("isPermaLink", Boolean.toString(e.guid().equals(e.link())));
    w.writeCharacters(Xml.clean(e.guid()));
    w.writeEndElement();
    text(w, "pubDate", RFC_2822.format(e.date()));
    w.writeEmptyElement("enclosure");
    w.writeAttribute("url", Xml.clean(show.enclosure(e.enclosureUrl())));
    w.writeAttribute("length", Long.toString(e.enclosureLength()));
    w.writeAttribute("type", e.enclosureType());
    for (String category : e.categories()) {
      text(w, "category", category);
    }
    cdata(w, null, "description", e.descriptionHtml());
    if (withContent) {
      cdata(w, CONTENT, "encoded", e.contentHtml());
    }
    text(w, ITUNES, "title", e.title());
    text(w, ITUNES, "summary", e.summaryText());
    if (!e.subtitle().isEmpty()) {
      text(w, ITUNES, "subtitle", e.subtitle());
    }
    if (!e.author().isEmpty()) {
      text(w, ITUNES, "author", e.author());
    }
    text(w, ITUNES, "duration", Long.toString(e.durationSeconds()));
    text(w, ITUNES, "explicit", Boolean.toString(show.podcast().explicit()));
    text(w, ITUNES, "episodeType", e.episodeType());
    if (e.seasonNumber().isPresent()) {
      text(w, ITUNES, "season", Integer.toString(e.seasonNumber().getAsInt()));
    }
    if (e.episodeNumber().isPresent()) {
      text(w, ITUNES, "episode", Integer.toString(e.episodeNumber().getAsInt()));
    }
    if (!e.imageUrl().isEmpty()) {
      w.writeEmptyElement("itunes", "image", ITUNES);
      w.writeAttribute("href", Xml.clean(e.imageUrl()));
    }
    if (e.seasonNumber().isPresent()) {
      w.writeStartElement("podcast", "season", PODCAST);
      if (!e.tags().seasonName().isEmpty()) {
        w.writeAttribute("name", Xml.clean(e.tags().seasonName()));
      }
      w.writeCharacters(Integer.toString(e.seasonNumber().getAsInt()));
      w.writeEndElement();
    }
    if (e.episodeNumber().isPresent()) {
      text(w, PODCAST, "episode", Integer.toString(e.episodeNumber().getAsInt()));
    }
    if (!e.tags().chapters().isEmpty()) {
      w.writeEmptyElement("podcast", "chapters", PODCAST);
      w.writeAttribute("url", Xml.clean(e.link() + CHAPTERS_FILE));
      w.writeAttribute("type", CHAPTERS_TYPE);
    }
    itemTags(w, e.tags());
    for (FeedEntry.Transcript t : e.transcripts()) {
      w.writeEmptyElement("podcast", "transcript", PODCAST);
      w.writeAttribute("url", Xml.clean(t.url()));
      w.writeAttribute("type", t.type());
      w.writeAttribute("language", show.languageCode());
      if (!t.rel().isEmpty()) {
        w.writeAttribute("rel", t.rel());
      }
    }
    for (ShowConfig.Person person : e.persons()) {
      person(w, person);
    }
    w.writeEndElement();
  }

  private void person(XMLStreamWriter w, ShowConfig.Person person) throws XMLStreamException {
    w.writeStartElement("podcast", "person", PODCAST);
    w.writeAttribute("role", person.role());
    w.writeAttribute("group", person.group());
    if (!person.img().isEmpty()) {
      w.writeAttribute("img", Xml.clean(person.img()));
    }
    if (!person.href().isEmpty()) {
      w.writeAttribute("href", Xml.clean(person.href()));
    }
    w.writeCharacters(Xml.clean(person.name()));
    w.writeEndElement();
  }

  /** The channel's other Podcasting 2.0 tags, as {@code podcast.toml} names them. */
  private void channelTags(XMLStreamWriter w, ShowConfig.ChannelTags tags,
      Iterable<FeedEntry> entries) throws XMLStreamException {
    for (ShowConfig.Txt txt : tags.txt()) {
      w.writeStartElement("podcast", "txt", PODCAST);
      if (!txt.purpose().isEmpty()) {
        w.writeAttribute("purpose", Xml.clean(txt.purpose()));
      }
      w.writeCharacters(Xml.clean(txt.value()));
      w.writeEndElement();
    }
    // As configured, else the cadence of the latest episodes, if a clear one.
    ShowConfig.UpdateFrequency frequency = tags.updateFrequency().label().isEmpty()
        ? Cadence.of(entries).orElse(ShowConfig.UpdateFrequency.NONE) : tags.updateFrequency();
    if (!frequency.label().isEmpty()) {
      w.writeStartElement("podcast", "updateFrequency", PODCAST);
      if (frequency.complete()) {
        w.writeAttribute("complete", "true");
      }
      if (!frequency.dtstart().isEmpty()) {
        w.writeAttribute("dtstart", frequency.dtstart());
      }
      if (!frequency.rrule().isEmpty()) {
        w.writeAttribute("rrule", frequency.rrule());
      }
      w.writeCharacters(Xml.clean(frequency.label()));
      w.writeEndElement();
    }
    if (!tags.license().name().isEmpty()) {
      w.writeStartElement("podcast", "license", PODCAST);
      if (!tags.license().url().isEmpty()) {
        w.writeAttribute("url", Xml.clean(tags.license().url()));
      }
      w.writeCharacters(Xml.clean(tags.license().name()));
      w.writeEndElement();
    }
    ShowConfig.Location location = tags.location();
    if (!location.name().isEmpty()) {
      w.writeStartElement("podcast", "location", PODCAST);
      if (!location.geo().isEmpty()) {
        w.writeAttribute("geo", location.geo());
      }
      if (!location.osm().isEmpty()) {
        w.writeAttribute("osm", location.osm());
      }
      w.writeCharacters(Xml.clean(location.name()));
      w.writeEndElement();
    }
    if (!tags.podroll().isEmpty()) {
      w.writeStartElement("podcast", "podroll", PODCAST);
      for (ShowConfig.RemoteItem item : tags.podroll()) {
        remoteItem(w, item, "");
      }
      w.writeEndElement();
    }
    if (!tags.publisher().feedGuid().isEmpty()) {
      w.writeStartElement("podcast", "publisher", PODCAST);
      remoteItem(w, tags.publisher(), "publisher");
      w.writeEndElement();
    }
    // The show's trailers (episodeType = "trailer") are also named as the channel's, newest
    // first, as apps that play one before subscribing look for them.
    for (FeedEntry e : entries) {
      if (e.episodeType().equals("trailer")) {
        w.writeStartElement("podcast", "trailer", PODCAST);
        w.writeAttribute("pubdate", RFC_2822.format(e.date()));
        w.writeAttribute("url", Xml.clean(show.enclosure(e.enclosureUrl())));
        if (e.enclosureLength() > 0) {
          w.writeAttribute("length", Long.toString(e.enclosureLength()));
        }
        w.writeAttribute("type", e.enclosureType());
        if (e.seasonNumber().isPresent()) {
          w.writeAttribute("season", Integer.toString(e.seasonNumber().getAsInt()));
        }
        w.writeCharacters(Xml.clean(FeedHtml.plainText(Html.escape(e.title()),
            MAX_TRAILER_TITLE)));
        w.writeEndElement();
      }
    }
  }

  /** The chapters file beside each page that has chapters, and its type in the feed. */
  public static final String CHAPTERS_FILE = "chapters.json";
  public static final String CHAPTERS_TYPE = "application/json+chapters";

  /** The namespace's longest trailer title. */
  private static final int MAX_TRAILER_TITLE = 128;

  /** An item's licence and soundbites (its season's name goes with {@code podcast:season}). */
  private void itemTags(XMLStreamWriter w, ItemTags tags) throws XMLStreamException {
    if (!tags.licenseName().isEmpty()) {
      w.writeStartElement("podcast", "license", PODCAST);
      if (!tags.licenseUrl().isEmpty()) {
        w.writeAttribute("url", Xml.clean(tags.licenseUrl()));
      }
      w.writeCharacters(Xml.clean(tags.licenseName()));
      w.writeEndElement();
    }
    for (ItemTags.Alternate alt : tags.alternates()) {
      w.writeStartElement("podcast", "alternateEnclosure", PODCAST);
      w.writeAttribute("type", alt.type());
      if (alt.length() > 0) {
        w.writeAttribute("length", Long.toString(alt.length()));
      }
      if (alt.bitrate() > 0) {
        w.writeAttribute("bitrate", seconds(alt.bitrate()));
      }
      if (!alt.title().isEmpty()) {
        w.writeAttribute("title", Xml.clean(alt.title()));
      }
      if (alt.preferred()) {
        w.writeAttribute("default", "true");
      }
      w.writeEmptyElement("podcast", "source", PODCAST);
      w.writeAttribute("uri", Xml.clean(show.enclosure(alt.url())));
      w.writeEndElement();
    }
    for (ItemTags.Soundbite bite : tags.soundbites()) {
      w.writeStartElement("podcast", "soundbite", PODCAST);
      w.writeAttribute("startTime", seconds(bite.startTime()));
      w.writeAttribute("duration", seconds(bite.duration()));
      w.writeCharacters(Xml.clean(bite.title()));
      w.writeEndElement();
    }
  }

  /** A number as the namespace writes it: a decimal, such as {@code 73.5} or {@code 60.0}. */
  private static String seconds(double value) {
    return java.math.BigDecimal.valueOf(value).setScale(Math.max(1,
        java.math.BigDecimal.valueOf(value).stripTrailingZeros().scale()),
        java.math.RoundingMode.UNNECESSARY).toPlainString();
  }

  private static void remoteItem(XMLStreamWriter w, ShowConfig.RemoteItem item, String medium)
      throws XMLStreamException {
    w.writeEmptyElement("podcast", "remoteItem", PODCAST);
    if (!medium.isEmpty()) {
      w.writeAttribute("medium", medium);
    }
    w.writeAttribute("feedGuid", item.feedGuid());
    if (!item.feedUrl().isEmpty()) {
      w.writeAttribute("feedUrl", Xml.clean(item.feedUrl()));
    }
  }

  private void atomLink(XMLStreamWriter w, String rel, String path, String type) {
    try {
      w.writeEmptyElement("atom", "link", ATOM);
      w.writeAttribute("href", show.absolute(path));
      w.writeAttribute("rel", rel);
      w.writeAttribute("type", type);
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void empty(XMLStreamWriter w, String namespace, String name)
      throws XMLStreamException {
    w.writeEmptyElement("fh", name, namespace);
  }

  private static void text(XMLStreamWriter w, String name, String value)
      throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(Xml.clean(value));
    w.writeEndElement();
  }

  private static void text(XMLStreamWriter w, String namespace, String name, String value)
      throws XMLStreamException {
    w.writeStartElement(prefix(namespace), name, namespace);
    w.writeCharacters(Xml.clean(value));
    w.writeEndElement();
  }

  /** Writes HTML in CDATA, splitting any {@code ]]>} the HTML contains. */
  private static void cdata(XMLStreamWriter w, String namespace, String name, String html)
      throws XMLStreamException {
    if (namespace == null) {
      w.writeStartElement(name);
    } else {
      w.writeStartElement(prefix(namespace), name, namespace);
    }
    String clean = Xml.clean(html);
    int from = 0;
    for (int end = clean.indexOf("]]>"); end >= 0; end = clean.indexOf("]]>", from)) {
      w.writeCData(clean.substring(from, end + 2));
      from = end + 2;
    }
    w.writeCData(clean.substring(from));
    w.writeEndElement();
  }

  private static String prefix(String namespace) {
    return switch (namespace) {
      case ITUNES -> "itunes";
      case PODCAST -> "podcast";
      case CONTENT -> "content";
      case ATOM -> "atom";
      default -> "fh";
    };
  }
}
