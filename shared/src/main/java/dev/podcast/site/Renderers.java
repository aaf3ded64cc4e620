package dev.podcast.site;

import dev.podcast.show.ShowConfig;

/**
 * The renderers of one show, one per output, built once per configuration and theme: episode
 * pages, listings, feeds, the sitemap, and the paths and views they share. Thread-safe.
 *
 * @param keep whether the renderers keep what they made (listing cards, checked feed items) for
 *     the next call: a long-lived instance renders a change in time proportional to the change
 */
public record Renderers(SitePaths paths, EpisodeViews views, PageRenderer pages,
    ListingRenderer listings, FeedRenderer feeds, SitemapRenderer sitemap, int feedItemLimit) {

  /** The renderers of {@code show} with {@code templates} and the show's {@code podcastGuid}. */
  public static Renderers of(ShowConfig show, Templates templates, String podcastGuid,
      boolean keep) {
    SitePaths paths = new SitePaths(show);
    EpisodeViews views = new EpisodeViews(show, paths, keep);
    return new Renderers(paths, views, new PageRenderer(show, templates, views),
        new ListingRenderer(show, templates, paths, views),
        new FeedRenderer(show, paths, podcastGuid, keep), new SitemapRenderer(show),
        show.podcast().feedItemLimit());
  }

  /** What the site holds besides its assets when {@code live} are its live episodes. */
  public SitePlan plan(java.util.List<PublishedEpisode> live) {
    return SitePlan.of(paths, feedItemLimit, live);
  }

  /** As above, with {@code live}'s categories and hosts grouped already. */
  public SitePlan plan(java.util.List<PublishedEpisode> live, TermListings.Terms terms) {
    return SitePlan.of(paths, feedItemLimit, live, terms);
  }
}
