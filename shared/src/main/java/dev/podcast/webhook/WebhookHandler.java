package dev.podcast.webhook;

import com.google.gson.JsonObject;
import dev.podcast.parse.FrontMatterFlag;
import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParseResult;
import dev.podcast.port.ObjectStore;
import dev.podcast.port.ObjectStore.StoreUnavailableException;
import dev.podcast.port.WebhookReceipts;
import dev.podcast.problem.Problem;
import dev.podcast.publish.ShowContexts;
import dev.podcast.show.ShowConfigReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The CMS webhook use case, {@code POST /webhooks/cms}: authenticate, read the payload, write the
 * canonical episode file into the source bucket ({@code content/post/<slug>/index.md}) or delete
 * it; the publish pipeline reacts to that object as to any upload, so there is one path to
 * publication and the bucket stays the record. The recipe:
 *
 * <ol>
 *   <li>{@code 405} unless POST; {@code 503} when no secret is configured (never unsigned);
 *   <li>{@code 413} when {@code Content-Length} is over the limit, {@code 415} unless the content
 *       type is JSON ({@code application/json} or any {@code application/*+json}), {@code 413}
 *       when the body turns out larger (read up to the limit and no further);
 *   <li>{@code 401} unless {@link StandardWebhooks} finds it authentic (a missing, malformed or
 *       wrong signature, a timestamp more than 5 minutes away);
 *   <li>{@code 200 {"outcome":"duplicate"}} when its {@code webhook-id} was handled before;
 *   <li>{@code 400} with an RFC 9457 problem document whose {@code errors} name the payload field
 *       when the payload is malformed or the episode it describes fails the parser (the same
 *       checks as uploads, with the show's {@code config.toml});
 *   <li>the effect, then the receipt ({@link #RECEIPT_TTL}), then {@code 200} with the outcome.
 * </ol>
 *
 * <p>Nothing is written on any error. <b>Receipts are recorded after the effect</b>, never before:
 * a delivery whose bucket write fails (answered {@code 503}, retried by the sender) has left no
 * receipt, so its retry is not mistaken for a duplicate and no event is lost. The effect itself is
 * idempotent (an episode file identical to the one in the bucket is not written again; deleting
 * what is gone is done), so a retry after the write succeeded but the receipt failed, or two
 * deliveries of one id at the same moment, end in the same bucket state. The price: a replay of a
 * delivery that failed halfway is applied again, which is the delivery it was.
 *
 * <p>Outages of the bucket or the receipts are {@code 503} (the sender retries); anything else
 * unexpected is {@code 500}. Thread-safe; keeps the show's parser and CMS mapping until
 * {@code config.toml} or {@code podcast.toml} changes.
 */
public final class WebhookHandler {

  /** How long a delivery's id is remembered. Senders retry for hours; replays are 5-minute. */
  public static final Duration RECEIPT_TTL = Duration.ofHours(24);
  /** The content type of the episode files written. */
  public static final String EPISODE_CONTENT_TYPE = "text/markdown; charset=utf-8";
  /**
   * The path the webhook is answered on: by {@code podcast serve}, and by the webhook function
   * behind the show's load balancer ({@code infra/lb.tf}).
   */
  public static final String PATH = "/webhooks/cms";
  /** Where the slug of each CMS entry is remembered, in the source bucket. */
  public static final String ENTRY_INDEX = ".podcast/cms/";
  /**
   * The folder of the episode files written: {@link #objectOf} is this, the slug, and
   * {@link #EPISODE_FILE}. What the webhook writes is only these and {@link #ENTRY_INDEX}'s
   * objects (the IAM conditions of {@code infra/iam.tf} allow nothing else).
   */
  public static final String EPISODE_FOLDER = "content/post/";
  /** The name of each episode file written, in its slug's folder. */
  public static final String EPISODE_FILE = "/index.md";

  private static final String JSON = "application/json";

  private final Optional<WebhookSecrets> secrets;
  private final long maxBodyBytes;
  private final ObjectStore source;
  private final WebhookReceipts receipts;
  private final Clock clock;
  private final ShowContexts contexts;
  private volatile Cached cached;

  /**
   * @param secrets the accepted secrets; empty means webhooks are disabled (every request is
   *     {@code 503})
   * @param maxBodyBytes the largest body accepted
   * @param source the source bucket
   * @param receipts the deliveries handled
   * @param contexts the show's contexts of {@code source}, shared with its publisher where there
   *     is one: the episode is checked with the parser the pipeline will read it with
   */
  public WebhookHandler(Optional<WebhookSecrets> secrets, long maxBodyBytes, ObjectStore source,
      WebhookReceipts receipts, Clock clock, ShowContexts contexts) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBodyBytes must be 1 to 2^31 - 9");
    }
    this.maxBodyBytes = maxBodyBytes;
    this.source = Objects.requireNonNull(source, "source");
    this.receipts = Objects.requireNonNull(receipts, "receipts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.contexts = Objects.requireNonNull(contexts, "contexts");
  }

  /** The object name of {@code slug}'s episode file. */
  public static String objectOf(String slug) {
    return EPISODE_FOLDER + slug + EPISODE_FILE;
  }

  /** Handles one request; never throws. */
  public WebhookResponse handle(WebhookRequest request) {
    if (!request.method().equals("POST")) {
      return problem(405, "method-not-allowed", "Method not allowed",
          "use POST", Map.of("Allow", "POST"), "method " + request.method());
    }
    if (secrets.isEmpty()) {
      return problem(503, "webhooks-disabled", "Webhooks are disabled",
          "no signing secret is configured: set PODCAST_WEBHOOK_SECRET to one or more "
              + WebhookSecrets.PREFIX + " secrets; unsigned requests are never accepted",
          Map.of(), "no secret configured");
    }
    if (request.contentLength().isPresent() && request.contentLength().getAsLong() > maxBodyBytes) {
      return tooLarge("Content-Length " + request.contentLength().getAsLong());
    }
    String contentType = request.header("Content-Type").orElse("");
    if (!isJson(contentType)) {
      drain(request);
      return problem(415, "unsupported-media-type", "Unsupported media type",
          "the body must be JSON (application/json, or a type such as"
              + " application/vnd.contentful.management.v1+json); got '"
              + CmsPayloads.printable(contentType) + "'",
          Map.of("Accept-Post", JSON), "content type " + CmsPayloads.printable(contentType));
    }
    byte[] body;
    try {
      body = request.body().readNBytes((int) maxBodyBytes + 1);
    } catch (IOException e) {
      return problem(400, "unreadable-body", "The body could not be read", e.getMessage() == null
          ? "the connection failed" : e.getMessage(), Map.of(), "unreadable body");
    }
    if (body.length > maxBodyBytes) {
      return tooLarge("a body of more than " + maxBodyBytes + " bytes");
    }
    StandardWebhooks.Verdict verdict = new StandardWebhooks(secrets.get(), clock).verify(
        request.header("webhook-id").orElse(null),
        request.header("webhook-timestamp").orElse(null),
        request.header("webhook-signature").orElse(null), body);
    if (verdict instanceof StandardWebhooks.Rejected rejected) {
      return problem(401, "unauthorized", "The request is not signed with a webhook secret",
          rejected.reason(), Map.of(), rejected.reason());
    }
    String id = ((StandardWebhooks.Authentic) verdict).id();
    try {
      return authentic(id, request, body);
    } catch (StoreUnavailableException e) {
      return problem(503, "store-unavailable", "Storage is unavailable",
          "the source bucket or the receipts could not be reached; nothing was lost: retry the"
              + " delivery", Map.of("Retry-After", "30"), "retry: " + e.getMessage());
    } catch (RuntimeException e) {
      return problem(500, "internal-error", "Internal error",
          "the webhook could not be handled; the function's log has the cause", Map.of(),
          "failed: " + e);
    }
  }

  private WebhookResponse authentic(String id, WebhookRequest request, byte[] body) {
    Instant now = clock.instant();
    if (receipts.seen(id, now)) {
      JsonObject o = new JsonObject();
      o.addProperty("outcome", "duplicate");
      o.addProperty("detail", "webhook-id " + id + " was handled before: no second effect");
      return ok(o, "duplicate", "", "", "duplicate delivery " + id);
    }
    Context context;
    try {
      context = context();
    } catch (IllegalArgumentException misconfigured) {
      return problem(500, "misconfigured", "The show's configuration is invalid",
          misconfigured.getMessage(), Map.of(), "misconfigured: " + misconfigured.getMessage());
    }
    Applied applied;
    CmsEvent event;
    try {
      event = CmsPayloads.read(body, request.header("X-Contentful-Topic"), context.cms());
      applied = apply(event, context);
    } catch (PayloadException e) {
      boolean episode = e.kind() == PayloadException.Kind.INVALID_EPISODE;
      WebhookResponse response = problem(400, episode ? "invalid-episode" : "invalid-payload",
          episode ? "The payload cannot become a valid episode" : "The payload is malformed",
          e.getMessage(), Map.of(), e.getMessage(), e.errors());
      return response;
    }
    receipts.firstSeen(id, now, now.plus(RECEIPT_TTL));
    JsonObject o = new JsonObject();
    o.addProperty("outcome", applied.outcome());
    if (!applied.slug().isEmpty()) {
      o.addProperty("slug", applied.slug());
    }
    if (!applied.object().isEmpty()) {
      o.addProperty("object", applied.object());
    }
    if (applied.generation() > 0) {
      o.addProperty("generation", applied.generation());
    }
    o.addProperty("detail", applied.detail());
    if (!applied.warnings().isEmpty()) {
      o.add("warnings", ProblemDocument.errors(applied.warnings()));
    }
    return ok(o, applied.outcome(), applied.slug(), applied.object(),
        event.format() + ": " + applied.detail());
  }

  // ---- The effect ----

  private record Applied(String outcome, String slug, String object, long generation,
      String detail, List<FieldError> warnings) {}

  private Applied apply(CmsEvent event, Context context) throws PayloadException {
    if (event instanceof CmsEvent.Write w) {
      return write(w, context);
    }
    if (event instanceof CmsEvent.Unpublish u) {
      return unpublish(u, context);
    }
    if (event instanceof CmsEvent.Delete d) {
      return delete(d);
    }
    return new Applied("ignored", "", "", 0, ((CmsEvent.Ignore) event).reason(), List.of());
  }

  private Applied write(CmsEvent.Write w, Context context) throws PayloadException {
    String object = objectOf(w.slug());
    EpisodeSource episode = w.source();
    Optional<String> flagged = FrontMatterFlag.draft(episode.text(), w.draft());
    if (flagged.isEmpty()) {
      invalid(object, episode, context); // front matter the parser cannot read: its errors
      throw new PayloadException(PayloadException.Kind.INVALID_EPISODE, episode.wholeField()
          + ": its draft flag cannot be set to " + w.draft() + "; write draft = " + w.draft()
          + " in its front matter", List.of(new FieldError(episode.wholeField(), 0, 0,
              "wrong-type", "the draft flag cannot be set; write draft = " + w.draft())));
    }
    // What a CMS sends never gets raw HTML as written, whatever the site allows its authors.
    Optional<String> marked = FrontMatterFlag.set(flagged.get(), FrontMatterFlag.CMS, true);
    if (marked.isEmpty()) {
      throw new PayloadException(PayloadException.Kind.INVALID_EPISODE, episode.wholeField()
          + ": its cms flag cannot be set to true; leave cms out of its front matter",
          List.of(new FieldError(episode.wholeField(), 0, 0, "wrong-type",
              "the cms flag cannot be set; leave cms out")));
    }
    episode = episode.withText(marked.get());
    List<FieldError> warnings = invalid(object, episode, context);
    Optional<String> previousSlug = w.entryKey().flatMap(this::slugOf)
        .filter(old -> !old.equals(w.slug()));
    Applied applied = put(object, w.slug(), episode.text().getBytes(StandardCharsets.UTF_8),
        w.draft() ? "unpublished" : "written", warnings);
    if (w.entryKey().isPresent()) {
      remember(w.entryKey().get(), w.slug());
      // The entry's slug changed: its old file goes, or the show would list it twice.
      if (previousSlug.isPresent() && source.delete(objectOf(previousSlug.get()))) {
        return new Applied(applied.outcome(), applied.slug(), applied.object(),
            applied.generation(), applied.detail() + "; the entry's old file "
                + objectOf(previousSlug.get()) + " was deleted", warnings);
      }
    }
    return applied;
  }

  private Applied unpublish(CmsEvent.Unpublish u, Context context) throws PayloadException {
    Optional<String> slug = resolve(u.target());
    if (slug.isEmpty()) {
      return unknownEntry(u.target());
    }
    String object = objectOf(slug.get());
    Optional<ObjectStore.StoredObject> current = source.get(object);
    if (current.isEmpty()) {
      return new Applied("absent", slug.get(), object, 0, "there is no " + object
          + " to unpublish", List.of());
    }
    EpisodeSource episode = EpisodeSource.file(
        new String(current.get().content(), StandardCharsets.UTF_8), object);
    Optional<String> flagged = FrontMatterFlag.draft(episode.text(), true);
    if (flagged.isEmpty()) {
      throw new PayloadException(PayloadException.Kind.INVALID_EPISODE, object
          + ": its draft flag cannot be set; unpublish it by editing the file",
          List.of(new FieldError(object, 0, 0, "wrong-type", "the draft flag cannot be set")));
    }
    episode = episode.withText(flagged.get());
    List<FieldError> warnings = invalid(object, episode, context);
    return put(object, slug.get(), episode.text().getBytes(StandardCharsets.UTF_8),
        "unpublished", warnings);
  }

  private Applied delete(CmsEvent.Delete d) {
    Optional<String> slug = resolve(d.target());
    if (slug.isEmpty()) {
      return unknownEntry(d.target());
    }
    String object = objectOf(slug.get());
    boolean deleted = source.delete(object);
    d.target().entryKey().ifPresent(key -> source.delete(ENTRY_INDEX + key));
    return deleted ? new Applied("deleted", slug.get(), object, 0, "deleted " + object, List.of())
        : new Applied("absent", slug.get(), object, 0, object + " was already gone", List.of());
  }

  /** Writes unless the bucket already holds these bytes (idempotent). */
  private Applied put(String object, String slug, byte[] content, String outcome,
      List<FieldError> warnings) {
    Optional<ObjectStore.StoredObject> current = source.get(object);
    if (current.isPresent() && Arrays.equals(current.get().content(), content)) {
      return new Applied("unchanged", slug, object, current.get().generation(),
          object + " already holds this episode", warnings);
    }
    long generation = source.put(new ObjectStore.Write(object, content, EPISODE_CONTENT_TYPE, ""));
    return new Applied(outcome, slug, object, generation, outcome + " " + object, warnings);
  }

  /**
   * Parses {@code episode} as the pipeline will; throws its errors naming the payload fields,
   * returns its warnings.
   */
  private List<FieldError> invalid(String object, EpisodeSource episode, Context context)
      throws PayloadException {
    ParseResult parsed = context.parser().parse(object,
        episode.text().getBytes(StandardCharsets.UTF_8));
    if (parsed.hasErrors()) {
      List<FieldError> errors = parsed.problems().stream().filter(Problem::isError)
          .map(episode::error).toList();
      throw new PayloadException(PayloadException.Kind.INVALID_EPISODE,
          errors.size() + (errors.size() == 1 ? " error" : " errors") + " in the episode: "
              + errors.get(0).field() + ": " + errors.get(0).message(), errors);
    }
    return parsed.problems().stream().map(episode::error).toList();
  }

  private Optional<String> resolve(CmsEvent.Target target) {
    return target.slug().isPresent() ? target.slug() : slugOf(target.entryKey().orElseThrow());
  }

  /** The slug remembered for a CMS entry; empty when it was never published here. */
  private Optional<String> slugOf(String entryKey) {
    return source.get(ENTRY_INDEX + entryKey)
        .map(o -> new String(o.content(), StandardCharsets.UTF_8).strip())
        .filter(s -> CmsPayloads.SLUG.matcher(s).matches());
  }

  private void remember(String entryKey, String slug) {
    byte[] content = (slug + "\n").getBytes(StandardCharsets.UTF_8);
    Optional<ObjectStore.StoredObject> current = source.get(ENTRY_INDEX + entryKey);
    if (current.isEmpty() || !Arrays.equals(current.get().content(), content)) {
      source.put(new ObjectStore.Write(ENTRY_INDEX + entryKey, content,
          "text/plain; charset=utf-8", ""));
    }
  }

  private static Applied unknownEntry(CmsEvent.Target target) {
    return new Applied("unknown-entry", "", "", 0, "no episode was published from "
        + target.entryKey().orElse("?") + ": nothing to do", List.of());
  }

  // ---- The show's context ----

  private record Context(EpisodeParser parser, CmsSettings cms) {}

  private record Cached(long podcast, CmsSettings cms) {}

  /**
   * The parser of the show's context (shared with the pipeline), and the CMS mapping of
   * {@code podcast.toml}, read again only when it has a new generation.
   */
  private Context context() {
    long podcast = source.generation(ShowConfigReader.PODCAST_FILE).orElse(0L);
    Cached current = cached;
    if (current == null || current.podcast() != podcast) {
      current = new Cached(podcast, CmsSettings.read(contexts.podcastToml(),
          ShowConfigReader.PODCAST_FILE));
      cached = current;
    }
    return new Context(contexts.parser(), current.cms());
  }

  /**
   * Reads and drops the body, up to the limit, so that the connection can serve the next
   * request (a server closes a connection whose request body was left unread).
   */
  private void drain(WebhookRequest request) {
    try {
      request.body().readNBytes((int) maxBodyBytes + 1);
    } catch (IOException ignored) {
      // the answer does not depend on it
    }
  }

  // ---- Responses ----

  private static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals(JSON) || type.startsWith("application/") && type.endsWith("+json");
  }

  private WebhookResponse tooLarge(String what) {
    return problem(413, "payload-too-large", "Payload too large", what + " is over the limit of "
        + maxBodyBytes + " bytes", Map.of(), "too large: " + what);
  }

  private static WebhookResponse problem(int status, String type, String title, String detail,
      Map<String, String> headers, String message) {
    return problem(status, type, title, detail, headers, message, List.of());
  }

  private static WebhookResponse problem(int status, String type, String title, String detail,
      Map<String, String> headers, String message, List<FieldError> errors) {
    return new WebhookResponse(status, ProblemDocument.MEDIA_TYPE,
        ProblemDocument.of(type, title, status, detail, errors), headers, type, "", "", message);
  }

  private static WebhookResponse ok(JsonObject body, String outcome, String slug, String object,
      String message) {
    return new WebhookResponse(200, JSON + "; charset=utf-8", ProblemDocument.json(body),
        Map.of(), outcome, slug, object, message);
  }
}
