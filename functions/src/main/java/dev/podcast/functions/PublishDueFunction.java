package dev.podcast.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * The entry point Cloud Scheduler calls (GET or POST) to publish the episodes whose publish date
 * has come. Answers {@code 200} with {@code {"published":N}}, {@code 405} for other methods.
 *
 * <p>TODO(scheduled publication): the scheduled-publication step comes next; until then this
 * publishes nothing and always answers {@code {"published":0}}.
 *
 * <p>Deploy with entry point {@code dev.podcast.functions.PublishDueFunction}; configuration in
 * {@link FunctionsConfig}. Thread-safe.
 */
public class PublishDueFunction implements HttpFunction {

  private final FunctionsConfig config;

  /** Reads the configuration from {@code System.getenv()}: what the platform calls. */
  public PublishDueFunction() {
    this(FunctionsConfig.fromEnvironment(System.getenv()));
  }

  /** Runs with {@code config}. */
  public PublishDueFunction(FunctionsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The configuration this function runs with. */
  FunctionsConfig config() {
    return config;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    response.setContentType("application/json; charset=utf-8");
    if (!request.getMethod().equals("GET") && !request.getMethod().equals("POST")) {
      response.setStatusCode(405);
      response.appendHeader("Allow", "GET, POST");
      response.getWriter().write("{\"error\":\"method " + request.getMethod()
          + " not allowed: use GET or POST\"}");
      return;
    }
    response.setStatusCode(200);
    response.getWriter().write("{\"published\":0}");
  }
}
