package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.parse.TestCorpus;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.testing.HostileInputs;
import dev.podcast.testing.HostileInputs.Input;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The hostile files of issue 11 uploaded one after another, each announced to the upload function
 * by a real CloudEvent through the Functions Framework's handlers: every event is acknowledged
 * (a content problem is never retried), the last good feed stays live, the next good episode is
 * published, and nothing is logged with a stack trace.
 */
class HostileUploadsTest {

  /** The attack pass's examples and 100 mutations of the bundled real episodes. */
  private static final List<Input> INPUTS = HostileInputs.all(TestCorpus.episodes(
      Path.of("../shared/src/test/resources/corpus")), 100);

  private static final Path SITE = Path.of("../shared/src/test/resources/site");
  private static final FunctionsConfig CONFIG =
      new FunctionsConfig("show-source", "show-site", "default");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"),
      ZoneOffset.UTC);

  /** The function as the framework makes it: by class, with a no-arg constructor. */
  public static final class Wired extends UploadFunction {
    static volatile Publisher next;

    public Wired() {
      super(Objects.requireNonNull(next, "set Wired.next before starting the server"), CONFIG);
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final InMemoryObjectStore source = new InMemoryObjectStore();
  private final InMemoryObjectStore site = new InMemoryObjectStore();
  private final InMemoryEpisodeStore store = new InMemoryEpisodeStore();

  @Test
  void noHostileUploadStopsTheFunctionTheFeedOrTheNextEpisode() throws Exception {
    source.put(new ObjectStore.Write("config.toml", Files.readAllBytes(
        SITE.resolve("config.toml")), "application/toml", ""));
    Wired.next = new Publisher(source, site, store, CLOCK);
    FunctionServer server;
    try {
      server = FunctionServer.cloudEvents(Wired.class);
    } finally {
      Wired.next = null;
    }
    List<LogRecord> thrown = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getThrown() != null) {
          thrown.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger.getLogger("").addHandler(handler);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      assertEquals(200, upload(server, "content/post/good-first/index.md",
          HostileInputs.goodEpisode("Good first")));
      for (Input input : INPUTS) {
        if (input.object().contains("\n")) {
          continue; // Cloud Storage refuses object names with line breaks: no such event comes
        }
        int status = upload(server, input.object(), input.bytes());
        assertTrue(status >= 200 && status < 300, input + ": acknowledged, got " + status);
        assertTrue(feed().contains("<title>Good first</title>"), input + ": the last good feed");
      }
      assertEquals(200, upload(server, "content/post/good-last/index.md",
          HostileInputs.goodEpisode("Good last")));
      assertTrue(feed().contains("<title>Good last</title>"), "the next good episode");
    } finally {
      System.setOut(out);
      System.setErr(err);
      Logger.getLogger("").removeHandler(handler);
      server.stop();
    }
    assertEquals(List.of(), thrown.stream().map(r -> r.getMessage() + ": " + r.getThrown())
        .toList(), "logged with a stack trace");
    String log = printed.toString(StandardCharsets.UTF_8);
    assertTrue(!log.contains("\tat ") && !log.contains("Exception in thread"), log);
    assertTrue(INPUTS.stream().map(i -> store.source(i.object()))
        .filter(r -> r.isPresent() && r.get().outcome() == EpisodeStore.Outcome.REJECTED)
        .count() > 20, "content problems are recorded as outcomes");
  }

  private int upload(FunctionServer server, String object, byte[] bytes) throws Exception {
    long generation = source.put(new ObjectStore.Write(object, bytes, "text/markdown", ""));
    JsonObject data = StorageEvents.data(CONFIG.sourceBucket(), object, generation,
        "text/markdown", bytes.length, "2026-11-25T11:59:59.123Z");
    HttpResponse<String> response = http.send(StorageEvents.request(server.uri(),
        "google.cloud.storage.object.v1.finalized", CONFIG.sourceBucket(), object, data,
        "2026-11-25T12:00:00.000Z"), HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  private String feed() {
    return new String(site.get("feed.xml").orElseThrow().content(), StandardCharsets.UTF_8);
  }
}
