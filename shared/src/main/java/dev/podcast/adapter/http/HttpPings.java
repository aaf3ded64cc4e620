package dev.podcast.adapter.http;

import dev.podcast.port.Pings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@link Pings} over {@code java.net.http}: {@value #CONNECT_SECONDS} s to connect,
 * {@value #ANSWER_SECONDS} s for the answer, no redirect followed (a service that moved is told
 * of in its answer, and a redirect could lead a header elsewhere), the answer's body read and
 * dropped (at most what the client buffers). Thread-safe.
 */
public final class HttpPings implements Pings {

  static final int CONNECT_SECONDS = 5;
  static final int ANSWER_SECONDS = 10;

  private final HttpClient client;

  public HttpPings() {
    this.client = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(CONNECT_SECONDS))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public Delivery send(Ping ping) {
    HttpRequest.Builder request = HttpRequest.newBuilder(ping.uri())
        .timeout(Duration.ofSeconds(ANSWER_SECONDS))
        .header("User-Agent", "podcast-functions (+https://github.com/)")
        .method(ping.method(), ping.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(ping.body()));
    ping.headers().forEach(request::header);
    try {
      HttpResponse<Void> response = client.send(request.build(),
          HttpResponse.BodyHandlers.discarding());
      return of(response.statusCode());
    } catch (IOException e) {
      return new Delivery(Outcome.RETRY, 0, e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Delivery(Outcome.RETRY, 0, "interrupted");
    } catch (IllegalArgumentException e) {
      return new Delivery(Outcome.REFUSED, 0, "not a request: " + e.getMessage());
    }
  }

  /** What an answer's status means for a retry. */
  static Delivery of(int status) {
    if (status >= 200 && status < 300) {
      return new Delivery(Outcome.DELIVERED, status, "");
    }
    if (status >= 500 || status == 408 || status == 429) {
      return new Delivery(Outcome.RETRY, status, "");
    }
    return new Delivery(Outcome.REFUSED, status, "");
  }
}
