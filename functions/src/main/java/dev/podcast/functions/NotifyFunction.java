package dev.podcast.functions;

import com.google.cloud.functions.CloudEventsFunction;
import dev.podcast.notify.FeedNotifier;
import io.cloudevents.CloudEvent;
import java.util.Objects;

/**
 * The entry point for the site bucket's Cloud Storage notifications of {@code feed.xml} (through
 * Pub/Sub and an Eventarc trigger with retries on): tells Podping, the WebSub hubs and the
 * Podcast Index of [notify] that the main feed changed ({@link FeedNotifier}).
 *
 * <p>The contract with the platform: returning acknowledges the event (told, coalesced with a
 * newer write, refused by a service with a 4xx, or not a write of the main feed); throwing makes
 * Eventarc deliver it again with its backoff, from 10 seconds up to a day, which a service's
 * 5xx, timeout or refused connection, or an outage of Firestore or Cloud Storage, needs. What
 * each service was told is in Firestore, so a delivery again tells only those not told yet. One
 * JSON log line per service and event; Podping's token is never logged.
 *
 * <p>Deploy with entry point {@code dev.podcast.functions.NotifyFunction}; configuration in
 * {@link FunctionsConfig} and {@code PODPING_TOKEN} (from Secret Manager). Thread-safe.
 */
public class NotifyFunction implements CloudEventsFunction {

  private final FeedNotifier notifier;
  private final FunctionsConfig config;
  private final EventLog log = new EventLog(System.out);

  /** Wires the real adapters from {@code System.getenv()}: what the platform calls. */
  public NotifyFunction() {
    this(FunctionsConfig.fromEnvironment(System.getenv()));
  }

  private NotifyFunction(FunctionsConfig config) {
    this(Adapters.notifier(config, System.getenv().getOrDefault("PODPING_TOKEN", "")), config);
  }

  /** Runs {@code notifier} for the notifications of {@code config.siteBucket()}. */
  public NotifyFunction(FeedNotifier notifier, FunctionsConfig config) {
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public void accept(CloudEvent event) throws InterruptedException {
    long start = System.nanoTime();
    FeedWrittenEvent e;
    try {
      e = FeedWrittenEvent.decode(event);
    } catch (FeedWrittenEvent.MalformedEventException malformed) {
      log.log("ERROR", malformed.getMessage(), event.getId(), "", "", "MALFORMED", ms(start));
      return;
    }
    String object = e.write().object();
    if (!e.bucket().equals(config.siteBucket()) || !e.eventType().equals(
        FeedWrittenEvent.FINALIZE)) {
      log.log("INFO", "ignored: " + e.eventType() + " of " + e.bucket() + "/" + object,
          e.id(), object, "", "IGNORED", ms(start));
      return;
    }
    FeedNotifier.Outcome outcome;
    try {
      outcome = notifier.written(e.write());
    } catch (RuntimeException outage) {
      log.log("ERROR", "will be retried: " + outage, e.id(), object, "", "RETRY", ms(start));
      throw outage;
    }
    for (String line : outcome.lines()) {
      log.log(outcome.retry() ? "WARNING" : "INFO", "notify /" + object + " (generation "
          + e.write().generation() + "): " + line, e.id(), object, "",
          outcome.retry() ? "RETRY" : "NOTIFIED", ms(start));
    }
    if (outcome.retry()) {
      throw new IllegalStateException("a service is to be told again: the event will be"
          + " delivered again");
    }
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
