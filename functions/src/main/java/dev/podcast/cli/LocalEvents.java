package dev.podcast.cli;

import dev.podcast.adapter.local.FolderWatcher;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.Result;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The events of the source folder, handed to the publisher as the upload function is handed
 * Cloud Storage's: one log line each. An outage ({@link ObjectStore.StoreUnavailableException},
 * the Firestore emulator gone, a disk full) is retried with exponential backoff, 200 ms doubling
 * to 30 s, until it passes; a newer event for the same file replaces the one waiting. Anything
 * else is logged and the next event goes on. Not thread-safe: the serve loop's thread calls it.
 */
final class LocalEvents implements FolderWatcher.Listener {

  /** Where the log lines go. */
  @FunctionalInterface
  interface Log {
    void line(String severity, String message, String object, String slug, String outcome,
        long startNanos);
  }

  private static final long FIRST_BACKOFF_MS = 200;
  private static final long MAX_BACKOFF_MS = 30_000;

  private record Event(String object, long generation, boolean deleted, int attempts,
      long dueNanos) {}

  private final Publisher publisher;
  private final Log log;
  /** The events waiting for a retry, by object: at most one per file. */
  private final Map<String, Event> waiting = new LinkedHashMap<>();

  LocalEvents(Publisher publisher, Log log) {
    this.publisher = publisher;
    this.log = log;
  }

  @Override
  public void finalized(String object, long generation) {
    handle(new Event(object, generation, false, 0, 0));
  }

  @Override
  public void deleted(String object, long generation) {
    handle(new Event(object, generation, true, 0, 0));
  }

  /** Runs the retries whose time has come. */
  void retryDue() {
    long now = System.nanoTime();
    for (Iterator<Event> it = new java.util.ArrayList<>(waiting.values()).iterator();
        it.hasNext(); ) {
      Event event = it.next();
      if (event.dueNanos() - now <= 0) {
        handle(event);
      }
    }
  }

  /** How long to wait for the next change: at most {@code idleMs}, less if a retry is due. */
  long waitMs(long idleMs) {
    long now = System.nanoTime();
    long wait = idleMs;
    for (Event event : waiting.values()) {
      wait = Math.min(wait, Math.max(1, (event.dueNanos() - now) / 1_000_000));
    }
    return wait;
  }

  /** What Cloud Scheduler calls for the functions: scheduled episodes go live on time. */
  void publishDue() {
    long start = System.nanoTime();
    try {
      int published = publisher.publishDue();
      if (published > 0) {
        log.line("INFO", "publishDue: " + published + " scheduled episodes went live", "", "",
            "PUBLISHED", start);
      }
    } catch (ObjectStore.StoreUnavailableException outage) {
      log.line("WARNING", "publishDue will run again: " + outage.getMessage(), "", "", "RETRY",
          start);
    } catch (RuntimeException e) {
      log.line("ERROR", "publishDue failed: " + e, "", "", "ERROR", start);
    }
  }

  private void handle(Event event) {
    long start = System.nanoTime();
    waiting.remove(event.object());
    try {
      Result result = event.deleted() ? publisher.deleted(event.object(), event.generation())
          : publisher.finalized(event.object(), event.generation());
      String severity = result.outcome() == Result.Action.REJECTED ? "WARNING" : "INFO";
      String message = result.outcome().name().toLowerCase(Locale.ROOT)
          + (result.problems().isEmpty() ? "" : " (" + result.problems().size()
              + " problems; first: " + result.problems().get(0).format() + ")");
      log.line(severity, message, event.object(), result.slug(), result.outcome().name(), start);
    } catch (ObjectStore.StoreUnavailableException outage) {
      long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(event.attempts(), 16));
      waiting.put(event.object(), new Event(event.object(), event.generation(), event.deleted(),
          event.attempts() + 1, System.nanoTime() + backoff * 1_000_000));
      log.line("WARNING", "will be retried in " + backoff + " ms: " + outage.getMessage(),
          event.object(), "", "RETRY", start);
    } catch (RuntimeException | StackOverflowError e) {
      // A fault of ours, not of the content (the parser contains what files do to it): told,
      // and the next event goes on.
      log.line("ERROR", "failed: " + e, event.object(), "", "ERROR", start);
    }
  }
}
