package dev.podcast.show;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The show, as its Hugo {@code config.toml} (and optional {@code podcast.toml}) describes it.
 * Validated when read by {@link ShowConfigReader}; immutable.
 *
 * @param baseUrl the site's base URL without a trailing slash ({@code https://www.gcppodcast.com})
 * @param title the show's title
 * @param languageCode the feed language, lower case ({@code en-us})
 * @param paginate episodes per home page
 * @param description the show's description, plain text
 * @param copyright the copyright line, possibly empty
 * @param logo the site logo: a site path starting with '/' or an absolute URL; may be empty
 * @param episodeHostBaseUrl the URL relative {@code audioFile} names are joined to; may be empty
 * @param categoryTaxonomy the taxonomy holding episode categories ({@code categories})
 * @param twitterUser {@code params.twitterUser}, for Twitter cards; may be empty
 * @param podcast what Hugo lacks: the podcast settings
 * @param unsafeHtml Hugo's {@code markup.goldmark.renderer.unsafe}: author HTML kept as written
 *     (never in episodes a CMS wrote); otherwise cleaned to an allow-list
 * @param embedHosts the hosts whose {@code iframe}s show notes may embed ({@code embedHosts})
 */
public record ShowConfig(
    String baseUrl,
    String title,
    String languageCode,
    int paginate,
    String description,
    String copyright,
    String logo,
    String episodeHostBaseUrl,
    String categoryTaxonomy,
    String twitterUser,
    Podcast podcast,
    boolean unsafeHtml,
    List<String> embedHosts) {

  /** The video players show notes embed by default. */
  public static final List<String> DEFAULT_EMBED_HOSTS = List.of("www.youtube.com",
      "www.youtube-nocookie.com", "player.vimeo.com");

  public ShowConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(languageCode, "languageCode");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(copyright, "copyright");
    Objects.requireNonNull(logo, "logo");
    Objects.requireNonNull(episodeHostBaseUrl, "episodeHostBaseUrl");
    Objects.requireNonNull(categoryTaxonomy, "categoryTaxonomy");
    Objects.requireNonNull(twitterUser, "twitterUser");
    Objects.requireNonNull(podcast, "podcast");
    embedHosts = List.copyOf(embedHosts);
    if (baseUrl.endsWith("/")) {
      throw new IllegalArgumentException("baseUrl must not end with '/'");
    }
    if (paginate < 1) {
      throw new IllegalArgumentException("paginate must be >= 1");
    }
  }

  /** The absolute URL of a site path ({@code /post/x/} → {@code https://host/post/x/}). */
  public String absolute(String sitePathOrUrl) {
    if (sitePathOrUrl.startsWith("https://") || sitePathOrUrl.startsWith("http://")) {
      return sitePathOrUrl;
    }
    return baseUrl + (sitePathOrUrl.startsWith("/") ? "" : "/") + sitePathOrUrl;
  }

  /** The main feed's URL. */
  public String feedUrl() {
    return baseUrl + "/feed.xml";
  }

  /** The show artwork URL: {@code podcast.artwork}, else the logo; https where the site is. */
  public String artworkUrl() {
    String art = podcast.artwork().isEmpty() ? logo : podcast.artwork();
    return art.isEmpty() ? "" : absolute(art);
  }

  /** The person configured for {@code name}, if any. */
  public Optional<Person> person(String name) {
    return podcast.persons().stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
  }

  /**
   * The podcast settings ({@code [params.podcast]} or {@code podcast.toml}).
   *
   * @param author {@code itunes:author}
   * @param ownerName {@code itunes:owner/itunes:name}
   * @param ownerEmail {@code itunes:owner/itunes:email}; may be empty (validators warn)
   * @param category Apple category (2019 list)
   * @param subcategory Apple subcategory of {@code category}; may be empty
   * @param explicit {@code itunes:explicit}
   * @param artwork show artwork: site path or https URL; empty to use the logo
   * @param type {@code episodic} or {@code serial}
   * @param guid {@code podcast:guid} as configured; empty to derive it from the feed URL once
   * @param locked {@code podcast:locked}
   * @param funding {@code podcast:funding} links
   * @param persons hosts and guests with roles, images and links
   * @param feedItemLimit the newest this many items form the main feed; older ones go to
   *     archive pages
   * @param medium {@code podcast:medium}
   * @param newFeedUrl {@code itunes:new-feed-url}: where apps are to find the show from now on,
   *     when it moves again; empty while this site's feed is the show's
   * @param oldFeedPaths the site paths of the feeds an earlier site served (Hugo's
   *     {@code /index.xml}, a WordPress {@code /feed/}), each answered with the main feed
   */
  public record Podcast(
      String author,
      String ownerName,
      String ownerEmail,
      String category,
      String subcategory,
      boolean explicit,
      String artwork,
      String type,
      String guid,
      boolean locked,
      List<Funding> funding,
      List<Person> persons,
      int feedItemLimit,
      String medium,
      String newFeedUrl,
      List<String> oldFeedPaths,
      Notify notifications,
      String enclosurePrefix,
      ChannelTags channel) {

    public Podcast {
      Objects.requireNonNull(author, "author");
      Objects.requireNonNull(ownerName, "ownerName");
      Objects.requireNonNull(ownerEmail, "ownerEmail");
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(subcategory, "subcategory");
      Objects.requireNonNull(artwork, "artwork");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(guid, "guid");
      Objects.requireNonNull(medium, "medium");
      Objects.requireNonNull(newFeedUrl, "newFeedUrl");
      oldFeedPaths = List.copyOf(oldFeedPaths);
      Objects.requireNonNull(notifications, "notifications");
      Objects.requireNonNull(enclosurePrefix, "enclosurePrefix");
      Objects.requireNonNull(channel, "channel");
      funding = List.copyOf(funding);
      persons = List.copyOf(persons);
      if (feedItemLimit < 1) {
        throw new IllegalArgumentException("feedItemLimit must be >= 1");
      }
    }
  }

  /**
   * {@code url} as the feeds give it: behind {@link Podcast#enclosurePrefix} (an analytics
   * service's redirect, such as OP3's {@code https://op3.dev/e/}), which takes the URL without
   * its {@code https://} or {@code http://}, as OP3, Podtrac and Chartable document; as it is
   * without one. Only enclosures: guids and the pages' download links stay as they are.
   */
  public String enclosure(String url) {
    String prefix = podcast.enclosurePrefix();
    if (prefix.isEmpty() || url.startsWith(prefix)) {
      return url;
    }
    return prefix + url.replaceFirst("^https?://", "");
  }

  /**
   * Whom to tell when the main feed changes ({@code [notify]} in {@code podcast.toml}): each
   * absent one is off.
   *
   * @param podping podping.cloud's API ({@code https://podping.cloud/}), or empty
   * @param websub the WebSub hubs the feed names ({@code atom:link rel="hub"}) and pings
   * @param podcastIndex the Podcast Index's ping URL
   *     ({@code https://api.podcastindex.org/api/1.0/hub/pubnotify}), or empty
   * @param categories the categories whose feeds ({@code /categories/<c>/feed.xml}) are
   *     announced too, as the main feed is (their feeds name the hubs and Podping);
   *     {@link #ALL_CATEGORIES} for every one; empty for the main feed only
   */
  public record Notify(String podping, List<String> websub, String podcastIndex,
      List<String> categories) {
    /** Nobody is told. */
    public static final Notify NONE = new Notify("", List.of(), "", List.of());
    /** In {@code categories}: every category's feed. */
    public static final String ALL_CATEGORIES = "*";

    /** Whom to tell of the main feed alone. */
    public Notify(String podping, List<String> websub, String podcastIndex) {
      this(podping, websub, podcastIndex, List.of());
    }

    public Notify {
      Objects.requireNonNull(podping, "podping");
      websub = List.copyOf(websub);
      Objects.requireNonNull(podcastIndex, "podcastIndex");
      categories = List.copyOf(categories);
    }
  }

  /**
   * The channel's other Podcasting 2.0 tags ({@code podcastnamespace.org}), from
   * {@code podcast.toml}; each empty one is not written.
   *
   * @param txt {@code podcast:txt}: verification strings and other text, each with its purpose
   * @param updateFrequency {@code podcast:updateFrequency}, or {@link UpdateFrequency#NONE}
   * @param license {@code podcast:license}: an SPDX identifier or a name, and its URL
   * @param location {@code podcast:location}: what the show is about or recorded at
   * @param podroll {@code podcast:podroll}: the shows this one recommends
   * @param publisher {@code podcast:publisher}: the publisher's feed, or {@link RemoteItem#NONE}
   */
  public record ChannelTags(List<Txt> txt, UpdateFrequency updateFrequency, License license,
      Location location, List<RemoteItem> podroll, RemoteItem publisher) {
    public static final ChannelTags NONE = new ChannelTags(List.of(), UpdateFrequency.NONE,
        License.NONE, Location.NONE, List.of(), RemoteItem.NONE);

    public ChannelTags {
      txt = List.copyOf(txt);
      Objects.requireNonNull(updateFrequency, "updateFrequency");
      Objects.requireNonNull(license, "license");
      Objects.requireNonNull(location, "location");
      podroll = List.copyOf(podroll);
      Objects.requireNonNull(publisher, "publisher");
    }
  }

  /** A {@code podcast:txt}: {@code value}, with an optional {@code purpose} ("verify"). */
  public record Txt(String value, String purpose) {}

  /**
   * A {@code podcast:updateFrequency}: a label ("Weekly"), an RFC 5545 {@code rrule}, whether the
   * show is complete, and when the schedule starts ({@code dtstart}, ISO 8601, or empty).
   */
  public record UpdateFrequency(String label, String rrule, boolean complete, String dtstart) {
    public static final UpdateFrequency NONE = new UpdateFrequency("", "", false, "");
  }

  /** A {@code podcast:license}: an SPDX identifier or a name, and the licence's URL. */
  public record License(String name, String url) {
    public static final License NONE = new License("", "");
  }

  /** A {@code podcast:location}: a name, a {@code geo:} URI and an OpenStreetMap id. */
  public record Location(String name, String geo, String osm) {
    public static final Location NONE = new Location("", "", "");
  }

  /** A {@code podcast:remoteItem}: another show's {@code podcast:guid} and, optionally, feed. */
  public record RemoteItem(String feedGuid, String feedUrl) {
    public static final RemoteItem NONE = new RemoteItem("", "");
  }

  /** A {@code podcast:funding} link. */
  public record Funding(String url, String text) {
    public Funding {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A {@code podcast:person}: matched to episode {@code hosts} by name.
   *
   * @param role Podcast Index role, such as {@code host} or {@code guest}
   * @param group Podcast Index group, such as {@code cast}
   * @param img an https image URL; may be empty
   * @param href a link about the person; may be empty
   */
  public record Person(String name, String role, String group, String img, String href) {
    public Person {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(img, "img");
      Objects.requireNonNull(href, "href");
    }
  }
}
