package dev.podcast.site;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.podcast.artwork.Artwork;
import dev.podcast.episode.Episode;
import dev.podcast.episode.Turn;
import dev.podcast.feed.FeedCheck;
import dev.podcast.feed.FeedEntry;
import dev.podcast.feed.FeedPage;
import dev.podcast.feed.JsonFeedWriter;
import dev.podcast.feed.RssFeedWriter;
import dev.podcast.parse.Slugs;
import dev.podcast.problem.Problem;
import dev.podcast.show.ShowConfig;
import dev.podcast.text.Html;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders everything a listener and a podcast app see, from published episodes: episode pages
 * and transcripts, listings (home pages, archive, categories, hosts), feeds (RSS, JSON Feed,
 * per-category RSS, RFC 5005 archives), sitemap, robots.txt, 404 and stylesheet. Pure: it returns
 * files and writes nothing. Immutable and thread-safe.
 */
public final class SiteRenderer {

  /** For JSON embedded in HTML (JSON-LD): escapes {@code < > & = '}. */
  private static final Gson GSON = new Gson();
  /** For JSON files. */
  private static final Gson GSON_FILES = new com.google.gson.GsonBuilder().disableHtmlEscaping()
      .create();
  // The JDK's own StAX, not whichever one the classpath offers (google-cloud-storage brings
  // Woodstox, which writes the XML declaration and empty elements differently).
  private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();

  private final ShowConfig show;
  private final Templates templates;
  private final String podcastGuid;
  private final Views.Site site;
  /** Items already written and checked, per writer (with or without content), or null. */
  private final ItemCache items;
  /** Listing cards already made, or null (a renderer that does not keep items). */
  private final java.util.concurrent.ConcurrentMap<CardKey, Views.EpisodeView> cards;

  public SiteRenderer(ShowConfig show, Templates templates, String podcastGuid) {
    this(show, templates, podcastGuid, false);
  }

  /**
   * @param keepItems whether to keep each feed item as written and checked, so that the next
   *     feeds of a long-lived renderer (a warm function instance, {@code podcast serve}) write and
   *     check only the items that changed; at most {@value ItemCache#MAX_BYTES} bytes are kept
   */
  public SiteRenderer(ShowConfig show, Templates templates, String podcastGuid,
      boolean keepItems) {
    this.items = keepItems ? new ItemCache() : null;
    this.cards = keepItems ? new java.util.concurrent.ConcurrentHashMap<>() : null;
    this.show = show;
    this.templates = templates;
    this.podcastGuid = podcastGuid;
    this.site = new Views.Site(show.title(), show.description(), show.baseUrl(),
        show.languageCode(), show.feedUrl(), show.absolute("/feed.json"), show.copyright(), show.twitterUser(),
        "/" + Slugs.normalise(show.categoryTaxonomy()) + "/");
  }

  // ---- Episode pages and transcripts ----

  /**
   * The page and transcript files of {@code ep}.
   *
   * @param previous the next older published episode, or null
   * @param next the next newer published episode, or null
   */
  public List<OutputFile> episodeFiles(PublishedEpisode ep, PublishedEpisode previous,
      PublishedEpisode next) {
    Episode e = ep.episode();
    Views.EpisodeView view = view(ep, previous, next, true);
    String canonical = show.absolute(e.pagePath());
    Views.Meta meta = new Views.Meta(e.title() + " | " + show.title(), metaDescription(e),
        canonical, "article", imageUrl(ep.image()), e.audio().url(), "", episodeJsonLd(ep));
    List<OutputFile> files = new ArrayList<>(4);
    files.add(html(e.pagePath() + "index.html",
        templates.render("episode", new Views.EpisodePage(site, meta, view)), "page"));
    if (!e.transcript().isEmpty()) {
      Views.Meta transcriptMeta = new Views.Meta("Transcript: " + e.title(), metaDescription(e),
          canonical + "transcript.html", "article", "", "", "", "{}");
      files.add(html(e.pagePath() + "transcript.html", templates.render("transcript",
          new Views.EpisodePage(site, transcriptMeta, view)), "transcript"));
      files.add(new OutputFile(e.pagePath() + "transcript.txt", transcriptText(e), "transcript"));
      files.add(new OutputFile(e.pagePath() + "transcript.json", transcriptJson(e),
          "transcript"));
    }
    return files;
  }

  /** The transcript as plain text: {@code SPEAKER: text}, a blank line between turns. */
  static byte[] transcriptText(Episode e) {
    StringBuilder out = new StringBuilder(64 * 1024);
    for (Turn turn : e.transcript().turns()) {
      if (!turn.speaker().isEmpty()) {
        out.append(turn.speaker()).append(": ");
      }
      out.append(turn.text()).append("\n\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The Podcast Index JSON transcript: {@code {"version":"1.0.0","segments":[...]}}. */
  static byte[] transcriptJson(Episode e) {
    JsonObject root = new JsonObject();
    root.addProperty("version", "1.0.0");
    JsonArray segments = new JsonArray();
    for (Turn turn : e.transcript().turns()) {
      JsonObject segment = new JsonObject();
      if (!turn.speaker().isEmpty()) {
        segment.addProperty("speaker", turn.speaker());
      }
      segment.addProperty("body", turn.text());
      segments.add(segment);
    }
    root.add("segments", segments);
    return (GSON_FILES.toJson(root) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private Views.EpisodeView view(PublishedEpisode ep, PublishedEpisode previous,
      PublishedEpisode next, boolean withTranscript) {
    Episode e = ep.episode();
    List<Views.Link> hosts = e.hosts().stream()
        .map(h -> new Views.Link(h, hostPath(h))).toList();
    List<Views.Link> categories = e.categories().stream()
        .map(c -> new Views.Link(c, categoryPath(c))).toList();
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
        previous == null ? null : new Views.Link(previous.episode().title(),
            previous.episode().pagePath()),
        next == null ? null : new Views.Link(next.episode().title(), next.episode().pagePath()));
  }

  /** An episode as listings show it; kept per episode by a renderer that keeps items. */
  private Views.EpisodeView card(PublishedEpisode ep) {
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

  private record CardKey(Episode episode, String image) {}

  private static final int MAX_CARDS = 50_000;

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
    String lower = key.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("reddit")) {
      return "Discuss on Reddit";
    }
    if (lower.startsWith("googleplus")) {
      return "Google+ post (archived)";
    }
    String name = key.replaceFirst("(?i)link$", "");
    return name.isEmpty() ? key : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String metaDescription(Episode e) {
    String text = e.description().isBlank() ? Html.toPlainText(e.summaryHtml()) : e.description();
    return text.length() > 300 ? text.substring(0, 297) + "..." : text;
  }

  /** The social-card image: the 1200×630 size derived from a local image, else the artwork. */
  private String imageUrl(String image) {
    if (image.isEmpty()) {
      return show.artworkUrl();
    }
    return show.absolute(image.startsWith("/") ? Artwork.derivedName(image, "social") : image);
  }

  private String episodeJsonLd(PublishedEpisode ep) {
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
    String image = imageUrl(ep.image());
    if (!image.isEmpty()) {
      o.addProperty("image", image);
    }
    JsonObject media = new JsonObject();
    media.addProperty("@type", "AudioObject");
    media.addProperty("contentUrl", e.audio().url());
    media.addProperty("encodingFormat", e.audio().mimeType());
    o.add("associatedMedia", media);
    o.add("partOfSeries", seriesJsonLd());
    return GSON.toJson(o);
  }

  private JsonObject seriesJsonLd() {
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

  // ---- Listings ----

  /** Home pages, archive, category and host pages and their indexes, for {@code all}. */
  public List<OutputFile> listings(List<PublishedEpisode> all) {
    return listings(all, path -> true);
  }

  /** The listings whose site path {@code wanted} accepts (rendering only those). */
  public List<OutputFile> listings(List<PublishedEpisode> all, Predicate<String> wanted) {
    List<OutputFile> files = new ArrayList<>();
    List<Views.EpisodeView> cards = all.stream().map(this::card).toList();
    // Home: the latest episodes, paginated as Hugo did (/, /page/2/, ...).
    int size = show.paginate();
    int pages = Math.max(1, (cards.size() + size - 1) / size);
    for (int n = 1; n <= pages; n++) {
      if (!wanted.test(homePath(n) + "index.html")) {
        continue;
      }
      List<Views.EpisodeView> items = cards.subList((n - 1) * size,
          Math.min(cards.size(), n * size));
      List<Views.PageLink> links = new ArrayList<>();
      for (int k = 1; k <= pages; k++) {
        links.add(new Views.PageLink(k, homePath(k), k == n));
      }
      Views.ListView list = new Views.ListView(n == 1 ? show.title() : show.title() + ", page "
          + n, n == 1 ? show.description() : "", "", items, n > 1 ? homePath(n - 1) : null,
          n < pages ? homePath(n + 1) : null, links);
      String title = n == 1 ? show.title() : show.title() + " (page " + n + ")";
      files.add(html(homePath(n) + "index.html", templates.render("list", new Views.ListPage(site,
          meta(title, show.description(), homePath(n), "website", "", GSON.toJson(seriesJsonLd())),
          list)), "listing"));
    }
    if (wanted.test("/archive/index.html")) {
      files.add(html("/archive/index.html", templates.render("archive", new Views.ListPage(site,
          meta("Archive | " + show.title(), "Every episode of " + show.title(), "/archive/",
              "website", "", "{}"),
          new Views.ListView("Archive", all.size() + " episodes, newest first.", "", cards, null,
              null, List.of()))), "listing"));
    }
    files.addAll(terms("Categories", categoriesRoot(), groupBy(all, cards, true), true, wanted));
    files.addAll(terms("Hosts", "/hosts/", groupBy(all, cards, false), false, wanted));
    if (wanted.test("/404.html")) {
      files.add(html("/404.html", templates.render("404", new Views.ListPage(site,
          meta("Page not found | " + show.title(), "This page does not exist.", "/404.html",
              "website", "", "{}"), null)), "listing"));
    }
    if (wanted.test("/robots.txt")) {
      files.add(new OutputFile("/robots.txt", templates.render("robots",
          new Views.ListPage(site, null, null)).getBytes(StandardCharsets.UTF_8), "listing"));
    }
    if (wanted.test("/css/site.css")) {
      files.add(new OutputFile("/css/site.css", templates.asset("site.css"), "asset"));
    }
    return files;
  }

  /** Whether {@code path} is a home page ({@code /index.html}, {@code /page/N/index.html}). */
  public static boolean isHomePage(String path) {
    return path.equals("/index.html") || path.startsWith("/page/");
  }

  /** The home page that lists the episode at {@code position} (0: the newest). */
  public String homePageOf(int position) {
    return homePath(position / show.paginate() + 1) + "index.html";
  }

  /**
   * The listings and feeds a change to an episode with these categories and hosts (before and
   * after the change) affects: home pages, archive, the indexes, the main and JSON feeds, and
   * the pages and feeds of those categories and hosts. Static files are not among them.
   */
  public Predicate<String> affectedBy(java.util.Collection<String> categories,
      java.util.Collection<String> hosts) {
    java.util.Set<String> prefixes = new java.util.HashSet<>();
    categories.forEach(c -> prefixes.add(categoryPath(c)));
    hosts.forEach(h -> prefixes.add(hostPath(h)));
    return path -> path.equals("/index.html") || path.startsWith("/page/")
        || path.equals("/archive/index.html") || path.equals(categoriesRoot() + "index.html")
        || path.equals("/hosts/index.html") || path.equals("/feed.xml")
        || path.startsWith("/feed/") || path.equals("/feed.json")
        || prefixes.stream().anyMatch(path::startsWith);
  }

  private Map<String, List<Views.EpisodeView>> groupBy(List<PublishedEpisode> all,
      List<Views.EpisodeView> cards, boolean categories) {
    Map<String, List<Views.EpisodeView>> groups = new java.util.TreeMap<>(
        String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < all.size(); i++) {
      Episode e = all.get(i).episode();
      for (String term : categories ? e.categories() : e.hosts()) {
        groups.computeIfAbsent(term, k -> new ArrayList<>()).add(cards.get(i));
      }
    }
    return groups;
  }

  private List<OutputFile> terms(String heading, String root,
      Map<String, List<Views.EpisodeView>> groups, boolean withFeeds, Predicate<String> wanted) {
    List<OutputFile> files = new ArrayList<>();
    List<Views.Term> terms = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (Map.Entry<String, List<Views.EpisodeView>> group : groups.entrySet()) {
      String path = root + Slugs.normalise(group.getKey()) + "/";
      if (seen.putIfAbsent(path, group.getKey()) != null) {
        continue; // two spellings of one term ("IoT", "iot") share the page, as in Hugo
      }
      terms.add(new Views.Term(group.getKey(), path, group.getValue().size()));
      if (!wanted.test(path + "index.html")) {
        continue;
      }
      String feedPath = withFeeds ? path + "feed.xml" : "";
      Views.ListView list = new Views.ListView(group.getKey(), group.getValue().size()
          + " episodes", feedPath, group.getValue(), null, null, List.of());
      Views.Meta meta = new Views.Meta(group.getKey() + " | " + show.title(), group.getKey()
          + ": episodes of " + show.title(), show.absolute(path), "website", show.artworkUrl(),
          "", withFeeds ? show.absolute(feedPath) : "", "{}");
      files.add(html(path + "index.html", templates.render("list",
          new Views.ListPage(site, meta, list)), "listing"));
    }
    if (!wanted.test(root + "index.html")) {
      return files;
    }
    files.add(html(root + "index.html", templates.render("terms", new Views.TermsPage(site,
        meta(heading + " | " + show.title(), heading + " of " + show.title(), root, "website", "",
            "{}"), new Views.TermsView(heading, terms))), "listing"));
    return files;
  }

  private Views.Meta meta(String title, String description, String path, String type,
      String feed, String jsonLd) {
    return new Views.Meta(title, description, show.absolute(path), type, show.artworkUrl(), "",
        feed, jsonLd);
  }

  static String homePath(int page) {
    return page == 1 ? "/" : "/page/" + page + "/";
  }

  /** Where category pages live: Hugo's taxonomy path ({@code /categories/}). */
  private String categoriesRoot() {
    return "/" + Slugs.normalise(show.categoryTaxonomy()) + "/";
  }

  /** The site path of a category's page ({@code /categories/iot/}). */
  public String categoryPath(String category) {
    return categoriesRoot() + Slugs.normalise(category) + "/";
  }

  /** The site path of a host's page ({@code /hosts/mark-mandel/}). */
  public static String hostPath(String host) {
    return "/hosts/" + Slugs.normalise(host) + "/";
  }

  // ---- Feeds ----

  /**
   * The feed documents: {@code /feed.xml} (paged into RFC 5005 archives past the item limit),
   * {@code /feed.json}, and {@code /categories/<c>/feed.xml} for each category. Each RSS document
   * passes the built-in feed check; failures go to {@code problems} and their files are left out.
   */
  public List<OutputFile> feeds(List<PublishedEpisode> all, Consumer<Problem> problems) {
    return feeds(all, problems, path -> true);
  }

  /** The feed documents whose site path {@code wanted} accepts (rendering only those). */
  public List<OutputFile> feeds(List<PublishedEpisode> all, Consumer<Problem> problems,
      Predicate<String> wanted) {
    List<FeedEntry> entries = all.stream().map(PublishedEpisode::entry).toList();
    List<OutputFile> files = new ArrayList<>();
    int limit = show.podcast().feedItemLimit();
    RssFeedWriter rss = new RssFeedWriter(show, podcastGuid);
    if (wanted.test("/feed.xml")) {
      for (FeedPage page : FeedPage.paged("/feed.xml", show.title(), entries, limit)) {
        (items == null ? check(rss, page) : items.check(rss, page, true)).add(files, problems);
      }
    }
    if (wanted.test("/feed.json")) {
      ByteArrayOutputStream json = new ByteArrayOutputStream(64 * 1024);
      try {
        new JsonFeedWriter(show).write(new FeedPage("/feed.json", show.title(),
            entries.subList(0, Math.min(limit, entries.size())), entries.size() <= limit, false,
            java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()),
            json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files.add(new OutputFile("/feed.json", json.toByteArray(), "feed"));
    }
    Map<String, List<FeedEntry>> byCategory = new java.util.TreeMap<>();
    Map<String, String> names = new java.util.HashMap<>();
    for (FeedEntry entry : entries) {
      for (String category : entry.categories()) {
        String path = categoryPath(category) + "feed.xml";
        names.putIfAbsent(path, category);
        byCategory.computeIfAbsent(path, k -> new ArrayList<>()).add(entry);
      }
    }
    // Category feeds are independent documents: written and checked in parallel, then added in
    // a fixed order so that the result does not depend on scheduling.
    RssFeedWriter categoryRss = new RssFeedWriter(show, podcastGuid, false);
    List<FeedPage> categoryPages = new ArrayList<>();
    for (Map.Entry<String, List<FeedEntry>> category : byCategory.entrySet()) {
      if (!wanted.test(category.getKey())) {
        continue;
      }
      String title = show.title() + " \u2014 " + names.get(category.getKey());
      categoryPages.addAll(FeedPage.paged(category.getKey(), title, category.getValue(), limit));
    }
    List<Checked> results = categoryPages.parallelStream()
        .map(page -> items == null ? check(categoryRss, page)
            : items.check(categoryRss, page, false)).toList();
    for (Checked result : results) {
      result.add(files, problems);
    }
    return files;
  }

  /** A feed document written and checked: its file, or the problems that keep it unwritten. */
  private record Checked(OutputFile file, List<Problem> problems) {
    void add(List<OutputFile> files, Consumer<Problem> sink) {
      problems.forEach(sink);
      if (problems.stream().noneMatch(Problem::isError)) {
        files.add(file);
      }
    }
  }

  private static Checked check(RssFeedWriter rss, FeedPage page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
    try {
      rss.write(page, out);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write " + page.path(), e);
    }
    byte[] bytes = out.toByteArray();
    return new Checked(new OutputFile(page.path(), bytes, "feed"),
        FeedCheck.check(bytes, page.path()));
  }

  /**
   * Feed items as written by a writer and found clean by the feed check (no problem beyond the
   * channel's own), with and without
   * {@code content:encoded}. A feed is then the channel (checked on its own, with no item) and
   * the kept items, written as bytes; only new or changed items are written and checked, each
   * inside the channel of its feed. Whenever anything is not clean (an item's check finds a
   * problem, two items share a guid) the whole document is checked as before, so problems are
   * reported exactly as without the cache.
   */
  private static final class ItemCache {
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final java.util.concurrent.ConcurrentMap<FeedEntry, byte[]> withContent =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<FeedEntry, byte[]> withoutContent =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong bytes =
        new java.util.concurrent.atomic.AtomicLong();

    Checked check(RssFeedWriter rss, FeedPage page, boolean content) {
      java.util.concurrent.ConcurrentMap<FeedEntry, byte[]> kept =
          content ? withContent : withoutContent;
      byte[] empty = write(rss, new FeedPage(page.path(), page.title(), List.of(),
          page.complete(), page.archive(), page.current(), page.prevArchive(),
          page.nextArchive()), null);
      // The channel's own problems (advice such as a missing owner email): the feed check puts
      // some at the channel's end, whose line depends on the items; compared and reported at
      // the line where the channel ends in each document.
      List<Problem> channel = FeedCheck.check(empty, page.path());
      if (channel.stream().anyMatch(Problem::isError)) {
        return SiteRenderer.check(rss, page);
      }
      int close = lastIndexOf(empty, CHANNEL_END);
      int channelEnd = lineAt(empty, close);
      java.util.Set<String> guids = new java.util.HashSet<>();
      for (FeedEntry entry : page.entries()) {
        if (!guids.add(entry.guid().strip())) {
          return SiteRenderer.check(rss, page);
        }
        if (kept.containsKey(entry)) {
          continue;
        }
        byte[] item = item(rss, entry);
        byte[] alone = new byte[empty.length + item.length];
        System.arraycopy(empty, 0, alone, 0, close);
        System.arraycopy(item, 0, alone, close, item.length);
        System.arraycopy(empty, close, alone, close + item.length, empty.length - close);
        if (!FeedCheck.check(alone, page.path()).equals(
            moved(channel, channelEnd, lineAt(alone, close + item.length)))) {
          return SiteRenderer.check(rss, page);
        }
        if (bytes.addAndGet(item.length) > MAX_BYTES) {
          withContent.clear();
          withoutContent.clear();
          bytes.set(item.length);
        }
        kept.put(entry, item);
      }
      byte[] feed = write(rss, page, entry -> kept.computeIfAbsent(entry, e -> item(rss, e)));
      return new Checked(new OutputFile(page.path(), feed, "feed"),
          moved(channel, channelEnd, lineAt(feed, lastIndexOf(feed, CHANNEL_END))));
    }

    private static final byte[] CHANNEL_END = "</channel>".getBytes(StandardCharsets.UTF_8);

    /** The line (from 1) of byte {@code at}. */
    private static int lineAt(byte[] bytes, int at) {
      int line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      return line;
    }

    /** {@code problems} with those at line {@code from} moved to line {@code to}. */
    private static List<Problem> moved(List<Problem> problems, int from, int to) {
      return problems.stream().map(p -> p.line() != from ? p
          : new Problem(p.code(), p.file(), to, p.column(), p.message())).toList();
    }

    private static byte[] item(RssFeedWriter rss, FeedEntry entry) {
      try {
        return rss.item(entry);
      } catch (XMLStreamException e) {
        throw new IllegalStateException("cannot write an item", e);
      }
    }

    private static byte[] write(RssFeedWriter rss, FeedPage page,
        java.util.function.Function<FeedEntry, byte[]> items) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
      try {
        if (items == null) {
          rss.write(page, out);
        } else {
          rss.write(page, out, items);
        }
      } catch (XMLStreamException e) {
        throw new IllegalStateException("cannot write " + page.path(), e);
      }
      return out.toByteArray();
    }

    private static int lastIndexOf(byte[] bytes, byte[] what) {
      for (int i = bytes.length - what.length; i >= 0; i--) {
        if (java.util.Arrays.equals(bytes, i, i + what.length, what, 0, what.length)) {
          return i;
        }
      }
      throw new IllegalStateException("no " + new String(what, StandardCharsets.UTF_8));
    }
  }

  // ---- Sitemap ----

  /** {@code /sitemap.xml} listing {@code pages} (site paths of HTML pages). */
  public OutputFile sitemap(List<String> pages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("urlset");
      w.writeDefaultNamespace("http://www.sitemaps.org/schemas/sitemap/0.9");
      for (String page : pages) {
        w.writeCharacters("\n");
        w.writeStartElement("url");
        w.writeStartElement("loc");
        w.writeCharacters(show.absolute(page));
        w.writeEndElement();
        w.writeEndElement();
      }
      w.writeCharacters("\n");
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return new OutputFile("/sitemap.xml", out.toByteArray(), "listing");
  }

  private static OutputFile html(String path, String html, String kind) {
    return new OutputFile(path, html.getBytes(StandardCharsets.UTF_8), kind);
  }
}
