package dev.podcast.functions;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The functions' configuration, read once per instance from the environment (a {@code Map} in
 * tests). Immutable; every value is checked here, so a misconfigured deployment fails at start
 * with a message naming the variable rather than at its first event.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Required</th><th>Meaning</th></tr>
 *   <tr><td>{@code SOURCE_BUCKET}</td><td>yes</td><td>the Cloud Storage bucket authors upload
 *       to: {@code config.toml}, {@code podcast.toml} and {@code content/**.md}. Events from any
 *       other bucket are acknowledged and ignored.</td></tr>
 *   <tr><td>{@code SITE_BUCKET}</td><td>yes</td><td>the bucket the functions write the site to
 *       (pages, feeds, listings); must differ from {@code SOURCE_BUCKET}.</td></tr>
 *   <tr><td>{@code SHOW_ID}</td><td>no, default {@code default}</td><td>the show's id in the
 *       episode store (Firestore): letters, digits, {@code -} and {@code _}, at most 64.</td></tr>
 *   <tr><td>{@code OLD_FEED_PATHS}</td><td>no</td><td>the old feed addresses the load
 *       balancer sends to the feed function, separated by commas (Terraform's
 *       {@code old_feed_paths}): a {@code podcast.toml} whose {@code oldFeedPaths} differ is
 *       invalid, naming both. Unset: not checked.</td></tr>
 *   <tr><td>{@code SITE_BASE_URL}</td><td>no</td><td>the address the deployment serves the site
 *       at ({@code https://www.example.com}, from Terraform's domains): a {@code config.toml}
 *       whose {@code baseURL} differs is invalid, naming both. Unset: not checked.</td></tr>
 * </table>
 *
 * <p>Bucket names are bare names as Cloud Storage spells them ({@code my-show-source}): no
 * {@code gs://}, no {@code /}.
 *
 * @param sourceBucket {@code SOURCE_BUCKET}
 * @param siteBucket {@code SITE_BUCKET}
 * @param showId {@code SHOW_ID}
 * @param siteAddress {@code SITE_BASE_URL} without a trailing slash, or empty
 * @param oldFeedPaths {@code OLD_FEED_PATHS}, or empty when it is unset
 */
public record FunctionsConfig(String sourceBucket, String siteBucket, String showId,
    String siteAddress, java.util.Optional<List<String>> oldFeedPaths) {

  /** A configuration that does not check the site's address or old feeds. */
  public FunctionsConfig(String sourceBucket, String siteBucket, String showId) {
    this(sourceBucket, siteBucket, showId, "", java.util.Optional.empty());
  }

  /** The default of {@code SHOW_ID}. */
  public static final String DEFAULT_SHOW_ID = "default";

  // Cloud Storage's rules: 3 to 63 characters (222 with dots), lower-case letters, digits,
  // '-', '_' and '.', starting and ending with a letter or digit.
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");
  private static final Pattern SHOW_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Checks every value; throws {@link IllegalArgumentException} naming the variable. */
  public FunctionsConfig {
    sourceBucket = bucket("SOURCE_BUCKET", sourceBucket);
    siteBucket = bucket("SITE_BUCKET", siteBucket);
    if (sourceBucket.equals(siteBucket)) {
      throw new IllegalArgumentException("SITE_BUCKET must differ from SOURCE_BUCKET (both are '"
          + sourceBucket + "'): the functions would read the pages they write");
    }
    checkShowId(showId);
    siteAddress = siteAddress == null ? "" : siteAddress.strip();
    if (siteAddress.endsWith("/")) {
      siteAddress = siteAddress.substring(0, siteAddress.length() - 1);
    }
    if (!siteAddress.isEmpty() && !siteAddress.matches("https?://[^/\\s?#]+(/[^\\s?#]*)?")) {
      throw new IllegalArgumentException("SITE_BASE_URL must be the site's http(s) address, such"
          + " as https://www.example.com: '" + siteAddress + "'");
    }
    oldFeedPaths = oldFeedPaths.map(List::copyOf);
  }

  /** {@code showId} when valid; else {@link IllegalArgumentException} naming {@code SHOW_ID}. */
  static String checkShowId(String showId) {
    Objects.requireNonNull(showId, "SHOW_ID");
    if (!SHOW_ID.matcher(showId).matches()) {
      throw new IllegalArgumentException("SHOW_ID must be 1 to 64 letters, digits, '-' or '_': '"
          + showId + "'");
    }
    return showId;
  }

  /** Reads the configuration from {@code env}, such as {@code System.getenv()}. */
  public static FunctionsConfig fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String showId = env.get("SHOW_ID");
    return new FunctionsConfig(env.get("SOURCE_BUCKET"), env.get("SITE_BUCKET"),
        showId == null || showId.isBlank() ? DEFAULT_SHOW_ID : showId.strip(),
        env.get("SITE_BASE_URL"), java.util.Optional.ofNullable(env.get("OLD_FEED_PATHS"))
            .map(FeedConfig::paths));
  }

  /** The bare bucket name in {@code value}; else {@link IllegalArgumentException}. */
  static String bucket(String variable, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(variable + " is not set: give the bucket's bare name");
    }
    String name = value.strip();
    if (name.startsWith("gs://") || name.contains("/")) {
      throw new IllegalArgumentException(variable + " must be a bare bucket name (no gs://, no /): '"
          + value + "'");
    }
    if (name.length() > 63 && !name.contains(".") || !BUCKET.matcher(name).matches()) {
      throw new IllegalArgumentException(variable + " is not a valid Cloud Storage bucket name "
          + "(3-63 lower-case letters, digits, '-', '_' or '.', starting and ending with a letter "
          + "or digit): '" + value + "'");
    }
    return name;
  }
}
