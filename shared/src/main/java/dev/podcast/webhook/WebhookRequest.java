package dev.podcast.webhook;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A webhook request as any HTTP server hands it over: method, headers (names in any case), the
 * declared {@code Content-Length} if there was one (absent for a chunked body), and the body as a
 * stream, which {@link WebhookHandler} reads only up to its size limit.
 */
public record WebhookRequest(String method, Map<String, List<String>> headers,
    OptionalLong contentLength, InputStream body) {

  public WebhookRequest {
    Objects.requireNonNull(method, "method");
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.merge(name, List.copyOf(values),
        (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
    headers = java.util.Collections.unmodifiableMap(copy);
    Objects.requireNonNull(contentLength, "contentLength");
    Objects.requireNonNull(body, "body");
  }

  /** The first value of header {@code name} (any case), if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
