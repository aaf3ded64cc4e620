package dev.podcast.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.podcast.port.ObjectStore;
import dev.podcast.serve.FeedRequest;
import dev.podcast.serve.FeedResponder;
import dev.podcast.serve.FeedResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The feed endpoint (HTTP): {@code GET} and {@code HEAD} of {@code /feed.xml}, {@code /feed.json},
 * the category feeds and the RFC 5005 archive pages, served from the site bucket with
 * {@code ETag}, {@code Last-Modified}, {@code 304}s, gzip and {@code Cache-Control}; {@code 405}
 * for other methods, {@code 404} for anything else, {@code 503}/{@code 500} without internals
 * when the store or the renderer fails (the failure is logged as one JSON line). What it answers
 * is {@link FeedResponder}'s contract.
 *
 * <p>As deployed (the no-arg constructor), it only reads the site bucket's feed objects: a feed
 * the pipeline has not written yet is a {@code 404}, never rendered here, so the public
 * function's account has no access to the source bucket or Firestore and cannot write the site
 * ({@code infra/iam.tf}).
 *
 * <p>Deploy with entry point {@code dev.podcast.functions.FeedFunction}; configuration in
 * {@link FunctionsConfig} (the site bucket) and {@link FeedConfig}.
 * Thread-safe: a warm instance serves concurrent requests from one cache.
 */
public class FeedFunction implements HttpFunction {

  private static final EventLog LOG = new EventLog(System.out);

  private final FeedResponder responder;

  /** Wires the real adapters from {@code System.getenv()}: what the platform calls. */
  public FeedFunction() {
    this(FunctionsConfig.fromEnvironment(System.getenv()),
        FeedConfig.fromEnvironment(System.getenv()));
  }

  private FeedFunction(FunctionsConfig config, FeedConfig feed) {
    this(Adapters.feedResponder(config, feed, FeedFunction::logFailure));
  }

  /** Serves the feeds of {@code site}; {@code regenerator} renders a new show's feeds once. */
  public FeedFunction(ObjectStore site, FeedResponder.Regenerator regenerator, FeedConfig config) {
    this(new FeedResponder(site, regenerator, config.maxAge(), FeedConfig.RECHECK,
        Clock.systemUTC(), FeedFunction::logFailure));
  }

  /** Serves what {@code responder} answers. */
  FeedFunction(FeedResponder responder) {
    this.responder = Objects.requireNonNull(responder, "responder");
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    Map<String, List<String>> headers = request.getHeaders();
    FeedResponse answer = responder.respond(new FeedRequest(request.getMethod(),
        request.getPath(), header(headers, "If-None-Match"), header(headers, "If-Modified-Since"),
        header(headers, "Accept-Encoding")));
    response.setStatusCode(answer.status());
    answer.headers().forEach(response::appendHeader);
    if (answer.body().length > 0) {
      try (OutputStream out = response.getOutputStream()) {
        out.write(answer.body());
      }
    }
  }

  /** Every line of header {@code name} (the map ignores case), joined; empty when absent. */
  private static String header(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null ? "" : String.join(", ", values);
  }

  private static void logFailure(String path, RuntimeException failure) {
    LOG.log("ERROR", "feed request failed: " + failure, "", path, "",
        failure instanceof ObjectStore.StoreUnavailableException ? "UNAVAILABLE" : "FAILED", 0);
  }
}
