package dev.podcast.functions;

import dev.podcast.adapter.firestore.FirestoreEpisodeStores;
import dev.podcast.adapter.firestore.FirestoreWebhookReceipts;
import dev.podcast.adapter.gcs.GcsObjectStores;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.parse.ParserSettings;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.ShowContexts;
import dev.podcast.show.PodcastGuid;
import dev.podcast.serve.FeedResponder;
import dev.podcast.webhook.WebhookHandler;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiConsumer;

/** The real adapters, wired from a {@link FunctionsConfig}: what the no-arg constructors use. */
final class Adapters {

  private Adapters() {}

  /** The publish use case on Cloud Storage and the episode store of {@code config.showId()}. */
  static Publisher publisher(FunctionsConfig config) {
    EpisodeStore episodes = episodeStore(config.showId());
    // Lazy: neither store contacts Cloud Storage before its first call.
    return new Publisher(GcsObjectStores.fromEnvironment(config.sourceBucket()),
        GcsObjectStores.fromEnvironment(config.siteBucket()), episodes, Clock.systemUTC());
  }

  /** The Firestore episode store of {@code showId}; the client is built on first use. */
  static EpisodeStore episodeStore(String showId) {
    return FirestoreEpisodeStores.fromEnvironment(showId);
  }

  /** The webhook use case on the source bucket and the show's receipts in Firestore. */
  static WebhookHandler webhookHandler(WebhookConfig config) {
    ObjectStore source = GcsObjectStores.fromEnvironment(config.sourceBucket());
    // The webhook renders nothing: the show's guid is not needed, and none is registered.
    ShowContexts contexts = new ShowContexts(source,
        show -> PodcastGuid.fromFeedUrl(show.feedUrl()).toString(), ParserSettings.defaults());
    return new WebhookHandler(Optional.of(config.secrets()), config.maxBodyBytes(), source,
        FirestoreWebhookReceipts.fromEnvironment(config.showId()), Clock.systemUTC(), contexts);
  }

  /**
   * The feed endpoint on the site bucket; a new show's feeds are rendered by the publish use case
   * (on the same site store). No client is built before the first request.
   */
  static FeedResponder feedResponder(FunctionsConfig config, FeedConfig feed,
      BiConsumer<String, RuntimeException> failures) {
    ObjectStore site = GcsObjectStores.fromEnvironment(config.siteBucket());
    Publisher publisher = new Publisher(GcsObjectStores.fromEnvironment(config.sourceBucket()),
        site, episodeStore(config.showId()), Clock.systemUTC());
    return new FeedResponder(site, publisher::regenerateAll, feed.maxAge(), FeedConfig.RECHECK,
        Clock.systemUTC(), failures, FeedResponder.backgroundCompressor());
  }
}
