package dev.podcast.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * How the podcaster's CMS entries become episode files: the {@code [cms.strapi]} and {@code
 * [cms.contentful]} tables of the show's {@code podcast.toml} (in the source bucket), each with a
 * {@code fields} table mapping a front matter key (or {@code slug}, {@code notes},
 * {@code transcript}) to the CMS field that holds it. Keys given there replace the defaults, an
 * empty string removes one, and other keys add front matter keys:
 *
 * <pre>
 * [cms.strapi]
 * model = "episode"               # the event's "model": the content type's singular name
 * [cms.strapi.fields]
 * audioFile = "audio_url"         # a field of "entry"; a dotted path reaches into components
 *
 * [cms.contentful]
 * contentType = "episode"         # sys.contentType.sys.id
 * locale = "en-US"                # which value of each locale-keyed field is read
 * [cms.contentful.fields]
 * notes = "showNotes"             # a field id
 * </pre>
 *
 * <p>The default mapping reads every key from the field of the same name: {@link #DEFAULT_KEYS}.
 * Immutable and thread-safe.
 *
 * @param strapi the Strapi mapping
 * @param contentful the Contentful mapping
 */
public record CmsSettings(Strapi strapi, Contentful contentful) {

  /** The keys mapped by default, each from the CMS field of the same name. */
  public static final Set<String> DEFAULT_KEYS = Set.of("slug", "title", "date", "description",
      "audioFile", "audioSize", "audioDuration", "hosts", "categories", "image", "episodeNumber",
      "season", "episodeType", "publishDate", "expiryDate", "summary", "notes", "transcript");

  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Pattern STRAPI_PATH =
      Pattern.compile("[A-Za-z0-9_]{1,64}(\\.[A-Za-z0-9_]{1,64}){0,7}");
  private static final Pattern CONTENTFUL_FIELD = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
  private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}");

  /**
   * The Strapi mapping.
   *
   * @param model the {@code model} of the events to act on (others are ignored)
   * @param fields front matter key to a path in the event's {@code entry}
   */
  public record Strapi(String model, Map<String, String> fields) {
    public Strapi {
      Objects.requireNonNull(model, "model");
      fields = Map.copyOf(fields);
    }
  }

  /**
   * The Contentful mapping.
   *
   * @param contentType the content type id of the entries to act on (others are ignored)
   * @param locale the locale whose values are read
   * @param fields front matter key to a field id
   */
  public record Contentful(String contentType, String locale, Map<String, String> fields) {
    public Contentful {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(locale, "locale");
      fields = Map.copyOf(fields);
    }
  }

  public CmsSettings {
    Objects.requireNonNull(strapi, "strapi");
    Objects.requireNonNull(contentful, "contentful");
  }

  /** The defaults: model and content type {@code episode}, locale {@code en-US}. */
  public static CmsSettings defaults() {
    return new CmsSettings(new Strapi("episode", identity()),
        new Contentful("episode", "en-US", identity()));
  }

  private static Map<String, String> identity() {
    Map<String, String> fields = new LinkedHashMap<>();
    DEFAULT_KEYS.stream().sorted().forEach(k -> fields.put(k, k));
    return fields;
  }

  /**
   * Reads the {@code [cms]} table of {@code podcastToml} (the defaults when there is no file or
   * no table).
   *
   * @param file the name used in messages, such as {@code podcast.toml}
   * @throws IllegalArgumentException naming the file, line and key of the first bad value
   */
  public static CmsSettings read(Optional<String> podcastToml, String file) {
    if (podcastToml.isEmpty()) {
      return defaults();
    }
    TomlParseResult toml = Toml.parse(podcastToml.get());
    if (toml.hasErrors()) {
      throw new IllegalArgumentException(file + ": cannot be read: "
          + toml.errors().get(0).toString());
    }
    TomlTable cms = table(toml, "cms", file, toml);
    if (cms == null) {
      return defaults();
    }
    allowOnly(cms, Set.of("strapi", "contentful"), "cms", file);
    CmsSettings base = defaults();
    Strapi strapi = base.strapi();
    TomlTable s = table(cms, "strapi", file, cms);
    if (s != null) {
      allowOnly(s, Set.of("model", "fields"), "cms.strapi", file);
      strapi = new Strapi(string(s, "model", strapi.model(), NAME, "cms.strapi", file),
          fields(s, strapi.fields(), STRAPI_PATH, "cms.strapi", file));
    }
    Contentful contentful = base.contentful();
    TomlTable c = table(cms, "contentful", file, cms);
    if (c != null) {
      allowOnly(c, Set.of("contentType", "locale", "fields"), "cms.contentful", file);
      contentful = new Contentful(
          string(c, "contentType", contentful.contentType(), NAME, "cms.contentful", file),
          string(c, "locale", contentful.locale(), LOCALE, "cms.contentful", file),
          fields(c, contentful.fields(), CONTENTFUL_FIELD, "cms.contentful", file));
    }
    return new CmsSettings(strapi, contentful);
  }

  private static TomlTable table(TomlTable parent, String key, String file, TomlTable where) {
    if (!parent.contains(key)) {
      return null;
    }
    if (!parent.isTable(key)) {
      throw bad(file, where.inputPositionOf(key), key, "must be a table");
    }
    return parent.getTable(key);
  }

  private static void allowOnly(TomlTable table, Set<String> keys, String prefix, String file) {
    for (String key : table.keySet()) {
      if (!keys.contains(key)) {
        throw bad(file, table.inputPositionOf(key), prefix + "." + key,
            "is not a setting here; use " + String.join(", ", keys.stream().sorted().toList()));
      }
    }
  }

  private static String string(TomlTable table, String key, String otherwise, Pattern valid,
      String prefix, String file) {
    if (!table.contains(key)) {
      return otherwise;
    }
    Object value = table.get(key);
    if (!(value instanceof String s) || !valid.matcher(s).matches()) {
      throw bad(file, table.inputPositionOf(key), prefix + "." + key,
          "must be a string matching " + valid.pattern());
    }
    return s;
  }

  private static Map<String, String> fields(TomlTable table, Map<String, String> defaults,
      Pattern path, String prefix, String file) {
    Map<String, String> fields = new LinkedHashMap<>(defaults);
    TomlTable given = table(table, "fields", file, table);
    if (given == null) {
      return fields;
    }
    for (String key : given.keySet()) {
      TomlPosition at = given.inputPositionOf(key);
      String name = prefix + ".fields." + key;
      if (!KEY.matcher(key).matches()) {
        throw bad(file, at, name, "is not a front matter key (a letter, then letters, digits"
            + " or _)");
      }
      if (key.equalsIgnoreCase("draft")) {
        throw bad(file, at, name, "cannot be mapped: the event decides whether the episode is"
            + " a draft");
      }
      Object value = given.get(key);
      if (!(value instanceof String source)) {
        throw bad(file, at, name, "must be a string: the CMS field to read");
      }
      if (source.isEmpty()) {
        fields.remove(key);
      } else if (!path.matcher(source).matches()) {
        throw bad(file, at, name, "'" + source + "' is not a field name here (" + path.pattern()
            + ")");
      } else {
        fields.put(key, source);
      }
    }
    if (!fields.containsKey("slug")) {
      throw bad(file, given.inputPositionOf("slug"), prefix + ".fields.slug",
          "cannot be removed: every episode needs its slug");
    }
    return fields;
  }

  private static IllegalArgumentException bad(String file, TomlPosition at, String key,
      String message) {
    String where = at == null ? file : file + ":" + at.line() + ":" + at.column();
    return new IllegalArgumentException(where + ": [" + key + "] " + message);
  }
}
