package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.podcast.adapter.http.HttpPings;
import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryNotificationLog;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.notify.FeedNotifier;
import dev.podcast.port.NotificationLog;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.testing.MovableClock;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notify function against loopback stand-ins of podping.cloud, a WebSub hub and the
 * Podcast Index: the example show published into an in-memory site bucket, its main feed
 * written, and the site bucket's notifications of {@code feed.xml} delivered as Eventarc
 * delivers a Pub/Sub message, once through the Functions Framework's invoker and otherwise to
 * the function itself. What arrives is what each service documents; a burst is one request per
 * service; a 503 and a refused connection are retried (the event thrown back to the platform)
 * and a 400 is not; a new instance with a pending notification sends it once.
 */
class NotifyFunctionTest {

  private static final Path EXAMPLE = Path.of("../examples/site");
  private static final FunctionsConfig CONFIG =
      new FunctionsConfig("show-source", "show-site", "default");
  private static final String FEED = "https://www.gcppodcast.com/feed.xml";
  private static final String TOKEN = "podping-token-of-the-test";

  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T12:00:00Z"));
  private final InMemoryObjectStore source = new InMemoryObjectStore();
  private final InMemoryObjectStore site = new InMemoryObjectStore(clock);
  private final NotificationLog notified = new InMemoryNotificationLog();
  private LoopbackServices services;
  private int events;

  /** The function as the framework makes it: by class, with a no-arg constructor. */
  public static final class Wired extends NotifyFunction {
    static volatile FeedNotifier next;

    public Wired() {
      super(Objects.requireNonNull(next, "set Wired.next first"), CONFIG);
    }
  }

  @BeforeEach
  void publishTheShow() throws Exception {
    services = new LoopbackServices();
    put("config.toml", Files.readString(EXAMPLE.resolve("config.toml")));
    put("podcast.toml", Files.readString(EXAMPLE.resolve("podcast.toml")).replace(
        "[[persons]]", "[notify]\npodping = \"" + services.base() + "/podping/\"\nwebsub = [\""
            + services.base() + "/hub\"]\npodcastIndex = \"" + services.base()
            + "/pubnotify\"\n\n[[persons]]"));
    Publisher publisher = new Publisher(source, site, new InMemoryEpisodeStore(), clock);
    for (Path file : List.of(Path.of("content/post/episode-101-iot-core/index.md"),
        Path.of("content/post/episode-331-2022-year-end-wrap-up/index.md"))) {
      String object = file.toString();
      publisher.finalized(object, put(object, Files.readString(EXAMPLE.resolve(file))));
    }
  }

  @AfterEach
  void stop() throws Exception {
    services.close();
  }

  private long put(String object, String text) {
    return source.put(new ObjectStore.Write(object, text.getBytes(StandardCharsets.UTF_8),
        "text/plain", ""));
  }

  private NotifyFunction function() {
    return new NotifyFunction(notifier(), CONFIG);
  }

  /** A new instance's wiring: the same log (Firestore in production), the real HTTP client. */
  private FeedNotifier notifier() {
    return Adapters.notifier(source, site, notified, new HttpPings(), TOKEN, clock);
  }

  /** The feed written again with {@code bytes}: its generation. */
  private long writeFeed(byte[] bytes) {
    return site.put(new ObjectStore.Write("feed.xml", bytes, "application/rss+xml", ""));
  }

  private byte[] feed() {
    return site.get("feed.xml").orElseThrow().content();
  }

  /** The notification Cloud Storage sends through Pub/Sub for the feed's current version. */
  private CloudEvent event(String bucket, String object, long generation, byte[] content,
      Instant written) throws Exception {
    JsonObject resource = new JsonObject();
    resource.addProperty("bucket", bucket);
    resource.addProperty("name", object);
    resource.addProperty("generation", Long.toString(generation));
    resource.addProperty("md5Hash", Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("MD5").digest(content)));
    resource.addProperty("updated", written.toString());
    JsonObject attributes = new JsonObject();
    attributes.addProperty("bucketId", bucket);
    attributes.addProperty("objectId", object);
    attributes.addProperty("objectGeneration", Long.toString(generation));
    attributes.addProperty("eventType", FeedWrittenEvent.FINALIZE);
    attributes.addProperty("payloadFormat", "JSON_API_V1");
    JsonObject message = new JsonObject();
    message.add("attributes", attributes);
    message.addProperty("data", Base64.getEncoder().encodeToString(resource.toString()
        .getBytes(StandardCharsets.UTF_8)));
    message.addProperty("messageId", Integer.toString(++events));
    JsonObject data = new JsonObject();
    data.add("message", message);
    data.addProperty("subscription", "projects/demo/subscriptions/eventarc-notify");
    return CloudEventBuilder.v1().withId(Integer.toString(events))
        .withSource(URI.create("//pubsub.googleapis.com/projects/demo/topics/feed-written"))
        .withType(FeedWrittenEvent.TYPE).withTime(OffsetDateTime.ofInstant(written,
            ZoneOffset.UTC))
        .withData("application/json", data.toString().getBytes(StandardCharsets.UTF_8)).build();
  }

  /** The notification of the feed as it is now, written {@code ago} before the clock. */
  private CloudEvent current(Duration ago) throws Exception {
    ObjectStore.StoredObject f = site.get("feed.xml").orElseThrow();
    return event(CONFIG.siteBucket(), "feed.xml", f.generation(), f.content(),
        clock.instant().minus(ago));
  }

  private static final Duration AFTER_THE_BURST = FeedNotifier.QUIET.plusSeconds(1);

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void aFeedWriteTellsEachServiceOnceAsItDocumentsThroughTheInvoker() throws Exception {
    String feed = new String(feed(), StandardCharsets.UTF_8);
    assertTrue(feed.contains("<atom:link href=\"" + services.base() + "/hub\" rel=\"hub\"/>"),
        feed);
    assertTrue(feed.contains("<podcast:podping usesPodping=\"true\"/>"), feed);
    Wired.next = notifier();
    FunctionServer server;
    try {
      server = FunctionServer.cloudEvents(Wired.class);
    } finally {
      Wired.next = null;
    }
    try {
      CloudEvent e = current(AFTER_THE_BURST);
      HttpRequest.Builder post = HttpRequest.newBuilder(server.uri())
          .header("ce-id", e.getId()).header("ce-source", e.getSource().toString())
          .header("ce-specversion", "1.0").header("ce-type", e.getType())
          .header("ce-time", e.getTime().toString()).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(e.getData().toBytes()));
      int status = HttpClient.newHttpClient().send(post.build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      assertEquals(2, status / 100, "answered " + status);
    } finally {
      server.stop();
    }
    List<LoopbackServices.Received> podping = services.receivedAt("/podping/");
    assertEquals(1, podping.size(), services.received().toString());
    assertEquals("GET", podping.get(0).method());
    assertEquals("/podping/?url=" + encoded(FEED) + "&reason=update&medium=podcast",
        podping.get(0).target());
    assertEquals(TOKEN, podping.get(0).authorization());
    List<LoopbackServices.Received> hub = services.receivedAt("/hub");
    assertEquals(1, hub.size());
    assertEquals("POST", hub.get(0).method());
    assertEquals("hub.mode=publish&hub.url=" + encoded(FEED), hub.get(0).body());
    assertEquals(List.of("/pubnotify?url=" + encoded(FEED)), services.receivedAt("/pubnotify")
        .stream().map(LoopbackServices.Received::target).toList());
    assertEquals(null, services.receivedAt("/pubnotify").get(0).authorization(),
        "the token goes to Podping only");
  }

  @Test
  void aBurstOfWritesIsOneRequestPerServiceAndADeliveryAgainIsNone() throws Exception {
    byte[] bytes = feed();
    NotifyFunction function = function();
    List<CloudEvent> burst = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      byte[] changed = new String(bytes, StandardCharsets.UTF_8).replace("</channel>",
          "<!-- change " + i + " --></channel>").getBytes(StandardCharsets.UTF_8);
      long generation = writeFeed(changed);
      burst.add(event(CONFIG.siteBucket(), "feed.xml", generation, changed,
          clock.instant().minus(AFTER_THE_BURST)));
    }
    for (CloudEvent e : burst) {
      function.accept(e);
    }
    assertEquals(3, services.received().size(), services.received().toString());
    // Eventarc delivers at least once: the same events again tell nobody again.
    for (CloudEvent e : burst) {
      function.accept(e);
    }
    assertEquals(3, services.received().size());
    // The feed written again with the same bytes: nothing apps would see, nobody told.
    long same = writeFeed(feed());
    function.accept(event(CONFIG.siteBucket(), "feed.xml", same, feed(),
        clock.instant().minus(AFTER_THE_BURST)));
    assertEquals(3, services.received().size());
  }

  @Test
  void aServerErrorIsRetriedAndAClientErrorIsNot() throws Exception {
    services.answer("/podping/", 503);
    services.answer("/pubnotify", 400);
    CloudEvent e = current(AFTER_THE_BURST);
    NotifyFunction function = function();
    assertThrows(IllegalStateException.class, () -> function.accept(e),
        "a 503: the event goes back to the platform");
    assertEquals(1, services.receivedAt("/podping/").size());
    assertEquals(1, services.receivedAt("/hub").size());
    assertEquals(1, services.receivedAt("/pubnotify").size());
    // The platform delivers it again: only Podping is asked again.
    clock.advance(Duration.ofSeconds(10));
    function.accept(e);
    assertEquals(2, services.receivedAt("/podping/").size());
    assertEquals(1, services.receivedAt("/hub").size(), "told already");
    assertEquals(1, services.receivedAt("/pubnotify").size(), "a 400 is not retried");
    assertTrue(notified.read("podcastIndex " + services.base() + "/pubnotify " + FEED)
        .orElseThrow().outcome().startsWith("refused, not retried: GET "));
  }

  @Test
  void aNewInstanceWithAPendingNotificationSendsItOnce() throws Exception {
    services.answer("/podping/", 503);
    CloudEvent e = current(AFTER_THE_BURST);
    assertThrows(IllegalStateException.class, () -> function().accept(e));
    // The instance is gone; a new one gets the delivery again, and then a duplicate of it.
    NotifyFunction restarted = function();
    restarted.accept(e);
    restarted.accept(e);
    function().accept(e);
    assertEquals(2, services.receivedAt("/podping/").size(), "the 503, then once");
    assertEquals(1, services.receivedAt("/hub").size());
  }

  @Test
  void aRefusedConnectionIsRetriedAndADayLaterGivenUp() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    put("podcast.toml", Files.readString(EXAMPLE.resolve("podcast.toml")).replace(
        "[[persons]]", "[notify]\npodcastIndex = \"http://127.0.0.1:" + closed
            + "/pubnotify\"\n\n[[persons]]"));
    CloudEvent e = current(AFTER_THE_BURST);
    NotifyFunction function = function();
    assertThrows(IllegalStateException.class, () -> function.accept(e));
    clock.advance(FeedNotifier.GIVE_UP);
    function.accept(e); // given up on: acknowledged
    assertTrue(notified.read("podcastIndex http://127.0.0.1:" + closed + "/pubnotify " + FEED)
        .orElseThrow().outcome().startsWith("given up"));
  }

  /** {@code [notify] categories}: those category feeds name the hubs and are announced. */
  @Test
  void aCategoryFeedThatNotifyNamesIsAnnouncedAndAnotherIsNot() throws Exception {
    String toml = new String(source.get("podcast.toml").orElseThrow().content(),
        StandardCharsets.UTF_8).replace("[notify]\n", "[notify]\ncategories = [\"IoT\"]\n");
    new Publisher(source, site, new InMemoryEpisodeStore(), clock).finalized("podcast.toml",
        put("podcast.toml", toml));
    String iot = new String(site.get("categories/iot/feed.xml").orElseThrow().content(),
        StandardCharsets.UTF_8);
    assertTrue(iot.contains("rel=\"hub\"") && iot.contains("usesPodping"), iot);
    String wrapUp = new String(site.get("categories/wrap-up/feed.xml").orElseThrow().content(),
        StandardCharsets.UTF_8);
    assertFalse(wrapUp.contains("rel=\"hub\"") || wrapUp.contains("usesPodping"),
        "a feed nobody is told of names no hub");

    NotifyFunction function = function();
    for (String object : List.of("categories/iot/feed.xml", "categories/wrap-up/feed.xml")) {
      ObjectStore.StoredObject f = site.get(object).orElseThrow();
      function.accept(event(CONFIG.siteBucket(), object, f.generation(), f.content(),
          clock.instant().minus(AFTER_THE_BURST)));
    }
    String url = encoded(FEED.replace("/feed.xml", "/categories/iot/feed.xml"));
    assertEquals(List.of("/podping/?url=" + url + "&reason=update&medium=podcast"),
        services.receivedAt("/podping/").stream().map(LoopbackServices.Received::target)
            .toList());
    assertEquals(List.of("hub.mode=publish&hub.url=" + url), services.receivedAt("/hub").stream()
        .map(LoopbackServices.Received::body).toList());
    assertEquals(List.of("/pubnotify?url=" + url), services.receivedAt("/pubnotify").stream()
        .map(LoopbackServices.Received::target).toList());
  }

  @Test
  void otherObjectsBucketsAndEventsTellNobody() throws Exception {
    NotifyFunction function = function();
    byte[] page = site.get("index.html").orElseThrow().content();
    function.accept(event(CONFIG.siteBucket(), "index.html",
        site.generation("index.html").orElseThrow(), page, clock.instant().minusSeconds(9)));
    function.accept(event("another-bucket", "feed.xml", 1, feed(),
        clock.instant().minusSeconds(9)));
    function.accept(CloudEventBuilder.v1().withId("x").withSource(URI.create("//x"))
        .withType(FeedWrittenEvent.TYPE).withData("application/json",
            "{\"message\":{}}".getBytes(StandardCharsets.UTF_8)).build());
    assertEquals(List.of(), services.received());
    // Without [notify], nobody is told.
    put("podcast.toml", Files.readString(EXAMPLE.resolve("podcast.toml")));
    function.accept(current(AFTER_THE_BURST));
    assertEquals(List.of(), services.received());
  }
}
