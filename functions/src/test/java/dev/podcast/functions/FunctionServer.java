package dev.podcast.functions;

import com.google.cloud.functions.invoker.BackgroundFunctionExecutor;
import com.google.cloud.functions.invoker.HttpFunctionExecutor;
import java.net.URI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A function served over HTTP by the Functions Framework's own request handlers (the ones its
 * {@code Invoker} installs: CloudEvent decoding in binary and structured mode, status codes,
 * error handling), on a Jetty connector bound to 127.0.0.1 and a free port chosen by the OS.
 *
 * <p>Not {@code Invoker.startTestServer()} itself: the invoker 2.0.0 binds every interface and
 * takes a fixed port, with no way to choose the host; tests serve on the loopback only.
 *
 * <p>The framework instantiates the function class by name with its no-arg constructor, as the
 * platform does. Stop the server with {@link #stop()}.
 */
final class FunctionServer {

  private final Server server;
  private final ServerConnector connector;

  private FunctionServer(Handler handler) throws Exception {
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(handler);
    server.start();
  }

  /** Serves a {@code CloudEventsFunction} (signature type {@code cloudevent}). */
  static FunctionServer cloudEvents(Class<?> function) throws Exception {
    return new FunctionServer(BackgroundFunctionExecutor.forClass(function));
  }

  /** Serves an {@code HttpFunction} (signature type {@code http}). */
  static FunctionServer http(Class<?> function) throws Exception {
    return new FunctionServer(HttpFunctionExecutor.forClass(function));
  }

  /** {@code http://127.0.0.1:PORT/}. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
  }

  /** Stops the server and frees its port. */
  void stop() throws Exception {
    server.stop();
  }
}
