package dev.podcast.site;

import dev.podcast.episode.Episode;
import dev.podcast.show.ShowConfig;
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

  /** Home pages: the latest episodes, {@code paginate} per page ({@code /}, {@code /page/2/}). */
  private void homePages(List<Views.EpisodeView> cards, Predicate<String> wanted,
      List<OutputFile> files) {
    int size = paths.paginate();
    int pages = paths.homePages(cards.size());
    for (int n = 1; n <= pages; n++) {
      String path = SitePaths.homePath(n);
      if (!wanted.test(path + "index.html")) {
        continue;
      }
      List<Views.EpisodeView> items = cards.subList((n - 1) * size,
          Math.min(cards.size(), n * size));
      List<Views.PageLink> links = new ArrayList<>();
      for (int k = 1; k <= pages; k++) {
        links.add(new Views.PageLink(k, SitePaths.homePath(k), k == n));
      }
      Views.ListView list = new Views.ListView(n == 1 ? show.title() : show.title() + ", page "
          + n, n == 1 ? show.description() : "", "", items,
          n > 1 ? SitePaths.homePath(n - 1) : null, n < pages ? SitePaths.homePath(n + 1) : null,
          links);
      String title = n == 1 ? show.title() : show.title() + " (page " + n + ")";
      files.add(PageRenderer.html(path + "index.html", templates.render("list",
          new Views.ListPage(views.site(), views.meta(title, show.description(), path,
              views.seriesJsonLd()), list)), "listing"));
    }
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
