package dev.podcast.functions;

import dev.podcast.adapter.firestore.FirestoreEpisodeStores;
import dev.podcast.adapter.firestore.FirestoreNotificationLog;
import dev.podcast.adapter.firestore.FirestoreWebhookReceipts;
import dev.podcast.adapter.gcs.GcsObjectStores;
import dev.podcast.adapter.http.HttpPings;
import dev.podcast.notify.FeedNotifier;
import dev.podcast.port.NotificationLog;
import dev.podcast.port.Pings;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.port.WebhookReceipts;
import dev.podcast.parse.ParserSettings;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.ShowContext;
import dev.podcast.publish.ShowContexts;
import dev.podcast.show.PodcastGuid;
import dev.podcast.serve.FeedResponder;
import dev.podcast.webhook.WebhookHandler;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The real adapters, wired from a {@link FunctionsConfig}: what the no-arg constructors use. Each
 * function gets only the stores its account may use ({@code infra/iam.tf}); the overloads that
 * take the stores are the same wiring, for tests that check those grants against what the code
 * calls ({@code IamMatchesCodeTest}).
 */
final class Adapters {

  private Adapters() {}

  /** The publish use case on Cloud Storage and the episode store of {@code config.showId()}. */
  static Publisher publisher(FunctionsConfig config) {
    // Lazy: neither store contacts Cloud Storage before its first call.
    return publisher(config, GcsObjectStores::fromEnvironment);
  }

  /**
   * The same wiring with each bucket's store from {@code buckets}: the cold-start benchmark
   * points them at a loopback Cloud Storage server ({@code LoopbackUploadFunction}).
   */
  static Publisher publisher(FunctionsConfig config, Function<String, ObjectStore> buckets) {
    EpisodeStore episodes = episodeStore(config.showId());
    ObjectStore source = buckets.apply(config.sourceBucket());
    return new Publisher(source, buckets.apply(config.siteBucket()), episodes, Clock.systemUTC(),
        contexts(Publisher.contexts(source, episodes, ParserSettings.defaults()), config));
  }

  /** {@code contexts} checking what the deployment serves: the address and the old feeds. */
  private static ShowContexts contexts(ShowContexts contexts, FunctionsConfig config) {
    ShowContexts served = contexts.servedAt(config.siteAddress());
    return config.oldFeedPaths().map(served::routingOldFeeds).orElse(served);
  }

  /** The Firestore episode store of {@code showId}; the client is built on first use. */
  static EpisodeStore episodeStore(String showId) {
    return FirestoreEpisodeStores.fromEnvironment(showId);
  }

  /** The webhook use case on the source bucket and the show's receipts in Firestore. */
  static WebhookHandler webhookHandler(WebhookConfig config) {
    return webhookHandler(config, GcsObjectStores.fromEnvironment(config.sourceBucket()),
        FirestoreWebhookReceipts.fromEnvironment(config.showId()), Clock.systemUTC());
  }

  /**
   * The webhook use case on {@code source}: it reads the show's {@code config.toml} and
   * {@code podcast.toml} (never {@code layouts/}: it renders nothing, and so never lists the
   * source), and reads, writes and deletes episode files and its remembered entries.
   */
  static WebhookHandler webhookHandler(WebhookConfig config, ObjectStore source,
      WebhookReceipts receipts, Clock clock) {
    // The webhook renders nothing: the show's guid is not needed, and none is registered.
    ShowContexts contexts = ShowContexts.withoutLayouts(source,
        show -> PodcastGuid.fromFeedUrl(show.feedUrl()).toString(), ParserSettings.defaults());
    return new WebhookHandler(Optional.of(config.secrets()), config.maxBodyBytes(), source,
        receipts, clock, contexts);
  }

  /**
   * Telling the show's services of main-feed writes: the site bucket (the feed's newest
   * generation), the show's configuration from the source bucket ({@code config.toml},
   * {@code podcast.toml}: it renders nothing, so never lists the source), what was told in
   * Firestore, the services over HTTP.
   */
  static FeedNotifier notifier(FunctionsConfig config, String podpingToken) {
    return notifier(GcsObjectStores.fromEnvironment(config.sourceBucket()),
        GcsObjectStores.fromEnvironment(config.siteBucket()),
        FirestoreNotificationLog.fromEnvironment(config.showId()), new HttpPings(), podpingToken,
        Clock.systemUTC(), config.siteAddress());
  }

  /** The same wiring on these stores and services. */
  static FeedNotifier notifier(ObjectStore source, ObjectStore site, NotificationLog log,
      Pings pings, String podpingToken, Clock clock) {
    return notifier(source, site, log, pings, podpingToken, clock, "");
  }

  /**
   * The same, for a deployment that serves the site at {@code siteAddress}: a feed is never
   * announced at an address that is not the site's ({@link ShowContexts#servedAt}).
   */
  static FeedNotifier notifier(ObjectStore source, ObjectStore site, NotificationLog log,
      Pings pings, String podpingToken, Clock clock, String siteAddress) {
    ShowContexts contexts = ShowContexts.withoutLayouts(source,
        show -> PodcastGuid.fromFeedUrl(show.feedUrl()).toString(), ParserSettings.defaults())
        .servedAt(siteAddress);
    return new FeedNotifier(site, () -> contexts.current() instanceof ShowContext.Ready ready
        ? Optional.of(ready.show()) : Optional.empty(), log, pings, podpingToken, clock,
        duration -> Thread.sleep(duration.toMillis()));
  }

  /**
   * The feed endpoint on the site bucket. No client is built before the first request.
   */
  static FeedResponder feedResponder(FunctionsConfig config, FeedConfig feed,
      BiConsumer<String, RuntimeException> failures) {
    return feedResponder(GcsObjectStores.fromEnvironment(config.siteBucket()), feed, failures,
        Clock.systemUTC());
  }

  /**
   * The feed endpoint on {@code site}, reading it only: a feed the pipeline has not written is a
   * {@code 404} ({@link FeedResponder.Regenerator#NONE}). The public function renders nothing,
   * writes nothing and reads neither the source bucket nor Firestore, so its account needs no
   * access to them.
   */
  static FeedResponder feedResponder(ObjectStore site, FeedConfig feed,
      BiConsumer<String, RuntimeException> failures, Clock clock) {
    return new FeedResponder(site, FeedResponder.Regenerator.NONE, feed.maxAge(),
        FeedConfig.RECHECK, clock, failures, FeedResponder.backgroundCompressor(),
        feed::oldFeedPaths);
  }
}
