package dev.podcast.site;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.podcast.artwork.Artwork;
import dev.podcast.episode.Episode;
import dev.podcast.episode.Turn;
import dev.podcast.show.ShowConfig;
import dev.podcast.text.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What pages show of the show and of an episode: the {@link Views} records templates read, page
 * metadata and JSON-LD. A long-lived instance can keep the listing cards it made (one per
 * episode version), so that a change renders the cards of the changed episodes only. Thread-safe.
 */
public final class EpisodeViews {

  /** For JSON embedded in HTML (JSON-LD): escapes {@code < > & = '}. */
  private static final Gson GSON = new Gson();
  private static final int MAX_CARDS = 50_000;

  private final ShowConfig show;
  private final SitePaths paths;
  private final Views.Site site;
  /** Listing cards already made, or null (cards are not kept). */
  private final ConcurrentMap<CardKey, Views.EpisodeView> cards;

  private record CardKey(Episode episode, String image) {}

  public EpisodeViews(ShowConfig show, SitePaths paths, boolean keepCards) {
    this.show = show;
    this.paths = paths;
    this.cards = keepCards ? new ConcurrentHashMap<>() : null;
    this.site = new Views.Site(show.title(), show.description(), show.baseUrl(),
        show.languageCode(), show.feedUrl(), show.absolute(SitePaths.JSON_FEED),
        show.copyright(), show.twitterUser(), paths.categoriesRoot());
  }

  /** What every page shows of the show. */
  public Views.Site site() {
    return site;
  }

  /**
   * {@code ep} as its page shows it, with links to {@code previous} (older) and {@code next}
   * (newer), each null when there is none.
   */
  public Views.EpisodeView page(PublishedEpisode ep, Views.Link previous, Views.Link next) {
    return view(ep, previous, next, true);
  }

  /** The link to {@code ep} from its neighbours' pages. */
  public static Views.Link link(PublishedEpisode ep) {
    return new Views.Link(ep.episode().title(), ep.episode().pagePath());
  }

  /** An episode as listings show it; kept per episode version where cards are kept. */
  public Views.EpisodeView card(PublishedEpisode ep) {
    if (cards == null) {
      return view(ep, null, null, false);
    }
    CardKey key = new CardKey(ep.episode(), ep.image());
    Views.EpisodeView known = cards.get(key);
    if (known != null) {
      return known;
    }
    if (cards.size() > MAX_CARDS) {
      cards.clear();
    }
    Views.EpisodeView view = view(ep, null, null, false);
    cards.put(key, view);
    return view;
  }

  private Views.EpisodeView view(PublishedEpisode ep, Views.Link previous, Views.Link next,
      boolean withTranscript) {
    Episode e = ep.episode();
    List<Views.Link> hosts = e.hosts().stream()
        .map(h -> new Views.Link(h, paths.hostPath(h))).toList();
    List<Views.Link> categories = e.categories().stream()
        .map(c -> new Views.Link(c, paths.categoryPath(c))).toList();
    List<Views.External> links = new ArrayList<>();
    e.links().forEach((key, url) -> links.add(new Views.External(linkLabel(key), url)));
    List<Views.TurnView> turns = withTranscript
        ? e.transcript().turns().stream()
            .map(t -> new Views.TurnView(t.speaker(), t.paragraphs())).toList()
        : List.of();
    return new Views.EpisodeView(
        e.title(),
        e.pagePath(),
        Formats.isoDate(e.date()),
        Formats.date(e.date()),
        e.episodeNumber().isPresent() ? Integer.toString(e.episodeNumber().getAsInt()) : "",
        Formats.duration(e.audio().duration()),
        Formats.size(e.audio().sizeBytes()),
        ep.image().startsWith("/") ? Artwork.derivedName(ep.image(), "square") : ep.image(),
        e.audio().url(),
        e.audio().mimeType(),
        e.summaryHtml(),
        e.notesHtml(),
        hosts,
        categories,
        links,
        turns,
        withTranscript ? transcriptHtml(e) : "",
        previous,
        next);
  }

  /** The transcript as HTML: each turn a {@code div} with the speaker in {@code cite}. */
  static String transcriptHtml(Episode e) {
    StringBuilder out = new StringBuilder(e.transcript().turns().size() * 200);
    for (Turn turn : e.transcript().turns()) {
      out.append("<div class=\"turn\">");
      if (!turn.speaker().isEmpty()) {
        out.append("<cite>").append(Html.escape(turn.speaker())).append("</cite>");
      }
      for (String paragraph : turn.paragraphs()) {
        out.append("<p>").append(Html.escape(paragraph)).append("</p>");
      }
      out.append("</div>\n");
    }
    return out.toString();
  }

  private static String linkLabel(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.startsWith("reddit")) {
      return "Discuss on Reddit";
    }
    if (lower.startsWith("googleplus")) {
      return "Google+ post (archived)";
    }
    String name = key.replaceFirst("(?i)link$", "");
    return name.isEmpty() ? key : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** The description for search results and link previews: at most 300 characters. */
  public static String metaDescription(Episode e) {
    String text = e.description().isBlank() ? Html.toPlainText(e.summaryHtml()) : e.description();
    return text.length() > 300 ? text.substring(0, 297) + "..." : text;
  }

  /** The social-card image: the 1200×630 size derived from a local image, else the artwork. */
  public String socialImage(String image) {
    if (image.isEmpty()) {
      return show.artworkUrl();
    }
    return show.absolute(image.startsWith("/") ? Artwork.derivedName(image, "social") : image);
  }

  /** The metadata of a listing page at {@code path}. */
  public Views.Meta meta(String title, String description, String path, String jsonLd) {
    return new Views.Meta(title, description, show.absolute(path), "website", show.artworkUrl(),
        "", "", jsonLd);
  }

  /** The JSON-LD of an episode page: a schema.org {@code PodcastEpisode}. */
  public String episodeJsonLd(PublishedEpisode ep) {
    Episode e = ep.episode();
    JsonObject o = new JsonObject();
    o.addProperty("@context", "https://schema.org");
    o.addProperty("@type", "PodcastEpisode");
    o.addProperty("name", e.title());
    o.addProperty("url", show.absolute(e.pagePath()));
    o.addProperty("datePublished", Formats.isoDate(e.date()));
    o.addProperty("description", metaDescription(e));
    e.episodeNumber().ifPresent(n -> o.addProperty("episodeNumber", n));
    if (!e.audio().duration().isZero()) {
      o.addProperty("timeRequired", Formats.isoDuration(e.audio().duration()));
    }
    String image = socialImage(ep.image());
    if (!image.isEmpty()) {
      o.addProperty("image", image);
    }
    JsonObject media = new JsonObject();
    media.addProperty("@type", "AudioObject");
    media.addProperty("contentUrl", e.audio().url());
    media.addProperty("encodingFormat", e.audio().mimeType());
    o.add("associatedMedia", media);
    o.add("partOfSeries", series());
    return GSON.toJson(o);
  }

  /** The JSON-LD of the show: a schema.org {@code PodcastSeries}. */
  public String seriesJsonLd() {
    return GSON.toJson(series());
  }

  private JsonObject series() {
    JsonObject series = new JsonObject();
    series.addProperty("@context", "https://schema.org");
    series.addProperty("@type", "PodcastSeries");
    series.addProperty("name", show.title());
    series.addProperty("url", show.baseUrl() + "/");
    series.addProperty("webFeed", show.feedUrl());
    if (!show.description().isBlank()) {
      series.addProperty("description", show.description());
    }
    if (!show.artworkUrl().isEmpty()) {
      series.addProperty("image", show.artworkUrl());
    }
    return series;
  }
}
