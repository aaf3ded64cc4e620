package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.http.HttpPings;
import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryNotificationLog;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.adapter.memory.InMemoryWebhookReceipts;
import dev.podcast.functions.IamChecks.Use;
import dev.podcast.functions.IamPolicy.Firestore;
import dev.podcast.functions.IamPolicy.Permission;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.NotificationLog;
import dev.podcast.port.ObjectStore;
import dev.podcast.port.WebhookReceipts;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.SourceObjects;
import dev.podcast.serve.FeedRequest;
import dev.podcast.serve.FeedResponder;
import dev.podcast.serve.FeedResponse;
import dev.podcast.show.ShowConfigReader;
import dev.podcast.testing.ForwardingObjectStore;
import dev.podcast.testing.MovableClock;
import dev.podcast.webhook.WebhookHandler;
import dev.podcast.webhook.WebhookRequest;
import dev.podcast.webhook.WebhookResponse;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The table of what each function's code calls ({@link TerraformMatchesCodeTest#WHAT_THE_CODE_CALLS}
 * and {@link TerraformMatchesCodeTest#FIRESTORE_USE}, against which that test checks the grants
 * of {@code infra/}) against what the code does when it runs, both ways: the code makes no call
 * the table leaves out, and every line of the table is a call the code makes.
 *
 * <p>The functions run as deployed ({@link Adapters}' wiring, the use cases the entry points
 * call) through a whole story: a show uploaded file by file (configuration, layouts, episodes as
 * page bundles and as single files, their images, files that are not the show's), edits and
 * deletes, a CMS publishing, renaming, unpublishing and deleting episodes through the webhook,
 * publishDue once a scheduled episode's time has come and another has expired, and podcast apps
 * asking the feed endpoint for feeds, one of them missing. Every event Cloud Storage would send
 * goes to the upload function. Each function sees the buckets through an {@link IamObjectStore}
 * that checks every call against the account's grants in {@code infra/} as Cloud Storage does
 * (conditions included) and refuses what they do not allow, and its Firestore ports are watched
 * for reads and writes.
 */
class IamMatchesCodeTest {

  private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
  private static final Path SITE = Path.of("../shared/src/test/resources/site");
  private static final Path WEBHOOKS = Path.of("src/test/resources/webhooks");
  private static final Path LIBSYN_FEED = Path.of(
      "src/test/resources/feeds/libsyn-style/feed.xml");
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
      "a secret of thirty-two bytes ok!".getBytes(StandardCharsets.UTF_8));
  private static final FunctionsConfig CONFIG = new FunctionsConfig(IamPolicy.SOURCE_BUCKET,
      IamPolicy.SITE_BUCKET, FunctionsConfig.DEFAULT_SHOW_ID);

  private static IamPolicy policy;
  private static Story story;

  @BeforeAll
  static void runTheFunctionsUnderTheirGrants() throws Exception {
    policy = IamPolicy.read(TerraformConfig.load());
    story = Story.run(policy);
  }

  // ---- The story ran, and every call it made was allowed ----

  @Test
  void theStoryRunsUnderTheGrantsWithNoCallRefused() {
    assertEquals(List.of(), story.problems(), "what went wrong in the story");
    assertEquals(List.of(), List.copyOf(story.calls().denied), "calls infra/ refuses");
    // The story did what it says, so the calls it recorded are the code's whole range.
    assertTrue(story.feed().contains("<title>Coming soon</title>"), "publishDue published");
    assertTrue(story.feed().contains(">libsyn-soon</guid>"), "the import gave it its old guid");
    assertTrue(story.source().get(SourceObjects.importReport(SourceObjects.IMPORTS
        + "libsyn.xml")).isPresent(), "the import reported");
    assertFalse(story.feed().contains("Going away"), "publishDue took the expired one down");
    assertTrue(story.source().generation(WebhookHandler.objectOf("episode-333-standard-webhooks"))
        .isPresent(), "the webhook wrote its episode");
    assertEquals(List.of(WebhookHandler.ENTRY_INDEX + "left-over"),
        story.source().list(WebhookHandler.ENTRY_INDEX),
        "the CMS entry was deleted with its episode");
    assertTrue(story.calls().made.stream().anyMatch(c -> c.account().equals("webhook")
        && c.permission() == Permission.DELETE
        && c.object().startsWith(WebhookHandler.ENTRY_INDEX)), "the webhook forgot the entry");
    for (String account : IamChecks.FUNCTIONS) {
      assertTrue(story.calls().made.stream().anyMatch(c -> c.account().equals(account)),
          account + " made no call");
    }
  }

  // ---- The table is what the code calls ----

  @Test
  void theCodeCallsInCloudStorageWhatTheTableSaysAndNothingElse() {
    Set<Use> called = IamChecks.usesOf(story.calls().made);
    Set<Use> table = new TreeSet<>(TerraformMatchesCodeTest.WHAT_THE_CODE_CALLS);
    Set<Use> notInTable = new TreeSet<>(called);
    notInTable.removeAll(table);
    Set<Use> neverCalled = new TreeSet<>(table);
    neverCalled.removeAll(called);
    assertEquals(Set.of(), notInTable,
        "calls the code makes that TerraformMatchesCodeTest.WHAT_THE_CODE_CALLS leaves out");
    assertEquals(Set.of(), neverCalled,
        "lines of TerraformMatchesCodeTest.WHAT_THE_CODE_CALLS the code never called");
  }

  @Test
  void theCodeUsesFirestoreAsTheTableSays() {
    Map<String, Firestore> used = new TreeMap<>();
    for (String account : IamChecks.FUNCTIONS) {
      used.put(account, story.firestore().getOrDefault(account, Firestore.NONE));
    }
    assertEquals(new TreeMap<>(TerraformMatchesCodeTest.FIRESTORE_USE), used);
  }

  @Test
  void theGrantsAllowWhatTheCodeCalledAndNoMore() {
    // The two checks above and TerraformMatchesCodeTest's, end to end: infra/ against the calls.
    assertEquals(List.of(), IamChecks.storageDiscrepancies(policy,
        IamChecks.usesOf(story.calls().made)));
    assertEquals(List.of(), IamChecks.projectDiscrepancies(policy, story.firestore()));
  }

  // ---- The conditions are evaluated as IAM evaluates them ----

  @Test
  void conditionsAreEvaluatedAsIamDoes() {
    IamCondition c = IamCondition.parse("(resource.name.startsWith(\"a/\") &&\n"
        + " resource.name.endsWith(\".md\")) || resource.name == 'b' && !(resource.type == \"t\")");
    assertTrue(c.test(request("a/x.md", "o")));
    assertFalse(c.test(request("a/x.txt", "o")));
    assertTrue(c.test(request("b", "o")));
    assertFalse(c.test(request("b", "t")));
    // && binds tighter than ||.
    IamCondition precedence = IamCondition.parse(
        "resource.name == \"x\" || resource.name == \"y\" && resource.type == \"t\"");
    assertTrue(precedence.test(request("x", "o")));
    assertFalse(precedence.test(request("y", "o")));
    assertThrows(IllegalArgumentException.class, () -> IamCondition.parse(
        "resource.name.matches(\"a.*\")").test(request("a", "o")));
    assertThrows(IllegalArgumentException.class, () -> IamCondition.parse(
        "request.time < timestamp(\"2030-01-01T00:00:00Z\")"));
    assertThrows(IllegalArgumentException.class, () -> IamCondition.parse(
        "resource.name == \"x\" ||").test(request("x", "o")));
    assertThrows(IllegalArgumentException.class, () -> IamCondition.parse(
        "resource.labels == \"x\"").test(request("x", "o")));
  }

  private static IamCondition.Request request(String name, String type) {
    return new IamCondition.Request(Map.of("resource.name", name, "resource.type", type));
  }

  // ---- The story ----

  /**
   * What the story left: every storage call, what each account did with Firestore, what went
   * wrong, the source bucket and the final main feed.
   */
  record Story(IamObjectStore.Calls calls, Map<String, Firestore> firestore,
      List<String> problems, ObjectStore source, String feed) {

    static Story run(IamPolicy policy) throws Exception {
      return new Teller(policy).tell();
    }
  }

  /** The world of the story: the buckets, the records, the clock, the five functions. */
  private static final class Teller {
    private final MovableClock clock = new MovableClock(START);
    private final EventingBucket source = new EventingBucket(new InMemoryObjectStore(clock));
    private final InMemoryObjectStore site = new InMemoryObjectStore(clock);
    private final InMemoryEpisodeStore records = new InMemoryEpisodeStore();
    private final InMemoryWebhookReceipts receipts = new InMemoryWebhookReceipts();
    private final IamObjectStore.Calls calls = new IamObjectStore.Calls();
    private final Map<String, Firestore> firestore = new ConcurrentHashMap<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();
    private final IamPolicy policy;
    private final UploadFunction upload;
    private final Publisher publishDue;
    private final WebhookHandler webhook;
    private final FeedResponder feed;
    private final NotifyFunction notify;
    private final LoopbackServices services;

    Teller(IamPolicy policy) throws Exception {
      this.policy = policy;
      upload = new UploadFunction(new Publisher(view(source, "source", "upload"),
          view(site, "site", "upload"), watched(records, "upload"), clock), CONFIG);
      publishDue = new Publisher(view(source, "source", "publish_due"),
          view(site, "site", "publish_due"), watched(records, "publish_due"), clock);
      webhook = Adapters.webhookHandler(WebhookConfig.fromEnvironment(Map.of(
          "SOURCE_BUCKET", IamPolicy.SOURCE_BUCKET, WebhookConfig.SECRET_VARIABLE, SECRET)),
          view(source, "source", "webhook"), watched(receipts, "webhook"), clock);
      feed = Adapters.feedResponder(view(site, "site", "feed"),
          new FeedConfig(FeedConfig.DEFAULT_MAX_AGE),
          (path, failure) -> problems.add("feed " + path + ": " + failure), clock);
      services = new LoopbackServices();
      notify = new NotifyFunction(Adapters.notifier(view(source, "source", "notify"),
          view(site, "site", "notify"), proxy(NotificationLog.class,
              new InMemoryNotificationLog(), "notify", null), new HttpPings(), "", clock),
          CONFIG);
    }

    private IamObjectStore view(ObjectStore bucket, String key, String account) {
      return new IamObjectStore(bucket, key, account, policy, calls);
    }

    Story tell() throws Exception {
      // An author uploads the show, configuration first, as the README's migration does.
      upload(ShowConfigReader.CONFIG_FILE, Files.readAllBytes(SITE.resolve("config.toml")));
      upload(ShowConfigReader.PODCAST_FILE, Files.readString(Path.of(
          "../examples/site/podcast.toml")).replace("[[persons]]", "[notify]\npodcastIndex = \""
              + services.base() + "/pubnotify\"\n\n[[persons]]"), Map.of());
      upload(SourceObjects.LAYOUTS + "site.css", "body { color: #222; }\n");
      upload(SourceObjects.LAYOUTS + "unused.mustache", "<p>{{title}}</p>\n");
      upload(SourceObjects.STATIC + "images/site_logo.png",
          Files.readAllBytes(SITE.resolve("static/images/site_logo.png")));
      upload("content/post/episode-101-iot-core/index.md",
          Files.readAllBytes(SITE.resolve("content/post/episode-101-iot-core/index.md")));
      Path hero = SITE.resolve("content/post/episode-331-2022-year-end-wrap-up");
      upload("content/post/episode-331-2022-year-end-wrap-up/images/hero/hero-EP-331.jpg",
          Files.readAllBytes(hero.resolve("images/hero/hero-EP-331.jpg")));
      upload("content/post/episode-331-2022-year-end-wrap-up/index.md",
          Files.readAllBytes(hero.resolve("index.md")));
      upload("content/post/episode-37-gke.md", Files.readAllBytes(SITE.resolve(
          "content/post/episode-37-GKE-1-3-with-carter-morgan/index.md")));
      upload("content/post/going-away/index.md", episode("Going away",
          "2026-11-20T10:00:00Z", "expiryDate = \"2026-11-25T12:30:00Z\"\n"));
      // Scheduled, with an image under static/: upload checks the image, publishDue does not.
      upload("content/post/soon.md", episode("Coming soon", "2026-11-25T13:00:00Z",
          "image = \"/images/site_logo.png\"\n"));
      // Files that are not the show's: the functions must not read them.
      upload("notes.txt", "the author's own notes\n");
      upload("Content/post/upper-case.md", episode("Upper case", "2026-11-01T10:00:00Z", ""));
      upload(WebhookHandler.ENTRY_INDEX + "left-over", "nothing\n");

      // Edits: an episode changed, a file and a layout deleted (each an event; the layout's a
      // rebuild, whose sweep lists the site).
      upload("content/post/episode-101-iot-core/index.md", new String(Files.readAllBytes(
          SITE.resolve("content/post/episode-101-iot-core/index.md")), StandardCharsets.UTF_8)
          .replace("Cloud IoT Core with", "Cloud IoT Core, with"));
      delete("content/post/episode-37-gke.md");
      delete(SourceObjects.LAYOUTS + "unused.mustache");
      delete("notes.txt");

      // A CMS: one episode with no entry id, one that is published, renamed, unpublished and
      // deleted (its remembered slug written, replaced and deleted with it).
      cms("generic-episode.json", s -> s, "written");
      cms("strapi-publish.json", s -> s, "written");
      cms("strapi-delete.json", s -> s, "deleted");
      cms("contentful-publish.json", s -> s, "written");
      cms("contentful-publish.json", s -> s.replace("\"episode-335-content-modelling\"",
          "\"episode-335-modelling-content\""), "written");
      cms("contentful-unpublish.json", s -> s, "unpublished");
      cms("contentful-delete.json", s -> s, "deleted");

      // The show's old feed uploaded to be imported (with a file for each item that has none),
      // then again as a dry run: the guids written into the files it matches (a page bundle and
      // a single file), files created, podcast.toml merged, the report written and rewritten.
      String old = Files.readString(LIBSYN_FEED).replace("</channel>", "<item><title>Coming"
          + " soon</title><guid isPermaLink=\"false\">libsyn-soon</guid><pubDate>Tue, 25 Nov"
          + " 2026 13:00:00 +0000</pubDate><enclosure url=\"https://cdn.example.com/"
          + "Coming soon".hashCode() + ".mp3\" length=\"10\" type=\"audio/mpeg\"/></item>\n"
          + "</channel>");
      upload(SourceObjects.IMPORTS + "libsyn.xml", old, Map.of("create-missing", "true"));
      upload(SourceObjects.IMPORTS + "libsyn.xml", old, Map.of("dry-run", "true"));

      // Podcast apps ask for the feeds; publishDue runs once the schedule's time has come.
      get("/feed.xml", 200);
      clock.set(Instant.parse("2026-11-25T14:00:00Z"));
      publishDue.publishDue();
      get("/feed.xml", 200);
      get("/feed.json", 200);
      get("/categories/iot/feed.xml", 200);
      get("/feed/archive/1.xml", 200);
      get("/no-such-feed.xml", 404);
      // The site bucket's notification of the main feed's last write: the Podcast Index told.
      notifyOfTheFeed();
      if (services.receivedAt("/pubnotify").size() != 1) {
        problems.add("notify: the Podcast Index got " + services.received());
      }
      services.close();
      String feedXml = new String(site.get("feed.xml").orElseThrow().content(),
          StandardCharsets.UTF_8);
      // The site lost its main feed (a new site bucket): the feed function renders nothing.
      site.delete("feed.xml");
      clock.advance(FeedConfig.RECHECK.plusSeconds(1));
      get("/feed.xml", 404);
      return new Story(calls, Map.copyOf(firestore), List.copyOf(problems), source, feedXml);
    }

    /** The Pub/Sub message Cloud Storage sends for the feed as it is now, to notify. */
    private void notifyOfTheFeed() throws Exception {
      ObjectStore.StoredObject f = site.get("feed.xml").orElseThrow();
      com.google.gson.JsonObject resource = new com.google.gson.JsonObject();
      resource.addProperty("md5Hash", Base64.getEncoder().encodeToString(
          java.security.MessageDigest.getInstance("MD5").digest(f.content())));
      resource.addProperty("updated", clock.instant().minusSeconds(10).toString());
      String data = "{\"message\":{\"attributes\":{\"bucketId\":\"" + IamPolicy.SITE_BUCKET
          + "\",\"objectId\":\"feed.xml\",\"objectGeneration\":\"" + f.generation()
          + "\",\"eventType\":\"OBJECT_FINALIZE\",\"payloadFormat\":\"JSON_API_V1\"},"
          + "\"data\":\"" + Base64.getEncoder().encodeToString(resource.toString().getBytes(
              StandardCharsets.UTF_8)) + "\",\"messageId\":\"1\"}}";
      try {
        notify.accept(CloudEventBuilder.v1().withId(Integer.toString(ids.incrementAndGet()))
            .withSource(URI.create("//pubsub.googleapis.com/projects/p/topics/feed-written"))
            .withType(FeedWrittenEvent.TYPE)
            .withData("application/json", data.getBytes(StandardCharsets.UTF_8)).build());
      } catch (RuntimeException failure) {
        problems.add("notify: " + failure);
      }
    }

    private static byte[] episode(String title, String date, String more) {
      return ("+++\ntitle = \"" + title + "\"\ndate = \"" + date + "\"\n" + more
          + "audioFile = \"https://cdn.example.com/" + title.hashCode() + ".mp3\"\n"
          + "audioSize = 10\naudioDuration = \"00:01:00\"\ndescription = \"d\"\n"
          + "categories = [\"IoT\"]\n+++\nNotes.\n").getBytes(StandardCharsets.UTF_8);
    }

    private void upload(String object, String text) {
      upload(object, text.getBytes(StandardCharsets.UTF_8));
    }

    private void upload(String object, byte[] content) {
      upload(object, content, Map.of());
    }

    private void upload(String object, String text, Map<String, String> metadata) {
      upload(object, text.getBytes(StandardCharsets.UTF_8), metadata);
    }

    private void upload(String object, byte[] content, Map<String, String> metadata) {
      source.put(new ObjectStore.Write(object, content, "application/octet-stream", "",
          metadata));
      deliver();
    }

    private void delete(String object) {
      source.delete(object);
      deliver();
    }

    /** The events Cloud Storage sends for what was written or deleted, to the upload function. */
    private void deliver() {
      for (String[] e = source.events.poll(); e != null; e = source.events.poll()) {
        try {
          upload.accept(CloudEventBuilder.v1().withId(Integer.toString(ids.incrementAndGet()))
              .withSource(URI.create("//storage.googleapis.com/projects/_/buckets/"
                  + IamPolicy.SOURCE_BUCKET))
              .withType(e[0])
              .withData("application/json", ("{\"bucket\":\"" + IamPolicy.SOURCE_BUCKET
                  + "\",\"name\":\"" + e[1] + "\",\"generation\":\"" + e[2] + "\""
                  + (e.length > 3 ? ",\"metadata\":" + e[3] : "") + "}")
                  .getBytes(StandardCharsets.UTF_8))
              .build());
        } catch (RuntimeException failure) {
          problems.add("upload " + e[0] + " " + e[1] + ": " + failure);
        }
      }
    }

    /** A signed delivery of fixture {@code name}, edited, to the webhook; then its events. */
    private void cms(String name, UnaryOperator<String> edit, String outcome)
        throws Exception {
      byte[] body = edit.apply(Files.readString(WEBHOOKS.resolve(name)))
          .getBytes(StandardCharsets.UTF_8);
      String id = "msg_" + ids.incrementAndGet();
      long timestamp = clock.instant().getEpochSecond();
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      String signature = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
      Map<String, List<String>> headers = new LinkedHashMap<>(Map.of(
          "Content-Type", List.of("application/json"), "webhook-id", List.of(id),
          "webhook-timestamp", List.of(Long.toString(timestamp)),
          "webhook-signature", List.of(signature)));
      if (name.startsWith("contentful-")) {
        headers.put("Content-Type", List.of("application/vnd.contentful.management.v1+json"));
        headers.put("X-Contentful-Topic", List.of("ContentManagement.Entry."
            + name.substring("contentful-".length(), name.length() - ".json".length())));
      }
      WebhookResponse response = webhook.handle(new WebhookRequest("POST", headers,
          OptionalLong.of(body.length), new ByteArrayInputStream(body)));
      if (response.status() != 200 || !response.outcome().equals(outcome)) {
        problems.add("webhook " + name + ": " + response.status() + " "
            + new String(response.body(), StandardCharsets.UTF_8) + ", expected " + outcome);
      }
      deliver();
    }

    private void get(String path, int status) {
      FeedResponse response = feed.respond(new FeedRequest("GET", path, "", "", "gzip"));
      if (response.status() != status) {
        problems.add("feed " + path + ": " + response.status() + ", expected " + status);
      }
    }

    /** {@code store}, with what {@code account} does through it recorded. */
    private EpisodeStore watched(EpisodeStore store, String account) {
      return proxy(EpisodeStore.class, store, account, (method, args) -> {
        if (method.equals("transaction")) {
          @SuppressWarnings("unchecked")
          Function<EpisodeStore.Transaction, Object> work =
              (Function<EpisodeStore.Transaction, Object>) args[0];
          return store.transaction(tx -> work.apply(proxy(EpisodeStore.Transaction.class, tx,
              account, null)));
        }
        return NOT_HANDLED;
      });
    }

    private WebhookReceipts watched(WebhookReceipts receipts, String account) {
      return proxy(WebhookReceipts.class, receipts, account, null);
    }

    private static final Object NOT_HANDLED = new Object();

    @FunctionalInterface
    private interface Intercept {
      Object call(String method, Object[] args) throws Exception;
    }

    /**
     * A proxy of {@code target} recording each call as a Firestore read, or a write for the
     * methods that change documents ({@code put*}, {@code delete*}, {@code set*},
     * {@code firstSeen}).
     */
    private <T> T proxy(Class<T> type, T target, String account, Intercept override) {
      InvocationHandler handler = (p, method, args) -> {
        if (method.getDeclaringClass() == Object.class) {
          return method.invoke(target, args);
        }
        String name = method.getName();
        boolean writes = name.startsWith("put") || name.startsWith("delete")
            || name.startsWith("set") || name.equals("firstSeen") || name.equals("transaction")
            || name.equals("update");
        firestore.merge(account, writes ? Firestore.WRITE : Firestore.READ,
            (a, b) -> a.compareTo(b) >= 0 ? a : b);
        if (override != null) {
          Object result = override.call(name, args);
          if (result != NOT_HANDLED) {
            return result;
          }
        }
        try {
          return method.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      };
      return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
          handler));
    }
  }

  /**
   * The source bucket, versioned, as Cloud Storage reports its changes: a write is
   * {@code finalized} (and {@code archived} for the generation it replaced), a delete
   * {@code archived}. Events wait in {@link #events} as {type, object, generation} and, for a
   * write, its custom metadata (JSON), as the event's data carries it.
   */
  private static final class EventingBucket extends ForwardingObjectStore {
    final Queue<String[]> events = new ConcurrentLinkedQueue<>();

    EventingBucket(ObjectStore bucket) {
      super(bucket);
    }

    private long written(Write write, Optional<Long> before, long generation) {
      String name = write.name();
      com.google.gson.JsonObject metadata = new com.google.gson.JsonObject();
      write.metadata().forEach(metadata::addProperty);
      events.add(new String[] {StorageEvent.FINALIZED, name, Long.toString(generation),
          metadata.toString()});
      before.ifPresent(old -> events.add(new String[] {StorageEvent.ARCHIVED, name,
          Long.toString(old)}));
      return generation;
    }

    private boolean deleted(String name, Optional<Long> before, boolean deleted) {
      if (deleted) {
        before.ifPresent(old -> events.add(new String[] {StorageEvent.ARCHIVED, name,
            Long.toString(old)}));
      }
      return deleted;
    }

    @Override
    public long put(Write write, long ifGenerationMatch) {
      Optional<Long> before = delegate.generation(write.name());
      return written(write, before, delegate.put(write, ifGenerationMatch));
    }

    @Override
    public long put(Write write) {
      Optional<Long> before = delegate.generation(write.name());
      return written(write, before, delegate.put(write));
    }

    @Override
    public boolean delete(String name, long ifGenerationMatch) {
      Optional<Long> before = delegate.generation(name);
      return deleted(name, before, delegate.delete(name, ifGenerationMatch));
    }

    @Override
    public boolean delete(String name) {
      Optional<Long> before = delegate.generation(name);
      return deleted(name, before, delegate.delete(name));
    }
  }
}
