package dev.podcast.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedPathsTest {

  @ParameterizedTest
  @CsvSource({
      "/feed.xml, feed.xml",
      "/feed.json, feed.json",
      "/feed/archive/1.xml, feed/archive/1.xml",
      "/feed/archive/123.xml, feed/archive/123.xml",
      "/categories/iot/feed.xml, categories/iot/feed.xml",
      "/categories/iot/feed/archive/2.xml, categories/iot/feed/archive/2.xml",
      "/tags/c++/feed.xml, tags/c++/feed.xml",
      "/categories/.net/feed.xml, categories/.net/feed.xml",
      "/categories/été/feed.xml, categories/été/feed.xml",
      "/categories/machine-learning_2.0~x/feed.xml, categories/machine-learning_2.0~x/feed.xml"})
  void feedsAreTheirObjects(String path, String object) {
    assertEquals(Optional.of(object), FeedPaths.objectName(path));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "/", "feed.xml", "/feed.xml/", "/FEED.XML", "/feed.rss", "/feed.json/",
      "/index.html", "/post/x/index.html", "/categories/iot/", "/categories/iot/index.html",
      "/feed/archive/0.xml", "/feed/archive/01.xml", "/feed/archive/x.xml",
      "/feed/archive/12345678.xml", "/feed/archive/1.json", "/feed/archive/.xml",
      "/feed.json/archive/1.xml", "/a/feed/archive/1.xml", "/a/feed.xml", "/a/b/c/feed.xml",
      "/Categories/IoT/feed.xml", "/categories/io t/feed.xml", "/categories/a%20b/feed.xml",
      "/../feed.xml", "/categories/../feed.xml", "/categories/..%2f/feed.xml",
      "/categories/a..b/feed.xml", "/./feed.xml", "/categories/./feed.xml", "//feed.xml",
      "/categories//feed.xml", "\\feed.xml", "/categories\\iot/feed.xml",
      "/categories/iot\u0000/feed.xml", "/categories/io\nt/feed.xml",
      "/categories/io\u200bt/feed.xml", "/feed.xml\u0000", "/feed.xml?x=1"})
  void everythingElseIsNoFeed(String path) {
    assertFalse(FeedPaths.isFeed(path), path);
  }

  @org.junit.jupiter.api.Test
  void longPathsAreNoFeeds() {
    String slug = "a".repeat(FeedPaths.MAX_LENGTH);
    assertFalse(FeedPaths.isFeed("/categories/" + slug + "/feed.xml"));
    assertFalse(FeedPaths.isFeed(null));
  }
}
