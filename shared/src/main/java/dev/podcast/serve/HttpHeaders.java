package dev.podcast.serve;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The parts of RFC 9110 the feed endpoint needs: HTTP dates, entity-tag lists and
 * {@code Accept-Encoding}. Lenient where the RFC asks recipients to be (all three date formats,
 * weak tags, spaces), and never throwing on a malformed header: a header that cannot be read is
 * treated as absent. Stateless and thread-safe.
 */
final class HttpHeaders {

  /** IMF-fixdate, the form HTTP dates are sent in: {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
  private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
      .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  /** The obsolete RFC 850 form: {@code Sunday, 06-Nov-94 08:49:37 GMT}. */
  private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
      .appendPattern("EEEE, dd-MMM-")
      .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
      .appendPattern(" HH:mm:ss 'GMT'")
      .toFormatter(Locale.US).withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.SMART);

  /** The obsolete asctime form: {@code Sun Nov  6 08:49:37 1994}. */
  private static final DateTimeFormatter ASCTIME = DateTimeFormatter
      .ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

  private static final List<DateTimeFormatter> DATE_FORMATS =
      List.of(IMF_FIXDATE, RFC_850, ASCTIME);

  private HttpHeaders() {}

  /** {@code instant} as an HTTP date (IMF-fixdate), to the second. */
  static String date(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }

  /** The instant of an HTTP date in any of the three forms; empty when it is none of them. */
  static Optional<Instant> parseDate(String value) {
    String text = value.strip();
    for (DateTimeFormatter format : DATE_FORMATS) {
      try {
        return Optional.of(ZonedDateTime.parse(text, format).toInstant());
      } catch (DateTimeException notThisOne) {
        // try the next form
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code ifNoneMatch} (an {@code If-None-Match} value) names one of {@code tags}, using
   * the weak comparison RFC 9110 prescribes for it; {@code *} names any. Returns the first of
   * {@code tags} it names, or empty.
   */
  static Optional<String> matching(String ifNoneMatch, String... tags) {
    String value = ifNoneMatch.strip();
    if (value.equals("*")) {
      return Optional.of(tags[0]);
    }
    int i = 0;
    int n = value.length();
    Optional<String> found = Optional.empty();
    int foundAt = Integer.MAX_VALUE;
    while (i < n) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == ',') {
        i++;
        continue;
      }
      if (c == 'W' && i + 1 < n && value.charAt(i + 1) == '/') {
        i += 2;
        continue;
      }
      if (c != '"') {
        return found; // not an entity tag: stop reading, keep what matched so far
      }
      int end = value.indexOf('"', i + 1);
      if (end < 0) {
        return found;
      }
      String tag = value.substring(i, end + 1);
      for (int t = 0; t < tags.length && t < foundAt; t++) {
        if (tags[t].equals(tag)) {
          found = Optional.of(tags[t]);
          foundAt = t;
        }
      }
      i = end + 1;
    }
    return found;
  }

  /**
   * Whether {@code acceptEncoding} (an {@code Accept-Encoding} value) accepts gzip: {@code gzip}
   * (or {@code x-gzip}) with a non-zero {@code q}, or {@code *} when gzip is not named.
   */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding.isEmpty()) {
      return false;
    }
    double gzip = -1;
    double any = -1;
    for (String part : acceptEncoding.split(",")) {
      int semicolon = part.indexOf(';');
      String coding = (semicolon < 0 ? part : part.substring(0, semicolon)).strip()
          .toLowerCase(Locale.ROOT);
      double q = semicolon < 0 ? 1 : quality(part.substring(semicolon + 1));
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        gzip = Math.max(gzip, q);
      } else if (coding.equals("*")) {
        any = Math.max(any, q);
      }
    }
    return gzip >= 0 ? gzip > 0 : any > 0;
  }

  /** The {@code q} of a coding's parameters ({@code q=0.5}); 1 without one, 0 when unreadable. */
  private static double quality(String parameters) {
    for (String parameter : parameters.split(";")) {
      String p = parameter.strip();
      if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
        try {
          double q = Double.parseDouble(p.substring(2).strip());
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
