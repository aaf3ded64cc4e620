package dev.podcast.site;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Display formats for pages. Thread-safe. */
final class Formats {

  private static final DateTimeFormatter HUMAN_DATE =
      DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private Formats() {}

  static String date(Instant instant) {
    return HUMAN_DATE.format(instant);
  }

  static String isoDate(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /** {@code 35 min}, {@code 1 h 2 min}; empty for zero. */
  static String duration(Duration d) {
    long minutes = Math.round(d.getSeconds() / 60.0);
    if (d.isZero()) {
      return "";
    }
    return minutes >= 60 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
  }

  /** ISO 8601 duration for JSON-LD: {@code PT35M5S}. */
  static String isoDuration(Duration d) {
    return d.toString();
  }

  /** {@code 48.5 MB}; empty for zero (unknown). */
  static String size(long bytes) {
    if (bytes <= 0) {
      return "";
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
  }
}
