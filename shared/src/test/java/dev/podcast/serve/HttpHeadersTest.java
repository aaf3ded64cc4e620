package dev.podcast.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpHeadersTest {

  private static final Instant SUNDAY = Instant.parse("1994-11-06T08:49:37Z");

  @Test
  void datesAreImfFixdates() {
    assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpHeaders.date(SUNDAY));
    assertEquals("Wed, 25 Nov 2026 12:00:00 GMT",
        HttpHeaders.date(Instant.parse("2026-11-25T12:00:00.999Z")));
  }

  @Test
  void theThreeDateFormsAreRead() {
    assertEquals(Optional.of(SUNDAY), HttpHeaders.parseDate("Sun, 06 Nov 1994 08:49:37 GMT"));
    assertEquals(Optional.of(SUNDAY), HttpHeaders.parseDate("Sunday, 06-Nov-94 08:49:37 GMT"));
    assertEquals(Optional.of(SUNDAY), HttpHeaders.parseDate("Sun Nov  6 08:49:37 1994"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "2026-11-25T12:00:00Z", "Sun, 06 Nov 1994 08:49:37",
      "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT"})
  void unreadableDatesAreEmpty(String value) {
    assertEquals(Optional.empty(), HttpHeaders.parseDate(value));
  }

  @Test
  void entityTagsAreComparedWeakly() {
    String a = "\"abc\"";
    String b = "\"abc-gzip\"";
    assertEquals(Optional.of(a), HttpHeaders.matching("\"abc\"", a, b));
    assertEquals(Optional.of(a), HttpHeaders.matching("W/\"abc\"", a, b));
    assertEquals(Optional.of(b), HttpHeaders.matching("\"x\", \"abc-gzip\"", a, b));
    assertEquals(Optional.of(a), HttpHeaders.matching("\"abc-gzip\",\"abc\"", a, b));
    assertEquals(Optional.of(a), HttpHeaders.matching(" * ", a, b));
    assertEquals(Optional.empty(), HttpHeaders.matching("\"ab\"", a, b));
    assertEquals(Optional.empty(), HttpHeaders.matching("abc", a, b));
    assertEquals(Optional.empty(), HttpHeaders.matching("\"abc", a, b));
    assertEquals(Optional.empty(), HttpHeaders.matching("\"x\", *", a, b));
  }

  @Test
  void gzipIsAcceptedUnlessRefused() {
    assertTrue(HttpHeaders.acceptsGzip("gzip"));
    assertTrue(HttpHeaders.acceptsGzip("gzip, deflate, br"));
    assertTrue(HttpHeaders.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
    assertTrue(HttpHeaders.acceptsGzip("x-gzip"));
    assertTrue(HttpHeaders.acceptsGzip("*"));
    assertFalse(HttpHeaders.acceptsGzip(""));
    assertFalse(HttpHeaders.acceptsGzip("identity"));
    assertFalse(HttpHeaders.acceptsGzip("deflate, br"));
    assertFalse(HttpHeaders.acceptsGzip("gzip;q=0"));
    assertFalse(HttpHeaders.acceptsGzip("gzip; q=0.000"));
    assertFalse(HttpHeaders.acceptsGzip("*, gzip;q=0"));
    assertFalse(HttpHeaders.acceptsGzip("gzip;q=x"));
    assertFalse(HttpHeaders.acceptsGzip("gzip;q=2"));
  }
}
