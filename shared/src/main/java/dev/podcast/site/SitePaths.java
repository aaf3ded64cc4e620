package dev.podcast.site;

import dev.podcast.parse.Slugs;
import dev.podcast.show.ShowConfig;
import java.util.Collection;
import java.util.HashSet;
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

  public SitePaths(ShowConfig show) {
    this.categoriesRoot = "/" + Slugs.normalise(show.categoryTaxonomy()) + "/";
    this.paginate = show.paginate();
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
      known = Slugs.normalise(term);
      slugs.put(term, known);
    }
    return known;
  }

  /** The folder of home page {@code page} (from 1): {@code /}, {@code /page/2/}, ... */
  public static String homePath(int page) {
    return page == 1 ? "/" : "/page/" + page + "/";
  }

  /** How many home pages {@code episodes} live episodes take (at least one). */
  public int homePages(int episodes) {
    return Math.max(1, (episodes + paginate - 1) / paginate);
  }

  /** Episodes per home page. */
  public int paginate() {
    return paginate;
  }

  /** Whether {@code path} is a home page ({@code /index.html}, {@code /page/N/index.html}). */
  public static boolean isHomePage(String path) {
    return path.equals("/index.html") || path.startsWith("/page/");
  }

  /** The home page that lists the episode at {@code position} (0: the newest). */
  public String homePageOf(int position) {
    return homePath(position / paginate + 1) + "index.html";
  }

  /**
   * The listings and feeds a change to an episode with these categories and hosts (before and
   * after the change) affects: home pages, archive, the indexes, the sitemap, the main and JSON
   * feeds, and the pages and feeds of those categories and hosts. Static files are not among
   * them.
   */
  public Predicate<String> affectedBy(Collection<String> categories, Collection<String> hosts) {
    Set<String> prefixes = new HashSet<>();
    categories.forEach(c -> prefixes.add(categoryPath(c)));
    hosts.forEach(h -> prefixes.add(hostPath(h)));
    return path -> isHomePage(path) || path.equals(ARCHIVE)
        || path.equals(categoriesRoot + "index.html") || path.equals(HOSTS_ROOT + "index.html")
        || path.equals(FEED) || path.startsWith("/feed/") || path.equals(JSON_FEED)
        || path.equals(SITEMAP) || prefixes.stream().anyMatch(path::startsWith);
  }
}
