package dev.podcast.functions;

import static dev.podcast.functions.TerraformConfig.block;
import static dev.podcast.functions.TerraformConfig.string;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may do what, as {@code infra/} grants it: every bucket and project role binding Terraform
 * makes, with its condition resolved (the buckets and the project given fixed names) and parsed,
 * and what Google's predefined roles allow of the calls the code makes. Immutable; {@link #with}
 * and {@link #without} make changed copies, for tests that show a check catches a change.
 */
final class IamPolicy {

  /** The bucket and project names the conditions are resolved with. */
  static final String SOURCE_BUCKET = "show-source";
  static final String SITE_BUCKET = "show-site";
  static final String DEPLOY_BUCKET = "show-deploy";
  static final String PROJECT = "show-project";

  /** Everyone, signed in or not: a grant to it is a grant to every account too. */
  static final String ALL_USERS = "allUsers";
  static final String ALL_AUTHENTICATED_USERS = "allAuthenticatedUsers";

  /** The object calls of Cloud Storage the code makes, by the permission each one needs. */
  enum Permission {
    /** {@code storage.objects.get}: content and metadata (the generation, the size). */
    GET,
    /** {@code storage.objects.list}, checked against the bucket, not an object. */
    LIST,
    /** {@code storage.objects.create}: a new object, or a new generation of one. */
    CREATE,
    /** {@code storage.objects.delete}: a delete, and the old generation an overwrite replaces. */
    DELETE
  }

  /**
   * What the predefined bucket roles allow of those calls (Google's role reference; only the
   * roles {@code infra/} may grant on a bucket are known, and any other fails the tests).
   */
  static final Map<String, Set<Permission>> BUCKET_ROLES = Map.of(
      "roles/storage.objectViewer", EnumSet.of(Permission.GET, Permission.LIST),
      "roles/storage.legacyObjectReader", EnumSet.of(Permission.GET),
      "roles/storage.objectUser", EnumSet.allOf(Permission.class),
      "roles/storage.objectAdmin", EnumSet.allOf(Permission.class),
      "roles/storage.objectCreator", EnumSet.of(Permission.CREATE),
      "roles/storage.legacyBucketReader", EnumSet.of(Permission.LIST),
      "roles/storage.admin", EnumSet.allOf(Permission.class));

  /** Firestore's part of a project role: what its documents may be. */
  enum Firestore { NONE, READ, WRITE }

  /**
   * The project roles a function's account may hold, and what each allows in Firestore; none of
   * them touches Cloud Storage. Any other project role on a function's account fails the tests.
   */
  static final Map<String, Firestore> FUNCTION_PROJECT_ROLES = Map.of(
      "roles/datastore.user", Firestore.WRITE,
      "roles/datastore.viewer", Firestore.READ,
      "roles/eventarc.eventReceiver", Firestore.NONE);

  /** A role on a bucket ({@code source}, {@code site}, {@code deploy}). */
  record BucketGrant(String key, String member, String bucket, String role,
      Optional<IamCondition> condition) {}

  /** A role on the project. */
  record ProjectGrant(String key, String member, String role, Optional<IamCondition> condition) {}

  private final List<BucketGrant> bucketGrants;
  private final List<ProjectGrant> projectGrants;
  private final String database;

  private IamPolicy(List<BucketGrant> bucketGrants, List<ProjectGrant> projectGrants,
      String database) {
    this.bucketGrants = List.copyOf(bucketGrants);
    this.projectGrants = List.copyOf(projectGrants);
    this.database = database;
  }

  List<BucketGrant> bucketGrants() {
    return bucketGrants;
  }

  List<ProjectGrant> projectGrants() {
    return projectGrants;
  }

  /** The IAM resource name of the functions' Firestore database. */
  String database() {
    return database;
  }

  /** This policy with {@code grant} added. */
  IamPolicy with(BucketGrant grant) {
    List<BucketGrant> more = new ArrayList<>(bucketGrants);
    more.add(grant);
    return new IamPolicy(more, projectGrants, database);
  }

  /** This policy with {@code grant} added. */
  IamPolicy with(ProjectGrant grant) {
    List<ProjectGrant> more = new ArrayList<>(projectGrants);
    more.add(grant);
    return new IamPolicy(bucketGrants, more, database);
  }

  /** This policy without the bucket grants {@code gone} matches. */
  IamPolicy without(Predicate<BucketGrant> gone) {
    return new IamPolicy(bucketGrants.stream().filter(gone.negate()).toList(), projectGrants,
        database);
  }

  /** This policy without the project grants {@code gone} matches. */
  IamPolicy withoutProject(Predicate<ProjectGrant> gone) {
    return new IamPolicy(bucketGrants, projectGrants.stream().filter(gone.negate()).toList(),
        database);
  }

  /** The bucket's real name, as the conditions name it. */
  static String bucketName(String bucket) {
    return switch (bucket) {
      case "source" -> SOURCE_BUCKET;
      case "site" -> SITE_BUCKET;
      case "deploy" -> DEPLOY_BUCKET;
      default -> throw new IllegalArgumentException("no bucket " + bucket);
    };
  }

  /** The IAM resource name of {@code bucket}'s {@code object}, or of the bucket when null. */
  static String resourceName(String bucket, String object) {
    String name = "projects/_/buckets/" + bucketName(bucket);
    return object == null ? name : name + "/objects/" + object;
  }

  /**
   * Whether {@code member} (an account's key in {@code infra/}, such as {@code upload}, or
   * {@link #ALL_USERS}) may make a call needing {@code permission} on {@code object} of
   * {@code bucket} ({@code object} is ignored for {@link Permission#LIST}, which is checked
   * against the bucket). Grants to everyone count for every member.
   */
  boolean allows(String member, String bucket, Permission permission, String object) {
    boolean list = permission == Permission.LIST;
    IamCondition.Request request = IamCondition.Request.resource(
        resourceName(bucket, list ? null : object),
        list ? "storage.googleapis.com/Bucket" : "storage.googleapis.com/Object");
    for (BucketGrant grant : bucketGrants) {
      if (!grant.bucket().equals(bucket) || !appliesTo(grant.member(), member)) {
        continue;
      }
      Set<Permission> allowed = BUCKET_ROLES.get(grant.role());
      if (allowed == null) {
        throw new AssertionError("bucket role " + grant.role() + " (" + grant.key()
            + ") is not in IamPolicy.BUCKET_ROLES: add what it allows, from Google's role"
            + " reference");
      }
      if (allowed.contains(permission)
          && grant.condition().map(c -> c.test(request)).orElse(true)) {
        return true;
      }
    }
    return false;
  }

  private static boolean appliesTo(String grantee, String member) {
    return grantee.equals(member) || grantee.equals(ALL_USERS)
        || grantee.equals(ALL_AUTHENTICATED_USERS) && !member.equals(ALL_USERS);
  }

  /** The project grants of {@code member}. */
  List<ProjectGrant> projectGrantsOf(String member) {
    return projectGrants.stream().filter(g -> g.member().equals(member)).toList();
  }

  // ---- Reading infra/ ----

  private static final Pattern ACCOUNT_EMAIL =
      Pattern.compile("serviceAccount:\\$\\{google_service_account\\.(\\w+)\\.email}");
  private static final Pattern BUCKET_NAME =
      Pattern.compile("\\$\\{google_storage_bucket\\.(\\w+)\\.name}");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^{}]+)}");

  /** Every role binding of {@code tf}, as the tests need it; fails on what it cannot read. */
  static IamPolicy read(TerraformConfig tf) {
    JsonObject locals = tf.locals();
    String database = databaseName(tf);
    Map<String, String> opaque = Map.of(
        "local.source_bucket", SOURCE_BUCKET,
        "local.site_bucket", SITE_BUCKET,
        "local.deploy_bucket", DEPLOY_BUCKET,
        "var.project", PROJECT,
        "google_firestore_database.default.name", database);
    checkOnlyKnownIamResources(tf);
    Map<String, String> accounts = references(locals.getAsJsonObject("accounts"),
        "google_service_account");
    Map<String, String> buckets = references(locals.getAsJsonObject("buckets"),
        "google_storage_bucket");

    List<BucketGrant> bucketGrants = new ArrayList<>();
    for (Map.Entry<String, JsonObject> r
        : tf.resources("google_storage_bucket_iam_member").entrySet()) {
      JsonObject body = r.getValue();
      if (body.has("for_each")) {
        expectWiring(r.getKey(), body, "${local.bucket_grants}",
            "${local.buckets[each.value.bucket].name}", "join(\" \", split(\"\\n\","
                + " trimspace(condition.value.condition)))");
        for (Map.Entry<String, JsonElement> e
            : locals.getAsJsonObject("bucket_grants").entrySet()) {
          JsonObject grant = e.getValue().getAsJsonObject();
          String account = string(grant, "account");
          String bucket = string(grant, "bucket");
          if (!accounts.containsKey(account) || !buckets.containsKey(bucket)) {
            throw new AssertionError("bucket_grants." + e.getKey() + ": no account " + account
                + " or bucket " + bucket + " in local.accounts and local.buckets");
          }
          bucketGrants.add(new BucketGrant(e.getKey(), accounts.get(account),
              buckets.get(bucket), string(grant, "role"),
              condition(grant, locals, opaque, true, e.getKey())));
        }
      } else {
        if (body.has("condition") || body.has("dynamic")) {
          throw new AssertionError(r.getKey() + ": a condition outside bucket_grants is not"
              + " read by the tests");
        }
        Matcher bucket = BUCKET_NAME.matcher(string(body, "bucket"));
        if (!bucket.matches()) {
          throw new AssertionError(r.getKey() + ": bucket " + string(body, "bucket"));
        }
        bucketGrants.add(new BucketGrant(r.getKey(), member(string(body, "member"), r.getKey()),
            bucket.group(1), string(body, "role"), Optional.empty()));
      }
    }

    List<ProjectGrant> projectGrants = new ArrayList<>();
    for (Map.Entry<String, JsonObject> r : tf.resources("google_project_iam_member").entrySet()) {
      JsonObject body = r.getValue();
      if (!string(body, "project").equals("${var.project}")) {
        throw new AssertionError(r.getKey() + " is on another project: " + body);
      }
      if (body.has("for_each")) {
        expectWiring(r.getKey(), body, "${local.project_grants}", null,
            "condition.value.condition");
        for (Map.Entry<String, JsonElement> e
            : locals.getAsJsonObject("project_grants").entrySet()) {
          JsonObject grant = e.getValue().getAsJsonObject();
          String account = string(grant, "account");
          if (!accounts.containsKey(account)) {
            throw new AssertionError("project_grants." + e.getKey() + ": no account " + account);
          }
          projectGrants.add(new ProjectGrant(e.getKey(), accounts.get(account),
              string(grant, "role"), condition(grant, locals, opaque, false, e.getKey())));
        }
      } else {
        if (body.has("condition") || body.has("dynamic")) {
          throw new AssertionError(r.getKey() + ": a condition outside project_grants is not"
              + " read by the tests");
        }
        projectGrants.add(new ProjectGrant(r.getKey(), member(string(body, "member"),
            r.getKey()), string(body, "role"), Optional.empty()));
      }
    }
    return new IamPolicy(bucketGrants, projectGrants,
        "projects/" + PROJECT + "/databases/" + database);
  }

  private static String databaseName(TerraformConfig tf) {
    JsonObject db = tf.resources("google_firestore_database").get("default");
    if (db == null) {
      throw new AssertionError("no google_firestore_database.default");
    }
    return string(db, "name");
  }

  /**
   * Only the IAM resource types these tests read: a binding of another type (a whole policy, a
   * binding that replaces others, a custom role) would be granted unseen.
   */
  private static void checkOnlyKnownIamResources(TerraformConfig tf) {
    Set<String> iam = new TreeSet<>();
    for (String type : tf.types("resource")) {
      if (type.contains("_iam_") || type.endsWith("_iam") || type.contains("custom_role")) {
        iam.add(type);
      }
    }
    Set<String> known = Set.of("google_storage_bucket_iam_member", "google_project_iam_member",
        "google_secret_manager_secret_iam_member", "google_cloud_run_service_iam_member");
    if (!known.containsAll(iam)) {
      Set<String> unknown = new TreeSet<>(iam);
      unknown.removeAll(known);
      throw new AssertionError("IAM resources the tests do not read: " + unknown);
    }
  }

  /** The grant resource reads the local map, as these tests read it. */
  private static void expectWiring(String name, JsonObject body, String forEach, String bucket,
      String expression) {
    List<String> wrong = new ArrayList<>();
    expect(wrong, body, "for_each", forEach);
    if (bucket != null) {
      expect(wrong, body, "bucket", bucket);
    }
    expect(wrong, body, "role", "${each.value.role}");
    expect(wrong, body, "member", "serviceAccount:${local.accounts[each.value.account].email}");
    JsonObject dynamic = body.has("dynamic") ? body.getAsJsonObject("dynamic") : new JsonObject();
    Optional<JsonObject> condition = block(dynamic, "condition");
    if (condition.isEmpty()) {
      wrong.add("no dynamic \"condition\" block");
    } else {
      expect(wrong, condition.get(), "for_each",
          "${each.value.condition == null ? [] : [each.value]}");
      JsonObject content = block(condition.get(), "content").orElse(new JsonObject());
      expect(wrong, content, "title", "${condition.value.title}");
      expect(wrong, content, "expression", "${" + expression + "}");
    }
    if (!wrong.isEmpty()) {
      throw new AssertionError("resource " + name + " is not wired as the tests read it: "
          + wrong);
    }
  }

  private static void expect(List<String> wrong, JsonObject body, String key, String value) {
    String actual = body.has(key) ? string(body, key) : null;
    if (!value.equals(actual)) {
      wrong.add(key + " = " + actual + ", expected " + value);
    }
  }

  private static Optional<IamCondition> condition(JsonObject grant, JsonObject locals,
      Map<String, String> opaque, boolean joinLines, String key) {
    JsonElement value = grant.get("condition");
    if (value == null || value.isJsonNull()) {
      if (grant.has("title") && !grant.get("title").isJsonNull()) {
        throw new AssertionError(key + ": a title without a condition");
      }
      return Optional.empty();
    }
    if (!grant.has("title") || grant.get("title").isJsonNull()) {
      throw new AssertionError(key + ": a condition needs a title");
    }
    String text = resolve(value.getAsString(), locals, opaque, key, 0);
    if (joinLines) {
      // What Terraform sends: join(" ", split("\n", trimspace(condition))).
      text = String.join(" ", text.strip().split("\n", -1));
    }
    try {
      return Optional.of(IamCondition.parse(text));
    } catch (IllegalArgumentException e) {
      throw new AssertionError(key + ": " + e.getMessage(), e);
    }
  }

  /** {@code text} with every {@code ${...}} replaced: locals inlined, names given fixed values. */
  private static String resolve(String text, JsonObject locals, Map<String, String> opaque,
      String key, int depth) {
    if (depth > 8) {
      throw new AssertionError(key + ": locals refer to each other too deeply: " + text);
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String reference = m.group(1).strip();
      String value = opaque.get(reference);
      if (value == null && reference.startsWith("local.")) {
        JsonElement local = locals.get(reference.substring("local.".length()));
        if (local != null && local.isJsonPrimitive()) {
          value = resolve(local.getAsString(), locals, opaque, key, depth + 1);
        }
      }
      if (value == null) {
        throw new AssertionError(key + ": the tests cannot resolve ${" + reference + "} in "
            + text);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code {key = "${type.name}"}} as key to name. */
  private static Map<String, String> references(JsonObject map, String type) {
    Map<String, String> out = new java.util.TreeMap<>();
    Pattern reference = Pattern.compile("\\$\\{" + type + "\\.(\\w+)}");
    for (Map.Entry<String, JsonElement> e : map.entrySet()) {
      Matcher m = reference.matcher(e.getValue().getAsString());
      if (!m.matches()) {
        throw new AssertionError("local " + e.getKey() + " is not a " + type + ": "
            + e.getValue());
      }
      out.put(e.getKey(), m.group(1));
    }
    return out;
  }

  /** A binding's member: an account's key in infra/, a special member, or the raw text. */
  private static String member(String member, String resource) {
    if (member.equals(ALL_USERS) || member.equals(ALL_AUTHENTICATED_USERS)) {
      return member;
    }
    Matcher account = ACCOUNT_EMAIL.matcher(member);
    if (account.matches()) {
      return account.group(1);
    }
    if (member.startsWith("serviceAccount:${data.")) {
      return member; // one of Google's service agents
    }
    throw new AssertionError(resource + ": member " + member + " is not read by the tests");
  }
}
