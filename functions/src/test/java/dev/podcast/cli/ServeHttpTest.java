package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code podcast serve}'s HTTP server against what an attacker sends: more slow connections than
 * it has threads (the feed and the webhook still answer at once), request paths the site cannot
 * have (each a 4xx with a line of text, never a dropped connection), and webhook bodies far over
 * the limit (a 413 the client reads while it is still sending).
 */
class ServeHttpTest {

  private static final String EPISODE = """
      {"type": "episode.published", "data": {"slug": "episode-401-while-under-attack",
       "episode": {"title": "Published while slow clients hold connections",
         "date": "2020-05-02", "audioFile": "Google.Cloud.Platform.Podcast.Episode.401.mp3",
         "audioSize": 1234567, "audioDuration": "00:30:00", "description": "By webhook."}}}
      """;

  private final HttpClient http = HttpClient.newHttpClient();

  private static RunningServe serve(Path work) throws Exception {
    Path source = LocalSites.copy(LocalSites.EXAMPLE, work.resolve("source"));
    return RunningServe.start(source, work.resolve("site"),
        Map.of("PODCAST_WEBHOOK_SECRET", SignedWebhooks.SECRET));
  }

  private static int port(RunningServe serve) {
    return URI.create(serve.base()).getPort();
  }

  @Test
  void moreSlowClientsThanThreadsNeverStarveTheFeedOrTheWebhook(@TempDir Path work)
      throws Exception {
    try (RunningServe serve = serve(work)) {
      int port = port(serve);
      List<Socket> slow = new ArrayList<>();
      try {
        // Three kinds, each as many as the server has threads: headers a byte short of their
        // end, a webhook whose body stops after a few bytes, and a large response never read.
        for (int i = 0; i < LocalHttpServer.MAX_THREADS; i++) {
          Socket headers = RawHttp.open(port, 10_000);
          RawHttp.send(headers, "GET /feed.xml HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + i);
          Socket body = RawHttp.open(port, 10_000);
          RawHttp.send(body, "POST /webhooks/cms HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"type\":");
          Socket reader = RawHttp.open(port, 10_000);
          reader.setReceiveBufferSize(1024);
          RawHttp.send(reader, "GET /feed.xml HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".repeat(50));
          slow.addAll(List.of(headers, body, reader));
        }
        for (int round = 0; round < 3; round++) {
          // Functional bounds: answered within 2 s while 3 x 32 slow clients hold connections.
          CompletableFuture<HttpResponse<String>> feed = http.sendAsync(
              HttpRequest.newBuilder(URI.create(serve.base() + "/feed.xml")).build(),
              HttpResponse.BodyHandlers.ofString());
          HttpResponse<String> answer = feed.get(2, TimeUnit.SECONDS);
          assertEquals(200, answer.statusCode());
          assertTrue(answer.body().contains("<rss"), answer.body());
          HttpResponse<String> webhook = http.sendAsync(
              SignedWebhooks.signed(serve.base(), "msg_under_attack_" + round, EPISODE),
              HttpResponse.BodyHandlers.ofString()).get(2, TimeUnit.SECONDS);
          assertEquals(200, webhook.statusCode(), webhook.body());
          assertTrue(webhook.body().contains(round == 0 ? "\"written\"" : "\"unchanged\""),
              webhook.body());
        }
        assertTrue(Files.isRegularFile(work.resolve(
            "source/content/post/episode-401-while-under-attack/index.md")));
      } finally {
        for (Socket socket : slow) {
          socket.close();
        }
      }
    }
  }

  @Test
  void everyPathTheSiteCannotHaveGetsAReadable4xx(@TempDir Path work) throws Exception {
    try (RunningServe serve = serve(work)) {
      int port = port(serve);
      // A folder of the site that is a link out of it: the folder store refuses its files.
      Files.createSymbolicLink(work.resolve("site/linked"), Path.of("/etc"));
      List<String> paths = List.of("/../../etc/passwd", "/a/../../etc/passwd", "/%2e%2e/x",
          "/..%2f..%2fetc/passwd", "/a\\b", "/a%5cb", "/a%00b", "/a%01b", "/a\u0001b", "/%ZZ",
          "/%c0%ae%c0%ae/", "//etc/passwd", "/post/" + "a".repeat(300) + "/",
          "/" + "a/".repeat(600), "/" + "a".repeat(10_000), "/feed.xml/", "/feed.xml/x.png", "/index.html/x",
          "/.podcast/state.json", "/.podcast/webhooks.json", "/post/.hidden",
          "/linked/passwd", "/webhooks/cms/x", "*", "/post/\u202e/");
      for (String path : paths) {
        RawHttp.Answer answer = RawHttp.exchange(port, ("GET " + path + " HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        String shown = path.length() > 60 ? path.substring(0, 60) + "..." : path;
        assertTrue(answer.status() >= 400 && answer.status() < 500, shown + ": "
            + answer.status());
        assertTrue(!answer.body().isBlank(), shown + ": no body");
        assertTrue(answer.header("Content-Type").startsWith("text/"), shown + ": "
            + answer.header("Content-Type"));
      }
      // Control characters in the request line itself, and no request line at all.
      for (byte[] request : List.of(
          "GET /a\u0001 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
          "GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
          ("GET / HTTP/1.1\r\nHost: x\r\nX: " + "a".repeat(20_000) + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII))) {
        RawHttp.Answer answer = RawHttp.exchange(port, request);
        assertTrue(answer.status() >= 400 && answer.status() < 500, "" + answer.status());
        assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
        assertTrue(answer.body().startsWith(answer.status() + " "), answer.body());
      }
      // The site itself is served as before.
      assertEquals(200, RawHttp.exchange(port, ("GET /post/episode-37-gke-1-3-with-carter-morgan/"
          + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII)).status());
      assertTrue(!serve.log().contains("request failed"), serve.log());
    }
  }

  @Test
  void aWebhookBodyOverTheLimitIsA413TheClientReadsWhileItIsStillSending(@TempDir Path work)
      throws Exception {
    try (RunningServe serve = serve(work)) {
      byte[] huge = new byte[64 << 20]; // 64 MiB; the limit is 5 MiB
      URI webhook = URI.create(serve.base() + ServeCommand.WEBHOOK_PATH);
      // Declared, and chunked (the JDK client sends a stream of unknown length chunked).
      for (HttpRequest.BodyPublisher body : List.of(HttpRequest.BodyPublishers.ofByteArray(huge),
          HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))) {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(webhook)
            .header("Content-Type", "application/json").POST(body).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json",
            response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("payload-too-large"), response.body());
      }
      // A client that reads while it sends sees the 413 before it has sent a tenth.
      Socket socket = RawHttp.open(port(serve), 10_000);
      RawHttp.send(socket, "POST /webhooks/cms HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      long[] sent = new long[1];
      Thread sender = new Thread(() -> {
        byte[] chunk = ("10000\r\n" + " ".repeat(0x10000) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        try {
          while (sent[0] < 1L << 30) {
            RawHttp.send(socket, chunk);
            sent[0] += 0x10000;
          }
        } catch (IOException closed) {
          // the server closed the connection after the client read its answer
        }
      });
      try {
        sender.start();
        RawHttp.Answer answer = RawHttp.read(socket);
        assertEquals(413, answer.status(), answer.body());
        assertTrue(answer.body().contains("payload-too-large"), answer.body());
        assertEquals("close", answer.header("Connection"));
        assertTrue(sent[0] < 100L << 20, "sent " + sent[0]);
      } finally {
        socket.close();
        sender.join(10_000);
      }
      assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(serve.base() + "/feed.xml"))
          .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
      assertTrue(serve.log().contains("\"outcome\":\"payload-too-large\""), serve.log());
    }
  }
}
