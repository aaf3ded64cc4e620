package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionsConfigTest {

  @Test
  void readsTheEnvironmentWithItsDefault() {
    FunctionsConfig config = FunctionsConfig.fromEnvironment(
        Map.of("SOURCE_BUCKET", "my-show-source", "SITE_BUCKET", "www.example.com"));
    assertEquals(new FunctionsConfig("my-show-source", "www.example.com", "default"), config);
    assertEquals("gcp-podcast", FunctionsConfig.fromEnvironment(Map.of("SOURCE_BUCKET", "a-src",
        "SITE_BUCKET", "a-site", "SHOW_ID", "gcp-podcast")).showId());
  }

  @Test
  void rejectsMissingAndBadValuesNamingTheVariable() {
    assertMessage("SOURCE_BUCKET is not set", Map.of("SITE_BUCKET", "a-site"));
    assertMessage("SITE_BUCKET is not set", Map.of("SOURCE_BUCKET", "a-src"));
    assertMessage("SOURCE_BUCKET must be a bare bucket name",
        Map.of("SOURCE_BUCKET", "gs://a-src", "SITE_BUCKET", "a-site"));
    assertMessage("SITE_BUCKET is not a valid Cloud Storage bucket name",
        Map.of("SOURCE_BUCKET", "a-src", "SITE_BUCKET", "Upper_Case"));
    assertMessage("SITE_BUCKET must differ from SOURCE_BUCKET",
        Map.of("SOURCE_BUCKET", "a-src", "SITE_BUCKET", "a-src"));
    assertMessage("SHOW_ID must be", Map.of("SOURCE_BUCKET", "a-src", "SITE_BUCKET", "a-site",
        "SHOW_ID", "shows/x"));
    assertMessage("SITE_BASE_URL must be the site's http(s) address", Map.of("SOURCE_BUCKET",
        "a-src", "SITE_BUCKET", "a-site", "SITE_BASE_URL", "www.example.com"));
  }

  @Test
  void theSiteAddressIsReadWithoutItsTrailingSlash() {
    assertEquals("https://www.example.com", FunctionsConfig.fromEnvironment(Map.of(
        "SOURCE_BUCKET", "a-src", "SITE_BUCKET", "a-site", "SITE_BASE_URL",
        "https://www.example.com/")).siteAddress());
    assertEquals("", FunctionsConfig.fromEnvironment(Map.of("SOURCE_BUCKET", "a-src",
        "SITE_BUCKET", "a-site")).siteAddress(), "unset: not checked");
  }

  private static void assertMessage(String expected, Map<String, String> env) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FunctionsConfig.fromEnvironment(env));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  @Test
  void theNoArgConstructorsFailClearlyWithoutTheirEnvironment() {
    // The build's environment sets none of the variables.
    if (System.getenv("SOURCE_BUCKET") == null) {
      assertThrows(IllegalArgumentException.class, UploadFunction::new);
      assertThrows(IllegalArgumentException.class, PublishDueFunction::new);
      assertThrows(IllegalArgumentException.class, FeedFunction::new);
    }
  }

  @Test
  void theRealWiringBuildsWithoutContactingAnyService() {
    // Cloud Storage and Firestore clients are built on first use, not at a cold start: building
    // the wiring here, with no credentials and no network, must succeed.
    org.junit.jupiter.api.Assertions.assertNotNull(Adapters.publisher(
        new FunctionsConfig("a-src", "a-site", "default")));
    org.junit.jupiter.api.Assertions.assertNotNull(Adapters.feedResponder(
        new FunctionsConfig("a-src", "a-site", "default"), FeedConfig.fromEnvironment(Map.of()),
        (path, failure) -> { }));
  }
}
