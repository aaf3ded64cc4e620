package dev.podcast.serve;

import dev.podcast.port.ObjectStore;
import dev.podcast.site.ContentTypes;
import dev.podcast.site.SitePaths;
import dev.podcast.text.Hashes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.zip.GZIPOutputStream;

/**
 * Answers HTTP requests for the feeds (see {@link FeedPaths}) from the objects the pipeline wrote
 * to the site store; a request never renders a feed, except once for a new show whose main feed
 * was never written (then {@link Regenerator#regenerateAll()} renders every feed from the records
 * and stores it, and the request is served from the store), unless the regenerator is
 * {@link Regenerator#NONE}.
 *
 * <ul>
 *   <li>{@code GET} and {@code HEAD} (the same headers, no body); any other method on a feed
 *       {@code 405} with {@code Allow: GET, HEAD}; a path that is no feed, or a feed that does
 *       not exist, {@code 404}.
 *   <li>A strong {@code ETag} (the content's SHA-256, with {@code -gzip} for the gzip encoding)
 *       and {@code Last-Modified} (the object's {@code updated} time). {@code If-None-Match}
 *       answers {@code 304} when it names either encoding's tag (or is {@code *}); only without
 *       it, {@code If-Modified-Since} answers {@code 304} when the feed is not newer (RFC 9110).
 *   <li>{@code Access-Control-Allow-Origin: *}: web players on other origins read feeds;
 *   <li>gzip when {@code Accept-Encoding} accepts it; {@code Vary: Accept-Encoding};
 *       {@code Cache-Control: public, max-age=N}; {@code Content-Type} with
 *       {@code charset=utf-8} ({@code application/rss+xml}, {@code application/feed+json}).
 *   <li>A store outage answers {@code 503} with {@code Retry-After}, any other failure
 *       {@code 500}; the body says so in a sentence, never with a stack trace. Failures go to
 *       the failure listener for the log.
 * </ul>
 *
 * <p>A warm instance keeps each feed's bytes, their gzip and their tags per object generation,
 * and per request only asks the store for the generation; with a {@code recheck} interval it asks
 * at most once per interval per feed, so a new feed may be answered with the previous one for
 * at most that long after it was written (on top of what {@code max-age} lets clients keep).
 * The cache holds one version of each feed that exists. Thread-safe: one instance serves all
 * requests of a function instance.
 */
public final class FeedResponder {

  /** Renders every feed from the records and stores it: {@code Publisher::regenerateAll}. */
  @FunctionalInterface
  public interface Regenerator {
    /**
     * Renders nothing: a missing main feed is a {@code 404}, and the responder only reads the
     * site. For a responder that may not write the site (the feed function: its account can read
     * site objects and nothing else, see {@code infra/iam.tf}).
     */
    Regenerator NONE = () -> { };

    /** Renders and writes the feeds; throws when it cannot (an outage, no configuration). */
    void regenerateAll();
  }

  /** The longest {@code max-age} accepted: one year, as RFC 9111 advises. */
  public static final Duration MAX_MAX_AGE = Duration.ofDays(365);

  /** After a regeneration, how long before a request may start another one. */
  public static final Duration REGENERATION_PAUSE = Duration.ofSeconds(30);

  /** {@code Retry-After} of a {@code 503}, in seconds. */
  static final String RETRY_AFTER_SECONDS = "5";

  private static final String ALLOW = "GET, HEAD";
  private static final int LOCK_STRIPES = 64;
  private static final byte[] EMPTY = new byte[0];

  private final ObjectStore site;
  private final java.util.concurrent.Executor compressor;
  private final Regenerator regenerator;
  private final String cacheControl;
  private final long recheckMillis;
  private final Clock clock;
  private final BiConsumer<String, RuntimeException> failures;

  private final ConcurrentHashMap<String, Feed> cache = new ConcurrentHashMap<>();
  private final Object[] locks = new Object[LOCK_STRIPES];
  private final Object regenerating = new Object();
  private long lastRegeneration = Long.MIN_VALUE; // guarded by regenerating

  /**
   * A responder on {@code site}.
   *
   * @param regenerator renders the feeds when the main feed is missing
   * @param maxAge the {@code max-age} of {@code Cache-Control}, 0 to one year, whole seconds
   * @param recheck how long a feed's generation, once checked, is trusted without asking the
   *     store again: {@link Duration#ZERO} asks on every request
   * @param clock the time, for the recheck interval and to ignore dates in the future
   * @param failures told of every failure ({@code path}, exception), to log it
   * @throws IllegalArgumentException when {@code maxAge} or {@code recheck} is out of range
   */
  public FeedResponder(ObjectStore site, Regenerator regenerator, Duration maxAge,
      Duration recheck, Clock clock, BiConsumer<String, RuntimeException> failures) {
    this(site, regenerator, maxAge, recheck, clock, failures, Runnable::run);
  }

  /**
   * As above, compressing each new generation of a feed on {@code compressor}: until its gzip is
   * ready, requests that accept gzip are answered with the identity encoding (its own
   * {@code ETag}, {@code Vary: Accept-Encoding}), so a new feed is served as soon as it is read,
   * not after its compression (about 75 ms for a 3.6 MB feed).
   */
  public FeedResponder(ObjectStore site, Regenerator regenerator, Duration maxAge,
      Duration recheck, Clock clock, BiConsumer<String, RuntimeException> failures,
      java.util.concurrent.Executor compressor) {
    this(site, regenerator, maxAge, recheck, clock, failures, compressor, List::of);
  }

  /**
   * As above, also answering the show's old feed addresses ({@code oldFeedPaths}, as
   * {@code oldFeedPaths} gives them now: {@code /index.xml}, {@code /feed/}) with the main feed
   * written there ({@link SitePaths#oldFeedFile}), as RSS, with the same validators and
   * {@code 304}s: subscribers of a show's earlier address keep their subscription.
   */
  public FeedResponder(ObjectStore site, Regenerator regenerator, Duration maxAge,
      Duration recheck, Clock clock, BiConsumer<String, RuntimeException> failures,
      java.util.concurrent.Executor compressor,
      java.util.function.Supplier<? extends java.util.Collection<String>> oldFeedPaths) {
    this.oldFeedPaths = Objects.requireNonNull(oldFeedPaths, "oldFeedPaths");
    this.compressor = Objects.requireNonNull(compressor, "compressor");
    this.site = Objects.requireNonNull(site, "site");
    this.regenerator = Objects.requireNonNull(regenerator, "regenerator");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.compareTo(MAX_MAX_AGE) > 0 || maxAge.getNano() != 0) {
      throw new IllegalArgumentException("max-age must be 0 to " + MAX_MAX_AGE.toSeconds()
          + " whole seconds: " + maxAge);
    }
    this.cacheControl = "public, max-age=" + maxAge.toSeconds();
    Objects.requireNonNull(recheck, "recheck");
    if (recheck.isNegative() || recheck.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("recheck must be 0 to 60 s: " + recheck);
    }
    this.recheckMillis = recheck.toMillis();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.failures = Objects.requireNonNull(failures, "failures");
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * An executor for compression: one daemon thread of its own, so that compressing a new feed
   * never holds up the common pool that publishing renders on.
   */
  public static java.util.concurrent.Executor backgroundCompressor() {
    return java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "feed-gzip");
      thread.setDaemon(true);
      thread.setPriority(Thread.MIN_PRIORITY);
      return thread;
    });
  }

  private final java.util.function.Supplier<? extends java.util.Collection<String>> oldFeedPaths;

  /**
   * Whether {@code path} is a feed this responder answers: a feed path ({@link FeedPaths}) or
   * one of the show's old feed addresses. What a server asks before it hands a request here.
   */
  public boolean answers(String path) {
    return FeedPaths.isFeed(path) || oldFeedObject(path).isPresent();
  }

  /** The object of the old feed address {@code path}, if it is one of the show's. */
  private Optional<String> oldFeedObject(String path) {
    if (path == null || path.length() > FeedPaths.MAX_LENGTH || !oldFeedPaths.get().contains(path)) {
      return Optional.empty();
    }
    return Optional.of(SitePaths.oldFeedFile(path).substring(1));
  }

  /** The response to {@code request}; never throws for a failure of the store or the renderer. */
  public FeedResponse respond(FeedRequest request) {
    Optional<String> name = FeedPaths.objectName(request.path())
        .or(() -> oldFeedObject(request.path()));
    if (name.isEmpty()) {
      return text(404, "No feed at this address.\n");
    }
    boolean head = request.method().equals("HEAD");
    if (!head && !request.method().equals("GET")) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Allow", ALLOW);
      headers.put("Content-Type", "text/plain; charset=utf-8");
      headers.put("Cache-Control", "no-store");
      return new FeedResponse(405, headers, ("Method " + request.method()
          + " is not allowed: use GET or HEAD.\n").getBytes(StandardCharsets.UTF_8));
    }
    try {
      Optional<Feed> feed = feed(name.get());
      if (feed.isEmpty() && newShow()) {
        feed = feed(name.get());
      }
      if (feed.isEmpty()) {
        return text(404, "No feed at this address.\n");
      }
      return answer(feed.get(), request, head);
    } catch (ObjectStore.StoreUnavailableException outage) {
      failures.accept(request.path(), outage);
      FeedResponse busy = text(503, "The feed is unavailable for a moment; try again.\n");
      Map<String, String> headers = new LinkedHashMap<>(busy.headers());
      headers.put("Retry-After", RETRY_AFTER_SECONDS);
      return new FeedResponse(503, headers, busy.body());
    } catch (RuntimeException failure) {
      failures.accept(request.path(), failure);
      return text(500, "The feed could not be served.\n");
    }
  }

  /** 200 or 304 for {@code feed}. */
  private FeedResponse answer(Feed feed, FeedRequest request, boolean head) {
    byte[] compressed = feed.gzip.getNow(null);
    boolean gzip = compressed != null && HttpHeaders.acceptsGzip(request.acceptEncoding());
    String etag = gzip ? feed.gzipEtag : feed.etag;
    Optional<String> notModified = notModified(feed, request, etag);
    Map<String, String> headers = new LinkedHashMap<>(12);
    // Web players fetch feeds from other origins; a feed is public, so any origin may read it.
    headers.put("Access-Control-Allow-Origin", "*");
    if (notModified.isPresent()) {
      headers.put("ETag", notModified.get());
      headers.put("Last-Modified", feed.lastModified);
      headers.put("Cache-Control", cacheControl);
      headers.put("Vary", "Accept-Encoding");
      return new FeedResponse(304, headers, EMPTY);
    }
    byte[] body = gzip ? compressed : feed.identity;
    headers.put("Content-Type", feed.contentType);
    if (gzip) {
      headers.put("Content-Encoding", "gzip");
    }
    headers.put("Content-Length", Integer.toString(body.length));
    headers.put("ETag", etag);
    headers.put("Last-Modified", feed.lastModified);
    headers.put("Cache-Control", cacheControl);
    headers.put("Vary", "Accept-Encoding");
    return new FeedResponse(200, headers, head ? EMPTY : body);
  }

  /**
   * The tag to answer {@code 304} with, when the request's conditions say the client has the
   * feed: If-None-Match when present (either encoding's tag, the selected one preferred, since
   * both are the same content), otherwise If-Modified-Since.
   */
  private Optional<String> notModified(Feed feed, FeedRequest request, String selected) {
    if (!request.ifNoneMatch().isBlank()) {
      String other = selected.equals(feed.etag) ? feed.gzipEtag : feed.etag;
      return HttpHeaders.matching(request.ifNoneMatch(), selected, other);
    }
    String since = request.ifModifiedSince();
    if (since.isBlank()) {
      return Optional.empty();
    }
    if (since.equals(feed.lastModified)) {
      return Optional.of(selected); // the usual case: the client echoes Last-Modified
    }
    Optional<Instant> date = HttpHeaders.parseDate(since);
    // A date in the future is invalid (RFC 9110, 13.1.3): ignored.
    if (date.isEmpty() || date.get().isAfter(clock.instant())
        || feed.updated.isAfter(date.get())) {
      return Optional.empty();
    }
    return Optional.of(selected);
  }

  /**
   * The feed stored as {@code name}, from the cache when its generation is still the store's
   * (checked at most once per recheck interval), else read and cached; empty when there is none.
   */
  private Optional<Feed> feed(String name) {
    long now = clock.millis();
    Feed cached = cache.get(name);
    if (cached != null && now - cached.checkedAt < recheckMillis) {
      return Optional.of(cached);
    }
    Optional<Long> generation = site.generation(name);
    if (generation.isEmpty()) {
      if (cached != null) {
        cache.remove(name, cached);
      }
      return Optional.empty();
    }
    if (cached != null && cached.generation == generation.get()) {
      cached.checkedAt = now;
      return Optional.of(cached);
    }
    // One reader per feed at a time: a new generation is read and compressed once, not by every
    // request that arrives meanwhile.
    synchronized (locks[Math.floorMod(name.hashCode(), LOCK_STRIPES)]) {
      Feed loaded = cache.get(name);
      if (loaded != null && loaded != cached && loaded.generation == generation.get()) {
        return Optional.of(loaded);
      }
      Optional<ObjectStore.StoredObject> object = site.get(name);
      if (object.isEmpty()) {
        cache.remove(name);
        return Optional.empty();
      }
      // An old feed address's file (feed/index.html) holds the main feed: RSS whatever its name.
      Feed fresh = new Feed(object.get(), FeedPaths.isFeed("/" + name) ? ContentTypes.of(name)
          : ContentTypes.RSS, now, compressor);
      cache.put(name, fresh);
      return Optional.of(fresh);
    }
  }

  /**
   * Whether the feed a request did not find is to be looked up again: when the main feed does
   * not exist (a new show, never rendered), renders every feed from the records once and returns
   * true; true as well when the main feed exists by now (another request's regeneration may
   * have written the one asked for since it was looked up); false when a regeneration ran less
   * than {@link #REGENERATION_PAUSE} ago, or the regenerator is {@link Regenerator#NONE}.
   * Concurrent requests wait for the one regeneration.
   */
  private boolean newShow() {
    if (regenerator == Regenerator.NONE) {
      return false;
    }
    if (feed(FeedPaths.MAIN_FEED).isPresent()) {
      return true;
    }
    synchronized (regenerating) {
      if (site.generation(FeedPaths.MAIN_FEED).isPresent()) {
        return true; // another request regenerated meanwhile
      }
      long now = clock.millis();
      if (lastRegeneration != Long.MIN_VALUE
          && now - lastRegeneration < REGENERATION_PAUSE.toMillis()) {
        return false;
      }
      lastRegeneration = now;
      regenerator.regenerateAll();
      return true;
    }
  }

  private static FeedResponse text(int status, String message) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "text/plain; charset=utf-8");
    headers.put("Cache-Control", "no-store");
    return new FeedResponse(status, headers, message.getBytes(StandardCharsets.UTF_8));
  }

  /** One generation of a feed, with what every response needs worked out once. */
  private static final class Feed {
    final long generation;
    final byte[] identity;
    /** The gzip encoding, once compressed (null if compression failed: identity is served). */
    final java.util.concurrent.CompletableFuture<byte[]> gzip;
    final String etag;
    final String gzipEtag;
    final String contentType;
    final Instant updated;
    final String lastModified;
    volatile long checkedAt;

    Feed(ObjectStore.StoredObject object, String contentType, long checkedAt,
        java.util.concurrent.Executor compressor) {
      this.generation = object.generation();
      this.identity = object.content();
      this.gzip = java.util.concurrent.CompletableFuture
          .supplyAsync(() -> gzip(identity), compressor)
          .exceptionally(failure -> null);
      String hash = Hashes.sha256(identity).substring(0, 32);
      this.etag = '"' + hash + '"';
      this.gzipEtag = '"' + hash + "-gzip\"";
      this.contentType = contentType;
      this.updated = object.updated().truncatedTo(ChronoUnit.SECONDS);
      this.lastModified = HttpHeaders.date(updated);
      this.checkedAt = checkedAt;
    }

    private static byte[] gzip(byte[] bytes) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
      try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
        gzip.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // not from memory
      }
      return out.toByteArray();
    }
  }
}
