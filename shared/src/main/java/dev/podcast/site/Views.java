package dev.podcast.site;

import java.util.List;

/**
 * What templates see: plain records of display-ready text. Template authors overriding a layout
 * can use every component named here ({@code {{episode.title}}}, {@code {{#list.items}}}, ...).
 * Text is escaped by the template; fields ending in {@code Html} are trusted HTML.
 */
public final class Views {

  private Views() {}

  /** Everything a page shows of the show. */
  public record Site(String title, String description, String baseUrl, String language,
      String feedUrl, String jsonFeedUrl, String copyright, String twitter,
      String categoriesPath) {}

  /** The page's own metadata: title, description, canonical URL, social cards, JSON-LD. */
  public record Meta(String title, String description, String canonical, String ogType,
      String image, String audio, String feedUrl, String jsonLd) {}

  /** A link with a visible name. */
  public record Link(String name, String path) {}

  /** A front matter link such as the episode's Reddit thread. */
  public record External(String label, String url) {}

  /** One transcript turn: the speaker (may be empty) and its paragraphs. */
  public record TurnView(String speaker, List<String> paragraphs) {}

  /**
   * An episode as its page and cards show it. {@code transcriptHtml} is the transcript rendered
   * once (speaker in {@code <cite>}, text in {@code <p>}, all escaped); {@code turns} has the same
   * for templates that lay it out themselves.
   */
  public record EpisodeView(
      String title,
      String path,
      String dateIso,
      String dateHuman,
      String number,
      String duration,
      String size,
      String image,
      String audioUrl,
      String audioType,
      String summaryHtml,
      String notesHtml,
      List<Link> hosts,
      List<Link> categories,
      List<External> links,
      List<TurnView> turns,
      String transcriptHtml,
      Link previous,
      Link next) {

    public boolean hasHosts() {
      return !hosts.isEmpty();
    }

    public boolean hasCategories() {
      return !categories.isEmpty();
    }

    public boolean hasPeople() {
      return hasHosts() || hasCategories();
    }

    public boolean hasLinks() {
      return !links.isEmpty();
    }

    public boolean hasTranscript() {
      return !turns.isEmpty();
    }
  }

  /** A numbered page of a paginated list. */
  public record PageLink(int number, String path, boolean current) {}

  /** A list of episodes: home pages, archive, a category, a host. */
  public record ListView(String heading, String intro, String feedPath, List<EpisodeView> items,
      String previousPage, String nextPage, List<PageLink> pages) {

    public boolean hasPages() {
      return pages.size() > 1 || previousPage != null || nextPage != null;
    }
  }

  /** A taxonomy term with how many episodes carry it. */
  public record Term(String name, String path, int count) {}

  /** The list of categories or hosts. */
  public record TermsView(String heading, List<Term> terms) {}

  /**
   * One listing page as the archive's index shows it: its label ("Episodes 1–10"), folder, and
   * the dates of its oldest and newest episodes.
   */
  public record ArchiveEntry(String label, String path, String firstDateIso,
      String firstDateHuman, String lastDateIso, String lastDateHuman) {}

  /** The archive's index: the listing pages, newest first. */
  public record ArchiveView(String heading, String intro, List<ArchiveEntry> pages) {}

  /** The scope of the archive's index. */
  public record ArchivePage(Site site, Meta meta, ArchiveView archive) {}

  /** The scope of an episode or transcript page. */
  public record EpisodePage(Site site, Meta meta, EpisodeView episode) {}

  /** The scope of a list page. */
  public record ListPage(Site site, Meta meta, ListView list) {}

  /** The scope of a terms page. */
  public record TermsPage(Site site, Meta meta, TermsView terms) {}
}
