package dev.podcast.notify;

import dev.podcast.port.Pings;
import dev.podcast.show.ShowConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service told that a feed changed, and how it is told: each one's documented request.
 *
 * <ul>
 *   <li>Podping (podping.cloud's API): {@code GET {podping}?url=FEED&reason=REASON&medium=podcast}
 *       with {@code Authorization: TOKEN};
 *   <li>a WebSub hub: {@code POST} {@code hub.mode=publish&hub.url=FEED} as a form;
 *   <li>the Podcast Index: {@code GET {podcastIndex}?url=FEED}.
 * </ul>
 */
public record Target(Service service, String endpoint) {

  /** The kinds of service. */
  public enum Service {
    PODPING("podping"),
    WEBSUB("websub"),
    PODCAST_INDEX("podcastIndex");

    private final String key;

    Service(String key) {
      this.key = key;
    }

    /** Its key in {@code [notify]}. */
    public String key() {
      return key;
    }
  }

  public Target {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(endpoint, "endpoint");
  }

  /** The services {@code notify} names, Podping first. */
  public static List<Target> of(ShowConfig.Notify notify) {
    List<Target> out = new ArrayList<>();
    if (!notify.podping().isEmpty()) {
      out.add(new Target(Service.PODPING, notify.podping()));
    }
    notify.websub().forEach(hub -> out.add(new Target(Service.WEBSUB, hub)));
    if (!notify.podcastIndex().isEmpty()) {
      out.add(new Target(Service.PODCAST_INDEX, notify.podcastIndex()));
    }
    return out;
  }

  /** The key of this service's log entry for {@code feedUrl}. */
  public String key(String feedUrl) {
    return service.key() + " " + endpoint + " " + feedUrl;
  }

  /**
   * The request telling this service that {@code feedUrl} changed for {@code reason}
   * ({@code update}, {@code live}, {@code liveEnd}); {@code podpingToken} is Podping's
   * {@code Authorization} (empty: none is sent).
   */
  public Pings.Ping ping(String feedUrl, String reason, String podpingToken) {
    String feed = encode(feedUrl);
    return switch (service) {
      case PODPING -> new Pings.Ping("GET", withQuery("url=" + feed + "&reason="
          + encode(reason) + "&medium=podcast"), podpingToken.isEmpty() ? Map.of()
          : Map.of("Authorization", podpingToken), "");
      case WEBSUB -> new Pings.Ping("POST", URI.create(endpoint),
          Map.of("Content-Type", "application/x-www-form-urlencoded"),
          "hub.mode=publish&hub.url=" + feed);
      case PODCAST_INDEX -> new Pings.Ping("GET", withQuery("url=" + feed), Map.of(), "");
    };
  }

  private URI withQuery(String query) {
    return URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + query);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return service.key() + " " + endpoint;
  }
}
