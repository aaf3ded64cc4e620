package dev.podcast.site;

import dev.podcast.parse.Slugs;
import dev.podcast.show.ShowConfig;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where a show's generated files live: home pages as Hugo numbered them ({@code /},
 * {@code /page/N/}), the archive, category and host pages under Hugo's taxonomy paths, the feeds.
 * Immutable and thread-safe.
 */
public final class SitePaths {

  /** The files every site has, whatever its episodes: the stylesheet, 404 page and robots.txt. */
  public static final Set<String> STATIC_FILES = Set.of("/404.html", "/robots.txt",
      "/css/site.css");
  public static final String SITEMAP = "/sitemap.xml";
  public static final String FEED = "/feed.xml";
  public static final String JSON_FEED = "/feed.json";
  public static final String ARCHIVE = "/archive/index.html";
  public static final String HOSTS_ROOT = "/hosts/";

  private static final int MAX_SLUGS = 100_000;

  /** Terms' slugs as made once: a show has few terms, named on every page of its listings. */
  private final java.util.concurrent.ConcurrentMap<String, String> slugs =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final String categoriesRoot;
  private final int paginate;
  private final List<String> oldFeedFiles;
  /** {@code [notify] categories}: every category's feed, or those of these paths. */
  private final boolean allCategoriesAnnounced;
  private final Set<String> announcedCategoryFeeds;

  public SitePaths(ShowConfig show) {
    this.categoriesRoot = "/" + Slugs.normalise(show.categoryTaxonomy()) + "/";
    this.paginate = show.paginate();
    this.oldFeedFiles = show.podcast().oldFeedPaths().stream().map(SitePaths::oldFeedFile)
        .toList();
    List<String> announcedCategories = show.podcast().notifications().categories();
    this.allCategoriesAnnounced = announcedCategories.contains(ShowConfig.Notify.ALL_CATEGORIES);
    this.announcedCategoryFeeds = announcedCategories.stream()
        .filter(c -> !c.equals(ShowConfig.Notify.ALL_CATEGORIES))
        .map(c -> categoryPath(c) + "feed.xml").collect(java.util.stream.Collectors.toSet());
  }

  /**
   * Whether the feed at {@code path} ({@code /feed.xml}) is announced when it changes (Podping,
   * WebSub, the Podcast Index of {@code [notify]}): the main feed, and the feeds of the
   * categories {@code [notify] categories} names. An announced feed names the hubs and says
   * it uses Podping; an archive page is never announced.
   */
  public boolean announced(String path) {
    if (path.equals(FEED)) {
      return true;
    }
    if (!path.startsWith(categoriesRoot) || !path.endsWith("/feed.xml")) {
      return false;
    }
    String slug = path.substring(categoriesRoot.length(), path.length() - "/feed.xml".length());
    return !slug.isEmpty() && slug.indexOf('/') < 0
        && (allCategoriesAnnounced || announcedCategoryFeeds.contains(path));
  }

  /**
   * The files the main feed is written to again, one for each old feed address
   * ({@code oldFeedPaths}): a folder address ({@code /feed/}) as its {@code index.html}, which
   * a bucket website serves there.
   */
  public List<String> oldFeedFiles() {
    return oldFeedFiles;
  }

  /**
   * The file an old feed address is written to: {@code /index.xml} itself, a folder address
   * ({@code /feed/}) as its {@code index.html}.
   */
  public static String oldFeedFile(String path) {
    return path.endsWith("/") ? path + "index.html" : path;
  }

  /** Where category pages live: Hugo's taxonomy path ({@code /categories/}). */
  public String categoriesRoot() {
    return categoriesRoot;
  }

  /** The site path of a category's page ({@code /categories/iot/}). */
  public String categoryPath(String category) {
    return categoriesRoot + slug(category) + "/";
  }

  /** The site path of a host's page ({@code /hosts/mark-mandel/}). */
  public String hostPath(String host) {
    return HOSTS_ROOT + slug(host) + "/";
  }

  private String slug(String term) {
    String known = slugs.get(term);
    if (known == null) {
      if (slugs.size() > MAX_SLUGS) {
        slugs.clear();
      }
      known = termSlug(term);
      slugs.put(term, known);
    }
    return known;
  }

  /** The longest term slug: a folder name stays well under a file system's 255 bytes. */
  static final int MAX_TERM_SLUG = 100;

  /**
   * The folder name of a category's or host's page: Hugo's ({@code IoT} gives {@code iot},
   * {@code .NET} gives {@code .net}), made safe where a term would make it a path of its own or
   * none: {@code .} and {@code ..} become dashes, a term with no letter or digit left is
   * {@code -}, {@code index.html} is {@code index-html} (the index of the terms is that file),
   * and a name over {@value #MAX_TERM_SLUG} characters is cut, with a checksum of the whole.
   */
  static String termSlug(String term) {
    String slug = Slugs.normalise(term);
    if (slug.isEmpty()) {
      return "-";
    }
    if (slug.chars().allMatch(c -> c == '.')) {
      return "-".repeat(slug.length());
    }
    if (slug.equals("index.html")) {
      return "index-html";
    }
    if (slug.length() > MAX_TERM_SLUG) {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(slug.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      int cut = slug.offsetByCodePoints(0, slug.codePointCount(0, MAX_TERM_SLUG - 9));
      return slug.substring(0, cut) + "-" + String.format(java.util.Locale.ROOT, "%08x",
          crc.getValue());
    }
    return slug;
  }

  /**
   * Why an episode page at {@code pagePath} would take a path the site itself makes (a listing,
   * a feed, a term page, the stylesheet), if it would.
   */
  public java.util.Optional<String> reserved(String pagePath) {
    String first = pagePath.substring(1, pagePath.indexOf('/', 1) + 1);
    if (List.of("archive/", "page/", "feed/", "css/", "sitemap/", HOSTS_ROOT.substring(1),
        categoriesRoot.substring(1)).contains(first)) {
      return java.util.Optional.of("/" + first + " holds the site's own pages");
    }
    if (ROOT_FILES.contains(pagePath.substring(1, pagePath.length() - 1))) {
      return java.util.Optional.of(pagePath.substring(0, pagePath.length() - 1)
          + " is a file of the site");
    }
    return java.util.Optional.empty();
  }

  /** The files at the site's root. */
  private static final Set<String> ROOT_FILES = Set.of("feed.xml", "feed.json", "sitemap.xml",
      "404.html", "robots.txt", "index.html");

  /**
   * The folder of listing page {@code page} of the home page, counted from the oldest episodes:
   * {@code /archive/1/} holds the first {@code paginate} episodes the show published, and a new
   * episode only ever changes the newest page (and the home page), whatever the number of
   * episodes.
   */
  public static String listingPath(int page) {
    return listingPath("/", page);
  }

  /**
   * The folder of page {@code page} of the listing whose first page is {@code root} (the home
   * page {@code /}, or a category's or host's page), counted from the oldest as for the home
   * page: {@code /archive/N/}, {@code /categories/iot/archive/N/}.
   */
  public static String listingPath(String root, int page) {
    return root + "archive/" + page + "/";
  }

  /**
   * The folder of Hugo's home page {@code page} (from 2): {@code /page/2/}. Hugo numbered them
   * from the newest, so their episodes shifted with every new one; here they are kept as
   * redirects to the archive, so that no old link breaks.
   */
  public static String hugoPagePath(int page) {
    return "/page/" + page + "/";
  }

  /** How many listing pages {@code episodes} live episodes take (at least one). */
  public int listingPages(int episodes) {
    return Math.max(1, (episodes + paginate - 1) / paginate);
  }

  /**
   * How many numbered pages a category's or host's listing of {@code episodes} takes: none when
   * its first page shows them all.
   */
  public int termListingPages(int episodes) {
    return episodes > paginate ? listingPages(episodes) : 0;
  }

  /** Episodes per listing page, and on the home page. */
  public int paginate() {
    return paginate;
  }

  /**
   * The listing page (from 1) of the episode at {@code position} (0: the newest) of {@code live}.
   */
  public int listingPageOf(int position, int live) {
    return (live - 1 - position) / paginate + 1;
  }

  /** Whether {@code path} is a numbered page of the home page's listing ({@code /archive/N/}). */
  public static boolean isListingPage(String path) {
    return path.startsWith("/archive/") && !path.equals(ARCHIVE);
  }

  /**
   * The first page of the listing that {@code path} is a numbered page of ({@code /} for
   * {@code /archive/3/index.html}, {@code /categories/iot/} for
   * {@code /categories/iot/archive/3/index.html}), if it is one.
   */
  public java.util.Optional<String> listingRoot(String path) {
    int at = path.lastIndexOf("/archive/");
    if (at < 0 || !path.endsWith("/index.html") || path.equals(ARCHIVE)) {
      return java.util.Optional.empty();
    }
    String number = path.substring(at + "/archive/".length(),
        path.length() - "/index.html".length());
    if (number.isEmpty() || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return java.util.Optional.empty();
    }
    String root = path.substring(0, at + 1);
    boolean term = root.startsWith(categoriesRoot) || root.startsWith(HOSTS_ROOT);
    boolean oneTerm = root.indexOf('/', root.indexOf('/', 1) + 1) == root.length() - 1;
    return root.equals("/") || term && oneTerm ? java.util.Optional.of(root)
        : java.util.Optional.empty();
  }

  /** The number of numbered listing page {@code path} ({@code .../archive/N/index.html}). */
  public static int listingNumber(String path) {
    int at = path.lastIndexOf("/archive/") + "/archive/".length();
    return Integer.parseInt(path.substring(at, path.indexOf('/', at)));
  }

  /** Whether {@code path} is one of Hugo's old home pages ({@code /page/N/index.html}). */
  public static boolean isHugoPage(String path) {
    return path.startsWith("/page/");
  }

  /**
   * The listings and feeds a change to an episode with these categories and hosts (before and
   * after the change) affects: the home page, listing pages, archive, the indexes, the sitemap,
   * Hugo's old pages, the main and JSON feeds, and the pages and feeds of those categories and
   * hosts. Static files are not among them.
   */
  public Predicate<String> affectedBy(Collection<String> categories, Collection<String> hosts) {
    Set<String> prefixes = new HashSet<>();
    categories.forEach(c -> prefixes.add(categoryPath(c)));
    hosts.forEach(h -> prefixes.add(hostPath(h)));
    return path -> path.equals("/index.html") || isListingPage(path) || isHugoPage(path)
        || path.equals(ARCHIVE)
        || path.equals(categoriesRoot + "index.html") || path.equals(HOSTS_ROOT + "index.html")
        || path.equals(FEED) || path.startsWith("/feed/") || path.equals(JSON_FEED)
        || Sitemaps.isSitemap(path) || prefixes.stream().anyMatch(path::startsWith);
  }
}
