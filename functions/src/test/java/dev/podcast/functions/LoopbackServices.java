package dev.podcast.functions;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The services the notifications call, stood in for on 127.0.0.1: podping.cloud at
 * {@code /podping/}, a WebSub hub at {@code /hub}, the Podcast Index at {@code /pubnotify}. Each
 * request is recorded (method, path and query, {@code Authorization}, body); each path answers
 * the statuses a test queued for it in turn, then 200. Stops when closed.
 */
public final class LoopbackServices implements AutoCloseable {

  /** A request as it arrived. */
  public record Received(String method, String target, String authorization, String body) {}

  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final List<Received> received = java.util.Collections.synchronizedList(
      new ArrayList<>());
  private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();

  public LoopbackServices() throws Exception {
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback)
          throws Exception {
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        String path = request.getHttpURI().getPath();
        String query = request.getHttpURI().getQuery();
        received.add(new Received(request.getMethod(), path + (query == null ? "" : "?" + query),
            request.getHeaders().get("Authorization"), body));
        Deque<Integer> queued = answers.get(path);
        Integer status = queued == null ? null : queued.poll();
        response.setStatus(status == null ? 200 : status);
        response.write(true, java.nio.ByteBuffer.wrap("ok\n".getBytes(StandardCharsets.UTF_8)),
            callback);
        return true;
      }
    });
    server.setStopTimeout(0); // no graceful wait: a client's idle keep-alive connection is closed
    server.start();
  }

  /** The base URL, {@code http://127.0.0.1:PORT}. */
  public String base() {
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  /** {@code path} answers {@code statuses} to its next requests, then 200. */
  public void answer(String path, Integer... statuses) {
    answers.computeIfAbsent(path, p -> new java.util.concurrent.ConcurrentLinkedDeque<>())
        .addAll(List.of(statuses));
  }

  /** The requests so far, in order. */
  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The requests so far to {@code path}. */
  public List<Received> receivedAt(String path) {
    return received().stream().filter(r -> r.target().equals(path)
        || r.target().startsWith(path + "?")).toList();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the loopback services did not stop", e);
    }
  }
}
