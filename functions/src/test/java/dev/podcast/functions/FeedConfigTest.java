package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedConfigTest {

  @Test
  void readsTheMaxAgeWithItsDefault() {
    assertEquals(Duration.ofSeconds(300), FeedConfig.fromEnvironment(Map.of()).maxAge());
    assertEquals(Duration.ofSeconds(300),
        FeedConfig.fromEnvironment(Map.of("FEED_MAX_AGE_SECONDS", " ")).maxAge());
    assertEquals(Duration.ofSeconds(60),
        FeedConfig.fromEnvironment(Map.of("FEED_MAX_AGE_SECONDS", " 60 ")).maxAge());
    assertEquals(Duration.ZERO,
        FeedConfig.fromEnvironment(Map.of("FEED_MAX_AGE_SECONDS", "0")).maxAge());
    assertEquals(Duration.ofDays(365),
        FeedConfig.fromEnvironment(Map.of("FEED_MAX_AGE_SECONDS", "31536000")).maxAge());
  }

  @Test
  void readsTheOldFeedAddressesWithHugosByDefault() {
    assertEquals(java.util.List.of("/index.xml", "/post/index.xml"),
        FeedConfig.fromEnvironment(Map.of()).oldFeedPaths());
    assertEquals(java.util.List.of("/feed/", "/rss.xml"),
        FeedConfig.fromEnvironment(Map.of("OLD_FEED_PATHS", " /feed/ , /rss.xml,")).oldFeedPaths());
    assertEquals(java.util.List.of(),
        FeedConfig.fromEnvironment(Map.of("OLD_FEED_PATHS", "")).oldFeedPaths());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeedConfig.fromEnvironment(Map.of("OLD_FEED_PATHS", "/../x.xml")));
    assertTrue(e.getMessage().startsWith("OLD_FEED_PATHS: '/../x.xml'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "31536001", "5m", "1.5", "300s", "99999999999999999999"})
  void rejectsBadValuesNamingTheVariable(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeedConfig.fromEnvironment(Map.of("FEED_MAX_AGE_SECONDS", value)));
    assertTrue(e.getMessage().startsWith("FEED_MAX_AGE_SECONDS must be"), e.getMessage());
  }
}
