package dev.podcast.episode;

import java.time.Duration;
import java.util.Objects;

/**
 * The episode's media file, as the feed's enclosure needs it.
 *
 * @param file the {@code audioFile} value as written by the author
 * @param url the absolute URL of the file: {@code file} joined to the show's episode host, or
 *     {@code file} itself when it is absolute; empty when no host is configured and the file is
 *     relative
 * @param sizeBytes the length in bytes; 0 means unknown
 * @param duration the running time; {@link Duration#ZERO} when unknown
 * @param mimeType the MIME type derived from the file extension
 */
public record Audio(String file, String url, long sizeBytes, Duration duration, String mimeType) {

  public Audio {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(mimeType, "mimeType");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must be >= 0");
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must be >= 0");
    }
  }

  /** The duration in whole seconds, as {@code itunes:duration} wants it. */
  public long durationSeconds() {
    return duration.getSeconds();
  }
}
