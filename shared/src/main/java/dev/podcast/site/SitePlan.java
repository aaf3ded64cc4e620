package dev.podcast.site;

import dev.podcast.feed.FeedEntry;
import dev.podcast.feed.FeedPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every file the renderers make for a list of live episodes, by site path: the episodes' pages
 * and transcripts, home pages, archive, category and host pages, every feed document, the
 * sitemap and the static files; not the assets copied from the source. What a site holds beyond
 * its assets, so that a file in an older plan and not in the newer one is stale and goes.
 * Immutable.
 */
public final class SitePlan {

  private final Set<String> paths;

  private SitePlan(Set<String> paths) {
    this.paths = paths;
  }

  /** The plan of a site whose live episodes are {@code live}, newest first. */
  public static SitePlan of(SitePaths sitePaths, int feedItemLimit, List<PublishedEpisode> live) {
    TreeSet<String> paths = new TreeSet<>(SitePaths.STATIC_FILES);
    paths.add(SitePaths.SITEMAP);
    paths.add(SitePaths.ARCHIVE);
    paths.add(SitePaths.JSON_FEED);
    paths.add(sitePaths.categoriesRoot() + "index.html");
    paths.add(SitePaths.HOSTS_ROOT + "index.html");
    for (int page = 1; page <= sitePaths.homePages(live.size()); page++) {
      paths.add(SitePaths.homePath(page) + "index.html");
    }
    List<FeedEntry> entries = new ArrayList<>(live.size());
    Map<String, List<FeedEntry>> byCategory = new TreeMap<>();
    for (PublishedEpisode ep : live) {
      String page = ep.episode().pagePath();
      paths.add(page + "index.html");
      if (!ep.entry().transcripts().isEmpty()) {
        paths.add(page + "transcript.html");
        paths.add(page + "transcript.txt");
        paths.add(page + "transcript.json");
      }
      for (String category : ep.episode().categories()) {
        String path = sitePaths.categoryPath(category);
        paths.add(path + "index.html");
        byCategory.computeIfAbsent(path + "feed.xml", k -> new ArrayList<>()).add(ep.entry());
      }
      for (String host : ep.episode().hosts()) {
        paths.add(SitePaths.hostPath(host) + "index.html");
      }
      entries.add(ep.entry());
    }
    addFeed(paths, SitePaths.FEED, entries, feedItemLimit);
    byCategory.forEach((feed, items) -> addFeed(paths, feed, items, feedItemLimit));
    return new SitePlan(java.util.Collections.unmodifiableSet(paths));
  }

  private static void addFeed(Set<String> paths, String feed, List<FeedEntry> entries,
      int limit) {
    for (FeedPage page : FeedPage.paged(feed, "", entries, limit)) {
      paths.add(page.path());
    }
  }

  /** Every site path, sorted. */
  public Set<String> paths() {
    return paths;
  }

  public boolean contains(String path) {
    return paths.contains(path);
  }

  /** The folders of the HTML pages ({@code /}, {@code /post/x/}), sorted: what the sitemap lists. */
  public List<String> pageFolders() {
    List<String> folders = new ArrayList<>();
    for (String path : paths) {
      if (path.endsWith("/index.html")) {
        folders.add(path.substring(0, path.length() - "index.html".length()));
      }
    }
    folders.sort(null);
    return folders;
  }

  /** The paths of this plan that {@code newer} no longer has: stale once {@code newer} is live. */
  public List<String> goneIn(SitePlan newer) {
    return paths.stream().filter(p -> !newer.paths.contains(p)).toList();
  }
}
