/**
 * Moving a live show here from the feed its subscribers' apps poll: reading that feed
 * ({@link dev.podcast.migrate.OldFeedReader}), matching its items to the show's episode files
 * ({@link dev.podcast.migrate.FeedMove}) and carrying each item's guid into its file's front
 * matter ({@link dev.podcast.migrate.FrontMatterGuid}), so that no app downloads an episode again.
 */
package dev.podcast.migrate;
