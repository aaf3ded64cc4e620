package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesAndSlugsTest {

  @ParameterizedTest
  @CsvSource({
      "2019-03-06, 2019-03-06T00:00:00Z",
      "2017-11-01T01:07:49Z, 2017-11-01T01:07:49Z",
      "2016-09-14T10:00:00-07:00, 2016-09-14T17:00:00Z",
      "2016-09-14T10:00:00+0200, 2016-09-14T08:00:00Z",
      "2016-09-14 10:00:00, 2016-09-14T10:00:00Z",
      "2016-09-14T10:00:00, 2016-09-14T10:00:00Z",
      "'Wed, 06 Mar 2019 00:00:00 GMT', 2019-03-06T00:00:00Z"})
  void datesAsAuthorsWriteThem(String written, String expected) {
    assertEquals(Optional.of(Instant.parse(expected)), Values.date(written));
  }

  @Test
  void tomlNativeDates() {
    assertEquals(Instant.parse("2019-03-06T00:00:00Z"), Values.date(LocalDate.of(2019, 3, 6)).get());
    assertEquals(Instant.parse("2019-03-06T10:00:00Z"),
        Values.date(LocalDateTime.of(2019, 3, 6, 10, 0)).get());
    assertEquals(Instant.parse("2019-03-06T08:00:00Z"),
        Values.date(OffsetDateTime.parse("2019-03-06T10:00:00+02:00")).get());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "2019-13-01", "2019-02-30", "06/03/2019"})
  void unreadableDates(String written) {
    assertTrue(Values.date(written).isEmpty());
    assertTrue(Values.date(42L).isEmpty());
  }

  @ParameterizedTest
  @CsvSource({"00:35:05, 2105", "1:02:03, 3723", "35:05, 2105", "2105, 2105", "0, 0"})
  void durations(String written, long seconds) {
    assertEquals(Optional.of(Duration.ofSeconds(seconds)), Values.duration(written));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12:60", "1:2:3", "abc", "-5", "1:00:00:00", "35.5"})
  void unreadableDurations(String written) {
    assertTrue(Values.duration(written).isEmpty(), written);
    assertEquals(Optional.of(Duration.ofSeconds(90)), Values.duration(90L));
  }

  @Test
  void sizesAndMediaTypes() {
    assertEquals(Optional.of(50813810L), Values.size(50813810L));
    assertEquals(Optional.of(12L), Values.size(" 12 "));
    assertTrue(Values.size(-1L).isEmpty());
    assertTrue(Values.size("12 MB").isEmpty());
    assertTrue(Values.size(1.5).isEmpty());
    assertEquals(Optional.of("audio/mpeg"), Values.mediaType("a.b.MP3"));
    assertEquals(Optional.of("audio/x-m4a"), Values.mediaType("https://x/y.m4a?dl=1"));
    assertEquals(Optional.of("video/mp4"), Values.mediaType("v.mp4"));
    assertTrue(Values.mediaType("noextension").isEmpty());
    assertTrue(Values.mediaType("dir.mp3/file").isEmpty());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "episode-37-GKE-1-3-with-carter-morgan|episode-37-gke-1-3-with-carter-morgan",
      "episode-258-the-power-of-serverless-with-aparna-sinha and-philip-beevers"
          + "|episode-258-the-power-of-serverless-with-aparna-sinha-and-philip-beevers",
      "episode-232-sanity.io-with-simen|episode-232-sanity.io-with-simen",
      "Ünïcödé Title?!|ünïcödé-title"})
  void slugsAreNormalisedAsHugoDid(String raw, String expected) {
    assertEquals(expected, Slugs.normalise(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "a..b", "a/b", "a\\b", "x\u0000y", "x\ny", "x\u202Ey", " ", "."})
  void unsafeSegmentsAreRejected(String segment) {
    assertTrue(Slugs.unsafeSegment(segment).isPresent(), segment);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/post/../../etc/", "//evil.example/x", "javascript:alert(1)",
      "/a/b\u0007/", "C:\\windows", "https://x.io/a"})
  void unsafeSitePathsAreRejected(String path) {
    assertTrue(Slugs.unsafeSitePath(path).isPresent(), path);
  }

  @Test
  void safeSitePaths() {
    assertEquals(Optional.empty(), Slugs.unsafeSitePath("/images/post/x.png"));
    assertEquals(Optional.empty(), Slugs.unsafeSitePath("images/post/my file.png"));
  }
}
