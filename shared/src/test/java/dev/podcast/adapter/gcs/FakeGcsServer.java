package dev.podcast.adapter.gcs;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A loopback fake of the Cloud Storage JSON API, speaking exactly the subset that the
 * {@code google-cloud-storage} client uses for {@link GcsObjectStore}:
 *
 * <ul>
 *   <li>{@code POST /upload/storage/v1/b/{bucket}/o?uploadType=multipart} with optional
 *       {@code ifGenerationMatch} (0: must not exist): a {@code multipart/related} body of the
 *       object's JSON metadata and its bytes, maybe gzipped as a whole;
 *   <li>{@code GET /storage/v1/b/{bucket}/o/{object}}: metadata; with {@code alt=media} (also
 *       under {@code /download/storage/v1/...}): the bytes, of {@code generation} if given;
 *   <li>{@code DELETE /storage/v1/b/{bucket}/o/{object}} with optional {@code ifGenerationMatch};
 *   <li>{@code GET /storage/v1/b/{bucket}/o?prefix=...&pageToken=...}: a page of the listing.
 * </ul>
 *
 * <p>Custom {@code metadata} is kept as it was uploaded and sent back with the object's resource.
 * Buckets spring into existence on first use. Every write gets a new generation; a failed
 * precondition answers 412 and a missing object 404, with JSON error bodies as Cloud Storage
 * sends them. {@link #failNext} makes the next requests answer an error, to test retries.
 * Listens on 127.0.0.1 only, on a free port; {@link #close()} stops it.
 *
 * <p>Public, and shipped in shared's test jar, for the functions' tests too (the upload function
 * on the real Cloud Storage adapter).
 */
public final class FakeGcsServer implements AutoCloseable {

  private static final Gson GSON = new Gson();
  private static final Pattern OBJECT =
      Pattern.compile("^(?:/download)?/storage/v1/b/([^/]+)/o/(.+)$");
  private static final Pattern OBJECTS = Pattern.compile("^/storage/v1/b/([^/]+)/o/?$");
  private static final Pattern UPLOAD = Pattern.compile("^/upload/storage/v1/b/([^/]+)/o/?$");

  private record Stored(String name, byte[] content, long generation, String contentType,
      String cacheControl, JsonObject metadata, Instant updated) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);
  private final Map<String, NavigableMap<String, Stored>> buckets = new HashMap<>();
  private long lastGeneration = 1_700_000_000_000_000L;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus = 503;
  private volatile int pageSize = 2;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private FakeGcsServer(HttpServer server) {
    this.server = server;
  }

  /** Starts a fake on 127.0.0.1 and a free port. */
  public static FakeGcsServer start() throws IOException {
    // The JDK server writes headers and body apart; without TCP_NODELAY, Nagle's algorithm and
    // delayed ACKs hold every response ~40 ms. Read once, when the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeGcsServer fake = new FakeGcsServer(server);
    server.createContext("/", fake::handle);
    server.setExecutor(fake.executor);
    server.start();
    return fake;
  }

  /** The address to give the client as its host: {@code http://127.0.0.1:port}. */
  public String host() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next {@code count} requests answer {@code status} without touching any object. */
  public void failNext(int count, int status) {
    failureStatus = status;
    failuresLeft.set(count);
  }

  /** Listings answer at most this many names per page (small, so that paging is exercised). */
  public void pageSize(int size) {
    pageSize = size;
  }

  /** Every request so far, as {@code METHOD raw-path?raw-query}, oldest first. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** The cache control stored with {@code name}, if the object exists and has one. */
  public synchronized Optional<String> cacheControl(String bucket, String name) {
    return Optional.ofNullable(bucket(bucket).get(name)).map(Stored::cacheControl);
  }

  public void clearRequests() {
    requests.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      String method = exchange.getRequestMethod();
      requests.add(method + " " + path + (rawQuery == null ? "" : "?" + rawQuery));
      byte[] body = readBody(exchange);
      if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        error(exchange, failureStatus, failureStatus == 429 ? "rateLimitExceeded" : "backendError",
            failureStatus == 429 ? "The rate of change requests to the object is too high."
                : "Backend Error");
        return;
      }
      Map<String, String> query = query(rawQuery);
      Matcher m;
      if ((m = UPLOAD.matcher(path)).matches() && method.equals("POST")) {
        upload(exchange, m.group(1), query, body);
      } else if ((m = OBJECT.matcher(path)).matches() && method.equals("GET")) {
        String bucket = m.group(1);
        String name = decodePath(m.group(2));
        if ("media".equals(query.get("alt"))) {
          media(exchange, bucket, name, query);
        } else {
          metadata(exchange, bucket, name, query);
        }
      } else if ((m = OBJECT.matcher(path)).matches() && method.equals("DELETE")) {
        delete(exchange, m.group(1), decodePath(m.group(2)), query);
      } else if ((m = OBJECTS.matcher(path)).matches() && method.equals("GET")) {
        list(exchange, m.group(1), query);
      } else {
        error(exchange, 400, "invalid", "the fake does not implement " + method + " " + path);
      }
    } catch (RuntimeException e) {
      error(exchange, 500, "backendError", "fake failed: " + e);
    }
  }

  private void upload(HttpExchange exchange, String bucket, Map<String, String> query,
      byte[] body) throws IOException {
    if (!"multipart".equals(query.get("uploadType"))) {
      error(exchange, 400, "invalid", "the fake only takes uploadType=multipart");
      return;
    }
    List<byte[]> parts = multipart(exchange.getRequestHeaders().getFirst("Content-Type"), body);
    JsonObject meta = GSON.fromJson(new String(parts.get(0), StandardCharsets.UTF_8),
        JsonObject.class);
    String name = meta.has("name") ? meta.get("name").getAsString() : query.get("name");
    String contentType = meta.has("contentType") ? meta.get("contentType").getAsString()
        : "application/octet-stream";
    String cacheControl = meta.has("cacheControl") ? meta.get("cacheControl").getAsString() : null;
    JsonObject metadata = meta.has("metadata") && meta.get("metadata").isJsonObject()
        ? meta.getAsJsonObject("metadata") : null;
    Stored stored;
    synchronized (this) {
      NavigableMap<String, Stored> objects = bucket(bucket);
      if (!preconditionHolds(objects.get(name), query)) {
        preconditionFailed(exchange);
        return;
      }
      stored = new Stored(name, parts.get(1), ++lastGeneration, contentType, cacheControl,
          metadata, Instant.now());
      objects.put(name, stored);
    }
    json(exchange, 200, select(resource(bucket, stored), query.get("fields")));
  }

  private void metadata(HttpExchange exchange, String bucket, String name,
      Map<String, String> query) throws IOException {
    Stored stored;
    synchronized (this) {
      stored = bucket(bucket).get(name);
    }
    if (stored == null) {
      notFound(exchange, bucket, name);
    } else {
      json(exchange, 200, select(resource(bucket, stored), query.get("fields")));
    }
  }

  private void media(HttpExchange exchange, String bucket, String name, Map<String, String> query)
      throws IOException {
    Stored stored;
    synchronized (this) {
      stored = bucket(bucket).get(name);
    }
    // No versioning: only the live generation can be read.
    if (stored == null || (query.containsKey("generation")
        && Long.parseLong(query.get("generation")) != stored.generation())) {
      notFound(exchange, bucket, name);
      return;
    }
    if (!preconditionHolds(stored, query)) {
      preconditionFailed(exchange);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", stored.contentType());
    exchange.getResponseHeaders().set("x-goog-generation", Long.toString(stored.generation()));
    exchange.getResponseHeaders().set("x-goog-metageneration", "1");
    exchange.getResponseHeaders().set("x-goog-stored-content-length",
        Integer.toString(stored.content().length));
    send(exchange, 200, stored.content());
  }

  private void delete(HttpExchange exchange, String bucket, String name,
      Map<String, String> query) throws IOException {
    synchronized (this) {
      NavigableMap<String, Stored> objects = bucket(bucket);
      Stored stored = objects.get(name);
      if (stored == null) {
        notFound(exchange, bucket, name);
        return;
      }
      if (!preconditionHolds(stored, query)) {
        preconditionFailed(exchange);
        return;
      }
      objects.remove(name);
    }
    exchange.sendResponseHeaders(204, -1);
  }

  private void list(HttpExchange exchange, String bucket, Map<String, String> query)
      throws IOException {
    String prefix = query.getOrDefault("prefix", "");
    String after = query.get("pageToken");
    int max = Math.min(pageSize,
        Integer.parseInt(query.getOrDefault("maxResults", Integer.toString(pageSize))));
    JsonObject page = new JsonObject();
    page.addProperty("kind", "storage#objects");
    JsonArray items = new JsonArray();
    synchronized (this) {
      NavigableMap<String, Stored> objects = bucket(bucket);
      NavigableMap<String, Stored> matching = objects.tailMap(prefix, true);
      if (after != null) {
        matching = matching.tailMap(after, false);
      }
      String last = null;
      for (Stored stored : matching.values()) {
        if (!stored.name().startsWith(prefix)) {
          break;
        }
        if (items.size() == max) {
          page.addProperty("nextPageToken", last);
          break;
        }
        items.add(resource(bucket, stored));
        last = stored.name();
      }
    }
    if (!items.isEmpty()) {
      page.add("items", items);
    }
    json(exchange, 200, select(page, query.get("fields")));
  }

  private NavigableMap<String, Stored> bucket(String bucket) {
    return buckets.computeIfAbsent(bucket, b -> new TreeMap<>());
  }

  private static boolean preconditionHolds(Stored current, Map<String, String> query) {
    String expected = query.get("ifGenerationMatch");
    if (expected == null) {
      return true;
    }
    long currentGeneration = current == null ? 0 : current.generation();
    return Long.parseLong(expected) == currentGeneration;
  }

  private static JsonObject resource(String bucket, Stored stored) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", "storage#object");
    o.addProperty("id", bucket + "/" + stored.name() + "/" + stored.generation());
    o.addProperty("name", stored.name());
    o.addProperty("bucket", bucket);
    o.addProperty("generation", Long.toString(stored.generation()));
    o.addProperty("metageneration", "1");
    o.addProperty("contentType", stored.contentType());
    if (stored.cacheControl() != null) {
      o.addProperty("cacheControl", stored.cacheControl());
    }
    if (stored.metadata() != null) {
      o.add("metadata", stored.metadata().deepCopy());
    }
    o.addProperty("size", Integer.toString(stored.content().length));
    // RFC 3339 with milliseconds, as Cloud Storage writes it.
    String updated = stored.updated().truncatedTo(ChronoUnit.MILLIS).toString();
    o.addProperty("timeCreated", updated);
    o.addProperty("updated", updated);
    o.addProperty("storageClass", "STANDARD");
    return o;
  }

  /**
   * The partial response that {@code fields} asks for, in the slash form the client sends
   * ({@code bucket,name,generation}; {@code nextPageToken,items/name}); all of it when absent.
   */
  private static JsonObject select(JsonObject full, String fields) {
    if (fields == null || fields.isEmpty()) {
      return full;
    }
    if (fields.contains("(")) {
      throw new IllegalArgumentException("the fake does not parse fields=" + fields);
    }
    return select(full, List.of(fields.split(",")), "");
  }

  private static JsonObject select(JsonObject object, List<String> paths, String prefix) {
    JsonObject selected = new JsonObject();
    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
      String path = prefix + e.getKey();
      if (paths.contains(path)) {
        selected.add(e.getKey(), e.getValue());
      } else if (paths.stream().anyMatch(p -> p.startsWith(path + "/"))) {
        if (e.getValue().isJsonArray()) {
          JsonArray array = new JsonArray();
          for (JsonElement item : e.getValue().getAsJsonArray()) {
            array.add(select(item.getAsJsonObject(), paths, path + "/"));
          }
          selected.add(e.getKey(), array);
        } else {
          selected.add(e.getKey(), select(e.getValue().getAsJsonObject(), paths, path + "/"));
        }
      }
    }
    return selected;
  }

  private static void preconditionFailed(HttpExchange exchange) throws IOException {
    error(exchange, 412, "conditionNotMet",
        "At least one of the pre-conditions you specified did not hold.");
  }

  private static void notFound(HttpExchange exchange, String bucket, String name)
      throws IOException {
    error(exchange, 404, "notFound", "No such object: " + bucket + "/" + name);
  }

  /** An error as Cloud Storage sends it: {"error": {"code", "message", "errors": [...]}}. */
  private static void error(HttpExchange exchange, int status, String reason, String message)
      throws IOException {
    JsonObject detail = new JsonObject();
    detail.addProperty("domain", "global");
    detail.addProperty("reason", reason);
    detail.addProperty("message", message);
    JsonArray errors = new JsonArray();
    errors.add(detail);
    JsonObject error = new JsonObject();
    error.addProperty("code", status);
    error.addProperty("message", message);
    error.add("errors", errors);
    JsonObject body = new JsonObject();
    body.add("error", error);
    json(exchange, status, body);
  }

  private static void json(HttpExchange exchange, int status, JsonObject body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    send(exchange, status, GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    byte[] raw;
    try (InputStream in = exchange.getRequestBody()) {
      raw = in.readAllBytes();
    }
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        return in.readAllBytes();
      }
    }
    return raw;
  }

  /** The bodies of the parts of a {@code multipart/related} body, without their headers. */
  static List<byte[]> multipart(String contentType, byte[] body) {
    Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
    if (!m.find()) {
      throw new IllegalArgumentException("no boundary in " + contentType);
    }
    byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
    List<byte[]> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // the closing delimiter
      }
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        throw new IllegalArgumentException("unterminated multipart body");
      }
      // The part runs from after the delimiter line to the CRLF before the next delimiter.
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      int end = next;
      if (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') {
        end -= 2;
      }
      parts.add(Arrays.copyOfRange(body, headersEnd + 4, end));
      at = next;
    }
    return parts;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  /** Percent-decodes a path segment as UTF-8; unlike a form, '+' stays '+'. */
  static String decodePath(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < raw.length()) {
      if (raw.charAt(i) == '%' && i + 2 < raw.length()) {
        bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        int next = raw.indexOf('%', i + 1);
        int end = next < 0 ? raw.length() : next;
        bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
