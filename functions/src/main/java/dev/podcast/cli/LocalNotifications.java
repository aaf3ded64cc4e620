package dev.podcast.cli;

import dev.podcast.notify.FeedNotifier;
import dev.podcast.notify.FeedWrite;
import dev.podcast.port.ObjectStore;
import dev.podcast.text.Hashes;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve}'s stand-in for the platform's event delivery to the notify function: each write
 * of the main feed is told of on a thread of its own (publishing never waits for it), and told
 * of again, {@value #FIRST_RETRY_SECONDS} s later, then twice as late each time up to
 * {@value #LONGEST_WAIT_SECONDS} s, while a service asks for a retry: Eventarc's backoff. The
 * log says every attempt and its outcome. Only in {@code serve}: the cloud uses the platform's
 * own retries.
 */
final class LocalNotifications implements AutoCloseable {

  static final int FIRST_RETRY_SECONDS = 10;
  static final int LONGEST_WAIT_SECONDS = 600;

  /** Where each attempt's lines go. */
  @FunctionalInterface
  interface Log {
    void line(String severity, String message);
  }

  private final FeedNotifier notifier;
  private final ObjectStore site;
  private final Log log;
  private final Clock clock;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      runnable -> {
        Thread thread = new Thread(runnable, "notifications");
        thread.setDaemon(true);
        return thread;
      });

  LocalNotifications(FeedNotifier notifier, ObjectStore site, Log log, Clock clock) {
    this.notifier = notifier;
    this.site = site;
    this.log = log;
    this.clock = clock;
  }

  /** {@code object} of the site was written: told of if it is an announced feed. */
  void written(String object) {
    if (!FeedNotifier.mayAnnounce(object)) {
      return;
    }
    Instant at = clock.instant();
    executor.execute(() -> tell(object, at, 0));
  }

  private void tell(String object, Instant at, int attempt) {
    try {
      var stored = site.get(object);
      if (stored.isEmpty()) {
        return; // deleted since: nothing to tell
      }
      FeedWrite write = new FeedWrite(object, stored.get().generation(),
          Hashes.sha256(stored.get().content()), at);
      FeedNotifier.Outcome outcome = notifier.written(write);
      outcome.lines().forEach(line -> log.line(outcome.retry() ? "WARNING" : "INFO",
          "notify /" + object + ": " + line));
      if (outcome.retry()) {
        long wait = Math.min(LONGEST_WAIT_SECONDS, (long) FIRST_RETRY_SECONDS << Math.min(attempt,
            10));
        executor.schedule(() -> tell(object, at, attempt + 1), wait, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // An outage of the records: tried again as a service's outage is.
      log.line("ERROR", "notify /" + object + " failed, will be retried: " + e);
      executor.schedule(() -> tell(object, at, attempt + 1), FIRST_RETRY_SECONDS,
          TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
