package dev.podcast.port;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * The services told that a feed changed (Podping, WebSub hubs, the Podcast Index), over HTTP:
 * one request each, answered with what the answer means for a retry. Implementations are
 * thread-safe and never throw for what the service answers or for the network: a failure is a
 * {@link Delivery} to retry.
 */
public interface Pings {

  /**
   * One request.
   *
   * @param headers sent as they are; a secret among them (Podping's token) is never logged
   * @param body a form ({@code application/x-www-form-urlencoded}), or empty for a GET
   */
  record Ping(String method, URI uri, Map<String, String> headers, String body) {
    public Ping {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }

    /** What a log may say of it: the method and URL, never a header. */
    @Override
    public String toString() {
      return method + " " + uri;
    }
  }

  /** What became of a ping. */
  enum Outcome {
    /** Answered 2xx: the service has it. */
    DELIVERED,
    /** Answered 4xx (but 408 and 429): the request is wrong, and a retry would be too. */
    REFUSED,
    /** A 5xx, 408, 429, a timeout or no connection: worth a retry later. */
    RETRY
  }

  /**
   * How a ping ended.
   *
   * @param status the HTTP status, 0 when there was no answer
   * @param detail the status line's gist or the network's error, for the log
   */
  record Delivery(Outcome outcome, int status, String detail) {
    public Delivery {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Sends {@code ping} once. */
  Delivery send(Ping ping);
}
