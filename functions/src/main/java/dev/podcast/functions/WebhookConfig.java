package dev.podcast.functions;

import dev.podcast.parse.ParserSettings;
import dev.podcast.webhook.WebhookSecrets;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration of {@link WebhookFunction}, read once per instance from the environment (a
 * {@code Map} in tests). Every value is checked here, so a misconfigured deployment fails at
 * start with a message naming the variable. The secrets never appear in a message, in
 * {@link #toString()} or in a log line.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Required</th><th>Meaning</th></tr>
 *   <tr><td>{@code PODCAST_WEBHOOK_SECRET}</td><td>yes</td><td>one or more Standard Webhooks
 *       secrets ({@code whsec_} and the base64 of 24 to 64 bytes), separated by whitespace: a
 *       request signed with any of them is accepted, so a secret is rotated by adding the new one
 *       before removing the old. Mounted from Secret Manager in deployment.</td></tr>
 *   <tr><td>{@code SOURCE_BUCKET}</td><td>yes</td><td>the bucket the episode files are written
 *       to and deleted from ({@code content/post/<slug>/index.md}), where the publish pipeline
 *       picks them up; its {@code config.toml} and {@code podcast.toml} ({@code [cms]}) are read
 *       from there.</td></tr>
 *   <tr><td>{@code SHOW_ID}</td><td>no, default {@code default}</td><td>the show's id in
 *       Firestore, where deliveries are remembered ({@code shows/{SHOW_ID}/webhooks}).</td></tr>
 *   <tr><td>{@code PODCAST_WEBHOOK_MAX_BYTES}</td><td>no, default 5242880 (5 MiB, as for
 *       uploads)</td><td>the largest request body accepted; larger ones are {@code 413}. 1024 to
 *       33554432.</td></tr>
 * </table>
 *
 * <p>{@code SITE_BUCKET}, which the other functions need, is not read: the webhook writes only
 * to the source bucket.
 *
 * @param sourceBucket {@code SOURCE_BUCKET}
 * @param showId {@code SHOW_ID}
 * @param secrets {@code PODCAST_WEBHOOK_SECRET}
 * @param maxBodyBytes {@code PODCAST_WEBHOOK_MAX_BYTES}
 */
public record WebhookConfig(String sourceBucket, String showId, WebhookSecrets secrets,
    long maxBodyBytes) {

  /** The environment variable that holds the secrets. */
  public static final String SECRET_VARIABLE = "PODCAST_WEBHOOK_SECRET";
  /** The default of {@code PODCAST_WEBHOOK_MAX_BYTES}: 5 MiB, the upload limit. */
  public static final long DEFAULT_MAX_BYTES = ParserSettings.DEFAULT_MAX_FILE_BYTES;
  private static final long MIN_BYTES = 1024;
  private static final long MAX_BYTES = 32L * 1024 * 1024;

  /** Checks every value; throws {@link IllegalArgumentException} naming the variable. */
  public WebhookConfig {
    sourceBucket = FunctionsConfig.bucket("SOURCE_BUCKET", sourceBucket);
    FunctionsConfig.checkShowId(showId);
    Objects.requireNonNull(secrets, SECRET_VARIABLE);
    if (maxBodyBytes < MIN_BYTES || maxBodyBytes > MAX_BYTES) {
      throw new IllegalArgumentException("PODCAST_WEBHOOK_MAX_BYTES must be " + MIN_BYTES + " to "
          + MAX_BYTES + ": " + maxBodyBytes);
    }
  }

  /** Reads the configuration from {@code env}, such as {@code System.getenv()}. */
  public static WebhookConfig fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String showId = env.get("SHOW_ID");
    String max = env.get("PODCAST_WEBHOOK_MAX_BYTES");
    long maxBytes = DEFAULT_MAX_BYTES;
    if (max != null && !max.isBlank()) {
      try {
        maxBytes = Long.parseLong(max.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("PODCAST_WEBHOOK_MAX_BYTES must be a whole number of"
            + " bytes: '" + max + "'");
      }
    }
    return new WebhookConfig(env.get("SOURCE_BUCKET"),
        showId == null || showId.isBlank() ? FunctionsConfig.DEFAULT_SHOW_ID : showId.strip(),
        WebhookSecrets.parse(SECRET_VARIABLE, env.get(SECRET_VARIABLE)), maxBytes);
  }
}
