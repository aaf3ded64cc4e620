package dev.podcast.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.podcast.webhook.WebhookHandler;
import dev.podcast.webhook.WebhookRequest;
import dev.podcast.webhook.WebhookResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The entry point for CMS webhooks ({@code POST}, an HTTP function): a signed request writes an
 * episode file into the source bucket or deletes one, and the upload pipeline publishes it. What
 * is accepted and answered is {@link WebhookHandler}'s; this class only moves the request and the
 * response between the Functions Framework and it, and writes one JSON log line per request
 * ({@code severity, message, eventId} (the {@code webhook-id}), {@code object, slug, outcome,
 * durationMs}); no header but the id, and no body, is logged.
 *
 * <p>Deploy with entry point {@code dev.podcast.functions.WebhookFunction}; configuration in
 * {@link WebhookConfig}. Thread-safe.
 */
public class WebhookFunction implements HttpFunction {

  private final WebhookHandler handler;
  private final EventLog log = new EventLog(System.out);

  /** Wires the real adapters from {@code System.getenv()}: what the platform calls. */
  public WebhookFunction() {
    this(WebhookConfig.fromEnvironment(System.getenv()));
  }

  private WebhookFunction(WebhookConfig config) {
    this(Adapters.webhookHandler(config));
  }

  /** Serves {@code handler}. */
  public WebhookFunction(WebhookHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    long start = System.nanoTime();
    long length = request.getContentLength();
    WebhookResponse out = handler.handle(new WebhookRequest(request.getMethod(),
        request.getHeaders(), length >= 0 ? OptionalLong.of(length) : OptionalLong.empty(),
        request.getInputStream()));
    response.setStatusCode(out.status());
    response.setContentType(out.contentType());
    out.headers().forEach(response::appendHeader);
    try (OutputStream body = response.getOutputStream()) {
      body.write(out.body());
    }
    String id = request.getFirstHeader("webhook-id").map(WebhookFunction::printable).orElse("");
    log.log(out.status() >= 500 ? "ERROR" : out.status() >= 400 ? "WARNING" : "INFO",
        out.message(), id, out.object(), out.slug(), out.outcome(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /** At most 256 printable ASCII characters of a header, for the log. */
  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    value.chars().limit(256).forEach(c -> out.append(c > 0x20 && c < 0x7F ? (char) c : '?'));
    return out.toString();
  }
}
