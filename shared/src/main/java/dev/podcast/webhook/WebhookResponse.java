package dev.podcast.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What to answer, and what to log: {@code outcome} (such as {@code written}, {@code duplicate},
 * {@code unauthorized}), the episode's {@code slug} and source {@code object} when known, and a
 * {@code message} for the log line. Nothing here holds a secret or a signature.
 *
 * @param headers extra response headers (such as {@code Allow})
 */
public record WebhookResponse(int status, String contentType, byte[] body,
    Map<String, String> headers, String outcome, String slug, String object, String message) {

  public WebhookResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(message, "message");
  }

  /** The body as text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
