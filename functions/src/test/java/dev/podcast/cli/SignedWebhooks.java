package dev.podcast.cli;

import dev.podcast.webhook.StandardWebhooks;
import dev.podcast.webhook.WebhookSecrets;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Signed deliveries to serve's webhook route, as a CMS (or its relay) sends them. */
final class SignedWebhooks {

  /** The secret the tests give serve in {@code PODCAST_WEBHOOK_SECRET}. */
  static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
      "a secret of thirty-two bytes ....".getBytes(StandardCharsets.US_ASCII));

  private SignedWebhooks() {}

  /**
   * A delivery of {@code body} as {@code id} to the serve at {@code base}, signed with {@link
   * #SECRET} and stamped now; sent again as it is, it is a replay.
   */
  static HttpRequest signed(String base, String id, String body) {
    long timestamp = System.currentTimeMillis() / 1000;
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(URI.create(base + ServeCommand.WEBHOOK_PATH))
        .header("Content-Type", "application/json")
        .header("webhook-id", id)
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", StandardWebhooks.sign(
            WebhookSecrets.parse("PODCAST_WEBHOOK_SECRET", SECRET), id, timestamp, bytes))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build();
  }
}
