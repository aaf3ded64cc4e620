package dev.podcast.site;

import dev.podcast.episode.Episode;
import dev.podcast.feed.FeedEntry;
import java.util.Objects;

/**
 * An episode that is live: the parsed episode, its feed entry (with its guid), and its image as
 * the site serves it (a site path or URL, empty when none).
 */
public record PublishedEpisode(Episode episode, FeedEntry entry, String image) {
  public PublishedEpisode {
    Objects.requireNonNull(episode, "episode");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(image, "image");
  }
}
