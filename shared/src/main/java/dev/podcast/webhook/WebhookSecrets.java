package dev.podcast.webhook;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The signing secrets a webhook endpoint accepts: one or more Standard Webhooks secrets, each
 * {@code whsec_} followed by the base64 of 24 to 64 random bytes. Several are accepted at once so
 * that a secret can be rotated: add the new one, move the senders over, remove the old one.
 *
 * <p>The secrets never leave this object as text: {@link #toString()} says how many there are,
 * and the messages of the exceptions {@link #parse} throws name a secret by its position, never
 * by its value. Immutable and thread-safe.
 */
public final class WebhookSecrets {

  /** The prefix of every secret. */
  public static final String PREFIX = "whsec_";
  /** Fewest key bytes accepted (the specification's lower bound). */
  public static final int MIN_BYTES = 24;
  /** Most key bytes accepted (the specification's upper bound). */
  public static final int MAX_BYTES = 64;
  /** Most secrets accepted at once. */
  public static final int MAX_SECRETS = 10;

  private final List<byte[]> keys;

  private WebhookSecrets(List<byte[]> keys) {
    this.keys = keys;
  }

  /**
   * Reads secrets separated by whitespace, as {@code PODCAST_WEBHOOK_SECRET} holds them.
   *
   * @param variable the name to put in error messages, such as {@code PODCAST_WEBHOOK_SECRET}
   * @throws IllegalArgumentException when there is none, too many, or one is malformed; the
   *     message names the variable and the secret's position, never its value
   */
  public static WebhookSecrets parse(String variable, String value) {
    Objects.requireNonNull(variable, "variable");
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(variable + " is not set: give one or more secrets "
          + PREFIX + "<base64>, separated by spaces");
    }
    String[] parts = value.strip().split("\\s+");
    if (parts.length > MAX_SECRETS) {
      throw new IllegalArgumentException(variable + " holds " + parts.length
          + " secrets; at most " + MAX_SECRETS + " are accepted");
    }
    List<byte[]> keys = new ArrayList<>(parts.length);
    for (int i = 0; i < parts.length; i++) {
      String where = variable + ": secret " + (i + 1) + " of " + parts.length;
      if (!parts[i].startsWith(PREFIX)) {
        throw new IllegalArgumentException(where + " does not start with " + PREFIX);
      }
      byte[] key;
      try {
        key = Base64.getDecoder().decode(parts[i].substring(PREFIX.length()));
      } catch (IllegalArgumentException e) {
        // The decoder's message quotes the offending character: not passed on.
        throw new IllegalArgumentException(where + " is not " + PREFIX + " followed by base64");
      }
      if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
        throw new IllegalArgumentException(where + " decodes to " + key.length + " bytes; "
            + "Standard Webhooks secrets are " + MIN_BYTES + " to " + MAX_BYTES + " bytes");
      }
      keys.add(key);
    }
    return new WebhookSecrets(List.copyOf(keys));
  }

  /** How many secrets there are. */
  public int size() {
    return keys.size();
  }

  /** The HMAC keys, in the order given; copies. Package-private: only the verifier needs them. */
  List<byte[]> keys() {
    return keys.stream().map(byte[]::clone).toList();
  }

  /** {@code WebhookSecrets[2 secrets]}: never the secrets themselves. */
  @Override
  public String toString() {
    return "WebhookSecrets[" + keys.size() + (keys.size() == 1 ? " secret]" : " secrets]");
  }
}
