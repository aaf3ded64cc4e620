package dev.podcast.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import java.io.IOException;
import java.util.Objects;

/**
 * The entry point Cloud Scheduler calls (GET or POST, with an OIDC token the platform checks) to
 * publish the scheduled episodes whose publish date has come and take down the expired ones,
 * regenerating the feeds once. Safe to call at any time, any number of times.
 *
 * <p>Answers {@code 200} with {@code {"published":N}}; {@code 405} for other methods; {@code 503}
 * when Firestore or Cloud Storage is unavailable (Cloud Scheduler retries), {@code 500} for
 * anything else, with no stack trace in the body. One JSON log line per call.
 *
 * <p>Deploy with entry point {@code dev.podcast.functions.PublishDueFunction}; configuration in
 * {@link FunctionsConfig}. Thread-safe.
 */
public class PublishDueFunction implements HttpFunction {

  private final Publisher publisher;
  private final EventLog log = new EventLog(System.out);

  /** Wires the real adapters from {@code System.getenv()}: what the platform calls. */
  public PublishDueFunction() {
    this(Adapters.publisher(FunctionsConfig.fromEnvironment(System.getenv())));
  }

  /** Runs {@code publisher}. */
  public PublishDueFunction(Publisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    long start = System.nanoTime();
    response.setContentType("application/json; charset=utf-8");
    if (!request.getMethod().equals("GET") && !request.getMethod().equals("POST")) {
      response.setStatusCode(405);
      response.appendHeader("Allow", "GET, POST");
      response.getWriter().write("{\"error\":\"method not allowed: use GET or POST\"}");
      return;
    }
    try {
      int published = publisher.publishDue();
      log.log("INFO", "publishDue: " + published + " episodes went live", "", "", "",
          "PUBLISHED", ms(start));
      response.setStatusCode(200);
      response.getWriter().write("{\"published\":" + published + "}");
    } catch (ObjectStore.StoreUnavailableException outage) {
      log.log("ERROR", "publishDue will be retried: " + outage.getMessage(), "", "", "", "RETRY",
          ms(start));
      response.setStatusCode(503);
      response.appendHeader("Retry-After", "60");
      response.getWriter().write("{\"error\":\"a store is unavailable; try again later\"}");
    } catch (RuntimeException failure) {
      log.log("ERROR", "publishDue failed: " + failure, "", "", "", "ERROR", ms(start));
      response.setStatusCode(500);
      response.getWriter().write("{\"error\":\"publishing failed; see the logs\"}");
    }
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
