package dev.podcast.cli;

import com.google.gson.JsonObject;
import dev.podcast.adapter.firestore.FirestoreNotificationLog;
import dev.podcast.adapter.firestore.FirestoreWebhookReceipts;
import dev.podcast.adapter.http.HttpPings;
import dev.podcast.adapter.local.FolderObjectStore;
import dev.podcast.adapter.local.FolderWatcher;
import dev.podcast.adapter.local.WebhookReceiptsFile;
import dev.podcast.adapter.memory.InMemoryNotificationLog;
import dev.podcast.notify.FeedNotifier;
import dev.podcast.parse.ParserSettings;
import dev.podcast.port.NotificationLog;
import dev.podcast.port.ObjectStore;
import dev.podcast.port.WebhookReceipts;
import dev.podcast.problem.Problem;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.ShowContext;
import dev.podcast.serve.FeedResponder;
import dev.podcast.show.ShowConfigReader;
import dev.podcast.webhook.WebhookHandler;
import dev.podcast.webhook.WebhookSecrets;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code podcast serve --source DIR --out DIR --port N}: the pipeline in one process. The source
 * folder stands in for the source bucket (watched: a new, changed or deleted file becomes the
 * same finalize/delete event Cloud Storage sends, handed to the same {@link Publisher} as the
 * upload function; an outage is retried with backoff), the out folder for the site bucket, the
 * records in memory with the guids in the out folder's state file, or in the Firestore emulator.
 * It starts by publishing the whole source folder, as {@code build} does, so a restart catches
 * up with whatever changed while it was stopped. The site is served on 127.0.0.1 by {@link
 * LocalHttpServer} (bounded for slow and hostile clients), the feeds ({@code
 * dev.podcast.serve.FeedPaths}) by the same {@link FeedResponder} as the feed function:
 * validators, {@code 304}s, gzip, {@code Cache-Control}.
 *
 * <p>{@code POST /webhooks/cms} is the CMS webhook ({@link WebhookHandler}, as the function
 * serves it): a signed request writes or deletes an episode file in the source folder, and the
 * watcher publishes it like any other change. Its secrets come from {@code
 * PODCAST_WEBHOOK_SECRET}; without it the route answers {@code 503}: unsigned requests are never
 * accepted. The deliveries handled are remembered in the out folder ({@link WebhookReceiptsFile},
 * beside the state file), or in the emulator, so a replay after a restart is still a duplicate.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the publishing pipeline locally: watches --source, publishes into --out, and",
        "serves the site and its feeds on http://127.0.0.1:PORT/. Ctrl-C stops it."})
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--source", required = true, paramLabel = "DIR",
      description = "The show's source folder (stands in for the source bucket).")
  Path source;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Where the site is written (stands in for the site bucket).")
  Path out;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "N",
      description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--firestore", paramLabel = "HOST:PORT",
      description = "Keep the records in the Firestore emulator at HOST:PORT instead of memory"
          + " (default: $FIRESTORE_EMULATOR_HOST if set).")
  String firestore;

  @Option(names = "--poll-ms", defaultValue = "100", paramLabel = "MS",
      description = "How often the source folder is checked where the operating system does not"
          + " report changes (Linux does, through inotify; the folder is then walked every 2 s"
          + " at most, and at once when something changed) (default: ${DEFAULT-VALUE}).")
  long pollMs;

  @Option(names = "--feed-max-age", defaultValue = "${env:FEED_MAX_AGE_SECONDS:-300}",
      paramLabel = "SECONDS",
      description = "max-age of the feeds' Cache-Control, 0 to 31536000 (default:"
          + " $FEED_MAX_AGE_SECONDS, else 300).")
  long feedMaxAge;

  /** How often the source folder is walked anyway when the operating system reports changes. */
  private static final long RESCAN_MS = 2_000;
  /** How often scheduled and expired episodes are looked for (Cloud Scheduler's job). */
  private static final long PUBLISH_DUE_NANOS = 10_000_000_000L;

  /** The route of the CMS webhook. */
  static final String WEBHOOK_PATH = dev.podcast.webhook.WebhookHandler.PATH;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Where {@code PODCAST_WEBHOOK_SECRET} and {@code FIRESTORE_EMULATOR_HOST} are read. */
  private final Map<String, String> environment;

  /** A command reading the process environment. */
  ServeCommand() {
    this(System.getenv());
  }

  /** A command reading {@code environment} instead of the process's. */
  ServeCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * The port is looked at before anything is published (which takes seconds on a large show):
   * one in use is a usage error naming it, with what to do, not a failure after the work.
   */
  private void checkPortIsFree() {
    if (port < 0 || port > 65_535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535: "
          + port);
    }
    if (port == 0) {
      return;
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
    } catch (java.io.IOException inUse) {
      throw new CommandLine.ParameterException(spec.commandLine(), "port " + port
          + " on 127.0.0.1 is in use (another podcast serve, or another server): stop it, or"
          + " choose another port with --port " + (port < 65_535 ? port + 1 : 8080)
          + " (--port 0 picks a free one)");
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(source.resolve("config.toml"))) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--source has no config.toml: " + source);
    }
    if (feedMaxAge < 0 || feedMaxAge > FeedResponder.MAX_MAX_AGE.toSeconds()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--feed-max-age must be 0 to "
          + FeedResponder.MAX_MAX_AGE.toSeconds() + " seconds: " + feedMaxAge);
    }
    checkPortIsFree();
    PrintWriter log = spec.commandLine().getOut();
    String emulator = firestore != null ? firestore : environment.get("FIRESTORE_EMULATOR_HOST");
    Optional<String> records = Optional.ofNullable(emulator).filter(e -> !e.isBlank());
    // Site files written or deleted, and Firestore's documents read and written, so far: on
    // each line that tells of a change, so that what one change costs can be read off the log.
    AtomicLong siteWrites = new AtomicLong();
    // The services of [notify] are told of each change of the main feed, after it is written.
    java.util.concurrent.atomic.AtomicReference<LocalNotifications> notifications =
        new java.util.concurrent.atomic.AtomicReference<>();
    LocalShow show = LocalShow.onFolders(source, out, records,
        ParserSettings.DEFAULT_MAX_FILE_BYTES, Clock.systemUTC(),
        new FolderObjectStore.Changes() {
          @Override
          public void written(String name, boolean changed) {
            siteWrites.incrementAndGet();
            LocalNotifications notify = notifications.get();
            if (changed && notify != null) {
              notify.written(name);
            }
          }

          @Override
          public void deleted(String name) {
            siteWrites.incrementAndGet();
          }
        });
    java.util.function.Supplier<Map<String, Long>> counters = () -> {
      Map<String, Long> now = new java.util.LinkedHashMap<>();
      now.put("siteWrites", siteWrites.get());
      show.store().usage().ifPresent(u -> {
        now.put("firestoreReads", u.reads());
        now.put("firestoreWrites", u.writes());
      });
      return now;
    };
    Publisher publisher = show.publisher();
    NotificationLog notified = records.isEmpty() ? new InMemoryNotificationLog()
        : FirestoreNotificationLog.forEmulator(records.get(), LocalShow.showId(source));
    FeedNotifier notifier = new FeedNotifier(show.site(), () -> show.contexts().current()
        instanceof ShowContext.Ready ready ? Optional.of(ready.show()) : Optional.empty(),
        notified, new HttpPings(), environment.getOrDefault("PODPING_TOKEN", "").strip(),
        Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    notifications.set(new LocalNotifications(notifier, show.site(), (severity, message) ->
        log(log, severity, message, FeedNotifier.MAIN_FEED, "", "NOTIFY", System.nanoTime()),
        Clock.systemUTC()));
    FolderWatcher watcher = new FolderWatcher(source, show.source());
    watcher.baseline();
    long start = System.nanoTime();
    // Everything, once: what changed while serve was stopped is published, what went is removed.
    Publisher.Rebuilt rebuilt = publisher.publishAll();
    for (Problem problem : rebuilt.problems()) {
      log(log, problem.isError() ? "ERROR" : "WARNING", show.format(problem), problem.file(), "",
          problem.code().code(), start);
    }
    log(log, rebuilt.published() ? "INFO" : "ERROR", rebuilt.published()
        ? "published the source folder: " + rebuilt.results().size() + " files, "
            + rebuilt.errors() + " errors, " + rebuilt.warnings() + " warnings"
        : "nothing published: the configuration has errors (above)", "", "", "", start,
        counters.get());

    String secret = environment.get("PODCAST_WEBHOOK_SECRET");
    Optional<WebhookSecrets> secrets;
    try {
      secrets = secret == null || secret.isBlank() ? Optional.empty()
          : Optional.of(WebhookSecrets.parse("PODCAST_WEBHOOK_SECRET", secret));
    } catch (IllegalArgumentException bad) {
      // The message names the variable and the secret's position, never its value.
      throw new CommandLine.ParameterException(spec.commandLine(), bad.getMessage());
    }
    // Beside the state file, so that a replay after a restart is still a duplicate.
    WebhookReceipts receipts = records.isEmpty() ? WebhookReceiptsFile.of(out)
        : FirestoreWebhookReceipts.forEmulator(records.get(), LocalShow.showId(source));
    WebhookHandler webhooks = new WebhookHandler(secrets, ParserSettings.DEFAULT_MAX_FILE_BYTES,
        show.source(), receipts, Clock.systemUTC(), show.contexts());

    // The folder store keeps generations in memory: checking one per request costs nothing, so
    // a feed is served fresh as soon as it is written.
    ObjectStore site = show.site();
    FeedResponder feeds = new FeedResponder(site, publisher::regenerateAll,
        Duration.ofSeconds(feedMaxAge), Duration.ZERO, Clock.systemUTC(),
        (path, failure) -> log(log, "ERROR", "feed request failed: " + failure, path, "",
            "ERROR", System.nanoTime()), FeedResponder.backgroundCompressor(),
        () -> show.contexts().lastRead().filter(ShowContext.Ready.class::isInstance)
            .map(c -> ((ShowContext.Ready) c).show().podcast().oldFeedPaths())
            .orElse(ShowConfigReader.DEFAULT_OLD_FEED_PATHS));
    LocalHttpServer server = LocalHttpServer.start(LocalHttpServer.Bounds.SERVE, port, site,
        feeds, WEBHOOK_PATH, webhooks, ParserSettings.DEFAULT_MAX_FILE_BYTES,
        (severity, message, object, slug, outcome, since) -> log(log, severity, message, object,
            slug, outcome, since));
    int bound = server.port();
    log(log, "INFO", "serving http://127.0.0.1:" + bound + "/", "", "", "", System.nanoTime());
    log(log, secrets.isPresent() ? "INFO" : "WARNING", secrets.isPresent()
        ? "CMS webhooks on POST http://127.0.0.1:" + bound + WEBHOOK_PATH + " ("
            + secrets.get().size() + (secrets.get().size() == 1 ? " secret)" : " secrets)")
        : "CMS webhooks disabled: PODCAST_WEBHOOK_SECRET is not set, so " + WEBHOOK_PATH
            + " answers 503", "", "", "", System.nanoTime());
    LocalEvents events = new LocalEvents(publisher, (severity, message, object, slug, outcome,
        since) -> log(log, severity, message, object, slug, outcome, since, counters.get()));
    try {
      long due = System.nanoTime();
      while (!Thread.currentThread().isInterrupted()) {
        try {
          watcher.poll(events);
        } catch (RuntimeException e) {
          // A folder that changed under the watcher: logged, and the next poll sees it again.
          log(log, "ERROR", "watching the source folder failed: " + e, "", "", "ERROR",
              System.nanoTime());
        }
        events.retryDue();
        // What Cloud Scheduler does for the functions: scheduled episodes go live on time.
        if (System.nanoTime() - due > PUBLISH_DUE_NANOS) {
          due = System.nanoTime();
          events.publishDue();
        }
        // Woken at once by the operating system's report of a change; a full look every
        // RESCAN_MS in case a report was missed (network folders, a full inotify table).
        watcher.awaitChange(events.waitMs(watcher.watching() ? Math.max(pollMs, RESCAN_MS)
            : pollMs));
      }
    } catch (InterruptedException stop) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
      notifications.get().close();
    }
    return 0;
  }

  /** One structured log line, as Cloud Logging reads JSON on stdout. */
  static void log(PrintWriter log, String severity, String message, String object, String slug,
      String outcome, long startNanos) {
    log(log, severity, message, object, slug, outcome, startNanos, Map.of());
  }

  /** As above, with {@code counters} (totals so far) as fields of their own. */
  static void log(PrintWriter log, String severity, String message, String object, String slug,
      String outcome, long startNanos, Map<String, Long> counters) {
    JsonObject line = new JsonObject();
    line.addProperty("severity", severity);
    line.addProperty("message", message);
    line.addProperty("object", object);
    line.addProperty("slug", slug);
    line.addProperty("outcome", outcome);
    line.addProperty("durationMs", (System.nanoTime() - startNanos) / 1_000_000);
    counters.forEach(line::addProperty);
    synchronized (log) {
      log.println(line);
      log.flush();
    }
  }
}
