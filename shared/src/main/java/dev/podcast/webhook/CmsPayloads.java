package dev.podcast.webhook;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.podcast.parse.FrontMatterFlag;
import dev.podcast.parse.Slugs;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a webhook body into a {@link CmsEvent}. Three formats, told apart without configuration:
 *
 * <ul>
 *   <li><b>Contentful</b>, when the request has an {@code X-Contentful-Topic} header
 *       ({@code ContentManagement.Entry.publish}, {@code .unpublish}, {@code .delete}): the body
 *       is the entry ({@code sys}, locale-keyed {@code fields}) or, for unpublish and delete, its
 *       tombstone ({@code sys.type = "DeletedEntry"}, no fields);
 *   <li><b>Strapi</b>, when the body has an {@code event} such as {@code entry.publish} and an
 *       {@code entry} or {@code media}: {@code {"event", "createdAt", "model", "uid", "entry"}};
 *   <li><b>generic</b> otherwise, in the shape the Standard Webhooks specification recommends:
 *       {@code {"type": "episode.published", "timestamp": "<RFC 3339>", "data": {"slug", "file" |
 *       "episode"}}}.
 * </ul>
 *
 * <p>The body is strict JSON in UTF-8, nested at most {@value #MAX_NESTING} deep. Every error
 * names the payload field at fault. Stateless and thread-safe.
 */
public final class CmsPayloads {

  /** Deepest nesting of arrays and objects read. */
  public static final int MAX_NESTING = 64;
  /** Slugs: lower-case letters, digits and hyphens, starting and ending with a letter or digit. */
  public static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,198}[a-z0-9])?");

  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Pattern ENTRY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int MAX_KEYS = 200;
  private static final TypeAdapter<JsonElement> JSON = new Gson().getAdapter(JsonElement.class);
  private static final Set<String> BODY_KEYS = Set.of("slug", "notes", "transcript");

  private CmsPayloads() {}

  /**
   * Reads {@code body}.
   *
   * @param contentfulTopic the {@code X-Contentful-Topic} header, if the request had one
   * @throws PayloadException naming the field when the payload cannot become an event
   */
  public static CmsEvent read(byte[] body, Optional<String> contentfulTopic, CmsSettings settings)
      throws PayloadException {
    JsonObject root = parse(body);
    if (contentfulTopic.isPresent()) {
      return contentful(contentfulTopic.get(), root, settings.contentful());
    }
    if (root.has("event") && (root.has("entry") || root.has("media"))) {
      return strapi(root, settings.strapi());
    }
    return generic(root);
  }

  // ---- JSON ----

  static JsonObject parse(byte[] body) throws PayloadException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw PayloadException.field("(body)", "the body is not UTF-8");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      reader.setNestingLimit(MAX_NESTING);
      JsonElement root = JSON.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw PayloadException.field("(body)", "the body holds more than one JSON value");
      }
      if (root == null || !root.isJsonObject()) {
        throw PayloadException.field("(body)", "the body must be a JSON object");
      }
      return root.getAsJsonObject();
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw PayloadException.field("(body)", "the body is not valid JSON: " + e.getMessage());
    }
  }

  private static Optional<String> string(JsonObject o, String key, String field)
      throws PayloadException {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return Optional.empty();
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw PayloadException.field(field, "must be a string");
    }
    return Optional.of(e.getAsString());
  }

  private static String required(JsonObject o, String key, String field)
      throws PayloadException {
    return string(o, key, field).orElseThrow(() -> PayloadException.field(field, "is missing"));
  }

  private static Optional<JsonObject> object(JsonObject o, String key, String field)
      throws PayloadException {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return Optional.empty();
    }
    if (!e.isJsonObject()) {
      throw PayloadException.field(field, "must be an object");
    }
    return Optional.of(e.getAsJsonObject());
  }

  private static String slug(String value, String field) throws PayloadException {
    if (!SLUG.matcher(value).matches() || Slugs.unsafeSegment(value).isPresent()) {
      throw PayloadException.field(field, "must be a slug: 1 to " + Slugs.MAX_SLUG_LENGTH
          + " lower-case letters, digits and hyphens, starting and ending with a letter or"
          + " digit");
    }
    return value;
  }

  /**
   * A JSON value as a front matter value: text, a whole or decimal number, true/false, or a list
   * of texts and numbers (objects in a list give their {@code name}, as Strapi relations and
   * components do); empty for null.
   */
  static Optional<Object> value(JsonElement e, String field) throws PayloadException {
    if (e == null || e.isJsonNull()) {
      return Optional.empty();
    }
    if (e.isJsonPrimitive()) {
      return Optional.of(primitive(e.getAsJsonPrimitive(), field));
    }
    if (e.isJsonArray()) {
      List<Object> items = new ArrayList<>();
      JsonArray array = e.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        JsonElement item = array.get(i);
        String at = field + "[" + i + "]";
        if (item.isJsonNull()) {
          continue;
        }
        if (item.isJsonPrimitive() && !item.getAsJsonPrimitive().isBoolean()) {
          items.add(primitive(item.getAsJsonPrimitive(), at));
        } else if (item.isJsonObject() && item.getAsJsonObject().has("name")
            && item.getAsJsonObject().get("name").isJsonPrimitive()) {
          items.add(item.getAsJsonObject().get("name").getAsString());
        } else {
          throw PayloadException.field(at, "a list item must be text, a number, or an object"
              + " with a name");
        }
      }
      return Optional.of(items);
    }
    throw PayloadException.field(field, "must be text, a number, true/false or a list, not an"
        + " object");
  }

  private static Object primitive(JsonPrimitive p, String field) throws PayloadException {
    if (p.isBoolean()) {
      return p.getAsBoolean();
    }
    if (p.isNumber()) {
      BigDecimal n;
      try {
        n = p.getAsBigDecimal();
      } catch (NumberFormatException e) {
        throw PayloadException.field(field, "is not a number");
      }
      try {
        return n.stripTrailingZeros().scale() <= 0 ? (Object) n.longValueExact()
            : (Object) finite(n.doubleValue(), field);
      } catch (ArithmeticException tooLarge) {
        return finite(n.doubleValue(), field);
      }
    }
    return p.getAsString();
  }

  private static Double finite(double d, String field) throws PayloadException {
    if (Double.isInfinite(d) || Double.isNaN(d)) {
      throw PayloadException.field(field, "is too large a number");
    }
    return d;
  }

  private static String text(JsonElement e, String field) throws PayloadException {
    if (e == null || e.isJsonNull()) {
      return "";
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw PayloadException.field(field, "must be text (Markdown)");
    }
    return e.getAsString();
  }

  // ---- The generic format ----

  private static final Map<String, String> GENERIC_TYPES = Map.of(
      "episode.published", "publish", "episode.updated", "publish",
      "episode.unpublished", "unpublish", "episode.deleted", "delete");

  static CmsEvent generic(JsonObject root) throws PayloadException {
    String type = required(root, "type", "type");
    String action = GENERIC_TYPES.get(type);
    if (action == null) {
      throw PayloadException.field("type", "'" + printable(type) + "' is not one of "
          + String.join(", ", GENERIC_TYPES.keySet().stream().sorted().toList()));
    }
    Optional<String> timestamp = string(root, "timestamp", "timestamp");
    if (timestamp.isPresent()) {
      try {
        OffsetDateTime.parse(timestamp.get());
      } catch (DateTimeParseException e) {
        throw PayloadException.field("timestamp", "must be an RFC 3339 date-time such as"
            + " 2026-11-25T12:00:00Z");
      }
    }
    JsonObject data = object(root, "data", "data")
        .orElseThrow(() -> PayloadException.field("data", "is missing"));
    String slug = slug(required(data, "slug", "data.slug"), "data.slug");
    Optional<String> file = string(data, "file", "data.file");
    Optional<JsonObject> episode = object(data, "episode", "data.episode");
    if (file.isPresent() && episode.isPresent()) {
      throw PayloadException.field("data", "give data.file or data.episode, not both");
    }
    if (action.equals("delete")) {
      if (file.isPresent() || episode.isPresent()) {
        throw PayloadException.field("data", "episode.deleted takes only data.slug");
      }
      return new CmsEvent.Delete("generic", CmsEvent.Target.slug(slug));
    }
    boolean draft = action.equals("unpublish");
    if (file.isPresent()) {
      return new CmsEvent.Write("generic", slug, EpisodeSource.file(file.get(), "data.file"),
          draft, Optional.empty());
    }
    if (episode.isPresent()) {
      return genericEpisode(slug, episode.get(), draft);
    }
    if (draft) {
      return new CmsEvent.Unpublish("generic", CmsEvent.Target.slug(slug));
    }
    throw PayloadException.field("data", type + " needs data.file (the episode file) or"
        + " data.episode (its fields)");
  }

  private static CmsEvent genericEpisode(String slug, JsonObject episode, boolean draft)
      throws PayloadException {
    if (episode.size() > MAX_KEYS) {
      throw PayloadException.field("data.episode", "has more than " + MAX_KEYS + " keys");
    }
    Map<String, Object> frontMatter = new LinkedHashMap<>();
    Map<String, String> paths = new LinkedHashMap<>();
    for (String key : CmsSettings.DEFAULT_KEYS) {
      paths.put(key, "data.episode." + key);
    }
    for (Map.Entry<String, JsonElement> e : episode.entrySet()) {
      String key = e.getKey();
      String field = "data.episode." + key;
      if (!KEY.matcher(key).matches()) {
        throw PayloadException.field("data.episode", "'" + printable(key) + "' is not a front"
            + " matter key (a letter, then letters, digits or _)");
      }
      paths.put(key, field);
      if (BODY_KEYS.contains(key)) {
        continue;
      }
      if (key.equalsIgnoreCase("draft")) {
        Optional<Object> value = value(e.getValue(), field);
        if (value.isPresent() && !value.get().equals(draft)) {
          throw PayloadException.field(field, "contradicts the event type: "
              + (draft ? "episode.unpublished makes the episode a draft"
                  : "use episode.unpublished to make the episode a draft"));
        }
        continue;
      }
      value(e.getValue(), field).ifPresent(v -> frontMatter.put(key, v));
    }
    Optional<String> own = string(episode, "slug", "data.episode.slug");
    if (own.isPresent() && !own.get().equals(slug)) {
      throw PayloadException.field("data.episode.slug", "differs from data.slug");
    }
    return write("generic", slug, frontMatter, text(episode.get("notes"), "data.episode.notes"),
        text(episode.get("transcript"), "data.episode.transcript"), draft, paths, "data.episode",
        Optional.empty());
  }

  private static CmsEvent.Write write(String format, String slug, Map<String, Object> frontMatter,
      String notes, String transcript, boolean draft, Map<String, String> paths,
      String wholeField, Optional<String> entryKey) {
    Map<String, Object> all = new LinkedHashMap<>(frontMatter);
    all.put("draft", draft);
    // The endpoint decides this flag, not the payload: a CMS never gets raw HTML as written.
    all.keySet().removeIf(key -> key.equalsIgnoreCase(FrontMatterFlag.CMS));
    all.put(FrontMatterFlag.CMS, true);
    EpisodeFileWriter.Written written = EpisodeFileWriter.write(all, notes, transcript);
    return new CmsEvent.Write(format, slug, EpisodeSource.generated(written, paths, wholeField),
        draft, entryKey);
  }

  // ---- Strapi ----

  static CmsEvent strapi(JsonObject root, CmsSettings.Strapi settings) throws PayloadException {
    String event = required(root, "event", "event");
    if (!event.startsWith("entry.")) {
      return new CmsEvent.Ignore("strapi", "event " + printable(event) + " is not about an entry");
    }
    String model = string(root, "model", "model").orElse("");
    if (!model.equals(settings.model())) {
      return new CmsEvent.Ignore("strapi", "model '" + printable(model) + "' is not the episode"
          + " model '" + settings.model() + "'");
    }
    JsonObject entry = object(root, "entry", "entry")
        .orElseThrow(() -> PayloadException.field("entry", "is missing"));
    String slugPath = settings.fields().get("slug");
    JsonElement slugValue = at(entry, slugPath);
    if (slugValue == null || slugValue.isJsonNull()) {
      throw PayloadException.field("entry." + slugPath, "is missing: it holds the episode's slug");
    }
    String slug = slug(text(slugValue, "entry." + slugPath), "entry." + slugPath);
    boolean published = !entry.has("publishedAt") || !entry.get("publishedAt").isJsonNull();
    switch (event) {
      case "entry.delete":
        return new CmsEvent.Delete("strapi", CmsEvent.Target.slug(slug));
      case "entry.unpublish":
        return mapped("strapi", slug, settings.fields(), key -> at(entry, key), "entry.", true,
            "entry", Optional.empty());
      case "entry.publish":
        return mapped("strapi", slug, settings.fields(), key -> at(entry, key), "entry.", false,
            "entry", Optional.empty());
      case "entry.create":
      case "entry.update":
        // With draft and publish, saving a draft is no change to the show; without it (no
        // publishedAt at all), every save is live.
        return published
            ? mapped("strapi", slug, settings.fields(), key -> at(entry, key), "entry.", false,
                "entry", Optional.empty())
            : new CmsEvent.Ignore("strapi", event + " of a draft: the episode changes when it is"
                + " published");
      default:
        return new CmsEvent.Ignore("strapi", "event " + printable(event) + " changes no episode");
    }
  }

  /** The value at a dotted path inside {@code entry}; null when absent. */
  private static JsonElement at(JsonObject entry, String path) {
    JsonElement current = entry;
    for (String segment : path.split("\\.")) {
      if (current == null || !current.isJsonObject()) {
        return null;
      }
      current = current.getAsJsonObject().get(segment);
    }
    return current;
  }

  private interface Source {
    JsonElement get(String path) throws PayloadException;
  }

  /** An episode from mapped CMS fields. */
  private static CmsEvent.Write mapped(String format, String slug, Map<String, String> fields,
      Source source, String prefix, boolean draft, String wholeField, Optional<String> entryKey)
      throws PayloadException {
    Map<String, Object> frontMatter = new LinkedHashMap<>();
    Map<String, String> paths = new LinkedHashMap<>();
    String notes = "";
    String transcript = "";
    for (Map.Entry<String, String> f : new java.util.TreeMap<>(fields).entrySet()) {
      String key = f.getKey();
      String field = fieldName(prefix, f.getValue());
      paths.put(key, field);
      JsonElement value = source.get(f.getValue());
      switch (key) {
        case "slug" -> { }
        case "notes" -> notes = text(value, field);
        case "transcript" -> transcript = text(value, field);
        default -> value(value, field).ifPresent(v -> frontMatter.put(key, v));
      }
    }
    return write(format, slug, frontMatter, notes, transcript, draft, paths, wholeField, entryKey);
  }

  private static String fieldName(String prefix, String path) {
    return prefix.endsWith(".") ? prefix + path : prefix.replace("{}", path);
  }

  // ---- Contentful ----

  private static final String TOPIC = "ContentManagement.";

  static CmsEvent contentful(String topic, JsonObject root, CmsSettings.Contentful settings)
      throws PayloadException {
    if (!topic.startsWith(TOPIC + "Entry.")) {
      return new CmsEvent.Ignore("contentful", "topic " + printable(topic)
          + " is not about an entry");
    }
    String action = topic.substring((TOPIC + "Entry.").length());
    JsonObject sys = object(root, "sys", "sys")
        .orElseThrow(() -> PayloadException.field("sys", "is missing"));
    String type = string(sys, "type", "sys.type").orElse("");
    String id = required(sys, "id", "sys.id");
    if (!ENTRY_ID.matcher(id).matches() || id.contains("..")) {
      throw PayloadException.field("sys.id", "is not a Contentful entry id");
    }
    Optional<String> contentType = object(sys, "contentType", "sys.contentType")
        .flatMap(ct -> ct.has("sys") && ct.get("sys").isJsonObject()
            ? Optional.of(ct.getAsJsonObject("sys")) : Optional.empty())
        .flatMap(ct -> ct.has("id") && ct.get("id").isJsonPrimitive()
            ? Optional.of(ct.get("id").getAsString()) : Optional.empty());
    if (contentType.isPresent() && !contentType.get().equals(settings.contentType())) {
      return new CmsEvent.Ignore("contentful", "content type '" + printable(contentType.get())
          + "' is not the episode type '" + settings.contentType() + "'");
    }
    String entryKey = "contentful/" + id;
    switch (action) {
      case "publish": {
        if (!type.equals("Entry")) {
          throw PayloadException.field("sys.type", "must be Entry for " + topic);
        }
        if (contentType.isEmpty()) {
          throw PayloadException.field("sys.contentType", "is missing");
        }
        JsonObject fields = object(root, "fields", "fields")
            .orElseThrow(() -> PayloadException.field("fields", "is missing"));
        String locale = settings.locale();
        Source source = fieldId -> localised(fields, fieldId, locale);
        String slugField = "fields." + settings.fields().get("slug") + "." + locale;
        JsonElement slugValue = source.get(settings.fields().get("slug"));
        if (slugValue == null || slugValue.isJsonNull()) {
          throw PayloadException.field(slugField, "is missing: it holds the episode's slug");
        }
        String slug = slug(text(slugValue, slugField), slugField);
        return mapped("contentful", slug, settings.fields(), source,
            "fields.{}." + locale, false, "fields", Optional.of(entryKey));
      }
      case "unpublish":
      case "delete":
        if (!type.equals("DeletedEntry")) {
          throw PayloadException.field("sys.type", "must be DeletedEntry for " + topic);
        }
        return action.equals("delete")
            ? new CmsEvent.Delete("contentful", CmsEvent.Target.entry(entryKey))
            : new CmsEvent.Unpublish("contentful", CmsEvent.Target.entry(entryKey));
      default:
        return new CmsEvent.Ignore("contentful", "Entry." + printable(action)
            + " changes no published episode");
    }
  }

  /** {@code fields.<id>.<locale>}; rejects links, rich text and JSON objects, naming the field. */
  private static JsonElement localised(JsonObject fields, String id, String locale)
      throws PayloadException {
    JsonElement byLocale = fields.get(id);
    if (byLocale == null || byLocale.isJsonNull()) {
      return null;
    }
    if (!byLocale.isJsonObject()) {
      throw PayloadException.field("fields." + id, "must be an object of values by locale");
    }
    JsonElement value = byLocale.getAsJsonObject().get(locale);
    if (value != null && value.isJsonObject()) {
      JsonObject o = value.getAsJsonObject();
      String what = o.has("sys") ? "a link to another entry or asset: map a text field that"
          + " holds the URL instead"
          : o.has("nodeType") ? "rich text: map a Markdown long text field instead"
          : "a JSON object";
      throw PayloadException.field("fields." + id + "." + locale, "is " + what);
    }
    return value;
  }

  /** At most 80 characters of a value from the payload, control characters escaped. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().limit(80).forEach(cp -> {
      if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
        out.append(String.format(Locale.ROOT, "\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return s.codePointCount(0, s.length()) > 80 ? out + "..." : out.toString();
  }
}
