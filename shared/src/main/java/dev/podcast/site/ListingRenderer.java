package dev.podcast.site;

import dev.podcast.show.ShowConfig;
import dev.podcast.text.Html;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
    return render(all, TermListings.Terms.of(paths, all), wanted);
  }

  /** As above, with {@code all}'s categories and hosts grouped already. */
  public List<OutputFile> render(List<PublishedEpisode> all, TermListings.Terms groups,
      Predicate<String> wanted) {
    List<OutputFile> files = new ArrayList<>();
    List<Views.EpisodeView> cards = all.stream().map(views::card).toList();
    homePages(cards, wanted, files);
    if (wanted.test(SitePaths.ARCHIVE)) {
      files.add(PageRenderer.html(SitePaths.ARCHIVE, templates.render("archive",
          new Views.ArchivePage(views.site(), views.meta("Archive | " + show.title(),
              "Every episode of " + show.title(), "/archive/", "{}"),
              archive(cards))), "listing"));
    }
    terms("Categories", paths.categoriesRoot(), groups.categories(), cards, true, wanted, files);
    terms("Hosts", SitePaths.HOSTS_ROOT, groups.hosts(), cards, false, wanted, files);
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
   * The archive's index: each listing page, newest first, with the numbers and dates of its
   * episodes; it grows by one line per {@code paginate} episodes, not one per episode.
   */
  private Views.ArchiveView archive(List<Views.EpisodeView> cards) {
    int n = cards.size();
    List<Views.ArchiveEntry> entries = new ArrayList<>();
    for (int k = paths.listingPages(n); k >= 1 && n > 0; k--) {
      int first = (k - 1) * paths.paginate();
      int last = Math.min(k * paths.paginate(), n);
      Views.EpisodeView oldest = cards.get(n - 1 - first);
      Views.EpisodeView newest = cards.get(n - last);
      entries.add(new Views.ArchiveEntry("Episodes " + (first + 1) + "\u2013" + last,
          SitePaths.listingPath(k), oldest.dateIso(), oldest.dateHuman(), newest.dateIso(),
          newest.dateHuman()));
    }
    return new Views.ArchiveView("Archive", n + (n == 1 ? " episode" : " episodes")
        + ", newest first.", entries);
  }

  /** A listing's title and intro, and the metadata of its pages. */
  private record Listing(String root, String heading, String intro, String feedPath,
      java.util.function.BiFunction<String, String, Views.Meta> meta) {}

  /**
   * The home page (the newest {@code paginate} episodes), the listing pages numbered from the
   * oldest ({@code /archive/1/} holds the first episodes; each page links to the newer and the
   * older one) and Hugo's old home pages ({@code /page/N/}) as redirects to the archive.
   */
  private void homePages(List<Views.EpisodeView> cards, Predicate<String> wanted,
      List<OutputFile> files) {
    int pages = paths.listingPages(cards.size());
    paged(new Listing("/", show.title(), show.description(), "", (title, folder) -> views.meta(
        title, show.description(), folder, views.seriesJsonLd())), cards, pages, wanted, files);
    for (int k = 2; k <= pages; k++) {
      String path = SitePaths.hugoPagePath(k) + "index.html";
      if (wanted.test(path)) {
        files.add(new OutputFile(path, redirect(SitePaths.ARCHIVE.replace("index.html", ""))
            .getBytes(StandardCharsets.UTF_8), "listing"));
      }
    }
  }

  /**
   * The first page of {@code listing} (its newest {@code paginate} episodes, linking to the
   * older ones) and its {@code pages} numbered pages, counted from the oldest
   * ({@code root/archive/1/} holds its first episodes, so a new episode changes only the first
   * page and the newest numbered one).
   */
  private void paged(Listing listing, List<Views.EpisodeView> cards, int pages,
      Predicate<String> wanted, List<OutputFile> files) {
    int size = paths.paginate();
    int n = cards.size();
    String root = listing.root();
    if (wanted.test(root + "index.html")) {
      String older = n > size ? SitePaths.listingPath(root, paths.listingPageOf(size, n)) : null;
      Views.ListView list = new Views.ListView(listing.heading(), listing.intro(),
          listing.feedPath(), cards.subList(0, Math.min(size, n)), null, older, List.of());
      files.add(PageRenderer.html(root + "index.html", templates.render("list",
          new Views.ListPage(views.site(), listing.meta().apply(root.equals("/") ? show.title()
              : listing.heading() + " | " + show.title(), root), list)), "listing"));
    }
    for (int k = 1; k <= pages; k++) {
      String path = SitePaths.listingPath(root, k);
      if (!wanted.test(path + "index.html")) {
        continue;
      }
      int first = (k - 1) * size; // counted from the oldest, from 0
      int last = Math.min(k * size, n);
      List<Views.EpisodeView> items = cards.subList(n - last, n - first); // newest first
      String range = n == 0 ? "no episodes yet" : "episodes " + (first + 1) + "\u2013" + last;
      Views.ListView list = new Views.ListView(listing.heading() + ": " + range, "",
          listing.feedPath(), items, k < pages ? SitePaths.listingPath(root, k + 1) : root,
          k > 1 ? SitePaths.listingPath(root, k - 1) : null, List.of());
      String title = root.equals("/") ? show.title() + " (" + range + ")"
          : listing.heading() + " (" + range + ") | " + show.title();
      files.add(PageRenderer.html(path + "index.html", templates.render("list",
          new Views.ListPage(views.site(), listing.meta().apply(title, path), list)),
          "listing"));
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

  private void terms(String heading, String root, List<TermListings.Group> groups,
      List<Views.EpisodeView> cards, boolean categories, Predicate<String> wanted,
      List<OutputFile> files) {
    List<Views.Term> terms = new ArrayList<>();
    for (TermListings.Group group : groups) {
      String path = group.path();
      int count = group.positions().size();
      terms.add(new Views.Term(group.name(), path, count));
      String feedPath = categories ? path + "feed.xml" : "";
      String description = group.name() + ": episodes of " + show.title();
      List<Views.EpisodeView> listed = group.positions().stream().map(cards::get).toList();
      paged(new Listing(path, group.name(), count + (count == 1 ? " episode" : " episodes"),
          feedPath, (title, folder) -> new Views.Meta(title, description, show.absolute(folder),
              "website", show.artworkUrl(), "", categories ? show.absolute(feedPath) : "", "{}")),
          listed, paths.termListingPages(count), wanted, files);
    }
    if (wanted.test(root + "index.html")) {
      files.add(PageRenderer.html(root + "index.html", templates.render("terms",
          new Views.TermsPage(views.site(), views.meta(heading + " | " + show.title(),
              heading + " of " + show.title(), root, "{}"), new Views.TermsView(heading, terms))),
          "listing"));
    }
  }
}
