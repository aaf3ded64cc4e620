package dev.podcast.migrate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a podcast's RSS feed says that a move must keep: the channel's identity and each item's
 * guid, enclosure, link, title and date, with the line each item starts on.
 *
 * @param name the feed as the user named it (a file or a URL), for reports
 */
public record OldFeed(String name, Channel channel, List<Item> items) {

  public OldFeed {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(channel, "channel");
    items = List.copyOf(items);
  }

  /** A value the feed gives, and the line it is on (0 and empty where the feed has none). */
  public record Value(String text, int line) {
    public static final Value NONE = new Value("", 0);

    public Value {
      Objects.requireNonNull(text, "text");
    }

    public boolean isEmpty() {
      return text.isEmpty();
    }
  }

  /** An {@code itunes:category}, with its first nested subcategory (or empty). */
  public record Category(String name, String subcategory, int line) {
    public Category {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(subcategory, "subcategory");
    }
  }

  /** A {@code podcast:funding} link. */
  public record Funding(String url, String text, int line) {
    public Funding {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(text, "text");
    }
  }

  /** A channel's {@code podcast:person}. */
  public record Person(String name, String role, String group, String img, String href,
      int line) {
    public Person {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(img, "img");
      Objects.requireNonNull(href, "href");
    }
  }

  /**
   * The channel, as written (values are not checked here: see {@code ShowSettingsImport}).
   *
   * @param image {@code itunes:image}'s {@code href}, else {@code image/url}
   * @param explicit {@code itunes:explicit} as written: yes, no, clean, true, false
   */
  public record Channel(String title, String link, Value language, Value author,
      Value ownerName, Value ownerEmail, Value podcastGuid, Value newFeedUrl, Value copyright,
      Value explicit, Value type, Value image, Value locked, List<Category> categories,
      List<Funding> funding, List<Person> persons) {
    public Channel {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(link, "link");
      for (Value v : List.of(language, author, ownerName, ownerEmail, podcastGuid, newFeedUrl,
          copyright, explicit, type, image, locked)) {
        Objects.requireNonNull(v, "value");
      }
      categories = List.copyOf(categories);
      funding = List.copyOf(funding);
      persons = List.copyOf(persons);
    }
  }

  /**
   * One item. URLs are absolute (relative ones resolved against the channel's link,
   * protocol-relative ones given {@code https:}).
   *
   * @param line the line of the feed its {@code <item>} starts on
   * @param guid its guid as written (apps know the episode by it), or empty when it has none
   * @param enclosureUrl its enclosure's URL, or empty
   * @param date its {@code pubDate}, when it can be read
   */
  public record Item(int line, String guid, String title, String link, Optional<Instant> date,
      String enclosureUrl, long enclosureLength, String enclosureType, Details details) {
    public Item {
      Objects.requireNonNull(details, "details");
      Objects.requireNonNull(guid, "guid");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(link, "link");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(enclosureUrl, "enclosureUrl");
      Objects.requireNonNull(enclosureType, "enclosureType");
    }

    /** An item without details (tests and matching need only the identity). */
    public Item(int line, String guid, String title, String link, Optional<Instant> date,
        String enclosureUrl, long enclosureLength, String enclosureType) {
      this(line, guid, title, link, date, enclosureUrl, enclosureLength, enclosureType,
          Details.NONE);
    }

    /** What apps key the episode by: the guid, or (without one) the enclosure's URL. */
    public String identity() {
      return guid.isEmpty() ? enclosureUrl : guid;
    }
  }

  /**
   * What an episode file made from an item needs beyond its identity, as written.
   *
   * @param notesHtml {@code content:encoded}, else {@code description}, else
   *     {@code itunes:summary}
   * @param summary {@code itunes:subtitle}: the short description, when the item has one
   * @param duration {@code itunes:duration}: seconds, MM:SS or HH:MM:SS
   * @param image {@code itunes:image}'s {@code href}
   */
  public record Details(String notesHtml, String summary, String duration, String episode,
      String season, String episodeType, String image, String explicit) {
    public static final Details NONE = new Details("", "", "", "", "", "", "", "");

    public Details {
      Objects.requireNonNull(notesHtml, "notesHtml");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(episode, "episode");
      Objects.requireNonNull(season, "season");
      Objects.requireNonNull(episodeType, "episodeType");
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(explicit, "explicit");
    }
  }
}
