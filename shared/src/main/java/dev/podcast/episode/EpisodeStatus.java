package dev.podcast.episode;

/** Where an episode stands, as Hugo decides whether to publish a page. */
public enum EpisodeStatus {
  /** Live: in the feeds and listings. */
  PUBLISHED,
  /** {@code draft = true}: never published until the author says so. */
  DRAFT,
  /** Its publish date is in the future; published when that time comes. */
  SCHEDULED,
  /** Its expiry date has passed. */
  EXPIRED
}
