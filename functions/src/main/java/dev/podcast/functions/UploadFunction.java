package dev.podcast.functions;

import com.google.cloud.functions.CloudEventsFunction;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.Result;
import dev.podcast.publish.SourceObjects;
import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The entry point for the source bucket's events (Eventarc, Cloud Storage triggers {@code
 * google.cloud.storage.object.v1.finalized}, {@code ...v1.deleted} and, for a versioned bucket,
 * where deleting or overwriting a file retires its live version, {@code ...v1.archived}):
 * publishes, updates or unpublishes the episode in {@code content/**.md}, and imports an old
 * feed uploaded to {@code import/<name>.xml} (its report beside it).
 *
 * <p>The contract with the platform: returning acknowledges the event (done, including for
 * content the pipeline refuses: an invalid episode, an invalid or missing {@code config.toml},
 * an item the feed check refuses, all recorded as rejected with file, line and field, the last
 * good site left live; and for events this function ignores: other types, other buckets, objects
 * that are not the show's); throwing makes the platform deliver it again, which is what an outage
 * ({@link ObjectStore.StoreUnavailableException}) needs. One
 * JSON log line per event on standard output: {@code severity, message, eventId, object, slug,
 * outcome, durationMs}.
 *
 * <p>Deploy with entry point {@code dev.podcast.functions.UploadFunction}; configuration in
 * {@link FunctionsConfig}. Thread-safe: a warm instance serves concurrent events.
 */
public class UploadFunction implements CloudEventsFunction {

  private final Publisher publisher;
  private final FunctionsConfig config;
  private final EventLog log = new EventLog(System.out);

  /** Wires the real adapters from {@code System.getenv()}: what the platform calls. */
  public UploadFunction() {
    this(FunctionsConfig.fromEnvironment(System.getenv()));
  }

  private UploadFunction(FunctionsConfig config) {
    this(Adapters.publisher(config), config);
  }

  /** Runs {@code publisher} for the events of {@code config.sourceBucket()}. */
  public UploadFunction(Publisher publisher, FunctionsConfig config) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public void accept(CloudEvent event) {
    long start = System.nanoTime();
    StorageEvent e;
    try {
      e = StorageEvent.decode(event);
    } catch (StorageEvent.MalformedEventException malformed) {
      log.log("ERROR", malformed.getMessage(), event.getId(), "", "", "MALFORMED", ms(start));
      return;
    }
    try {
      Result result = handle(e);
      log.log(severity(result.outcome()), message(e, result), e.id(), e.object(), result.slug(),
          result.outcome().name(), ms(start));
    } catch (RuntimeException failure) {
      // Content problems are results, never exceptions: what throws is an outage (or a fault of
      // ours), and the event is worth delivering again.
      log.log("ERROR", "will be retried: " + failure, e.id(), e.object(), "", "RETRY", ms(start));
      throw failure;
    }
  }

  /** Decode → call the use case; anything not ours is ignored. */
  private Result handle(StorageEvent e) {
    if (!e.bucket().equals(config.sourceBucket())) {
      return ignored(e);
    }
    return switch (e.type()) {
      case StorageEvent.FINALIZED -> publisher.finalized(e.object(), e.generation(),
          e.metadata());
      case StorageEvent.DELETED -> publisher.deleted(e.object(), e.generation());
      case StorageEvent.ARCHIVED -> publisher.archived(e.object(), e.generation());
      default -> ignored(e);
    };
  }

  private static Result ignored(StorageEvent e) {
    return new Result(Result.Action.IGNORED, e.object(), "", List.of());
  }

  private static String severity(Result.Action action) {
    return action == Result.Action.REJECTED ? "WARNING" : "INFO";
  }

  private String message(StorageEvent e, Result result) {
    return switch (result.outcome()) {
      case PUBLISHED -> "published " + e.object();
      case DELETED -> "unpublished " + e.object();
      case REJECTED -> "rejected " + e.object() + ": " + result.problems().stream()
          .map(Problem::format).collect(Collectors.joining("; "));
      case STALE -> "stale event for " + e.object() + " (a newer generation is handled)";
      case DUPLICATE -> "duplicate event for " + e.object();
      case COPIED -> "copied " + e.object() + " to the site";
      case REBUILT -> "site configuration " + e.object() + " changed: everything re-rendered";
      case IMPORTED -> SourceObjects.kind(e.object()) == SourceObjects.Kind.IMPORT
          ? "imported " + e.object() + ": the report is " + SourceObjects.importReport(e.object())
          : "written by an import, which publishes it: " + e.object();
      case IGNORED -> !e.bucket().equals(config.sourceBucket())
          ? "ignored: bucket " + e.bucket() + " is not the source bucket"
          : !StorageEvent.FINALIZED.equals(e.type()) && !StorageEvent.DELETED.equals(e.type())
          ? "ignored: event type " + e.type()
          : "ignored: not an episode, configuration, layout or content file";
    };
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
