package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PublishDueFunction} served by the Functions Framework over HTTP. */
class PublishDueFunctionTest {

  /** The function as the framework makes it: by class, with a no-arg constructor. */
  public static final class Wired extends PublishDueFunction {
    public Wired() {
      super(new FunctionsConfig("show-source", "show-site", "default"));
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private FunctionServer server;

  @BeforeEach
  void start() throws Exception {
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

  @Test
  void getAndPostAnswerWhatWasPublished() throws Exception {
    for (String method : new String[] {"GET", "POST"}) {
      HttpResponse<String> response = send(method);
      assertEquals(200, response.statusCode(), method);
      assertEquals("{\"published\":0}", response.body(), method);
      assertEquals("application/json; charset=utf-8",
          response.headers().firstValue("Content-Type").orElse(""), method);
    }
  }

  @Test
  void otherMethodsAre405() throws Exception {
    HttpResponse<String> response = send("PUT");
    assertEquals(405, response.statusCode());
    assertEquals("GET, POST", response.headers().firstValue("Allow").orElse(""));
  }
}
