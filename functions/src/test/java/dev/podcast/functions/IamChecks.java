package dev.podcast.functions;

import static dev.podcast.functions.TerraformConfig.block;
import static dev.podcast.functions.TerraformConfig.blocksOf;
import static dev.podcast.functions.TerraformConfig.string;

import com.google.gson.JsonObject;
import dev.podcast.functions.IamPolicy.Firestore;
import dev.podcast.functions.IamPolicy.Permission;
import dev.podcast.functions.IamPolicy.ProjectGrant;
import dev.podcast.publish.SourceObjects;
import dev.podcast.show.ShowConfigReader;
import dev.podcast.webhook.WebhookHandler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of each account's grants ({@link IamPolicy}, read from {@code infra/}) against a
 * table of what its code calls ({@link Use}s): {@code TerraformMatchesCodeTest} holds the table
 * and checks the grants against it, {@code IamMatchesCodeTest} runs the code and checks the table
 * against its calls.
 *
 * <p>A bucket is cut into the parts the code tells apart, named from the code's own constants
 * ({@link SourceObjects}, {@link ShowConfigReader}, {@link WebhookHandler}), each with names to
 * probe the grants with; a listing is a part of its own, as Cloud Storage checks it against the
 * bucket.
 */
final class IamChecks {

  private IamChecks() {}

  /** The functions' accounts, by their keys in {@code infra/} (as functions.tf names them). */
  static final List<String> FUNCTIONS = List.of("upload", "publish_due", "feed", "webhook",
      "notify");
  static final List<String> BUCKETS = List.of("source", "site", "deploy");

  // The parts of the source bucket.
  static final String CONFIG = ShowConfigReader.CONFIG_FILE;
  static final String PODCAST = ShowConfigReader.PODCAST_FILE;
  static final String LAYOUTS = SourceObjects.LAYOUTS;
  /** The episode files the webhook writes: content/post/{slug}/index.md. */
  static final String CMS_EPISODES = WebhookHandler.objectOf("{slug}");
  /** Every other file under content/: single-file episodes, page bundles' other files. */
  static final String OTHER_CONTENT = SourceObjects.CONTENT + " (other files)";
  static final String STATIC = SourceObjects.STATIC;
  /** The slug the webhook remembers of each CMS entry. */
  static final String CMS_ENTRIES = WebhookHandler.ENTRY_INDEX;
  /** Each upload's status and the status page. */
  static final String STATUS = SourceObjects.STATUS;
  /** The old feeds uploaded to be imported, and the import's reports beside them. */
  static final String IMPORTS = SourceObjects.IMPORTS;
  /** Any file that is not the show's: notes, another case, backups. */
  static final String ELSEWHERE = "(anything else)";
  /** Every object of the site or deploy bucket: nothing there is told apart. */
  static final String OBJECTS = "(objects)";
  /** The bucket's listing (storage.objects.list, checked against the bucket). */
  static final String LISTING = "(the bucket's listing)";

  /** One line of the table: {@code account}'s code makes calls needing {@code permission}. */
  record Use(String account, String bucket, Permission permission, String area)
      implements Comparable<Use> {
    @Override
    public int compareTo(Use other) {
      return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
      return account + " " + permission + " " + bucket + " " + area;
    }
  }

  /** The uses of {@code account}'s calls needing {@code permission} on {@code areas}. */
  static List<Use> uses(String account, String bucket, Permission permission,
      String... areas) {
    List<Use> out = new ArrayList<>();
    for (String area : areas) {
      if (!areas(bucket).containsKey(area) || area.equals(LISTING) != (permission
          == Permission.LIST)) {
        throw new IllegalArgumentException(bucket + " has no area " + area + " for "
            + permission);
      }
      out.add(new Use(account, bucket, permission, area));
    }
    return out;
  }

  /** What the calls recorded (an {@link IamObjectStore}'s) used, as the table's lines. */
  static Set<Use> usesOf(Collection<IamObjectStore.Call> calls) {
    Set<Use> out = new TreeSet<>();
    for (IamObjectStore.Call call : calls) {
      out.add(new Use(call.account(), call.bucket(), call.permission(),
          areaOf(call.bucket(), call.object())));
    }
    return out;
  }

  /** The parts of {@code bucket} that the code tells apart, each with names to probe it. */
  static Map<String, List<String>> areas(String bucket) {
    Map<String, List<String>> areas = new LinkedHashMap<>();
    if (bucket.equals("source")) {
      areas.put(CONFIG, List.of(ShowConfigReader.CONFIG_FILE));
      areas.put(PODCAST, List.of(ShowConfigReader.PODCAST_FILE));
      areas.put(LAYOUTS, List.of(SourceObjects.LAYOUTS + "site.css",
          SourceObjects.LAYOUTS + "episode.mustache"));
      areas.put(CMS_EPISODES, List.of(WebhookHandler.objectOf("probe"),
          WebhookHandler.objectOf("episode-1-probe")));
      areas.put(OTHER_CONTENT, List.of(SourceObjects.CONTENT + "post/probe.md",
          SourceObjects.CONTENT + "post/probe/cover.jpg", SourceObjects.CONTENT + "about.md"));
      areas.put(STATIC, List.of(SourceObjects.STATIC + "images/probe.png"));
      areas.put(CMS_ENTRIES, List.of(WebhookHandler.ENTRY_INDEX + "probe"));
      areas.put(STATUS, List.of(SourceObjects.STATUS + "index.html",
          SourceObjects.STATUS + "content/post/probe/index.md.txt"));
      areas.put(IMPORTS, List.of(SourceObjects.IMPORTS + "libsyn.xml",
          SourceObjects.importReport(SourceObjects.IMPORTS + "libsyn.xml")));
      areas.put(ELSEWHERE, List.of("notes.txt", "Content/post/probe.md", "config.toml.bak",
          ".podcast/state.json"));
    } else {
      areas.put(OBJECTS, List.of("index.html", "feed.xml", "post/probe/index.html",
          "podcast-functions-probe.zip"));
    }
    areas.put(LISTING, List.of(""));
    return areas;
  }

  /** The part of {@code bucket} that {@code object} is in ({@code ""}: the listing). */
  static String areaOf(String bucket, String object) {
    if (object.isEmpty()) {
      return LISTING;
    }
    if (!bucket.equals("source")) {
      return OBJECTS;
    }
    if (object.equals(ShowConfigReader.CONFIG_FILE)) {
      return CONFIG;
    }
    if (object.equals(ShowConfigReader.PODCAST_FILE)) {
      return PODCAST;
    }
    if (object.startsWith(SourceObjects.LAYOUTS)) {
      return LAYOUTS;
    }
    if (object.startsWith(WebhookHandler.EPISODE_FOLDER)
        && object.endsWith(WebhookHandler.EPISODE_FILE)) {
      return CMS_EPISODES;
    }
    if (object.startsWith(SourceObjects.CONTENT)) {
      return OTHER_CONTENT;
    }
    if (object.startsWith(SourceObjects.STATIC)) {
      return STATIC;
    }
    if (object.startsWith(WebhookHandler.ENTRY_INDEX)) {
      return CMS_ENTRIES;
    }
    if (object.startsWith(SourceObjects.STATUS)) {
      return STATUS;
    }
    if (object.startsWith(SourceObjects.IMPORTS)) {
      return IMPORTS;
    }
    return ELSEWHERE;
  }

  /**
   * For every function's account, bucket and permission: the parts the grants allow, probed,
   * against the parts {@code table} says its code calls. Empty when they are the same
   * everywhere; otherwise one line for each grant broader than the calls and each call not
   * allowed (for every name of its part).
   */
  static List<String> storageDiscrepancies(IamPolicy policy, Set<Use> table) {
    List<String> out = new ArrayList<>();
    for (String account : FUNCTIONS) {
      for (String bucket : BUCKETS) {
        for (Permission permission : Permission.values()) {
          Set<String> allowed = new TreeSet<>();
          Set<String> partly = new TreeSet<>();
          for (Map.Entry<String, List<String>> area : areas(bucket).entrySet()) {
            if (area.getKey().equals(LISTING) != (permission == Permission.LIST)) {
              continue;
            }
            long yes = area.getValue().stream()
                .filter(o -> policy.allows(account, bucket, permission, o)).count();
            if (yes > 0) {
              allowed.add(area.getKey());
            }
            if (yes > 0 && yes < area.getValue().size()) {
              partly.add(area.getKey());
            }
          }
          Set<String> called = new TreeSet<>();
          for (Use use : table) {
            if (use.account().equals(account) && use.bucket().equals(bucket)
                && use.permission() == permission) {
              called.add(use.area());
            }
          }
          Set<String> broader = new TreeSet<>(allowed);
          broader.removeAll(called);
          // What everyone may do is no grant of the account's (the site's pages are public).
          broader.removeIf(area -> areas(bucket).get(area).stream().allMatch(
              o -> policy.allows(IamPolicy.ALL_USERS, bucket, permission, o)));
          Set<String> missing = new TreeSet<>(called);
          missing.removeAll(allowed);
          missing.addAll(partly.stream().filter(called::contains).toList());
          if (!broader.isEmpty()) {
            out.add(account + " may " + permission + " in the " + bucket + " bucket's "
                + broader + ", which its code never does");
          }
          if (!missing.isEmpty()) {
            out.add(account + "'s code does " + permission + " in the " + bucket + " bucket's "
                + missing + ", which infra/ does not allow (for every name there)");
          }
        }
      }
    }
    return out;
  }

  /**
   * Every project role of a function's account is one a function may hold; its Firestore roles
   * are what {@code firestore} says its code does with Firestore (writes: datastore.user; reads
   * only: datastore.viewer; nothing: none), each limited to the show's database by its
   * condition.
   */
  static List<String> projectDiscrepancies(IamPolicy policy, Map<String, Firestore> firestore) {
    List<String> out = new ArrayList<>();
    IamCondition.Request database = new IamCondition.Request(Map.of("resource.name",
        policy.database(), "resource.type", "firestore.googleapis.com/Database",
        "resource.service", "firestore.googleapis.com"));
    IamCondition.Request another = new IamCondition.Request(Map.of("resource.name",
        "projects/" + IamPolicy.PROJECT + "/databases/another", "resource.type",
        "firestore.googleapis.com/Database", "resource.service", "firestore.googleapis.com"));
    for (String account : FUNCTIONS) {
      Firestore used = firestore.getOrDefault(account, Firestore.NONE);
      List<String> roles = new ArrayList<>();
      for (ProjectGrant grant : policy.projectGrantsOf(account)) {
        Firestore allows = IamPolicy.FUNCTION_PROJECT_ROLES.get(grant.role());
        if (allows == null) {
          out.add(account + " holds " + grant.role() + " on the project, which no function's"
              + " code needs");
          continue;
        }
        if (allows == Firestore.NONE) {
          continue;
        }
        roles.add(grant.role());
        if (grant.condition().isEmpty() || !grant.condition().get().test(database)
            || grant.condition().get().test(another)) {
          out.add(account + "'s " + grant.role() + " is not limited to the show's database "
              + policy.database() + ": " + grant.condition().map(Object::toString)
              .orElse("no condition"));
        }
      }
      List<String> expected = switch (used) {
        case WRITE -> List.of("roles/datastore.user");
        case READ -> List.of("roles/datastore.viewer");
        case NONE -> List.of();
      };
      if (!roles.equals(expected)) {
        out.add(account + "'s code " + (used == Firestore.NONE ? "does not use Firestore"
            : used == Firestore.READ ? "reads Firestore" : "writes Firestore") + ": it needs "
            + expected + ", infra/ grants " + roles);
      }
    }
    return out;
  }

  /**
   * The Eventarc receiver role goes to exactly the accounts the upload triggers deliver as, the
   * Cloud Build role to exactly the accounts that build the functions; neither to another.
   */
  static List<String> platformDiscrepancies(IamPolicy policy, TerraformConfig tf) {
    Set<String> receivers = new TreeSet<>();
    Set<String> builders = new TreeSet<>();
    Pattern account = Pattern.compile("\\$\\{google_service_account\\.(\\w+)\\.(?:email|id)}");
    for (JsonObject function : tf.resources("google_cloudfunctions2_function").values()) {
      for (JsonObject trigger : blocksOf(function, "event_trigger")) {
        // Eventarc's receiver role is for direct events; a Pub/Sub trigger needs only the
        // invoker role (Eventarc's roles for Cloud Run functions targets).
        if (!string(trigger, "event_type").equals(
            "google.cloud.pubsub.topic.v1.messagePublished")) {
          receivers.add(match(account, string(trigger, "service_account_email")));
        }
      }
      builders.add(match(account, string(block(function, "build_config").orElseThrow(),
          "service_account")));
    }
    for (JsonObject trigger : tf.resources("google_eventarc_trigger").values()) {
      receivers.add(match(account, string(trigger, "service_account")));
    }
    List<String> out = new ArrayList<>();
    Map<String, Set<String>> expected = Map.of("roles/eventarc.eventReceiver", receivers,
        "roles/cloudbuild.builds.builder", builders);
    for (Map.Entry<String, Set<String>> role : expected.entrySet()) {
      Set<String> holders = new TreeSet<>();
      for (ProjectGrant grant : policy.projectGrants()) {
        if (grant.role().equals(role.getKey())) {
          holders.add(grant.member());
        }
      }
      if (!holders.equals(role.getValue())) {
        out.add(role.getKey() + " is held by " + holders + "; the platform acts as "
            + role.getValue());
      }
    }
    return out;
  }

  /** Anyone may read every object of the site, and nothing more there or anywhere else. */
  static List<String> publicDiscrepancies(IamPolicy policy) {
    List<String> out = new ArrayList<>();
    for (String bucket : BUCKETS) {
      for (Map.Entry<String, List<String>> area : areas(bucket).entrySet()) {
        for (String object : area.getValue()) {
          for (Permission permission : Permission.values()) {
            if (area.getKey().equals(LISTING) != (permission == Permission.LIST)) {
              continue;
            }
            boolean expected = bucket.equals("site") && permission == Permission.GET;
            if (policy.allows(IamPolicy.ALL_USERS, bucket, permission, object) != expected) {
              out.add("anyone " + (expected ? "cannot " : "may ") + permission + " gs://"
                  + bucket + "/" + object);
            }
          }
        }
      }
    }
    return out;
  }

  private static String match(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.matches()) {
      throw new AssertionError("not a service account of infra/: " + text);
    }
    return m.group(1);
  }
}
