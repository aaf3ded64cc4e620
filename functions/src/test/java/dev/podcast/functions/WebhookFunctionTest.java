package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.adapter.memory.InMemoryWebhookReceipts;
import dev.podcast.parse.ParserSettings;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.Result;
import dev.podcast.webhook.WebhookHandler;
import dev.podcast.webhook.WebhookSecrets;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link WebhookFunction} served by the Functions Framework over HTTP on 127.0.0.1, on in-memory
 * adapters: authenticity, limits, problem documents, replays, each fixture of {@code
 * resources/webhooks} against its expected episode file, and the pipeline publishing what a
 * webhook wrote. Requests are signed here with the JDK's HMAC, independently of the code under
 * test.
 */
class WebhookFunctionTest {

  private static final Path FIXTURES = Path.of("src/test/resources/webhooks");
  private static final Path SITE = Path.of("../shared/src/test/resources/site");
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private static final String OLD_SECRET = secret();
  private static final String NEW_SECRET = secret();

  /** The function as the framework makes it: by class, with a no-arg constructor. */
  public static final class Wired extends WebhookFunction {
    /** The handler the next instance runs; set by the test before the server starts. */
    static volatile WebhookHandler next;

    public Wired() {
      super(Objects.requireNonNull(next, "set Wired.next before starting the server"));
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final InMemoryObjectStore sourceBucket = new InMemoryObjectStore();
  private final FailingObjectStore source = new FailingObjectStore(sourceBucket);
  private final InMemoryWebhookReceipts receipts = new InMemoryWebhookReceipts();
  private final AtomicInteger ids = new AtomicInteger();
  private FunctionServer server;

  @BeforeEach
  void start() throws Exception {
    sourceBucket.put(new ObjectStore.Write("config.toml",
        Files.readAllBytes(SITE.resolve("config.toml")), "application/toml", ""));
    // The receiver holds two secrets: a rotation in progress.
    Wired.next = new WebhookHandler(Optional.of(WebhookSecrets.parse("PODCAST_WEBHOOK_SECRET",
        OLD_SECRET + " " + NEW_SECRET)), WebhookConfig.DEFAULT_MAX_BYTES, source, receipts,
        CLOCK, Publisher.contexts(source, new InMemoryEpisodeStore(), ParserSettings.defaults()));
    try {
      server = FunctionServer.http(Wired.class);
    } finally {
      Wired.next = null;
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  // ---- Signing, as a sender does it ----

  private static String secret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  private static String sign(String secret, String id, long timestamp, byte[] body)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
    mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
  }

  /** A request whose headers are given (name, value pairs); nothing added. */
  private HttpResponse<String> post(byte[] body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  /**
   * Sends {@code request}, once more if the JDK client reused a keep-alive connection the server
   * had just closed (Jetty closes one whose request body was left unread, as after a 413).
   */
  private HttpResponse<String> send(HttpRequest request) throws Exception {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException stale) {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** A JSON request signed with {@code secret}, sent {@code age} seconds ago. */
  private HttpResponse<String> signed(String id, byte[] body, String secret, long age,
      String... extra) throws Exception {
    long ts = NOW.getEpochSecond() - age;
    List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json",
        "webhook-id", id, "webhook-timestamp", Long.toString(ts),
        "webhook-signature", sign(secret, id, ts, body)));
    headers.addAll(List.of(extra));
    return post(body, headers.toArray(String[]::new));
  }

  private HttpResponse<String> signed(byte[] body) throws Exception {
    return signed("msg_" + ids.incrementAndGet(), body, NEW_SECRET, 2);
  }

  private static byte[] fixture(String name) throws Exception {
    return Files.readAllBytes(FIXTURES.resolve(name));
  }

  private static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  private String object(String slug) {
    return sourceBucket.get(WebhookHandler.objectOf(slug))
        .map(o -> new String(o.content(), StandardCharsets.UTF_8)).orElse(null);
  }

  private List<String> written() {
    return sourceBucket.list("content/");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String type) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/problem+json",
        response.headers().firstValue("Content-Type").orElse(""));
    JsonObject problem = json(response);
    assertEquals("tag:podcast.dev,2026:problem/" + type, problem.get("type").getAsString());
    assertEquals(status, problem.get("status").getAsInt());
    assertFalse(problem.get("title").getAsString().isEmpty());
    assertFalse(problem.get("detail").getAsString().isEmpty());
  }

  // ---- Authenticity ----

  @Test
  void aRightSignatureWritesTheEpisodeFile() throws Exception {
    HttpResponse<String> response = signed(fixture("generic-file.json"));
    assertEquals(200, response.statusCode(), response.body());
    JsonObject body = json(response);
    assertEquals("written", body.get("outcome").getAsString());
    assertEquals("content/post/episode-332-serverless-webhooks/index.md",
        body.get("object").getAsString());
    assertEquals(sourceBucket.generation(body.get("object").getAsString()).orElseThrow(),
        body.get("generation").getAsLong());
    assertTrue(object("episode-332-serverless-webhooks").contains("Serverless Webhooks"));
  }

  @Test
  void wrongMissingAndMalformedSignaturesAre401AndWriteNothing() throws Exception {
    byte[] body = fixture("generic-file.json");
    long ts = NOW.getEpochSecond();
    String good = sign(NEW_SECRET, "msg_1", ts, body);
    String json = "application/json";
    List<String[]> requests = List.of(
        new String[] {"Content-Type", json, "webhook-id", "msg_1", "webhook-timestamp", "" + ts,
            "webhook-signature", sign(secret(), "msg_1", ts, body)},
        new String[] {"Content-Type", json, "webhook-id", "msg_2", "webhook-timestamp", "" + ts,
            "webhook-signature", good},
        new String[] {"Content-Type", json, "webhook-id", "msg_1", "webhook-timestamp",
            "" + (ts + 1), "webhook-signature", good},
        new String[] {"Content-Type", json, "webhook-timestamp", "" + ts, "webhook-signature",
            good},
        new String[] {"Content-Type", json, "webhook-id", "msg_1", "webhook-signature", good},
        new String[] {"Content-Type", json, "webhook-id", "msg_1", "webhook-timestamp", "" + ts},
        new String[] {"Content-Type", json, "webhook-id", "msg_1", "webhook-timestamp", "" + ts,
            "webhook-signature", good.substring(3)},
        new String[] {"Content-Type", json, "webhook-id", "msg_1", "webhook-timestamp", "" + ts,
            "webhook-signature", "v1,%%%"},
        new String[] {"Content-Type", json, "webhook-id", "msg_1", "webhook-timestamp",
            ts + ".0", "webhook-signature", good},
        new String[] {"Content-Type", json, "Authorization", "Bearer " + NEW_SECRET});
    for (String[] headers : requests) {
      HttpResponse<String> response = post(body, headers);
      assertProblem(response, 401, "unauthorized");
      assertFalse(response.body().contains(NEW_SECRET.substring(6, 20)), response.body());
    }
    // a body changed after signing
    byte[] changed = new String(body, StandardCharsets.UTF_8).replace("332", "999")
        .getBytes(StandardCharsets.UTF_8);
    assertProblem(post(changed, "Content-Type", json, "webhook-id", "msg_1",
        "webhook-timestamp", "" + ts, "webhook-signature", good), 401, "unauthorized");
    assertEquals(List.of(), written());
    assertFalse(receipts.seen("msg_1", NOW));
  }

  @Test
  void staleAndFutureTimestampsAre401() throws Exception {
    byte[] body = fixture("generic-file.json");
    HttpResponse<String> stale = signed("msg_stale", body, NEW_SECRET, 301);
    assertProblem(stale, 401, "unauthorized");
    assertTrue(json(stale).get("detail").getAsString().contains("stale"), stale.body());
    HttpResponse<String> future = signed("msg_future", body, NEW_SECRET, -301);
    assertProblem(future, 401, "unauthorized");
    assertTrue(json(future).get("detail").getAsString().contains("future"), future.body());
    assertEquals(List.of(), written());
    // five minutes either way is still fine
    assertEquals(200, signed("msg_late", body, NEW_SECRET, 300).statusCode());
    assertEquals(200, signed("msg_early", body, NEW_SECRET, -300).statusCode());
  }

  @Test
  void rotatedSecretsAndSeveralSignaturesAreAccepted() throws Exception {
    byte[] body = fixture("generic-file.json");
    // signed with the old secret, then with the new one: the receiver holds both
    assertEquals(200, signed("msg_old", body, OLD_SECRET, 1).statusCode());
    assertEquals(200, signed("msg_new", body, NEW_SECRET, 1).statusCode());
    // a sender mid-rotation signs with an unknown new secret and the current one
    long ts = NOW.getEpochSecond();
    String header = sign(secret(), "msg_two", ts, body) + " " + sign(OLD_SECRET, "msg_two", ts,
        body);
    HttpResponse<String> response = post(body, "Content-Type", "application/json",
        "webhook-id", "msg_two", "webhook-timestamp", "" + ts, "webhook-signature", header);
    assertEquals(200, response.statusCode(), response.body());
  }

  // ---- Limits and media types ----

  @Test
  void aBodyOverTheLimitIs413WhetherDeclaredOrChunked() throws Exception {
    byte[] big = new byte[(int) WebhookConfig.DEFAULT_MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    assertProblem(signed("msg_big", big, NEW_SECRET, 0), 413, "payload-too-large");
    long ts = NOW.getEpochSecond();
    HttpRequest chunked = HttpRequest.newBuilder(server.uri())
        .header("Content-Type", "application/json")
        .header("webhook-id", "msg_chunked")
        .header("webhook-timestamp", "" + ts)
        .header("webhook-signature", sign(NEW_SECRET, "msg_chunked", ts, big))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
        .build();
    HttpResponse<String> response = send(chunked);
    assertProblem(response, 413, "payload-too-large");
    assertEquals(List.of(), written());
    // exactly at the limit is read (and then rejected as an invalid payload, not as too large)
    byte[] limit = java.util.Arrays.copyOf(big, big.length - 1);
    limit[limit.length - 1] = '}';
    assertProblem(signed("msg_limit", limit, NEW_SECRET, 0), 400, "invalid-payload");
  }

  @Test
  void aContentTypeOtherThanJsonIs415() throws Exception {
    byte[] body = fixture("generic-file.json");
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded",
        "application/jsonx", "multipart/form-data; boundary=x")) {
      long ts = NOW.getEpochSecond();
      assertProblem(post(body, "Content-Type", type, "webhook-id", "m", "webhook-timestamp",
          "" + ts, "webhook-signature", sign(NEW_SECRET, "m", ts, body)), 415,
          "unsupported-media-type");
    }
    assertProblem(post(body), 415, "unsupported-media-type");
    assertEquals(List.of(), written());
    assertEquals(200, signed("msg_charset", body, NEW_SECRET, 0, "Content-Type",
        "Application/JSON; charset=UTF-8").statusCode());
  }

  @Test
  void methodsOtherThanPostAre405() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri()).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    assertProblem(response, 405, "method-not-allowed");
    assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
  }

  // ---- Bad payloads ----

  @Test
  void anInvalidEpisodeIs400NamingTheFieldAndWritesNothing() throws Exception {
    String body = new String(fixture("generic-episode.json"), StandardCharsets.UTF_8)
        .replace("\"date\": \"2026-11-24\"", "\"date\": \"someday\"");
    HttpResponse<String> response = signed(body.getBytes(StandardCharsets.UTF_8));
    assertProblem(response, 400, "invalid-episode");
    JsonObject error = json(response).getAsJsonArray("errors").get(0).getAsJsonObject();
    assertEquals("data.episode.date", error.get("field").getAsString());
    assertEquals("bad-date", error.get("code").getAsString());
    assertTrue(error.get("line").getAsInt() > 1, response.body());
    assertTrue(error.get("message").getAsString().contains("someday"), response.body());

    // a missing key is named where it was expected
    body = new String(fixture("generic-episode.json"), StandardCharsets.UTF_8)
        .replace("\"title\": \"Standard Webhooks with Grace Hopper\",", "");
    response = signed(body.getBytes(StandardCharsets.UTF_8));
    assertProblem(response, 400, "invalid-episode");
    assertEquals("data.episode.title", json(response).getAsJsonArray("errors").get(0)
        .getAsJsonObject().get("field").getAsString());

    // a whole file: the field is data.file, with the line and column inside it
    body = new String(fixture("generic-file.json"), StandardCharsets.UTF_8)
        .replace("audioSize = 48123456", "audioSize = \\\"big\\\"");
    response = signed(body.getBytes(StandardCharsets.UTF_8));
    assertProblem(response, 400, "invalid-episode");
    error = json(response).getAsJsonArray("errors").get(0).getAsJsonObject();
    assertEquals("data.file", error.get("field").getAsString());
    assertEquals(4, error.get("line").getAsInt());
    assertEquals("bad-audio-size", error.get("code").getAsString());
    assertEquals(List.of(), written());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape", "a/b", "UPPER", "a..b", "-lead", "trail-", "tab\\there",
      "nul\\u0000x", "", "é"})
  void slugsThatCouldEscapeOrMisnameAnObjectAre400(String slug) throws Exception {
    String body = new String(fixture("generic-file.json"), StandardCharsets.UTF_8)
        .replace("\"slug\": \"episode-332-serverless-webhooks\"", "\"slug\": \"" + slug + "\"");
    HttpResponse<String> response = signed(body.getBytes(StandardCharsets.UTF_8));
    assertProblem(response, 400, "invalid-payload");
    assertEquals("data.slug", json(response).getAsJsonArray("errors").get(0).getAsJsonObject()
        .get("field").getAsString());
    assertEquals(List.of(), written());
  }

  @Test
  void malformedPayloadsAre400NamingTheField() throws Exception {
    record Case(String body, String field) {}
    for (Case c : List.of(
        new Case("{\"type\": \"episode.published\", \"data\": {\"slug\": \"a\"}}", "data"),
        new Case("{\"type\": \"episode.created\", \"data\": {\"slug\": \"a\"}}", "type"),
        new Case("{\"type\": \"episode.published\", \"timestamp\": \"yesterday\", \"data\":"
            + " {\"slug\": \"a\", \"file\": \"x\"}}", "timestamp"),
        new Case("{\"type\": \"episode.updated\", \"data\": {\"slug\": \"a\", \"episode\":"
            + " {\"title\": {\"nested\": true}}}}", "data.episode.title"),
        new Case("{\"type\": \"episode.updated\", \"data\": {\"slug\": \"a\", \"episode\":"
            + " {\"draft\": true}}}", "data.episode.draft"),
        new Case("{type: 'episode.published'}", "(body)"),
        new Case("[1, 2]", "(body)"),
        new Case("{\"type\": \"episode.deleted\", \"data\": {\"slug\": \"a\"}} {}", "(body)"),
        new Case("[".repeat(100_000), "(body)"))) {
      HttpResponse<String> response = signed(c.body().getBytes(StandardCharsets.UTF_8));
      assertProblem(response, 400, "invalid-payload");
      assertEquals(c.field(), json(response).getAsJsonArray("errors").get(0).getAsJsonObject()
          .get("field").getAsString(), c.body().substring(0, Math.min(80, c.body().length())));
    }
    assertProblem(signed(new byte[] {'{', (byte) 0xC3, '}'}), 400, "invalid-payload");
    assertEquals(List.of(), written());
  }

  // ---- Replays and outages ----

  @Test
  void aRepeatedWebhookIdHasNoSecondEffect() throws Exception {
    byte[] body = fixture("generic-episode.json");
    HttpResponse<String> first = signed("msg_replayed", body, NEW_SECRET, 10);
    assertEquals("written", json(first).get("outcome").getAsString());
    String object = WebhookHandler.objectOf("episode-333-standard-webhooks");
    long generation = sourceBucket.generation(object).orElseThrow();
    // the sender retries, or someone replays the captured request: same id, fresh signature
    HttpResponse<String> again = signed("msg_replayed", body, NEW_SECRET, 0);
    assertEquals(200, again.statusCode());
    assertEquals("duplicate", json(again).get("outcome").getAsString());
    assertEquals(generation, sourceBucket.generation(object).orElseThrow());
    // even after the episode was deleted, the old publish cannot bring it back
    byte[] delete = "{\"type\":\"episode.deleted\",\"data\":{\"slug\":\"episode-333-standard-webhooks\"}}"
        .getBytes(StandardCharsets.UTF_8);
    assertEquals("deleted", json(signed(delete)).get("outcome").getAsString());
    assertEquals("duplicate", json(signed("msg_replayed", body, NEW_SECRET, 0)).get("outcome")
        .getAsString());
    assertTrue(sourceBucket.get(object).isEmpty());
    // a new delivery of the same content is no new write either
    signed(body);
    long rewritten = sourceBucket.generation(object).orElseThrow();
    assertEquals("unchanged", json(signed(body)).get("outcome").getAsString());
    assertEquals(rewritten, sourceBucket.generation(object).orElseThrow());
  }

  @Test
  void aFailedBucketWriteIs503AndTheRetryIsNotADuplicate() throws Exception {
    byte[] body = fixture("generic-file.json");
    source.down = true;
    HttpResponse<String> failed = signed("msg_outage", body, NEW_SECRET, 5);
    assertProblem(failed, 503, "store-unavailable");
    assertFalse(receipts.seen("msg_outage", NOW));
    source.down = false;
    HttpResponse<String> retried = signed("msg_outage", body, NEW_SECRET, 0);
    assertEquals("written", json(retried).get("outcome").getAsString(), retried.body());
    assertTrue(receipts.seen("msg_outage", NOW));
  }

  // ---- The fixtures ----

  private HttpResponse<String> sendFixture(String name) throws Exception {
    byte[] body = fixture(name + ".json");
    if (name.startsWith("contentful-")) {
      String topic = "ContentManagement.Entry." + name.substring("contentful-".length());
      return signed("msg_" + UUID.randomUUID(), body, NEW_SECRET, 1, "Content-Type",
          "application/vnd.contentful.management.v1+json", "X-Contentful-Topic", topic,
          "X-Contentful-Webhook-Name", "podcast");
    }
    return signed("msg_" + UUID.randomUUID(), body, NEW_SECRET, 1, "Content-Type",
        "application/json", "X-Strapi-Event", name);
  }

  private void assertGolden(String name, String slug) throws Exception {
    String actual = object(slug);
    Path expected = FIXTURES.resolve("expected/" + name + ".md");
    if (UPDATE) {
      Files.writeString(expected, actual);
    }
    assertEquals(Files.readString(expected), actual, name);
  }

  private void assertOutcome(HttpResponse<String> response, String outcome) {
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(outcome, json(response).get("outcome").getAsString(), response.body());
  }

  @Test
  void theGenericFixturesBecomeTheExpectedFiles() throws Exception {
    assertOutcome(sendFixture("generic-file"), "written");
    assertGolden("generic-file", "episode-332-serverless-webhooks");
    assertOutcome(sendFixture("generic-episode"), "written");
    assertGolden("generic-episode", "episode-333-standard-webhooks");
  }

  @Test
  void theStrapiFixturesBecomeTheExpectedFiles() throws Exception {
    String slug = "episode-334-headless-cms";
    assertOutcome(sendFixture("strapi-publish"), "written");
    assertGolden("strapi-publish", slug);
    assertOutcome(sendFixture("strapi-unpublish"), "unpublished");
    assertGolden("strapi-unpublish", slug);
    assertOutcome(sendFixture("strapi-delete"), "deleted");
    assertEquals(null, object(slug));
    assertOutcome(sendFixture("strapi-delete"), "absent");
  }

  @Test
  void theContentfulFixturesBecomeTheExpectedFiles() throws Exception {
    String slug = "episode-335-content-modelling";
    assertOutcome(sendFixture("contentful-publish"), "written");
    assertGolden("contentful-publish", slug);
    assertEquals("episode-335-content-modelling\n", new String(sourceBucket.get(
        ".podcast/cms/contentful/5KsDBWseXY6QegucYAoacS").orElseThrow().content(),
        StandardCharsets.UTF_8));
    assertOutcome(sendFixture("contentful-unpublish"), "unpublished");
    assertGolden("contentful-unpublish", slug);
    assertOutcome(sendFixture("contentful-unpublish"), "unchanged");
    assertOutcome(sendFixture("contentful-delete"), "deleted");
    assertEquals(null, object(slug));
    assertTrue(sourceBucket.list(".podcast/cms/").isEmpty());
    assertOutcome(sendFixture("contentful-delete"), "unknown-entry");
  }

  @Test
  void eventsForOtherContentTypesAndDraftSavesAreAcknowledgedAndIgnored() throws Exception {
    String strapi = new String(fixture("strapi-publish.json"), StandardCharsets.UTF_8);
    assertOutcome(signed(strapi.replace("\"model\": \"episode\"", "\"model\": \"author\"")
        .getBytes(StandardCharsets.UTF_8)), "ignored");
    assertOutcome(signed(strapi.replace("entry.publish", "entry.update")
        .replace("\"publishedAt\": \"2026-11-25T11:59:30.398Z\"", "\"publishedAt\": null")
        .getBytes(StandardCharsets.UTF_8)), "ignored");
    assertOutcome(signed(("{\"event\": \"media.create\", \"createdAt\": \"2026-11-25T10:58:41Z\","
        + " \"media\": {\"id\": 1, \"name\": \"image.png\"}}").getBytes(StandardCharsets.UTF_8)),
        "ignored");
    byte[] contentful = fixture("contentful-publish.json");
    assertOutcome(signed("msg_save", contentful, NEW_SECRET, 0, "Content-Type",
        "application/vnd.contentful.management.v1+json", "X-Contentful-Topic",
        "ContentManagement.Entry.save"), "ignored");
    assertOutcome(signed("msg_type", new String(contentful, StandardCharsets.UTF_8)
        .replace("\"id\": \"episode\"", "\"id\": \"blogPost\"").getBytes(StandardCharsets.UTF_8),
        NEW_SECRET, 0, "Content-Type", "application/vnd.contentful.management.v1+json",
        "X-Contentful-Topic", "ContentManagement.Entry.publish"), "ignored");
    assertEquals(List.of(), written());
  }

  @Test
  void thePodcasterMapsTheirOwnFieldNames() throws Exception {
    sourceBucket.put(new ObjectStore.Write("podcast.toml", """
        [cms.strapi]
        model = "show-episode"
        [cms.strapi.fields]
        audioFile = "audio.url"
        audioSize = "audio_bytes"
        notes = "show_notes"
        guest = "guest_name"
        transcript = ""
        """.getBytes(StandardCharsets.UTF_8), "application/toml", ""));
    String body = new String(fixture("strapi-publish.json"), StandardCharsets.UTF_8)
        .replace("\"model\": \"episode\"", "\"model\": \"show-episode\"")
        .replace("\"audioFile\": \"Google.Cloud.Platform.Podcast.Episode.334.mp3\"",
            "\"audio\": {\"id\": 9, \"url\": \"/uploads/ep334.mp3\", \"mime\": \"audio/mpeg\"}")
        .replace("\"audioSize\": 47000111", "\"audio_bytes\": 47000111, \"guest_name\": \"Ada\"")
        .replace("\"notes\":", "\"show_notes\":");
    assertOutcome(signed(body.getBytes(StandardCharsets.UTF_8)), "written");
    String file = object("episode-334-headless-cms");
    assertTrue(file.contains("audioFile = \"/uploads/ep334.mp3\"\n"), file);
    assertTrue(file.contains("audioSize = 47000111\n"), file);
    assertTrue(file.contains("guest = \"Ada\"\n"), file);
    assertTrue(file.contains("Mark tells Francesc"), file);
    assertFalse(file.contains("transcript"), file);

    // a mapping error is the podcaster's, not the sender's: 500, and the sender retries
    sourceBucket.put(new ObjectStore.Write("podcast.toml", "[cms.strapi.fields]\ndraft = \"x\"\n"
        .getBytes(StandardCharsets.UTF_8), "application/toml", ""));
    HttpResponse<String> misconfigured = signed(body.getBytes(StandardCharsets.UTF_8));
    assertProblem(misconfigured, 500, "misconfigured");
    assertTrue(json(misconfigured).get("detail").getAsString().startsWith("podcast.toml:2:1:"),
        misconfigured.body());
  }

  // ---- End to end ----

  @Test
  void aWebhookThenThePipelineEndsWithTheEpisodeInTheFeed() throws Exception {
    InMemoryObjectStore site = new InMemoryObjectStore();
    Publisher publisher = new Publisher(sourceBucket, site, new InMemoryEpisodeStore(), CLOCK);
    publisher.publishAll();
    HttpResponse<String> response = sendFixture("strapi-publish");
    JsonObject result = json(response);
    // what Cloud Storage's finalize event hands the upload function
    Result published = publisher.finalized(result.get("object").getAsString(),
        result.get("generation").getAsLong());
    assertEquals(Result.Action.PUBLISHED, published.outcome(), published.toString());
    String feed = new String(site.get("feed.xml").orElseThrow().content(), StandardCharsets.UTF_8);
    assertTrue(feed.contains("<title>A Headless CMS with Mark Mandel</title>"), feed);
    assertTrue(feed.contains("https://www.gcppodcast.com/post/episode-334-headless-cms/"), feed);
    assertTrue(site.get("post/episode-334-headless-cms/index.html").isPresent());

    // unpublished in the CMS: the file stays, as a draft, and the feed drops the episode
    result = json(sendFixture("strapi-unpublish"));
    publisher.finalized(result.get("object").getAsString(), result.get("generation").getAsLong());
    feed = new String(site.get("feed.xml").orElseThrow().content(), StandardCharsets.UTF_8);
    assertFalse(feed.contains("A Headless CMS with Mark Mandel"), feed);
  }

  @Test
  void aCmsNeverGetsRawHtmlEvenWhereTheSiteTrustsItsAuthors() throws Exception {
    // The site opts in to raw HTML as Hugo does; the CMS's file says it is not from a CMS.
    sourceBucket.put(new ObjectStore.Write("config.toml", (Files.readString(
        SITE.resolve("config.toml")) + "\n[markup.goldmark.renderer]\nunsafe = true\n")
        .getBytes(StandardCharsets.UTF_8), "application/toml", ""));
    String file = "+++\ncms = false\ntitle = \"Stored XSS\"\ndate = \"2026-11-20\"\n"
        + "audioFile = \"x.mp3\"\naudioSize = 10\naudioDuration = \"1:00\"\n+++\n"
        + "Notes <script>window.pwned = 1</script><img src=x onerror=\"alert(1)\">\n";
    JsonObject payload = new JsonObject();
    payload.addProperty("type", "episode.published");
    JsonObject data = new JsonObject();
    data.addProperty("slug", "stored-xss");
    data.addProperty("file", file);
    payload.add("data", data);
    HttpResponse<String> response = signed(payload.toString().getBytes(StandardCharsets.UTF_8));
    assertOutcome(response, "written");
    String written = object("stored-xss");
    assertTrue(written.contains("cms = true") && !written.contains("cms = false"), written);

    InMemoryObjectStore site = new InMemoryObjectStore();
    Publisher publisher = new Publisher(sourceBucket, site, new InMemoryEpisodeStore(), CLOCK);
    Result published = publisher.finalized(json(response).get("object").getAsString(),
        json(response).get("generation").getAsLong());
    assertEquals(Result.Action.PUBLISHED, published.outcome(), published.toString());
    assertTrue(published.problems().stream().anyMatch(p -> p.format().contains(
        "[html-removed]")), published.problems().toString());
    String page = new String(site.get("post/stored-xss/index.html").orElseThrow().content(),
        StandardCharsets.UTF_8);
    assertFalse(page.contains("window.pwned"), page);
    assertFalse(page.contains("onerror"), page);

    // The same file uploaded by an author, on this site, keeps its HTML as written.
    long generation = sourceBucket.put(new ObjectStore.Write("content/post/by-author/index.md",
        file.replace("cms = false\n", "").getBytes(StandardCharsets.UTF_8), "text/markdown",
        ""));
    assertEquals(Result.Action.PUBLISHED, publisher.finalized("content/post/by-author/index.md",
        generation).outcome());
    assertTrue(new String(site.get("post/by-author/index.html").orElseThrow().content(),
        StandardCharsets.UTF_8).contains("<script>window.pwned = 1</script>"));
  }
}
