package dev.podcast.text;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes. Stateless and thread-safe. */
public final class Hashes {

  private Hashes() {}

  /**
   * A checksum of {@code bytes} that tells versions of a file apart at a glance:
   * {@code crc32:<8 hex digits>:<length>}. Not a security hash (see {@link #sha256}); cheap on
   * every JVM, compiled or not (CRC-32 is native).
   */
  public static String checksum(byte[] bytes) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes);
    return String.format(java.util.Locale.ROOT, "crc32:%08x:%d", crc.getValue(), bytes.length);
  }

  /** The SHA-256 of {@code bytes} in lower-case hex. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
