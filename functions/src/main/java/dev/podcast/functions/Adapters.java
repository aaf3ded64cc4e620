package dev.podcast.functions;

import dev.podcast.adapter.firestore.FirestoreEpisodeStores;
import dev.podcast.adapter.firestore.FirestoreWebhookReceipts;
import dev.podcast.adapter.gcs.GcsObjectStores;
import dev.podcast.port.EpisodeStore;
import dev.podcast.publish.Publisher;
import dev.podcast.webhook.WebhookHandler;
import java.time.Clock;
import java.util.Optional;

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
    return new WebhookHandler(Optional.of(config.secrets()), config.maxBodyBytes(),
        GcsObjectStores.fromEnvironment(config.sourceBucket()),
        FirestoreWebhookReceipts.fromEnvironment(config.showId()), Clock.systemUTC());
  }
}
