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

  /** The channel: empty strings where the feed says nothing. */
  public record Channel(String title, String link, String language, String author,
      String ownerName, String ownerEmail, String podcastGuid, String newFeedUrl) {
    public Channel {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(link, "link");
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(author, "author");
      Objects.requireNonNull(ownerName, "ownerName");
      Objects.requireNonNull(ownerEmail, "ownerEmail");
      Objects.requireNonNull(podcastGuid, "podcastGuid");
      Objects.requireNonNull(newFeedUrl, "newFeedUrl");
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
      String enclosureUrl, long enclosureLength, String enclosureType) {
    public Item {
      Objects.requireNonNull(guid, "guid");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(link, "link");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(enclosureUrl, "enclosureUrl");
      Objects.requireNonNull(enclosureType, "enclosureType");
    }

    /** What apps key the episode by: the guid, or (without one) the enclosure's URL. */
    public String identity() {
      return guid.isEmpty() ? enclosureUrl : guid;
    }
  }
}
