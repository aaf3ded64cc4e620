package dev.podcast.site;

import dev.podcast.episode.Episode;
import dev.podcast.show.ShowConfig;
import dev.podcast.text.Html;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Renders the pages that list episodes (home pages paginated as Hugo did, the archive, category
 * and host pages and their indexes) and the pages every site has (404, robots.txt, the
 * stylesheet). Pure: returns files, writes nothing. Thread-safe.
 */
public final class ListingRenderer {

  private final ShowConfig show;
  private final Templates templates;
  private final SitePaths paths;
  private final EpisodeViews views;

  public ListingRenderer(ShowConfig show, Templates templates, SitePaths paths,
      EpisodeViews views) {
    this.show = show;
    this.templates = templates;
    this.paths = paths;
    this.views = views;
  }

  /** The listings of {@code all} (live, newest first) whose site path {@code wanted} accepts. */
  public List<OutputFile> render(List<PublishedEpisode> all, Predicate<String> wanted) {
    List<OutputFile> files = new ArrayList<>();
    List<Views.EpisodeView> cards = all.stream().map(views::card).toList();
    homePages(cards, wanted, files);
    if (wanted.test(SitePaths.ARCHIVE)) {
      files.add(PageRenderer.html(SitePaths.ARCHIVE, templates.render("archive",
          new Views.ListPage(views.site(), views.meta("Archive | " + show.title(),
              "Every episode of " + show.title(), "/archive/", "{}"),
              new Views.ListView("Archive", all.size() + " episodes, newest first.", "", cards,
                  null, null, List.of()))), "listing"));
    }
    terms("Categories", paths.categoriesRoot(), groupBy(all, cards, true), true, wanted, files);
    terms("Hosts", SitePaths.HOSTS_ROOT, groupBy(all, cards, false), false, wanted, files);
    if (wanted.test("/404.html")) {
      files.add(PageRenderer.html("/404.html", templates.render("404", new Views.ListPage(
          views.site(), views.meta("Page not found | " + show.title(),
              "This page does not exist.", "/404.html", "{}"), null)), "listing"));
    }
    if (wanted.test("/robots.txt")) {
      files.add(new OutputFile("/robots.txt", templates.render("robots",
          new Views.ListPage(views.site(), null, null)).getBytes(StandardCharsets.UTF_8),
          "listing"));
    }
    if (wanted.test("/css/site.css")) {
      files.add(new OutputFile("/css/site.css", templates.asset("site.css"), "asset"));
    }
    return files;
  }

  /**
   * The home page (the newest {@code paginate} episodes), the listing pages numbered from the
   * oldest ({@code /archive/1/} holds the first episodes; each page links to the newer and the
   * older one) and Hugo's old home pages ({@code /page/N/}) as redirects to the archive.
   */
  private void homePages(List<Views.EpisodeView> cards, Predicate<String> wanted,
      List<OutputFile> files) {
    int size = paths.paginate();
    int n = cards.size();
    int pages = paths.listingPages(n);
    if (wanted.test("/index.html")) {
      String older = n > size ? SitePaths.listingPath(paths.listingPageOf(size, n)) : null;
      Views.ListView list = new Views.ListView(show.title(), show.description(), "",
          cards.subList(0, Math.min(size, n)), null, older, List.of());
      files.add(PageRenderer.html("/index.html", templates.render("list",
          new Views.ListPage(views.site(), views.meta(show.title(), show.description(), "/",
              views.seriesJsonLd()), list)), "listing"));
    }
    for (int k = 1; k <= pages; k++) {
      String path = SitePaths.listingPath(k);
      if (!wanted.test(path + "index.html")) {
        continue;
      }
      int first = (k - 1) * size; // counted from the oldest, from 0
      int last = Math.min(k * size, n);
      List<Views.EpisodeView> items = cards.subList(n - last, n - first); // newest first
      String range = n == 0 ? "no episodes yet" : "episodes " + (first + 1) + "\u2013" + last;
      Views.ListView list = new Views.ListView(show.title() + ": " + range, "", "", items,
          k < pages ? SitePaths.listingPath(k + 1) : "/",
          k > 1 ? SitePaths.listingPath(k - 1) : null, List.of());
      String title = show.title() + " (" + range + ")";
      files.add(PageRenderer.html(path + "index.html", templates.render("list",
          new Views.ListPage(views.site(), views.meta(title, show.description(), path,
              views.seriesJsonLd()), list)), "listing"));
    }
    for (int k = 2; k <= pages; k++) {
      String path = SitePaths.hugoPagePath(k) + "index.html";
      if (wanted.test(path)) {
        files.add(new OutputFile(path, redirect(SitePaths.ARCHIVE.replace("index.html", ""))
            .getBytes(StandardCharsets.UTF_8), "listing"));
      }
    }
  }

  /** A page that sends the browser to {@code folder} (an old address kept working). */
  private String redirect(String folder) {
    String target = show.absolute(folder);
    String escaped = Html.escape(target);
    return "<!DOCTYPE html>\n<html lang=\"" + Html.escape(show.languageCode()) + "\">\n"
        + "<head>\n<meta charset=\"utf-8\">\n<title>" + Html.escape(show.title())
        + ": all episodes</title>\n<link rel=\"canonical\" href=\"" + escaped + "\">\n"
        + "<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url="
        + escaped + "\">\n</head>\n<body>\n<main>\n<p>The episodes are now listed in "
        + "<a href=\"" + escaped + "\">the archive</a>.</p>\n</main>\n</body>\n</html>\n";
  }

  /** The episodes of each category or host, by name (two spellings of a name share a group). */
  private static Map<String, List<Views.EpisodeView>> groupBy(List<PublishedEpisode> all,
      List<Views.EpisodeView> cards, boolean categories) {
    Map<String, List<Views.EpisodeView>> groups = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < all.size(); i++) {
      Episode e = all.get(i).episode();
      for (String term : categories ? e.categories() : e.hosts()) {
        groups.computeIfAbsent(term, k -> new ArrayList<>()).add(cards.get(i));
      }
    }
    return groups;
  }

  private void terms(String heading, String root, Map<String, List<Views.EpisodeView>> groups,
      boolean categories, Predicate<String> wanted, List<OutputFile> files) {
    boolean withFeeds = categories;
    List<Views.Term> terms = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (Map.Entry<String, List<Views.EpisodeView>> group : groups.entrySet()) {
      String path = categories ? paths.categoryPath(group.getKey())
          : paths.hostPath(group.getKey());
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
      files.add(PageRenderer.html(path + "index.html", templates.render("list",
          new Views.ListPage(views.site(), meta, list)), "listing"));
    }
    if (wanted.test(root + "index.html")) {
      files.add(PageRenderer.html(root + "index.html", templates.render("terms",
          new Views.TermsPage(views.site(), views.meta(heading + " | " + show.title(),
              heading + " of " + show.title(), root, "{}"), new Views.TermsView(heading, terms))),
          "listing"));
    }
  }
}
