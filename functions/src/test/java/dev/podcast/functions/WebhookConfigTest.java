package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String KEY = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void readsTheEnvironmentWithItsDefaultsAndNeverShowsTheSecret() {
    WebhookConfig config = WebhookConfig.fromEnvironment(env("SOURCE_BUCKET", "my-show-source",
        "PODCAST_WEBHOOK_SECRET", SECRET + " " + SECRET.replace('M', 'N')));
    assertEquals("my-show-source", config.sourceBucket());
    assertEquals("default", config.showId());
    assertEquals(2, config.secrets().size());
    assertEquals(5L * 1024 * 1024, config.maxBodyBytes());
    assertFalse(config.toString().contains(KEY), config.toString());
    assertTrue(config.toString().contains("WebhookSecrets[2 secrets]"), config.toString());
    assertEquals(65_536, WebhookConfig.fromEnvironment(env("SOURCE_BUCKET", "a-src",
        "PODCAST_WEBHOOK_SECRET", SECRET, "PODCAST_WEBHOOK_MAX_BYTES", "65536", "SHOW_ID",
        "gcp-podcast")).maxBodyBytes());
  }

  @Test
  void rejectsMissingAndBadValuesNamingTheVariableButNotTheSecret() {
    String[][] cases = {
        {"PODCAST_WEBHOOK_SECRET is not set", "SOURCE_BUCKET", "a-src"},
        {"SOURCE_BUCKET is not set", "PODCAST_WEBHOOK_SECRET", SECRET},
        {"PODCAST_WEBHOOK_SECRET: secret 1 of 1 does not start with whsec_", "SOURCE_BUCKET",
            "a-src", "PODCAST_WEBHOOK_SECRET", KEY},
        {"PODCAST_WEBHOOK_SECRET: secret 2 of 2 is not whsec_ followed by base64",
            "SOURCE_BUCKET", "a-src", "PODCAST_WEBHOOK_SECRET", SECRET + " whsec_" + KEY + "!"},
        {"PODCAST_WEBHOOK_MAX_BYTES must be", "SOURCE_BUCKET", "a-src", "PODCAST_WEBHOOK_SECRET",
            SECRET, "PODCAST_WEBHOOK_MAX_BYTES", "12"},
        {"PODCAST_WEBHOOK_MAX_BYTES must be a whole number", "SOURCE_BUCKET", "a-src",
            "PODCAST_WEBHOOK_SECRET", SECRET, "PODCAST_WEBHOOK_MAX_BYTES", "5MiB"},
        {"SHOW_ID must be", "SOURCE_BUCKET", "a-src", "PODCAST_WEBHOOK_SECRET", SECRET,
            "SHOW_ID", "a/b"}};
    for (String[] c : cases) {
      String[] pairs = java.util.Arrays.copyOfRange(c, 1, c.length);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> WebhookConfig.fromEnvironment(env(pairs)));
      assertTrue(e.getMessage().startsWith(c[0]), e.getMessage());
      assertFalse(e.getMessage().contains(KEY.substring(0, 12)), e.getMessage());
    }
  }

  @Test
  void theNoArgConstructorFailsClearlyWithoutItsEnvironment() {
    if (System.getenv("PODCAST_WEBHOOK_SECRET") == null) {
      assertThrows(IllegalArgumentException.class, WebhookFunction::new);
    }
  }

  @Test
  void theRealWiringBuildsWithoutContactingAnyService() {
    assertNotNull(Adapters.webhookHandler(WebhookConfig.fromEnvironment(env(
        "SOURCE_BUCKET", "a-src", "PODCAST_WEBHOOK_SECRET", SECRET))));
  }
}
