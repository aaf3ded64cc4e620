package dev.podcast.serve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the feed endpoint answers: a status, headers in the order they should be sent, and a body
 * (empty for {@code HEAD}, {@code 304} and {@code 405}). When {@code headers} has a {@code
 * Content-Length}, it is the length of the body a {@code GET} would carry, also for {@code HEAD}.
 *
 * <p>The body is shared, not copied: it is the cached feed itself, so callers must not modify it.
 *
 * @param status the HTTP status code
 * @param headers header names as sent ({@code ETag}) and their values; unmodifiable
 * @param body the bytes to send
 */
public record FeedResponse(int status, Map<String, String> headers, byte[] body) {

  /** Checks the status and copies the headers, keeping their order. */
  public FeedResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    Objects.requireNonNull(body, "body");
  }

  /** The value of header {@code name} (compared ignoring case), if the response has it. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return Optional.of(header.getValue());
      }
    }
    return Optional.empty();
  }
}
