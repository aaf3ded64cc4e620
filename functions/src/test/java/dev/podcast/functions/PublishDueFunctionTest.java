package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.Result;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PublishDueFunction} served by the Functions Framework over HTTP, on in-memory stores. */
class PublishDueFunctionTest {

  private static final Path SITE = Path.of("../shared/src/test/resources/site");
  private static final String OBJECT = "content/post/soon/index.md";

  /** The function as the framework makes it: by class, with a no-arg constructor. */
  public static final class Wired extends PublishDueFunction {
    static volatile Publisher next;

    public Wired() {
      super(Objects.requireNonNull(next, "set Wired.next before starting the server"));
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final InMemoryObjectStore source = new InMemoryObjectStore();
  private final FailingObjectStore site = new FailingObjectStore(new InMemoryObjectStore());
  private volatile Instant now = Instant.parse("2026-11-25T12:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private Publisher publisher;
  private FunctionServer server;

  @BeforeEach
  void start() throws Exception {
    source.put(new ObjectStore.Write("config.toml",
        Files.readAllBytes(SITE.resolve("config.toml")), "application/toml", ""));
    publisher = new Publisher(source, site, new InMemoryEpisodeStore(), clock);
    Wired.next = publisher;
    server = FunctionServer.http(Wired.class);
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private HttpResponse<String> send(String method) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri())
        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String feed() {
    return new String(site.get("feed.xml").orElseThrow().content(), StandardCharsets.UTF_8);
  }

  @Test
  void aScheduledEpisodeGoesLiveOnTheFirstCallAfterItsTimeAndOnlyOnce() throws Exception {
    String file = "+++\ntitle = \"Coming soon\"\ndate = \"2026-11-25T13:00:00Z\"\n"
        + "audioFile = \"https://cdn.example.com/soon.mp3\"\naudioSize = 10\n"
        + "audioDuration = \"00:01:00\"\ndescription = \"d\"\n+++\nNotes.\n";
    long generation = source.put(new ObjectStore.Write(OBJECT,
        file.getBytes(StandardCharsets.UTF_8), "text/markdown", ""));
    assertEquals(Result.Action.PUBLISHED, publisher.finalized(OBJECT, generation).outcome());
    assertFalse(feed().contains("Coming soon"));

    HttpResponse<String> early = send("POST");
    assertEquals(200, early.statusCode());
    assertEquals("{\"published\":0}", early.body());
    assertEquals("application/json; charset=utf-8",
        early.headers().firstValue("Content-Type").orElse(""));

    now = Instant.parse("2026-11-25T13:05:00Z");
    HttpResponse<String> due = send("GET");
    assertEquals("{\"published\":1}", due.body());
    assertTrue(feed().contains("<title>Coming soon</title>"));
    assertTrue(site.get("post/soon/index.html").isPresent());
    assertEquals("{\"published\":0}", send("POST").body(), "a second call has no effect");
  }

  @Test
  void anOutageIs503SoTheSchedulerRetries() throws Exception {
    String file = "+++\ntitle = \"Soon\"\ndate = \"2026-11-25T13:00:00Z\"\n"
        + "audioFile = \"https://cdn.example.com/soon.mp3\"\naudioSize = 10\n+++\nNotes.\n";
    publisher.finalized(OBJECT, source.put(new ObjectStore.Write(OBJECT,
        file.getBytes(StandardCharsets.UTF_8), "text/markdown", "")));
    now = Instant.parse("2026-11-26T00:00:00Z");
    site.down = true;
    HttpResponse<String> response = send("POST");
    assertEquals(503, response.statusCode());
    assertFalse(response.body().contains("Exception"), response.body());
    site.down = false;
    assertEquals("{\"published\":1}", send("POST").body(), "the retry publishes it");
  }

  @Test
  void otherMethodsAre405() throws Exception {
    HttpResponse<String> response = send("PUT");
    assertEquals(405, response.statusCode());
    assertEquals("GET, POST", response.headers().firstValue("Allow").orElse(""));
  }
}
