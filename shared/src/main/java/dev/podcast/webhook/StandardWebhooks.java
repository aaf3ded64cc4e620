package dev.podcast.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a request comes from a holder of one of the {@link WebhookSecrets}, as the Standard
 * Webhooks specification defines it:
 *
 * <ul>
 *   <li>{@code webhook-id}: the message id (1 to {@value #MAX_ID_LENGTH} printable ASCII
 *       characters here);
 *   <li>{@code webhook-timestamp}: when it was sent, in whole seconds since the epoch; more than
 *       {@link #TOLERANCE} before or after now is rejected, so a captured request cannot be
 *       replayed later;
 *   <li>{@code webhook-signature}: space-separated {@code v1,<base64>} entries, each the
 *       HMAC-SHA256 of {@code id.timestamp.body} under a secret's key. The request is authentic
 *       when any entry matches any secret (rotation on either side); entries of other versions
 *       are ignored. Comparisons take constant time ({@link MessageDigest#isEqual}).
 * </ul>
 *
 * <p>The reasons of a rejection name the header at fault and never contain a secret or an
 * expected signature. Immutable and thread-safe.
 */
public final class StandardWebhooks {

  /** How far the timestamp may be from now, either way. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);
  /** Longest {@code webhook-id} accepted. */
  public static final int MAX_ID_LENGTH = 256;
  /** Longest {@code webhook-signature} header read. */
  public static final int MAX_SIGNATURE_HEADER = 4096;
  /** Most signature entries compared (bounds the work an unauthenticated request causes). */
  public static final int MAX_SIGNATURES = 16;

  private static final String ALGORITHM = "HmacSHA256";

  /** The outcome of {@link #verify}. */
  public sealed interface Verdict {}

  /** The request is authentic. */
  public record Authentic(String id, Instant timestamp) implements Verdict {
    public Authentic {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(timestamp, "timestamp");
    }
  }

  /**
   * The request is not.
   *
   * @param header the header at fault
   * @param reason why, for the response (no secret, no expected value)
   */
  public record Rejected(String header, String reason) implements Verdict {
    public Rejected {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final WebhookSecrets secrets;
  private final Clock clock;

  public StandardWebhooks(WebhookSecrets secrets, Clock clock) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Verifies a request from its three headers (each may be null when absent) and its body as
   * received, byte for byte.
   */
  public Verdict verify(String id, String timestamp, String signature, byte[] body) {
    Objects.requireNonNull(body, "body");
    if (id == null || id.isEmpty()) {
      return new Rejected("webhook-id", "the webhook-id header is missing");
    }
    if (id.length() > MAX_ID_LENGTH || !id.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
      return new Rejected("webhook-id", "webhook-id must be 1 to " + MAX_ID_LENGTH
          + " printable ASCII characters");
    }
    if (timestamp == null || timestamp.isEmpty()) {
      return new Rejected("webhook-timestamp", "the webhook-timestamp header is missing");
    }
    if (timestamp.length() > 12 || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return new Rejected("webhook-timestamp",
          "webhook-timestamp must be whole seconds since 1970-01-01T00:00:00Z");
    }
    Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
    Instant now = clock.instant();
    if (sent.isBefore(now.minus(TOLERANCE))) {
      return new Rejected("webhook-timestamp", "webhook-timestamp is more than "
          + TOLERANCE.toMinutes() + " minutes old: the request is stale");
    }
    if (sent.isAfter(now.plus(TOLERANCE))) {
      return new Rejected("webhook-timestamp", "webhook-timestamp is more than "
          + TOLERANCE.toMinutes() + " minutes in the future");
    }
    if (signature == null || signature.isBlank()) {
      return new Rejected("webhook-signature", "the webhook-signature header is missing");
    }
    if (signature.length() > MAX_SIGNATURE_HEADER) {
      return new Rejected("webhook-signature", "webhook-signature is longer than "
          + MAX_SIGNATURE_HEADER + " characters");
    }
    List<byte[]> offered = offered(signature);
    if (offered.isEmpty()) {
      return new Rejected("webhook-signature",
          "webhook-signature holds no v1,<base64> signature");
    }
    List<byte[]> expected = new ArrayList<>();
    for (byte[] key : secrets.keys()) {
      expected.add(mac(key, id, timestamp, body));
    }
    boolean match = false;
    for (byte[] candidate : offered) {
      for (byte[] mac : expected) {
        // No early exit: every pair is compared, each in constant time.
        match |= MessageDigest.isEqual(candidate, mac);
      }
    }
    return match ? new Authentic(id, sent)
        : new Rejected("webhook-signature", "no signature in webhook-signature matches");
  }

  /** The decoded {@code v1} entries of a signature header (at most {@link #MAX_SIGNATURES}). */
  private static List<byte[]> offered(String header) {
    List<byte[]> out = new ArrayList<>();
    for (String entry : header.strip().split(" +")) {
      if (out.size() == MAX_SIGNATURES) {
        break;
      }
      if (!entry.startsWith("v1,")) {
        continue; // another version (v1a is asymmetric): not ours to check
      }
      decode(entry.substring(3)).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<byte[]> decode(String base64) {
    try {
      return Optional.of(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  /**
   * The {@code webhook-signature} value a sender holding {@code secrets} puts on {@code body}: one
   * {@code v1,<base64>} entry per secret, separated by spaces. What a signing relay in front of a
   * CMS computes.
   */
  public static String sign(WebhookSecrets secrets, String id, long timestamp, byte[] body) {
    List<String> entries = new ArrayList<>();
    for (byte[] key : secrets.keys()) {
      entries.add("v1," + Base64.getEncoder().encodeToString(
          mac(key, id, Long.toString(timestamp), body)));
    }
    return String.join(" ", entries);
  }

  private static byte[] mac(byte[] key, String id, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
