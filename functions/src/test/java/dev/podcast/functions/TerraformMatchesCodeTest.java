package dev.podcast.functions;

import static dev.podcast.functions.IamChecks.CMS_ENTRIES;
import static dev.podcast.functions.IamChecks.CMS_EPISODES;
import static dev.podcast.functions.IamChecks.CONFIG;
import static dev.podcast.functions.IamChecks.IMPORTS;
import static dev.podcast.functions.IamChecks.LAYOUTS;
import static dev.podcast.functions.IamChecks.LISTING;
import static dev.podcast.functions.IamChecks.OBJECTS;
import static dev.podcast.functions.IamChecks.OTHER_CONTENT;
import static dev.podcast.functions.IamChecks.PODCAST;
import static dev.podcast.functions.IamChecks.STATIC;
import static dev.podcast.functions.IamChecks.STATUS;
import static dev.podcast.functions.IamChecks.uses;
import static dev.podcast.functions.IamPolicy.Permission.CREATE;
import static dev.podcast.functions.IamPolicy.Permission.DELETE;
import static dev.podcast.functions.IamPolicy.Permission.GET;
import static dev.podcast.functions.IamPolicy.Permission.LIST;
import static dev.podcast.functions.TerraformConfig.block;
import static dev.podcast.functions.TerraformConfig.blocksOf;
import static dev.podcast.functions.TerraformConfig.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.functions.HttpFunction;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.cli.PodcastCli;
import dev.podcast.functions.IamChecks.Use;
import dev.podcast.functions.IamPolicy.BucketGrant;
import dev.podcast.functions.IamPolicy.Firestore;
import dev.podcast.functions.IamPolicy.Permission;
import dev.podcast.functions.IamPolicy.ProjectGrant;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.SourceObjects;
import dev.podcast.show.ShowConfigReader;
import dev.podcast.webhook.WebhookHandler;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads {@code infra/} (every {@code .tf} file, parsed offline) and the code, and fails when
 * they disagree: entry-point classes and their kind, environment variable names, the buckets the
 * functions and triggers are given, the event types the upload function handles, what the site
 * bucket serves, Firestore collection, field and index names, who may call what, and what
 * each service account may do against a table of what its code calls ({@link
 * #WHAT_THE_CODE_CALLS}, which {@code IamMatchesCodeTest} checks against the running code).
 */
class TerraformMatchesCodeTest {

  /**
   * Entry points Terraform deploys whose classes are being written on other branches, each with
   * the names (environment variables, Firestore collections and fields) that only its code will
   * use. While such a class is absent from this build, the checks that need it or its names are
   * left out, and nothing else is; once the class is here, this test fails until its entry is
   * removed. Empty once those branches are merged.
   */
  static final Map<String, Set<String>> NOT_YET_MERGED = Map.of();

  /** Variables the platform or the JVM reads, which the code need not mention. */
  private static final Set<String> READ_BY_THE_JVM = Set.of("JAVA_TOOL_OPTIONS");
  /** Variables the platform sets, which Terraform need not. */
  private static final Set<String> SET_BY_THE_PLATFORM = Set.of("GOOGLE_CLOUD_PROJECT",
      "K_SERVICE", "K_REVISION", "K_CONFIGURATION", "PORT", "FUNCTION_TARGET",
      "FUNCTION_SIGNATURE_TYPE");

  private static final Path FUNCTIONS_SOURCES =
      TerraformConfig.REPO.resolve("functions/src/main/java/dev/podcast/functions");
  private static final Path FIRESTORE_ADAPTER =
      TerraformConfig.REPO.resolve("shared/src/main/java/dev/podcast/adapter/firestore");
  private static final Path INDEXES = TerraformConfig.INFRA.resolve("firestore.indexes.json");

  private static TerraformConfig tf;
  private static Map<String, JsonObject> functions;
  private static IamPolicy policy;

  @BeforeAll
  static void parse() throws Exception {
    tf = TerraformConfig.load();
    functions = tf.resources("google_cloudfunctions2_function");
    policy = IamPolicy.read(tf);
  }

  // ---- Parsing, providers, variables, outputs ----

  @Test
  void everyTfFileParses() throws IOException {
    assertFalse(tf.fileNames().isEmpty());
    assertEquals(TerraformConfig.tfFilesOnDisk(), tf.fileNames(), "files the parser read");
  }

  @Test
  void onlyTheGoogleProviderPinnedToAVersionRange() {
    for (String kind : List.of("resource", "data")) {
      for (String type : tf.types(kind)) {
        assertTrue(type.startsWith("google_"), kind + " " + type + " needs another provider");
      }
    }
    JsonObject required = tf.terraformBlocks().stream()
        .flatMap(t -> block(t, "required_providers").stream()).findFirst()
        .orElseThrow(() -> new AssertionError("no required_providers"));
    assertEquals(Set.of("google"), required.keySet());
    JsonObject google = required.getAsJsonObject("google");
    assertEquals("hashicorp/google", string(google, "source"));
    assertTrue(string(google, "version").matches("~> ?\\d+\\.\\d+"), string(google, "version"));
  }

  @Test
  void everyVariableButTheProjectHasADefault() {
    Map<String, JsonObject> variables = tf.named("variable");
    for (String name : List.of("project", "region", "source_bucket", "site_bucket", "base_url",
        "memory", "min_instances")) {
      assertTrue(variables.containsKey(name), "variable " + name);
    }
    Set<String> withoutDefault = variables.entrySet().stream()
        .filter(e -> !e.getValue().has("default")).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    assertEquals(Set.of("project"), withoutDefault);
    Set<String> all = Set.of("upload", "publish_due", "feed", "webhook", "notify");
    assertEquals(all, objectKeys(string(variables.get("memory"), "type")),
        "memory has one key per function");
    assertEquals(all, objectKeys(string(variables.get("min_instances"), "type")));
    assertEquals(all, objectKeys(string(variables.get("max_instances"), "type")));
  }

  @Test
  void theOutputsTheOperatorNeeds() {
    Map<String, JsonObject> outputs = tf.named("output");
    assertTrue(outputs.keySet().containsAll(Set.of("site_url", "feed_url", "webhook_url")),
        outputs.keySet().toString());
    // The feed to submit: on the show's domain through the load balancer, else the function.
    assertEquals("${local.load_balancer ? \"${local.base_url}/feed.xml\" : "
        + "\"${google_cloudfunctions2_function.feed.service_config[0].uri}/feed.xml\"}",
        string(outputs.get("feed_url"), "value"));
    assertEquals("${local.load_balancer ? \"${local.base_url}${local.webhook_path}\" : "
        + "google_cloudfunctions2_function.webhook.service_config[0].uri}",
        string(outputs.get("webhook_url"), "value"));
    assertTrue(outputs.containsKey("lb_ip"), "the address the domains' DNS points at");
  }

  @Test
  void theDeployScriptIsValidBash() throws Exception {
    TerraformConfig.Result check = TerraformConfig.run(TerraformConfig.REPO, 30, "bash", "-n",
        "infra/deploy.sh");
    assertEquals(0, check.exit(), check.stderr());
  }

  // ---- Entry points ----

  @Test
  void everyEntryPointIsAFunctionClassOfItsTriggersKind() {
    assertEquals(Set.of("upload", "publish_due", "feed", "webhook", "notify"),
        functions.keySet());
    for (Map.Entry<String, JsonObject> f : functions.entrySet()) {
      JsonObject build = block(f.getValue(), "build_config").orElseThrow();
      assertEquals("java17", string(build, "runtime"), f.getKey());
      String entryPoint = string(build, "entry_point");
      Optional<Class<?>> type = load(entryPoint);
      if (type.isEmpty()) {
        assertTrue(NOT_YET_MERGED.containsKey(entryPoint), "function " + f.getKey()
            + ": entry point " + entryPoint + " is no class of this build");
        continue;
      }
      assertFalse(NOT_YET_MERGED.containsKey(entryPoint), entryPoint
          + " is in this build now: remove it from NOT_YET_MERGED so it is checked in full");
      Class<?> kind = f.getValue().has("event_trigger") ? CloudEventsFunction.class
          : HttpFunction.class;
      assertTrue(kind.isAssignableFrom(type.get()), entryPoint + " must implement "
          + kind.getSimpleName() + " (function " + f.getKey() + ")");
      assertTrue(Modifier.isPublic(type.get().getModifiers())
          && !Modifier.isAbstract(type.get().getModifiers()), entryPoint);
      try {
        assertTrue(Modifier.isPublic(type.get().getConstructor().getModifiers()));
      } catch (NoSuchMethodException e) {
        fail(entryPoint + " needs a public no-arg constructor: the platform makes it by class");
      }
    }
  }

  @Test
  void everyFunctionClassOfTheCodeIsDeployed() throws Exception {
    Set<String> deployed = functions.values().stream()
        .map(f -> string(block(f, "build_config").orElseThrow(), "entry_point"))
        .collect(Collectors.toSet());
    Path classes = Path.of(UploadFunction.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI()).resolve("dev/podcast/functions");
    try (Stream<Path> files = Files.list(classes)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.contains("$")) {
          continue;
        }
        Class<?> type = Class.forName("dev.podcast.functions." + name.replace(".class", ""));
        boolean function = HttpFunction.class.isAssignableFrom(type)
            || CloudEventsFunction.class.isAssignableFrom(type);
        if (function && !Modifier.isAbstract(type.getModifiers())) {
          assertTrue(deployed.contains(type.getName()), type.getName() + " is deployed by no "
              + "google_cloudfunctions2_function in infra/");
        }
      }
    }
  }

  @Test
  void eventarcTriggersCallTheCloudEventsFunctionOnTheSourceBucket() {
    JsonObject upload = functions.get("upload");
    JsonObject trigger = block(upload, "event_trigger").orElseThrow();
    assertEquals("RETRY_POLICY_RETRY", string(trigger, "retry_policy"));
    assertEquals(Map.of("bucket", "${google_storage_bucket.source.name}"),
        filters(blocksOf(trigger, "event_filters"), "attribute", "value"));
    for (Map.Entry<String, JsonObject> t : tf.resources("google_eventarc_trigger").entrySet()) {
      JsonObject run = block(block(t.getValue(), "destination").orElseThrow(), "cloud_run_service")
          .orElseThrow();
      assertEquals("${google_cloudfunctions2_function.upload.name}", string(run, "service"),
          t.getKey());
      Map<String, String> criteria = filters(blocksOf(t.getValue(), "matching_criteria"),
          "attribute", "value");
      assertEquals("${google_storage_bucket.source.name}", criteria.get("bucket"), t.getKey());
      assertEquals("${google_service_account.upload.email}",
          string(t.getValue(), "service_account"));
    }
  }

  /**
   * The event types Terraform subscribes the upload function to are exactly those it acts on:
   * each one, sent to a real {@link UploadFunction} on in-memory stores, publishes (finalized)
   * or unpublishes (the others) an episode; every type the code names is subscribed to.
   */
  @Test
  void theUploadFunctionActsOnEveryEventTypeItIsSubscribedTo() throws Exception {
    Set<String> subscribed = new TreeSet<>();
    subscribed.add(string(block(functions.get("upload"), "event_trigger").orElseThrow(),
        "event_type"));
    for (JsonObject t : tf.resources("google_eventarc_trigger").values()) {
      String type = filters(blocksOf(t, "matching_criteria"), "attribute", "value").get("type");
      if (type.equals("${each.value}") && t.has("for_each") && t.get("for_each").isJsonObject()) {
        t.getAsJsonObject("for_each").entrySet().forEach(e -> subscribed.add(
            e.getValue().getAsString()));
      } else if (type.startsWith("${")) {
        fail("write the event types as text (or a literal for_each map), not " + type);
      } else {
        subscribed.add(type);
      }
    }
    Set<String> named = new TreeSet<>();
    for (Field field : StorageEvent.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        field.setAccessible(true);
        String value = (String) field.get(null);
        if (value.startsWith("google.cloud.storage.object.v1.")) {
          named.add(value);
        }
      }
    }
    assertEquals(named, subscribed, "event types in StorageEvent and in infra/");
    for (String type : subscribed) {
      assertActsOn(type);
    }
  }

  private static void assertActsOn(String type) throws IOException {
    String object = "content/post/episode-101-iot-core/index.md";
    Path site = TerraformConfig.REPO.resolve("shared/src/test/resources/site");
    InMemoryObjectStore source = new InMemoryObjectStore();
    source.put(new ObjectStore.Write("config.toml", Files.readAllBytes(
        site.resolve("config.toml")), "text/plain", ""));
    long generation = source.put(new ObjectStore.Write(object, Files.readAllBytes(
        site.resolve(object)), "text/markdown", ""));
    InMemoryEpisodeStore store = new InMemoryEpisodeStore();
    Publisher publisher = new Publisher(source, new InMemoryObjectStore(), store,
        Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    FunctionsConfig config = new FunctionsConfig("show-source", "show-site", "default");
    boolean publishes = type.equals(StorageEvent.FINALIZED);
    if (!publishes) {
      publisher.finalized(object, generation);
      source.delete(object);
    }
    new UploadFunction(publisher, config).accept(CloudEventBuilder.v1()
        .withId("1").withSource(URI.create("//storage.googleapis.com/projects/_/buckets/show-source"))
        .withType(type)
        .withData("application/json", ("{\"bucket\":\"show-source\",\"name\":\"" + object
            + "\",\"generation\":\"" + generation + "\"}").getBytes(StandardCharsets.UTF_8))
        .build());
    EpisodeStore.Outcome expected = publishes ? EpisodeStore.Outcome.PUBLISHED
        : EpisodeStore.Outcome.DELETED;
    assertEquals(expected, store.source(object).map(EpisodeStore.SourceRecord::outcome)
        .orElse(null), "infra/ subscribes UploadFunction to " + type);
  }

  // ---- Environment variables ----

  @Test
  void everyFunctionGetsWhatFunctionsConfigReadsAndTheRightBuckets() {
    Set<String> read = new TreeSet<>();
    Map<String, String> recording = new HashMap<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public String get(Object key) {
        read.add((String) key);
        return Map.of("SOURCE_BUCKET", "a-src", "SITE_BUCKET", "a-site").get(key);
      }
    };
    FunctionsConfig.fromEnvironment(recording);
    assertTrue(read.containsAll(Set.of("SOURCE_BUCKET", "SITE_BUCKET", "SHOW_ID")), read
        .toString());
    for (Map.Entry<String, JsonObject> f : functions.entrySet()) {
      Map<String, String> env = environment(f.getValue());
      assertTrue(env.keySet().containsAll(read), "function " + f.getKey() + " lacks some of "
          + read + ": " + env.keySet());
      assertEquals("${google_storage_bucket.source.name}", env.get("SOURCE_BUCKET"), f.getKey());
      assertEquals("${google_storage_bucket.site.name}", env.get("SITE_BUCKET"), f.getKey());
      assertEquals("${var.show_id}", env.get("SHOW_ID"), f.getKey());
    }
  }

  @Test
  void theEventFunctionsStopAtC1AndTheFeedKeepsC2() {
    JsonObject locals = tf.locals();
    String events = string(locals, "java_tool_options");
    String feed = string(locals, "feed_java_tool_options");
    for (String options : List.of(events, feed)) {
      assertTrue(options.contains("-XX:MaxRAMPercentage=75")
          && options.contains("-XX:+UseSerialGC"), options);
    }
    assertTrue(events.contains("-XX:TieredStopAtLevel=1"), events);
    assertFalse(feed.contains("TieredStopAtLevel"), "the feed answers polls: C2 " + feed);
    for (Map.Entry<String, JsonObject> f : functions.entrySet()) {
      String wanted = f.getKey().equals("feed") ? "${local.feed_java_tool_options}"
          : "${local.java_tool_options}";
      assertEquals(wanted, environment(f.getValue()).get("JAVA_TOOL_OPTIONS"), f.getKey());
    }
  }

  @Test
  void everyVariableTerraformSetsIsOneTheCodeReads() throws IOException {
    String code = sources(FUNCTIONS_SOURCES);
    for (Map.Entry<String, JsonObject> f : functions.entrySet()) {
      String entryPoint = string(block(f.getValue(), "build_config").orElseThrow(),
          "entry_point");
      Set<String> pending = load(entryPoint).isPresent() ? Set.of()
          : NOT_YET_MERGED.getOrDefault(entryPoint, Set.of());
      for (String name : environment(f.getValue()).keySet()) {
        if (READ_BY_THE_JVM.contains(name) || pending.contains(name)) {
          continue;
        }
        assertTrue(code.contains("\"" + name + "\""), "function " + f.getKey() + " is given "
            + name + ", which no code in dev.podcast.functions mentions");
      }
    }
  }

  @Test
  void everyVariableTheCodeReadsIsSetByTerraformOrThePlatform() throws IOException {
    Set<String> set = new TreeSet<>();
    functions.values().forEach(f -> set.addAll(environment(f).keySet()));
    Matcher lookup = Pattern.compile(
        "(?:getenv|\\.get|\\.getOrDefault)\\(\\s*\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"")
        .matcher(sources(FUNCTIONS_SOURCES));
    Set<String> read = new TreeSet<>();
    while (lookup.find()) {
      read.add(lookup.group(1));
    }
    assertTrue(read.contains("SOURCE_BUCKET"), "the lookup pattern finds FunctionsConfig's");
    for (String name : read) {
      assertTrue(set.contains(name) || SET_BY_THE_PLATFORM.contains(name),
          name + " is read by dev.podcast.functions and set by no function in infra/");
    }
  }

  @Test
  void theWebhookSecretComesFromSecretManagerAndOnlyTheWebhookReadsIt() {
    JsonObject secret = blocksOf(block(functions.get("webhook"), "service_config").orElseThrow(),
        "secret_environment_variables").get(0);
    assertEquals("PODCAST_WEBHOOK_SECRET", string(secret, "key"));
    assertEquals("${google_secret_manager_secret.webhook.secret_id}", string(secret, "secret"));
    Map<String, JsonObject> access = tf.resources("google_secret_manager_secret_iam_member");
    assertEquals(Set.of("webhook", "podping"), access.keySet());
    JsonObject binding = access.get("webhook");
    assertEquals("roles/secretmanager.secretAccessor", string(binding, "role"));
    assertEquals("serviceAccount:${google_service_account.webhook.email}",
        string(binding, "member"));
    assertEquals("${google_secret_manager_secret.webhook.id}", string(binding, "secret_id"));
    for (String other : List.of("upload", "publish_due", "feed", "notify")) {
      assertTrue(blocksOf(block(functions.get(other), "service_config").orElseThrow(),
          "secret_environment_variables").isEmpty(), other);
    }
  }

  /** Podping's token, when the operator names a secret holding it, goes to notify alone. */
  @Test
  void thePodpingTokenComesFromTheSecretTheOperatorNamesAndOnlyNotifyReadsIt() {
    JsonObject dynamic = block(functions.get("notify"), "service_config").orElseThrow()
        .getAsJsonObject("dynamic");
    JsonObject secret = blocksOf(dynamic, "secret_environment_variables").get(0);
    assertEquals("${var.podping_token_secret == \"\" ? [] : [var.podping_token_secret]}",
        string(secret, "for_each"));
    JsonObject content = blocksOf(secret, "content").get(0);
    assertEquals("PODPING_TOKEN", string(content, "key"));
    JsonObject binding = tf.resources("google_secret_manager_secret_iam_member").get("podping");
    assertEquals("${var.podping_token_secret == \"\" ? 0 : 1}", string(binding, "count"));
    assertEquals("roles/secretmanager.secretAccessor", string(binding, "role"));
    assertEquals("serviceAccount:${google_service_account.notify.email}",
        string(binding, "member"));
    assertEquals("projects/${var.project}/secrets/${var.podping_token_secret}",
        string(binding, "secret_id"));
  }

  /** The site bucket tells the notify function of each new version of feed.xml, and only that. */
  @Test
  void theSiteBucketsFeedWritesReachTheNotifyFunctionRetriedForADay() {
    JsonObject notification = tf.resources("google_storage_notification").get("feed_written");
    assertEquals("${google_storage_bucket.site.name}", string(notification, "bucket"));
    assertEquals("JSON_API_V1", string(notification, "payload_format"));
    assertEquals(dev.podcast.notify.FeedNotifier.MAIN_FEED,
        string(notification, "object_name_prefix"));
    assertEquals("${google_pubsub_topic.feed_written.id}", string(notification, "topic"));
    assertTrue(notification.get("event_types").toString().equals("[\"OBJECT_FINALIZE\"]"),
        notification.get("event_types").toString());
    JsonObject trigger = block(functions.get("notify"), "event_trigger").orElseThrow();
    assertEquals(FeedWrittenEvent.TYPE, string(trigger, "event_type"));
    assertEquals("${google_pubsub_topic.feed_written.id}", string(trigger, "pubsub_topic"));
    assertEquals("RETRY_POLICY_RETRY", string(trigger, "retry_policy"));
    assertEquals("86400s", string(tf.resources("google_pubsub_topic").get("feed_written"),
        "message_retention_duration"));
    // The category feeds [notify] categories announces: under the category root, when on.
    JsonObject categories = tf.resources("google_storage_notification")
        .get("category_feeds_written");
    assertEquals("${var.notify_category_feeds ? 1 : 0}", string(categories, "count"));
    assertEquals("${var.category_root}/", string(categories, "object_name_prefix"));
    assertEquals("${google_pubsub_topic.feed_written.id}", string(categories, "topic"));
    assertEquals("false", string(tf.named("variable").get("notify_category_feeds"), "default"));
    assertEquals(new dev.podcast.site.SitePaths(dev.podcast.show.ShowConfigReader.read(
        "baseURL = \"https://p.example\"\ntitle = \"P\"\n", "config.toml",
        java.util.Optional.empty(), "podcast.toml").config().orElseThrow()).categoriesRoot(),
        "/" + string(tf.named("variable").get("category_root"), "default") + "/");
  }

  /** The alerts count what the functions log: their outcomes and the feed check's code. */
  @Test
  void theAlertsLogMetricsMatchWhatTheFunctionsLog() {
    Map<String, JsonObject> metrics = tf.resources("google_logging_metric");
    assertTrue(string(metrics.get("retried_events"), "filter")
        .contains("jsonPayload.outcome=\"RETRY\""));
    assertTrue(string(metrics.get("rejected_uploads"), "filter").contains(
        "jsonPayload.outcome=\"" + dev.podcast.publish.Result.Action.REJECTED.name() + "\""));
    assertTrue(string(metrics.get("feed_check_failures"), "filter").contains("[" +
        dev.podcast.problem.ProblemCode.FEED_INVALID.code() + "]"));
    for (JsonObject metric : metrics.values()) {
      assertTrue(string(metric, "filter").contains("service_name=starts_with(\"${var.name_prefix}-\")"),
          "the show's functions only: " + metric);
    }
    JsonObject alerts = tf.resources("google_monitoring_alert_policy").get("log_metric");
    assertTrue(string(alerts, "for_each").contains("var.alert_email == \"\""), "off unless set");
    assertEquals("${var.billing_account == \"\" || var.budget_amount == 0 ? 0 : 1}",
        string(tf.resources("google_billing_budget").get("project"), "count"));
  }

  // ---- Buckets and what the site serves ----

  @Test
  void theSourceBucketLosesNothingAndIsPrivate() {
    JsonObject source = tf.resources("google_storage_bucket").get("source");
    assertEquals("true", string(block(source, "versioning").orElseThrow(), "enabled"));
    assertEquals("true", string(source, "uniform_bucket_level_access"));
    assertEquals("enforced", string(source, "public_access_prevention"));
    assertFalse(source.has("lifecycle_rule"), "no rule may delete an author's file");
    assertEquals("${var.delete_source_bucket_on_destroy}", string(source, "force_destroy"));
    assertEquals("false",
        string(tf.named("variable").get("delete_source_bucket_on_destroy"), "default"));
  }

  /** The site bucket's index and 404 pages are files the build writes, and it is public. */
  @Test
  void theSiteBucketServesWhatTheBuildWrites(@TempDir Path out) throws Exception {
    StringWriter log = new StringWriter();
    int status = PodcastCli.execute(new PrintWriter(log, true), new PrintWriter(log, true),
        "build", "--source", TerraformConfig.REPO.resolve("examples/site").toString(),
        "--out", out.toString());
    assertEquals(0, status, log.toString());
    JsonObject site = tf.resources("google_storage_bucket").get("site");
    JsonObject website = block(site, "website").orElseThrow();
    String index = string(website, "main_page_suffix");
    assertTrue(Files.isRegularFile(out.resolve(index)), index);
    assertTrue(Files.isRegularFile(out.resolve(string(website, "not_found_page"))));
    List<Path> pages;
    try (Stream<Path> posts = Files.list(out.resolve("post"))) {
      pages = posts.filter(Files::isDirectory).toList();
    }
    assertFalse(pages.isEmpty());
    for (Path page : pages) {
      assertTrue(Files.isRegularFile(page.resolve(index)), page + " has no " + index);
    }
    for (String feed : List.of("feed.xml", "feed.json")) {
      assertTrue(Files.isRegularFile(out.resolve(feed)), feed);
    }
    JsonObject cors = block(site, "cors").orElseThrow();
    assertTrue(cors.get("method").toString().contains("\"GET\""), cors.toString());
    assertEquals("${var.cors_origins}", string(cors, "origin"));
    assertTrue(tf.resources("google_storage_bucket_iam_member").values().stream().anyMatch(
        b -> string(b, "bucket").equals("${google_storage_bucket.site.name}")
            && string(b, "member").equals("allUsers")
            && string(b, "role").equals("roles/storage.legacyObjectReader")),
        "the site's objects are public (read, not listed: see below)");
  }

  // ---- Who may call what ----

  @Test
  void feedAndWebhookArePublicPublishDueOnlyForTheScheduler() {
    Map<String, Set<String>> invokers = new TreeMap<>();
    for (JsonObject b : tf.resources("google_cloud_run_service_iam_member").values()) {
      assertEquals("roles/run.invoker", string(b, "role"));
      String service = string(b, "service");
      Matcher m = Pattern.compile("\\$\\{google_cloudfunctions2_function\\.(\\w+)\\.name}")
          .matcher(service);
      assertTrue(m.matches(), service);
      invokers.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(string(b, "member"));
    }
    assertEquals(Set.of("allUsers"), invokers.get("feed"));
    assertEquals(Set.of("allUsers"), invokers.get("webhook"));
    assertEquals(Set.of("serviceAccount:${google_service_account.scheduler.email}"),
        invokers.get("publish_due"));
    assertEquals(Set.of("serviceAccount:${google_service_account.upload.email}"),
        invokers.get("upload"));
    JsonObject job = tf.resources("google_cloud_scheduler_job").get("publish_due");
    JsonObject target = block(job, "http_target").orElseThrow();
    assertEquals("${google_cloudfunctions2_function.publish_due.service_config[0].uri}",
        string(target, "uri"));
    assertEquals("${google_service_account.scheduler.email}",
        string(block(target, "oidc_token").orElseThrow(), "service_account_email"));
  }

  @Test
  void eachFunctionRunsAsItsOwnServiceAccount() {
    Set<String> accounts = new LinkedHashSet<>();
    for (Map.Entry<String, JsonObject> f : functions.entrySet()) {
      String account = string(block(f.getValue(), "service_config").orElseThrow(),
          "service_account_email");
      assertEquals("${google_service_account." + f.getKey() + ".email}", account);
      accounts.add(account);
    }
    assertEquals(functions.size(), accounts.size());
  }

  // ---- What each account's code calls, against its grants ----

  /**
   * What each function's code calls in Cloud Storage: account, bucket, the permission the call
   * needs, and the parts of the bucket it is called on ({@link IamChecks}' areas, named from the
   * code's constants). Whatever is not here the code never calls. {@code IamMatchesCodeTest} runs
   * the functions as deployed and fails unless their calls are exactly these lines; the tests
   * below fail unless each account's grants in {@code infra/iam.tf} allow exactly these.
   */
  static final Set<Use> WHAT_THE_CODE_CALLS = table(
      // upload publishes: a rebuild lists the source and reads every file of the show (never the
      // webhook's remembered entries, nor a file that is not the show's: those events are
      // ignored unread); it writes, overwrites and deletes the derived site, and a rebuild's
      // sweep lists it.
      uses("upload", "source", GET, CONFIG, PODCAST, LAYOUTS, CMS_EPISODES, OTHER_CONTENT,
          STATIC, IMPORTS),
      uses("upload", "source", LIST, LISTING),
      // An old feed's import (FeedImport) reads it, writes the channel's settings into
      // podcast.toml and the guids into the episode files it matches (page bundles and single
      // files), creates files for items without one and writes its report, overwriting with
      // preconditions (an overwrite is a delete of the generation replaced).
      uses("upload", "source", CREATE, PODCAST, CMS_EPISODES, OTHER_CONTENT, IMPORTS),
      uses("upload", "source", DELETE, PODCAST, CMS_EPISODES, OTHER_CONTENT, IMPORTS),
      // Each upload's status and the status page, written and overwritten; a delivery again
      // looks whether its status is there (and writes it from the ledger if not).
      uses("upload", "source", GET, STATUS),
      uses("upload", "source", CREATE, STATUS),
      uses("upload", "source", DELETE, STATUS),
      uses("upload", "site", GET, OBJECTS),
      uses("upload", "site", CREATE, OBJECTS),
      uses("upload", "site", DELETE, OBJECTS),
      uses("upload", "site", LIST, LISTING),
      // publishDue loads the configuration and lists layouts/, reads the files of the episodes
      // whose time has come and of their neighbours (never static/: it copies nothing), and
      // writes, overwrites and deletes their pages, listings and feeds; it never lists the site.
      uses("publish_due", "source", GET, CONFIG, PODCAST, LAYOUTS, CMS_EPISODES, OTHER_CONTENT),
      uses("publish_due", "source", LIST, LISTING),
      uses("publish_due", "site", GET, OBJECTS),
      uses("publish_due", "site", CREATE, OBJECTS),
      uses("publish_due", "site", DELETE, OBJECTS),
      // The feed endpoint reads the feed objects it serves: nothing else, anywhere.
      uses("feed", "site", GET, OBJECTS),
      // The webhook reads config.toml (the parser) and podcast.toml (its [cms] mapping), and
      // reads, writes, overwrites and deletes the episode files the CMS sends and the slug it
      // remembers of each entry. It never lists.
      uses("webhook", "source", GET, CONFIG, PODCAST, CMS_EPISODES, CMS_ENTRIES),
      uses("webhook", "source", CREATE, CMS_EPISODES, CMS_ENTRIES),
      uses("webhook", "source", DELETE, CMS_EPISODES, CMS_ENTRIES),
      // The notify function reads config.toml (the feed's address) and podcast.toml ([notify]),
      // and the generation of the main feed (a newer write is told of by its own event).
      uses("notify", "source", GET, CONFIG, PODCAST),
      uses("notify", "site", GET, OBJECTS));

  /**
   * What each function's code does with Firestore: the records and the guid registry in
   * transactions (upload, publishDue), the remembered webhook ids (webhook); the feed endpoint
   * does not use it.
   */
  static final Map<String, Firestore> FIRESTORE_USE = Map.of("upload", Firestore.WRITE,
      "publish_due", Firestore.WRITE, "feed", Firestore.NONE, "webhook", Firestore.WRITE,
      "notify", Firestore.WRITE);

  @SafeVarargs
  private static Set<Use> table(List<Use>... rows) {
    Set<Use> all = new TreeSet<>();
    for (List<Use> row : rows) {
      all.addAll(row);
    }
    return Set.copyOf(all);
  }

  @Test
  void eachAccountMayDoInEachBucketWhatItsCodeCallsAndNoMore() {
    assertEquals(List.of(), IamChecks.storageDiscrepancies(policy, WHAT_THE_CODE_CALLS));
  }

  @Test
  void eachAccountsFirestoreRoleIsWhatItsCodeDoesInTheShowsDatabaseOnly() {
    assertEquals("projects/" + IamPolicy.PROJECT + "/databases/(default)", policy.database());
    assertEquals(List.of(), IamChecks.projectDiscrepancies(policy, FIRESTORE_USE));
  }

  @Test
  void thePlatformsRolesGoToTheAccountsThePlatformActsAs() {
    assertEquals(List.of(), IamChecks.platformDiscrepancies(policy, tf));
  }

  @Test
  void anyoneMayReadTheSitesPagesButNotListTheSiteNorTouchTheSource() {
    assertEquals(List.of(), IamChecks.publicDiscrepancies(policy));
    JsonObject website = block(tf.resources("google_storage_bucket").get("site"), "website")
        .orElseThrow();
    for (String page : List.of(string(website, "main_page_suffix"),
        "post/x/" + string(website, "main_page_suffix"), string(website, "not_found_page"))) {
      assertTrue(policy.allows(IamPolicy.ALL_USERS, "site", GET, page), page);
    }
  }

  @Test
  void conditionsAreOnBucketsWithUniformAccess() {
    // IAM conditions on a bucket's bindings need uniform bucket-level access.
    for (String bucket : List.of("source", "site")) {
      assertEquals("true", string(tf.resources("google_storage_bucket").get(bucket),
          "uniform_bucket_level_access"), bucket);
    }
  }

  @Test
  void theWebhookCannotTouchTheConfigurationLayoutsOrOtherContentAndNeverLists() {
    for (String object : List.of(ShowConfigReader.CONFIG_FILE, ShowConfigReader.PODCAST_FILE,
        SourceObjects.LAYOUTS + "episode.mustache", SourceObjects.STATIC + "x.png",
        SourceObjects.CONTENT + "post/x.md", SourceObjects.CONTENT + "post/x/cover.jpg")) {
      assertFalse(policy.allows("webhook", "source", CREATE, object), object);
      assertFalse(policy.allows("webhook", "source", DELETE, object), object);
    }
    assertTrue(policy.allows("webhook", "source", CREATE, WebhookHandler.objectOf("x")));
    assertFalse(policy.allows("webhook", "source", LIST, ""));
    assertTrue(policy.bucketGrants().stream().noneMatch(g -> g.member().equals("webhook")
        && !g.bucket().equals("source")), "the webhook has no grant on another bucket");
  }

  @Test
  void theFeedReadsTheSiteOnlyNeverTheSourceAndWritesNothing() {
    for (Permission p : Permission.values()) {
      assertFalse(policy.allows("feed", "source", p, ShowConfigReader.CONFIG_FILE), p.name());
      assertFalse(policy.allows("feed", "source", p, WebhookHandler.objectOf("draft")), p.name());
    }
    assertTrue(policy.allows("feed", "site", GET, "feed.xml"));
    for (Permission p : List.of(CREATE, DELETE, LIST)) {
      assertFalse(policy.allows("feed", "site", p, "feed.xml"), p.name());
    }
  }

  /** Each check fails on a policy made broader, or narrower, in the ways the issue found. */
  @Test
  void theChecksFailOnEachBroaderOrMissingGrant() {
    Map<String, IamPolicy> mutants = new LinkedHashMap<>();
    mutants.put("webhook: object user on the whole source", policy
        .without(g -> g.key().equals("webhook/source-episodes"))
        .with(grant("webhook", "source", "roles/storage.objectUser")));
    mutants.put("feed: object viewer on the source", policy
        .with(grant("feed", "source", "roles/storage.objectViewer")));
    mutants.put("feed: object user on the site", policy
        .with(grant("feed", "site", "roles/storage.objectUser")));
    mutants.put("upload: reads the whole source", policy
        .without(g -> g.key().equals("upload/source"))
        .with(grant("upload", "source", "roles/storage.objectViewer")));
    mutants.put("publish_due: may list the site", policy
        .without(g -> g.key().equals("publish_due/site"))
        .with(grant("publish_due", "site", "roles/storage.objectUser")));
    mutants.put("publish_due: cannot read the source", policy
        .without(g -> g.key().equals("publish_due/source")));
    mutants.put("webhook: cannot read config.toml", policy
        .without(g -> g.key().equals("webhook/source-configuration")));
    mutants.put("upload: cannot list the site", policy
        .without(g -> g.key().equals("upload/site"))
        .with(new BucketGrant("mutant", "upload", "site", "roles/storage.objectUser",
            Optional.of(IamCondition.parse("resource.name.startsWith(\""
                + IamPolicy.resourceName("site", "") + "\")")))));
    for (Map.Entry<String, IamPolicy> m : mutants.entrySet()) {
      assertFalse(IamChecks.storageDiscrepancies(m.getValue(), WHAT_THE_CODE_CALLS).isEmpty(),
          m.getKey());
    }

    // The same policy against a table that calls less, or more.
    Set<Use> less = new TreeSet<>(WHAT_THE_CODE_CALLS);
    less.remove(new Use("webhook", "source", GET, CONFIG));
    assertFalse(IamChecks.storageDiscrepancies(policy, less).isEmpty(), "a grant not called");
    Set<Use> more = new TreeSet<>(WHAT_THE_CODE_CALLS);
    more.add(new Use("webhook", "source", CREATE, STATIC));
    assertFalse(IamChecks.storageDiscrepancies(policy, more).isEmpty(), "a call not granted");

    ProjectGrant projectWide = new ProjectGrant("mutant", "webhook", "roles/datastore.user",
        Optional.empty());
    assertFalse(IamChecks.projectDiscrepancies(policy
        .withoutProject(g -> g.key().equals("webhook/datastore")).with(projectWide),
        FIRESTORE_USE).isEmpty(), "datastore.user on the whole project");
    assertFalse(IamChecks.projectDiscrepancies(policy.with(new ProjectGrant("mutant", "feed",
        "roles/datastore.viewer", Optional.of(IamCondition.parse("resource.name == \""
            + policy.database() + "\"")))), FIRESTORE_USE).isEmpty(),
        "a Firestore role for the feed, which reads no records");
    assertFalse(IamChecks.projectDiscrepancies(policy
        .withoutProject(g -> g.key().equals("upload/datastore")), FIRESTORE_USE).isEmpty(),
        "no Firestore role for upload, which writes records");
    assertFalse(IamChecks.projectDiscrepancies(policy.with(new ProjectGrant("mutant", "upload",
        "roles/storage.objectViewer", Optional.empty())), FIRESTORE_USE).isEmpty(),
        "a storage role on the project");
    assertFalse(IamChecks.platformDiscrepancies(policy.with(new ProjectGrant("mutant",
        "webhook", "roles/eventarc.eventReceiver", Optional.empty())), tf).isEmpty(),
        "events for the webhook");
    assertFalse(IamChecks.publicDiscrepancies(policy.with(new BucketGrant("mutant",
        IamPolicy.ALL_USERS, "site", "roles/storage.objectViewer", Optional.empty()))).isEmpty(),
        "allUsers may list the site");
    assertFalse(IamChecks.publicDiscrepancies(policy.with(new BucketGrant("mutant",
        IamPolicy.ALL_USERS, "source", "roles/storage.legacyObjectReader", Optional.empty())))
        .isEmpty(), "allUsers may read the source");
  }

  private static BucketGrant grant(String member, String bucket, String role) {
    return new BucketGrant("mutant", member, bucket, role, Optional.empty());
  }

  // ---- Firestore ----

  @Test
  void terraformCreatesWhatFirestoreIndexesJsonSays() {
    JsonObject locals = tf.locals();
    assertEquals("${jsondecode(file(\"${path.module}/firestore.indexes.json\"))}",
        string(locals, "firestore_config"));
    assertTrue(string(locals, "firestore_indexes").contains("local.firestore_config.indexes"));
    assertTrue(string(locals, "firestore_fields")
        .contains("local.firestore_config.fieldOverrides"));
    JsonObject index = tf.resources("google_firestore_index").get("composite");
    assertEquals("${local.firestore_indexes}", string(index, "for_each"));
    JsonObject field = tf.resources("google_firestore_field").get("override");
    assertEquals("${local.firestore_fields}", string(field, "for_each"));
    JsonObject dynamic = field.getAsJsonObject("dynamic");
    assertTrue(dynamic.has("ttl_config") && dynamic.has("index_config"), field.toString());
    assertTrue(string(block(dynamic, "ttl_config").orElseThrow(), "for_each")
        .contains("each.value.ttl"), "TTL where the JSON says \"ttl\": true");
    assertTrue(string(block(dynamic, "index_config").orElseThrow(), "for_each")
        .contains("each.value.indexes"), "single-field indexes as the JSON says");
    assertEquals("(default)", string(tf.resources("google_firestore_database").get("default"),
        "name"), "the functions' client uses the (default) database");
  }

  @Test
  void firestoreIndexesJsonNamesCollectionsAndFieldsTheAdapterUses() throws IOException {
    // Names are string literals of the adapter, however it spells its calls (a constant, a
    // Map.of with several keys): a name the JSON has and the adapter never writes is a typo.
    String adapter = sources(FIRESTORE_ADAPTER);
    Set<String> collections = literals(adapter, "\"(\\w+)\"");
    Set<String> fields = collections;
    assertTrue(literals(adapter, "collection\\(\\s*\"(\\w+)\"")
        .containsAll(Set.of("shows", "episodes", "sources")), "the adapter's collections");
    assertTrue(literals(adapter, "put\\(\\s*\"(\\w+)\"")
        .containsAll(Set.of("status", "publishDate", "contentHtml")), "the adapter's fields");
    Set<String> pending = pendingNames();
    JsonObject json = JsonParser.parseString(Files.readString(INDEXES)).getAsJsonObject();
    for (JsonElement e : json.getAsJsonArray("indexes")) {
      JsonObject index = e.getAsJsonObject();
      String group = index.get("collectionGroup").getAsString();
      assertTrue(collections.contains(group) || pending.contains(group), "index on " + group);
      for (JsonElement f : index.getAsJsonArray("fields")) {
        String path = f.getAsJsonObject().get("fieldPath").getAsString();
        assertTrue(fields.contains(path) || pending.contains(path), "index field " + path
            + " is written by no code in dev.podcast.adapter.firestore");
      }
    }
    for (JsonElement e : json.getAsJsonArray("fieldOverrides")) {
      JsonObject override = e.getAsJsonObject();
      String group = override.get("collectionGroup").getAsString();
      String path = override.get("fieldPath").getAsString();
      assertTrue(collections.contains(group) || pending.contains(group), "override on " + group);
      assertTrue(fields.contains(path) || pending.contains(path), "override of field " + path
          + " in " + group + " is written by no code in dev.podcast.adapter.firestore");
    }
  }

  /**
   * publishDue asks for the episodes of one status whose publish date has come: a composite
   * index on status and publishDate. And any query of the adapter that filters or sorts on two
   * fields or more has a composite index on those fields.
   */
  @Test
  void theQueriesHaveTheirCompositeIndexes() throws IOException {
    JsonObject json = JsonParser.parseString(Files.readString(INDEXES)).getAsJsonObject();
    List<List<String>> indexed = new ArrayList<>();
    for (JsonElement e : json.getAsJsonArray("indexes")) {
      List<String> paths = new ArrayList<>();
      for (JsonElement f : e.getAsJsonObject().getAsJsonArray("fields")) {
        JsonObject o = f.getAsJsonObject();
        paths.add(o.get("fieldPath").getAsString() + " "
            + (o.has("order") ? o.get("order") : o.get("arrayConfig")).getAsString());
      }
      indexed.add(paths);
    }
    assertTrue(indexed.contains(List.of("status ASCENDING", "publishDate ASCENDING")),
        "publishDue's index for scheduled episodes: " + indexed);
    assertTrue(indexed.contains(List.of("status ASCENDING", "expiryDate ASCENDING")),
        "publishDue's index for expired episodes: " + indexed);
    Pattern field = Pattern.compile("(?:where\\w*|orderBy)\\(\\s*\"(\\w+)\"");
    for (String statement : sources(FIRESTORE_ADAPTER).split(";")) {
      Set<String> used = new LinkedHashSet<>();
      Matcher m = field.matcher(statement);
      while (m.find()) {
        used.add(m.group(1));
      }
      if (used.size() >= 2) {
        assertTrue(indexed.stream().anyMatch(paths -> paths.stream()
            .map(p -> p.substring(0, p.indexOf(' '))).collect(Collectors.toSet()).equals(used)),
            "a query on " + used + " needs a composite index in firestore.indexes.json:\n"
                + statement.strip());
      }
    }
  }

  @Test
  void rememberedWebhookIdsExpireByTtl() throws IOException {
    JsonObject json = JsonParser.parseString(Files.readString(INDEXES)).getAsJsonObject();
    Set<String> ttl = new TreeSet<>();
    for (JsonElement e : json.getAsJsonArray("fieldOverrides")) {
      JsonObject o = e.getAsJsonObject();
      if (o.has("ttl") && o.get("ttl").getAsBoolean()) {
        ttl.add(o.get("collectionGroup").getAsString() + "/" + o.get("fieldPath").getAsString());
      }
    }
    assertEquals(Set.of("webhooks/expireAt"), ttl);
  }

  // ---- Helpers ----

  /** Names still to come from branches not merged yet: only while their class is absent. */
  private static Set<String> pendingNames() {
    return NOT_YET_MERGED.entrySet().stream().filter(e -> load(e.getKey()).isEmpty())
        .flatMap(e -> e.getValue().stream()).collect(Collectors.toSet());
  }

  private static Optional<Class<?>> load(String name) {
    try {
      return Optional.of(Class.forName(name));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  /** A function's environment: its variables and its secret variables, name to expression. */
  private static Map<String, String> environment(JsonObject function) {
    JsonObject service = block(function, "service_config").orElseThrow();
    Map<String, String> env = new LinkedHashMap<>();
    if (service.has("environment_variables")) {
      JsonElement vars = service.get("environment_variables");
      if (!vars.isJsonObject()) {
        fail("write environment_variables as a map of names, not " + vars);
      }
      vars.getAsJsonObject().entrySet().forEach(e -> env.put(e.getKey(),
          e.getValue().getAsString()));
    }
    for (JsonObject secret : blocksOf(service, "secret_environment_variables")) {
      env.put(string(secret, "key"), "secret " + string(secret, "secret"));
    }
    // A secret only some deployments have: a dynamic block of one or no secret.
    if (service.has("dynamic")) {
      for (JsonObject secret : blocksOf(service.getAsJsonObject("dynamic"),
          "secret_environment_variables")) {
        for (JsonObject content : blocksOf(secret, "content")) {
          env.put(string(content, "key"), "secret " + string(content, "secret"));
        }
      }
    }
    return env;
  }

  private static Map<String, String> filters(List<JsonObject> blocks, String key, String value) {
    Map<String, String> out = new TreeMap<>();
    blocks.forEach(b -> out.put(string(b, key), string(b, value)));
    return out;
  }

  /** The keys of an HCL {@code object({ a = ..., b = ... })} type expression. */
  private static Set<String> objectKeys(String type) {
    Matcher m = Pattern.compile("(?m)^\\s*(\\w+)\\s*=").matcher(type);
    Set<String> keys = new TreeSet<>();
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  private static Set<String> literals(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    Set<String> out = new TreeSet<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String sources(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      StringBuilder all = new StringBuilder();
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        all.append(Files.readString(file)).append('\n');
      }
      return all.toString();
    }
  }
}
