package dev.podcast.cli;

import dev.podcast.adapter.local.FolderObjectStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.serve.FeedRequest;
import dev.podcast.serve.FeedResponder;
import dev.podcast.serve.FeedResponse;
import dev.podcast.webhook.WebhookHandler;
import dev.podcast.webhook.WebhookRequest;
import dev.podcast.webhook.WebhookResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The HTTP server of {@code podcast serve}, on the loopback address: the site folder (GET and
 * HEAD, {@code index.html} for folders, {@code 404.html} when missing), the feeds ({@link
 * FeedResponder}, as the feed function serves them) and the CMS webhook ({@link WebhookHandler}).
 *
 * <p>Jetty's core server: it parses requests without a thread (a thread runs only once the
 * headers are in), reads the webhook's body without one, and writes responses without one, so
 * no number of slow clients can hold the threads the feed and the webhook need. The bounds
 * ({@link Bounds}; {@code serve}'s in {@link Bounds#SERVE}):
 *
 * <ul>
 *   <li>header (10 s): a connection waits that long for a request's headers (looked at once a
 *       second), whether it sends a byte at a time or nothing at all; then it gets a {@code 408}
 *       if part of a request came, and is closed. Nothing sent or received for the idle bound (15 s) closes it too.
 *   <li>body (30 s): the webhook's body must be in within that time, and pause no longer than
 *       the idle bound, else {@code 408}.
 *   <li>request line and headers: 8 KiB ({@code 414} or {@code 431} beyond).
 *   <li>a webhook body over its limit is answered {@code 413} with {@code Connection: close} as
 *       soon as the declared length or the bytes read say so, and our side of the connection
 *       ended after it; the rest of the body is read and discarded, without a thread, until the
 *       client goes, has sent it all or 256 MiB more, or the body bound passes, so the client
 *       sees the 413, not a reset connection.
 * </ul>
 *
 * <p>Every request gets an answer it can read: a path that can name no site file is {@code 400}
 * with a line of text, one Jetty refuses ({@code ..} above the root, bad encodings, ambiguous
 * segments) is a {@code 4xx} with a line of text, and anything a route throws, {@code Error}s
 * included, is logged (its type and message, never a header or a body) and answered {@code 500}
 * ({@code 503} when the site folder cannot be read). Thread-safe; {@link #close} stops it.
 */
final class LocalHttpServer implements AutoCloseable {

  /**
   * The time bounds: {@code header}, how long a connection waits for the headers of its next
   * request (from its opening, and from the end of each response); {@code idle}, how long it may
   * send and receive nothing (longer than {@code header}, so a request cut short gets its 408);
   * {@code body}, how long the webhook's body may take, from its headers to its last byte.
   */
  record Bounds(Duration header, Duration idle, Duration body) {
    /** What {@code podcast serve} uses. */
    static final Bounds SERVE = new Bounds(Duration.ofSeconds(10), Duration.ofSeconds(15),
        Duration.ofSeconds(30));

    Bounds {
      if (header.isNegative() || header.isZero() || idle.compareTo(header) <= 0
          || body.isNegative() || body.isZero()) {
        throw new IllegalArgumentException("bounds must be positive, idle over header: "
            + header + ", " + idle + ", " + body);
      }
    }
  }

  /** Threads running requests whose headers are in; slow clients hold none. */
  static final int MAX_THREADS = 32;
  /** The longest request path served: longer ones name no site file. */
  static final int MAX_PATH_LENGTH = 1024;
  /** The longest segment of a path, in UTF-8 bytes (what file systems allow). */
  static final int MAX_SEGMENT_BYTES = 255;

  private static final String TEXT = "text/plain; charset=utf-8";
  /**
   * Jetty's records reach java.util.logging: its warnings, not its start-up lines. Held here:
   * java.util.logging keeps its loggers weakly, and with them their level.
   */
  private static final java.util.logging.Logger JETTY_LOG = quiet("org.eclipse.jetty");

  private final Server server;
  private final ServerConnector connector;
  private final HeaderDeadlines deadlines;

  private LocalHttpServer(Server server, ServerConnector connector, HeaderDeadlines deadlines) {
    this.server = server;
    this.connector = connector;
    this.deadlines = deadlines;
  }

  /**
   * Starts serving {@code site}, {@code feeds} and {@code webhooks} (at {@code webhookPath}, whose
   * bodies are read up to {@code maxBodyBytes} and one more) on 127.0.0.1:{@code port} (0: a
   * free one), within {@code bounds}.
   *
   * @throws Exception when the port cannot be bound
   */
  static LocalHttpServer start(Bounds bounds, int port, ObjectStore site, FeedResponder feeds,
      String webhookPath, WebhookHandler webhooks, long maxBodyBytes, LocalEvents.Log log)
      throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
    threads.setName("serve-http");
    threads.setDaemon(true);
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, 1, 1,
        new HttpConnectionFactory(http));
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(port);
    connector.setIdleTimeout(bounds.idle().toMillis());
    HeaderDeadlines deadlines = new HeaderDeadlines(bounds.header());
    connector.addEventListener(deadlines);
    server.addConnector(connector);
    server.setHandler(new Routes(site, feeds, webhookPath, webhooks, maxBodyBytes, bounds, log,
        deadlines));
    server.setErrorHandler(new PlainErrors());
    server.setStopTimeout(2_000);
    server.start();
    deadlines.start(server.getScheduler());
    return new LocalHttpServer(server, connector, deadlines);
  }

  /** The port it listens on. */
  int port() {
    return connector.getLocalPort();
  }

  /** Stops it: open connections are closed. */
  @Override
  public void close() {
    // Ctrl-C interrupts the serve loop's thread; Jetty's stop joins its threads.
    boolean interrupted = Thread.interrupted();
    try {
      deadlines.stop();
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the HTTP server did not stop", e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A response of one line of text. */
  private static void text(Response response, Callback callback, int status, String line,
      boolean close) {
    response.setStatus(status);
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, TEXT);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    if (close) {
      headers.put(HttpHeader.CONNECTION, "close");
    }
    byte[] body = (line + "\n").getBytes(StandardCharsets.UTF_8);
    headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /** {@code 10 s}, {@code 1.5 s}. */
  private static String seconds(Duration duration) {
    return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros()
        .toPlainString() + " s";
  }

  /** {@code text} with anything but printable ASCII replaced, cut to 200 characters. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(200).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return out.toString();
  }

  /**
   * The name of the site object that request path {@code path} asks for ({@code /} is {@code
   * index.html}, {@code /a/} is {@code a/index.html}); empty when the path can name no site file:
   * longer than {@link #MAX_PATH_LENGTH}, with an empty, {@code .} or {@code ..} segment, a
   * segment over {@link #MAX_SEGMENT_BYTES} bytes, a backslash, or a control or format
   * character.
   */
  static Optional<String> siteName(String path) {
    if (path == null || path.isEmpty() || path.charAt(0) != '/'
        || path.length() > MAX_PATH_LENGTH || path.indexOf('\\') >= 0
        || path.codePoints().anyMatch(c -> Character.isISOControl(c)
            || Character.getType(c) == Character.FORMAT)) {
      return Optional.empty();
    }
    String name = path.substring(1) + (path.endsWith("/") ? "index.html" : "");
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
          || segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        return Optional.empty();
      }
    }
    return Optional.of(name);
  }

  /** The routes, each request answered whatever happens. */
  private static final class Routes extends Handler.Abstract {

    private final ObjectStore site;
    private final FeedResponder feeds;
    private final String webhookPath;
    private final WebhookHandler webhooks;
    private final long maxBodyBytes;
    private final Bounds bounds;
    private final LocalEvents.Log log;
    private final HeaderDeadlines deadlines;

    Routes(ObjectStore site, FeedResponder feeds, String webhookPath, WebhookHandler webhooks,
        long maxBodyBytes, Bounds bounds, LocalEvents.Log log, HeaderDeadlines deadlines) {
      this.site = site;
      this.feeds = feeds;
      this.webhookPath = webhookPath;
      this.webhooks = webhooks;
      this.maxBodyBytes = maxBodyBytes;
      this.bounds = bounds;
      this.log = log;
      this.deadlines = deadlines;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Callback done = callback;
      String path = "";
      try {
        done = deadlines.handling(request, callback);
        if (done == null) {
          return true; // its header deadline passed as the headers came: a 408 is on its way
        }
        path = Request.getPathInContext(request);
        if (feeds.answers(path)) {
          serveFeed(request, response, done, path);
        } else if (path.startsWith(webhookPath)) {
          readWebhook(request, response, done, path);
        } else {
          serveFile(request, response, done, path);
        }
      } catch (Throwable failure) {
        failed(response, done, path, failure);
      }
      return true;
    }

    /**
     * Logs {@code failure} (its type and message only) and answers, if it still can, 503 for an
     * outage of the site folder, 500 for anything else.
     */
    private void failed(Response response, Callback callback, String path, Throwable failure) {
      log.line("ERROR", "request failed: " + failure.getClass().getName() + ": "
          + printable(String.valueOf(failure.getMessage())), printable(path), "", "ERROR",
          System.nanoTime());
      if (response.isCommitted()) {
        callback.failed(failure);
      } else if (failure instanceof ObjectStore.StoreUnavailableException) {
        response.reset();
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        text(response, callback, 503, "Service unavailable: the site folder cannot be read;"
            + " retry", true);
      } else {
        response.reset();
        text(response, callback, 500, "Internal server error: the serve log has the cause",
            true);
      }
    }

    private void serveFeed(Request request, Response response, Callback callback, String path) {
      HttpFields headers = request.getHeaders();
      FeedResponse answer = feeds.respond(new FeedRequest(request.getMethod(), path,
          header(headers, "If-None-Match"), header(headers, "If-Modified-Since"),
          header(headers, "Accept-Encoding")));
      response.setStatus(answer.status());
      answer.headers().forEach(response.getHeaders()::put);
      response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    /** Every line of header {@code name}, joined; empty when absent. */
    private static String header(HttpFields headers, String name) {
      return String.join(", ", headers.getValuesList(name));
    }

    private void serveFile(Request request, Response response, Callback callback, String path) {
      String method = request.getMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        text(response, callback, 405, "Method not allowed: use GET or HEAD", false);
        return;
      }
      Optional<String> name = siteName(path);
      if (name.isEmpty()) {
        text(response, callback, 400, "Bad request: not a path of this site", false);
        return;
      }
      int status = 200;
      Optional<ObjectStore.StoredObject> object;
      try {
        object = FolderObjectStore.isHidden(name.get()) ? Optional.empty() : site.get(name.get());
        if (object.isEmpty() && !path.endsWith("/")
            && siteName(path + "/").filter(n -> !FolderObjectStore.isHidden(n)).isPresent()) {
          object = site.get(name.get() + "/index.html");
        }
      } catch (IllegalArgumentException refused) {
        // A name the folder store refuses (outside the folder, through a link): not a site file.
        text(response, callback, 400, "Bad request: not a path of this site", false);
        return;
      }
      if (object.isEmpty()) {
        status = 404;
        object = site.get("404.html");
      }
      if (object.isEmpty()) {
        text(response, callback, 404, "Not found", false);
        return;
      }
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, object.get().contentType());
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
      // The site is public: web players on other origins read its transcripts and chapters, as
      // the bucket's CORS configuration lets them.
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
      byte[] body = object.get().content();
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The webhook: its body read without a thread, up to the limit and one byte more. */
    private void readWebhook(Request request, Response response, Callback callback,
        String path) {
      if (!path.equals(webhookPath)) {
        text(response, callback, 404, "Not found", false);
        return;
      }
      long declared = request.getLength();
      if (declared > maxBodyBytes || !request.getMethod().equals("POST")) {
        // The handler answers from the headers alone (413, 405): nothing to read.
        answerWebhook(request, response, callback, new byte[0], declared);
        return;
      }
      new Body(request, response, callback, declared).start();
    }

    /** Hands the webhook's request to its handler and writes what it answers; one log line. */
    private void answerWebhook(Request request, Response response, Callback callback,
        byte[] body, long declared) {
      long start = System.nanoTime();
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (HttpField field : request.getHeaders()) {
        headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
      }
      WebhookResponse out = webhooks.handle(new WebhookRequest(request.getMethod(), headers,
          declared < 0 ? OptionalLong.empty() : OptionalLong.of(declared),
          new ByteArrayInputStream(body)));
      response.setStatus(out.status());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, out.contentType());
      out.headers().forEach(response.getHeaders()::put);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.body().length);
      if (out.status() == HttpStatus.PAYLOAD_TOO_LARGE_413) {
        // The rest of the body is not wanted, but closing while the client still sends would
        // reset the connection, and a reset drops the answer before the client reads it. So
        // the answer is sent whole and our side of the connection ended (a lingering close):
        // the client reads the answer to its end; what it still sends is read and dropped
        // until it goes, or has sent it all, or DISCARD_BYTES more, or the body bound passes.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(false, ByteBuffer.wrap(out.body()), Callback.from(() -> {
          request.getConnectionMetaData().getConnection().getEndPoint().shutdownOutput();
          new Discard(request, response, callback).start();
        }, callback::failed));
      } else {
        response.write(true, ByteBuffer.wrap(out.body()), callback);
      }
      log.line(out.status() >= 500 ? "ERROR" : out.status() >= 400 ? "WARNING" : "INFO",
          "webhook: " + out.message(), out.object(), out.slug(), out.outcome(), start);
    }

    /**
     * The rest of a request body nobody wants, read as it arrives (no thread waits for it) and
     * dropped; the response ends when the body does, or when the client goes (a read that
     * fails, the idle bound included).
     */
    private final class Discard implements Runnable {

      /** The most bytes of an unwanted body read after its 413 before the connection goes. */
      private static final long DISCARD_BYTES = 256L << 20;

      private final Request request;
      private final Response response;
      private final Callback callback;
      private final AtomicBoolean done = new AtomicBoolean();
      private volatile Scheduler.Task deadline;
      private long dropped;

      Discard(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
      }

      void start() {
        // A client that trickles its body for ever is let go after the body bound.
        deadline = request.getComponents().getScheduler().schedule(() -> fail(
            new TimeoutException("the rest of the body is still coming")), bounds.body());
        run();
      }

      @Override
      public void run() {
        try {
          while (!done.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
              request.demand(this);
              return;
            }
            if (Content.Chunk.isFailure(chunk)) {
              fail(chunk.getFailure()); // the client is gone: nothing more to say
              return;
            }
            boolean last = chunk.isLast();
            dropped += chunk.remaining();
            chunk.release();
            if (dropped > DISCARD_BYTES) {
              fail(new IllegalStateException("over " + DISCARD_BYTES + " bytes after a 413"));
              return;
            }
            if (last && finish()) {
              response.write(true, null, callback);
              return;
            }
          }
        } catch (Throwable failure) {
          fail(failure);
        }
      }

      private boolean finish() {
        boolean first = done.compareAndSet(false, true);
        if (first && deadline != null) {
          deadline.cancel();
        }
        return first;
      }

      private void fail(Throwable failure) {
        if (finish()) {
          callback.failed(failure);
        }
      }
    }

    /**
     * The webhook's body, read as it arrives (on demand: no thread waits for it), up to the
     * limit and one byte more, within the body bound; then the handler runs.
     */
    private final class Body implements Runnable {

      private final Request request;
      private final Response response;
      private final Callback callback;
      private final long declared;
      private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      private final AtomicBoolean answered = new AtomicBoolean();
      private volatile Scheduler.Task deadline;

      Body(Request request, Response response, Callback callback, long declared) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.declared = declared;
      }

      void start() {
        deadline = request.getComponents().getScheduler().schedule(this::expired,
            bounds.body());
        run();
      }

      /** Reads what has arrived; asks to be called again when more does. */
      @Override
      public void run() {
        try {
          while (!answered.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
              request.demand(this);
              return;
            }
            if (Content.Chunk.isFailure(chunk)) {
              if (answer()) {
                if (chunk.getFailure() instanceof TimeoutException) {
                  // The idle bound: nothing of the body came for that long.
                  timedOut("stopped for " + seconds(bounds.idle()));
                } else {
                  text(response, callback, 400, "Bad request: the body could not be read",
                      true);
                }
              }
              return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int wanted = (int) Math.min(buffer.remaining(), maxBodyBytes + 1 - bytes.size());
            byte[] part = new byte[wanted];
            buffer.get(part);
            bytes.write(part, 0, wanted);
            boolean last = chunk.isLast();
            chunk.release();
            if ((last || bytes.size() > maxBodyBytes) && answer()) {
              answerWebhook(request, response, callback, bytes.toByteArray(), declared);
              return;
            }
          }
        } catch (Throwable failure) {
          if (answer()) {
            failed(response, callback, webhookPath, failure);
          }
        }
      }

      /** Whether this call is the one that answers (the body, a failure or the deadline). */
      private boolean answer() {
        boolean first = answered.compareAndSet(false, true);
        if (first && deadline != null) {
          deadline.cancel();
        }
        return first;
      }

      private void expired() {
        if (answered.compareAndSet(false, true)) {
          timedOut("did not arrive within " + seconds(bounds.body()));
        }
      }

      private void timedOut(String what) {
        try {
          log.line("WARNING", "webhook: the body " + what, "", "", "request-timeout",
              System.nanoTime());
          text(response, callback, 408, "Request timeout: the body " + what, true);
        } catch (Throwable failure) {
          callback.failed(failure);
        }
      }
    }
  }

  /**
   * The header deadline: each connection, from its opening and from the end of each response,
   * has the header bound to bring the headers of its next request; a connection still
   * waiting then is closed, after a {@code 408} when part of a request came. Checked once a
   * second, without a thread per connection.
   */
  private static final class HeaderDeadlines implements Connection.Listener {

    private static final int WAITING = 0;
    private static final int HANDLING = 1;
    private static final int EXPIRED = 2;

    private final Duration timeout;
    /** Written as it is: no request was parsed, so no response is being generated. */
    private final byte[] requestTimeout;

    /** A connection's wait: since when, and how many bytes it had brought by then. */
    private static final class Wait {
      final AtomicInteger state = new AtomicInteger(WAITING);
      volatile long sinceNanos = System.nanoTime();
      volatile long bytesBefore;
    }

    private final Map<Connection, Wait> waits = new ConcurrentHashMap<>();
    private volatile Scheduler scheduler;
    private volatile boolean running;

    HeaderDeadlines(Duration timeout) {
      this.timeout = timeout;
      String body = "Request timeout: the headers did not arrive within " + seconds(timeout)
          + "\n";
      requestTimeout = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: " + TEXT
          + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
          .getBytes(StandardCharsets.US_ASCII);
    }

    void start(Scheduler scheduler) {
      this.scheduler = scheduler;
      running = true;
      scheduler.schedule(this::sweep, Duration.ofSeconds(1));
    }

    void stop() {
      running = false;
    }

    @Override
    public void onOpened(Connection connection) {
      waits.put(connection, new Wait());
    }

    @Override
    public void onClosed(Connection connection) {
      waits.remove(connection);
    }

    /**
     * The callback to complete {@code request}'s response with, which starts the connection's
     * next wait; null when the connection's deadline passed first (it is being closed).
     */
    Callback handling(Request request, Callback callback) {
      Connection connection = request.getConnectionMetaData().getConnection();
      Wait wait = waits.get(connection);
      if (wait == null) {
        return callback;
      }
      if (!wait.state.compareAndSet(WAITING, HANDLING)) {
        return null; // the 408 is being written; the connection closes after it
      }
      return Callback.from(callback, () -> {
        wait.bytesBefore = connection.getBytesIn();
        wait.sinceNanos = System.nanoTime();
        wait.state.set(WAITING);
      });
    }

    private void sweep() {
      if (!running) {
        return;
      }
      try {
        long now = System.nanoTime();
        waits.forEach((connection, wait) -> {
          if (now - wait.sinceNanos > timeout.toNanos()
              && wait.state.compareAndSet(WAITING, EXPIRED)) {
            expire(connection, wait);
          }
        });
      } finally {
        scheduler.schedule(this::sweep, Duration.ofSeconds(1));
      }
    }

    private void expire(Connection connection, Wait wait) {
      EndPoint endPoint = connection.getEndPoint();
      if (connection.getBytesIn() <= wait.bytesBefore) {
        connection.close(); // an idle keep-alive connection, or one that never said a word
        return;
      }
      try {
        // The answer, then the end of our side; a second later, whatever the client still sends,
        // the connection.
        endPoint.write(Callback.from(() -> {
          endPoint.shutdownOutput();
          scheduler.schedule(endPoint::close, Duration.ofSeconds(1));
        }, failure -> endPoint.close()), ByteBuffer.wrap(requestTimeout));
      } catch (RuntimeException busy) {
        endPoint.close();
      }
    }
  }

  /** Jetty's own refusals (bad URIs, headers too large, ...) as a line of text. */
  private static final class PlainErrors extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      int status = response.getStatus() >= 400 ? response.getStatus() : 500;
      Object message = request.getAttribute(ERROR_MESSAGE);
      String reason = HttpStatus.getMessage(status);
      text(response, callback, status, status + " " + reason + (message == null
          || message.toString().equals(reason) ? "" : ": " + printable(message.toString())),
          status >= 500 || status == 408 || status == 413 || status == 431);
      return true;
    }
  }
}
