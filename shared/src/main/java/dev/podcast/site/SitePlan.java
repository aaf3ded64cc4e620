package dev.podcast.site;

import dev.podcast.feed.FeedEntry;
import dev.podcast.feed.RssFeedWriter;
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
  /** The folders of the episodes' pages, oldest first: what the sitemap's episode files list. */
  private final List<String> episodeFolders;
  /**
   * The folders of the site's other pages with content of their own (home page, archive index,
   * the term indexes and each term's first page), sorted; the numbered listing pages are left
   * to the links that lead to them.
   */
  private final List<String> siteFolders;

  private SitePlan(Set<String> paths, List<String> episodeFolders, List<String> siteFolders) {
    this.paths = paths;
    this.episodeFolders = episodeFolders;
    this.siteFolders = siteFolders;
  }

  /** The plan of a site whose live episodes are {@code live}, newest first. */
  public static SitePlan of(SitePaths sitePaths, int feedItemLimit, List<PublishedEpisode> live) {
    return of(sitePaths, feedItemLimit, live, TermListings.Terms.of(sitePaths, live));
  }

  /** As above, with {@code live}'s categories and hosts grouped already. */
  public static SitePlan of(SitePaths sitePaths, int feedItemLimit, List<PublishedEpisode> live,
      TermListings.Terms terms) {
    Set<String> paths = new HashSet<>(live.size() * 8);
    Set<String> folders = new HashSet<>();
    paths.addAll(SitePaths.STATIC_FILES);
    paths.add(SitePaths.JSON_FEED);
    for (String folder : List.of("/archive/", sitePaths.categoriesRoot(), SitePaths.HOSTS_ROOT,
        "/")) {
      page(paths, folders, folder);
    }
    int pages = sitePaths.listingPages(live.size());
    for (int n = 1; n <= pages; n++) {
      paths.add(SitePaths.listingPath(n) + "index.html");
    }
    for (int n = 2; n <= pages; n++) {
      paths.add(SitePaths.hugoPagePath(n) + "index.html"); // a redirect: not in the sitemap
    }
    List<String> episodes = new ArrayList<>(live.size());
    Map<String, Integer> categoryFeeds = new HashMap<>();
    for (int i = live.size() - 1; i >= 0; i--) {
      PublishedEpisode ep = live.get(i);
      String folder = ep.episode().pagePath();
      paths.add(folder + "index.html");
      episodes.add(folder);
      String link = ep.entry().link();
      for (FeedEntry.Transcript transcript : ep.entry().transcripts()) {
        // Each file the feed lists is one the page folder holds (the feed check ties them).
        if (transcript.url().startsWith(link)) {
          paths.add(folder + transcript.url().substring(link.length()));
        }
      }
      if (!ep.entry().tags().chapters().isEmpty()) {
        paths.add(folder + RssFeedWriter.CHAPTERS_FILE);
      }
      for (String category : ep.episode().categories()) {
        categoryFeeds.merge(sitePaths.categoryPath(category) + "feed.xml", 1, Integer::sum);
      }
    }
    for (TermListings.Group group : terms.all()) {
      page(paths, folders, group.path());
      int termPages = sitePaths.termListingPages(group.positions().size());
      for (int n = 1; n <= termPages; n++) {
        paths.add(SitePaths.listingPath(group.path(), n) + "index.html");
      }
    }
    feed(paths, SitePaths.FEED, live.size(), feedItemLimit);
    paths.addAll(sitePaths.oldFeedFiles());
    categoryFeeds.forEach((feed, count) -> feed(paths, feed, count, feedItemLimit));
    List<String> site = new ArrayList<>(folders);
    site.sort(null);
    paths.addAll(Sitemaps.files(episodes, site).keySet());
    return new SitePlan(Collections.unmodifiableSet(paths),
        Collections.unmodifiableList(episodes), Collections.unmodifiableList(site));
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

  /** The folders of the episodes' pages, oldest first. */
  public List<String> episodeFolders() {
    return episodeFolders;
  }

  /** The folders of the site's other pages that the sitemap lists, sorted. */
  public List<String> siteFolders() {
    return siteFolders;
  }

  /** The sitemap's files of this plan: each file's path and the folders it lists. */
  public Map<String, List<String>> sitemaps() {
    return Sitemaps.files(episodeFolders, siteFolders);
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
