package dev.podcast.site;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every file the renderers make for a list of live episodes, by site path: the episodes' pages
 * and transcripts, home pages, archive, category and host pages, every feed document, the
 * sitemap and the static files; not the assets copied from the source. What a site holds beyond
 * its assets, so that a file in an older plan and not in the newer one is stale and goes.
 * Immutable.
 */
public final class SitePlan {

  private final Set<String> paths;
  /** The folders of the HTML pages: what the sitemap lists. */
  private final Set<String> pageFolders;
  private volatile List<String> sortedFolders;

  private SitePlan(Set<String> paths, Set<String> pageFolders) {
    this.paths = paths;
    this.pageFolders = pageFolders;
  }

  /** The plan of a site whose live episodes are {@code live}, newest first. */
  public static SitePlan of(SitePaths sitePaths, int feedItemLimit, List<PublishedEpisode> live) {
    Set<String> paths = new HashSet<>(live.size() * 8);
    Set<String> folders = new HashSet<>(live.size() * 2);
    paths.addAll(SitePaths.STATIC_FILES);
    paths.add(SitePaths.SITEMAP);
    paths.add(SitePaths.JSON_FEED);
    page(paths, folders, "/archive/");
    page(paths, folders, sitePaths.categoriesRoot());
    page(paths, folders, SitePaths.HOSTS_ROOT);
    page(paths, folders, "/");
    int pages = sitePaths.listingPages(live.size());
    for (int n = 1; n <= pages; n++) {
      page(paths, folders, SitePaths.listingPath(n));
    }
    for (int n = 2; n <= pages; n++) {
      paths.add(SitePaths.hugoPagePath(n) + "index.html"); // a redirect: not in the sitemap
    }
    Map<String, Integer> categoryFeeds = new HashMap<>();
    for (PublishedEpisode ep : live) {
      String folder = ep.episode().pagePath();
      page(paths, folders, folder);
      if (!ep.entry().transcripts().isEmpty()) {
        for (String file : PageRenderer.FILES.subList(1, PageRenderer.FILES.size())) {
          paths.add(folder + file);
        }
      }
      for (String category : ep.episode().categories()) {
        String path = sitePaths.categoryPath(category);
        page(paths, folders, path);
        categoryFeeds.merge(path + "feed.xml", 1, Integer::sum);
      }
      for (String host : ep.episode().hosts()) {
        page(paths, folders, sitePaths.hostPath(host));
      }
    }
    feed(paths, SitePaths.FEED, live.size(), feedItemLimit);
    categoryFeeds.forEach((feed, count) -> feed(paths, feed, count, feedItemLimit));
    return new SitePlan(Collections.unmodifiableSet(paths), Collections.unmodifiableSet(folders));
  }

  private static void page(Set<String> paths, Set<String> folders, String folder) {
    if (paths.add(folder + "index.html")) {
      folders.add(folder);
    }
  }

  /** A feed of {@code entries} items and its archive pages, as {@code FeedPage.paged} pages it. */
  private static void feed(Set<String> paths, String feed, int entries, int limit) {
    paths.add(feed);
    if (entries > limit) {
      String dir = feed.substring(0, feed.length() - ".xml".length()) + "/archive/";
      int pages = (entries - limit + limit - 1) / limit;
      for (int n = 1; n <= pages; n++) {
        paths.add(dir + n + ".xml");
      }
    }
  }

  /** Every site path, in no order. */
  public Set<String> paths() {
    return paths;
  }

  public boolean contains(String path) {
    return paths.contains(path);
  }

  /** The folders of the HTML pages ({@code /}, {@code /post/x/}), sorted: what the sitemap lists. */
  public List<String> pageFolders() {
    List<String> sorted = sortedFolders;
    if (sorted == null) {
      List<String> folders = new ArrayList<>(pageFolders);
      folders.sort(null);
      sorted = Collections.unmodifiableList(folders);
      sortedFolders = sorted;
    }
    return sorted;
  }

  /** Whether {@code other} has the same HTML pages: then the sitemap is the same. */
  public boolean samePages(SitePlan other) {
    return pageFolders.equals(other.pageFolders);
  }

  /** The paths of this plan that {@code newer} no longer has: stale once {@code newer} is live. */
  public List<String> goneIn(SitePlan newer) {
    List<String> gone = new ArrayList<>();
    for (String path : paths) {
      if (!newer.paths.contains(path)) {
        gone.add(path);
      }
    }
    gone.sort(null);
    return gone;
  }
}
