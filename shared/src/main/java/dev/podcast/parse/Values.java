package dev.podcast.parse;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads dates, durations, sizes and media types the ways authors write them. Thread-safe. */
public final class Values {

  private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .toFormatter(Locale.ROOT);
  private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
      .append(LOCAL_DATE_TIME)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendOffset("+HH:MM", "Z")
      .toFormatter(Locale.ROOT);
  private static final DateTimeFormatter OFFSET_DATE_TIME_COMPACT = new DateTimeFormatterBuilder()
      .append(LOCAL_DATE_TIME)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendOffset("+HHMM", "Z")
      .toFormatter(Locale.ROOT);

  private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(
      Map.entry("mp3", "audio/mpeg"),
      Map.entry("m4a", "audio/x-m4a"),
      Map.entry("aac", "audio/aac"),
      Map.entry("ogg", "audio/ogg"),
      Map.entry("oga", "audio/ogg"),
      Map.entry("opus", "audio/opus"),
      Map.entry("wav", "audio/wav"),
      Map.entry("flac", "audio/flac"),
      Map.entry("mp4", "video/mp4"),
      Map.entry("m4v", "video/x-m4v"),
      Map.entry("mov", "video/quicktime"),
      Map.entry("pdf", "application/pdf"));

  private Values() {}

  /**
   * A date as Hugo reads it: TOML native dates, {@code YYYY-MM-DD}, date-times with {@code Z} or an
   * offset, and local date-times (taken as UTC, Hugo's default time zone). Empty when unreadable.
   */
  static Optional<Instant> date(Object value) {
    if (value instanceof OffsetDateTime odt) {
      return Optional.of(odt.toInstant());
    }
    if (value instanceof LocalDateTime ldt) {
      return Optional.of(ldt.toInstant(ZoneOffset.UTC));
    }
    if (value instanceof LocalDate ld) {
      return Optional.of(ld.atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    if (!(value instanceof String string)) {
      return Optional.empty();
    }
    String s = string.strip();
    if (s.length() > 64) {
      return Optional.empty();
    }
    try {
      if (s.length() == 10) {
        return Optional.of(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      for (DateTimeFormatter formatter : new DateTimeFormatter[] {OFFSET_DATE_TIME,
          OFFSET_DATE_TIME_COMPACT}) {
        try {
          return Optional.of(OffsetDateTime.parse(s, formatter).toInstant());
        } catch (DateTimeParseException ignored) {
          // try the next form
        }
      }
      try {
        return Optional.of(LocalDateTime.parse(s, LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException ignored) {
        // try the next form
      }
      return Optional.of(OffsetDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * A running time written as {@code HH:MM:SS}, {@code MM:SS} or whole seconds (a number or a
   * string of digits). Empty when unreadable.
   */
  public static Optional<Duration> duration(Object value) {
    if (value instanceof Long seconds) {
      return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    }
    if (!(value instanceof String string)) {
      return Optional.empty();
    }
    String s = string.strip();
    if (s.isEmpty() || s.length() > 20) {
      return Optional.empty();
    }
    String[] parts = s.split(":", -1);
    if (parts.length > 3) {
      return Optional.empty();
    }
    long total = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 9 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      long n = Long.parseLong(part);
      if (i > 0 && (n > 59 || part.length() != 2)) {
        return Optional.empty();
      }
      total = total * 60 + n;
    }
    return Optional.of(Duration.ofSeconds(total));
  }

  /** A size in bytes: a non-negative integer, or a string of digits. Empty when unreadable. */
  static Optional<Long> size(Object value) {
    if (value instanceof Long n) {
      return n >= 0 ? Optional.of(n) : Optional.empty();
    }
    if (value instanceof String s) {
      String t = s.strip();
      if (!t.isEmpty() && t.length() <= 18 && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.of(Long.parseLong(t));
      }
    }
    return Optional.empty();
  }

  /** The MIME type for a media file name or URL, by its extension; empty when unknown. */
  static Optional<String> mediaType(String fileOrUrl) {
    String path = fileOrUrl;
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    int dot = path.lastIndexOf('.');
    if (dot < 0 || dot < path.lastIndexOf('/')) {
      return Optional.empty();
    }
    return Optional.ofNullable(MEDIA_TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT)));
  }
}
