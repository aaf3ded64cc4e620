package dev.podcast.show;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The Podcasting 2.0 {@code podcast:guid}: a UUID v5 of the feed URL with the scheme and any
 * trailing slashes removed, in namespace {@code ead4c236-bf58-58c6-a2c6-a6b28d128cb6}. It is
 * derived once and then kept for the life of the show, even if the feed moves.
 */
public final class PodcastGuid {

  public static final UUID NAMESPACE = UUID.fromString("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

  private PodcastGuid() {}

  /** The guid for {@code feedUrl}: {@code https://podnews.net/rss} gives {@code 9b024349-…}. */
  public static UUID fromFeedUrl(String feedUrl) {
    String name = feedUrl.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceFirst("/+$", "");
    return uuidV5(NAMESPACE, name);
  }

  static UUID uuidV5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
          .putLong(namespace.getLeastSignificantBits()).array());
      byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      hash[6] = (byte) ((hash[6] & 0x0F) | 0x50);
      hash[8] = (byte) ((hash[8] & 0x3F) | 0x80);
      ByteBuffer buffer = ByteBuffer.wrap(hash, 0, 16);
      return new UUID(buffer.getLong(), buffer.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
    }
  }
}
