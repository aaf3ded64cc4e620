package dev.podcast.show;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads a Hugo {@code config.toml} as it is, plus the podcast settings Hugo lacks from its
 * {@code [params.podcast]} table or a {@code podcast.toml} beside it (whose keys win). Keys are
 * case-insensitive as in Hugo. Every invalid value is reported with its file, line and key.
 * Stateless and thread-safe.
 */
public final class ShowConfigReader {

  /** A configuration file larger than this is rejected unread. */
  public static final long MAX_BYTES = 1024 * 1024;
  public static final String CONFIG_FILE = "config.toml";
  public static final String PODCAST_FILE = "podcast.toml";

  /**
   * The feeds a Hugo site serves (its home page's and its {@code post} section's RSS), which a
   * show moving from one may have subscribers on.
   */
  public static final List<String> DEFAULT_OLD_FEED_PATHS = List.of("/index.xml",
      "/post/index.xml");

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})*");
  private static final Pattern HOST = Pattern.compile(
      "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
  private static final int DEFAULT_FEED_ITEM_LIMIT = 300;

  /** The configuration, or the problems that keep it from being read. */
  public record Result(Optional<ShowConfig> config, List<Problem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }
  }

  private ShowConfigReader() {}

  /** Reads {@code config.toml} and, when present, {@code podcast.toml} in {@code siteRoot}. */
  public static Result read(Path siteRoot) {
    Path config = siteRoot.resolve(CONFIG_FILE);
    Path podcast = siteRoot.resolve(PODCAST_FILE);
    try {
      String configText = readBounded(config);
      Optional<String> podcastText = Files.isRegularFile(podcast)
          ? Optional.of(readBounded(podcast)) : Optional.empty();
      return read(configText, display(config), podcastText, display(podcast));
    } catch (IOException e) {
      return new Result(Optional.empty(), List.of(new Problem(ProblemCode.READ_FAILED,
          display(config), 0, 0, "the configuration cannot be read: " + e.getMessage())));
    }
  }

  private static String display(Path path) {
    return path.toString().replace('\\', '/');
  }

  private static String readBounded(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException(file.getFileName() + " is larger than 1 MiB");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Reads configuration text; the names are used in problems. */
  public static Result read(String configToml, String configName, Optional<String> podcastToml,
      String podcastName) {
    List<Problem> problems = new ArrayList<>();
    Optional<TomlParseResult> config = parse(configToml, configName, problems);
    Optional<TomlParseResult> podcastFile = podcastToml.flatMap(t -> parse(t, podcastName,
        problems));
    if (config.isEmpty() || problems.size() > 0) {
      return new Result(Optional.empty(), problems);
    }
    Fields site = new Fields(config.get(), configName, "", problems);
    Fields params = site.table("params");
    Fields fromParams = params.table("podcast");
    Fields podcast = podcastFile.map(t -> new Fields(t, podcastName, "", problems))
        .map(f -> f.over(fromParams))
        .orElse(fromParams);

    String baseUrl = site.string("baseURL", "");
    if (!baseUrl.startsWith("https://") && !baseUrl.startsWith("http://")) {
      site.invalid("baseURL", "baseURL must be the site's http(s) address, such as"
          + " \"https://www.example.com\"");
    }
    baseUrl = baseUrl.replaceFirst("/+$", "");
    String title = site.string("title", "");
    if (title.isBlank()) {
      site.invalid("title", "title must name the show");
    }
    // podcast.toml's language (written by an import when Hugo's config names none) wins.
    String language = podcast.has("language")
        ? podcast.string("language", "en-us").toLowerCase(Locale.ROOT)
        : site.string("languageCode", "en-us").toLowerCase(Locale.ROOT);
    if (!LANGUAGE.matcher(language).matches()) {
      if (podcast.has("language")) {
        podcast.invalid("language", "language must be a language code such as en-us");
      } else {
        site.invalid("languageCode", "languageCode must be a language code such as en-us");
      }
    }
    int paginate = (int) site.integer("paginate", 10, 1, 1000);
    String host = params.string("episodeHostBaseURL", "").replaceFirst("/+$", "");
    if (!host.isEmpty() && !host.startsWith("https://") && !host.startsWith("http://")) {
      params.invalid("episodeHostBaseURL", "params.episodeHostBaseURL must be an http(s) URL");
    }
    String taxonomy = "categories";
    Fields taxonomies = site.table("taxonomies");
    if (taxonomies.has("category")) {
      taxonomy = taxonomies.string("category", "categories");
    }

    String author = podcast.string("author", title);
    String category = podcast.string("category", "Technology");
    String subcategory = podcast.string("subcategory", "");
    if (!AppleCategories.isCategory(category)) {
      String hint = AppleCategories.parentOf(category)
          .map(parent -> "; did you mean category = \"" + parent + "\" with subcategory = \""
              + category + "\"?")
          .orElse("; see Apple's list, such as \"Technology\" or \"News\"");
      podcast.invalid("category", "'" + category + "' is not an Apple Podcasts category" + hint);
    } else if (!subcategory.isEmpty() && !AppleCategories.isSubcategory(category, subcategory)) {
      podcast.invalid("subcategory", "'" + subcategory + "' is not a subcategory of '" + category
          + "' in Apple's 2019 list");
    }
    String email = podcast.string("ownerEmail", "");
    if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
      podcast.invalid("ownerEmail", "ownerEmail must be an email address");
    }
    String type = podcast.string("type", "episodic").toLowerCase(Locale.ROOT);
    if (!type.equals("episodic") && !type.equals("serial")) {
      podcast.invalid("type", "type must be episodic or serial");
    }
    String guid = podcast.string("guid", "");
    if (!guid.isEmpty()) {
      try {
        if (UUID.fromString(guid).version() != 5) {
          podcast.invalid("guid", "guid must be a version 5 UUID (podcast:guid)");
        }
      } catch (IllegalArgumentException e) {
        podcast.invalid("guid", "guid must be a UUID such as 9b024349-ccf0-5f69-a609-6b82873eab3c");
      }
    }
    String artwork = podcast.string("artwork", "");
    if (artwork.startsWith("http://")) {
      podcast.invalid("artwork", "artwork must be served over https for Apple Podcasts");
    }
    List<ShowConfig.Funding> funding = new ArrayList<>();
    for (Fields f : podcast.tables("funding")) {
      String url = f.string("url", "");
      if (!url.startsWith("https://") && !url.startsWith("http://")) {
        f.invalid("url", "funding url must be an http(s) URL");
      }
      funding.add(new ShowConfig.Funding(url, f.string("text", "Support the show")));
    }
    List<ShowConfig.Person> persons = new ArrayList<>();
    for (Fields p : podcast.tables("persons")) {
      String name = p.string("name", "");
      if (name.isBlank()) {
        p.invalid("name", "each person needs a name (as written in episode hosts)");
      }
      String img = p.string("img", "");
      if (!img.isEmpty() && !img.startsWith("https://")) {
        p.invalid("img", "a person's img must be an https URL");
      }
      persons.add(new ShowConfig.Person(name, p.string("role", "host").toLowerCase(Locale.ROOT),
          p.string("group", "cast").toLowerCase(Locale.ROOT), img, p.string("href", "")));
    }
    int limit = (int) podcast.integer("feedItemLimit", DEFAULT_FEED_ITEM_LIMIT, 1, 100_000);
    boolean explicit = podcast.bool("explicit", false);
    boolean locked = podcast.bool("locked", false);
    String medium = podcast.string("medium", "podcast");
    // Hugo's own switch for raw HTML in Markdown; off, author HTML is cleaned to an allow-list.
    boolean unsafeHtml = site.table("markup").table("goldmark").table("renderer")
        .bool("unsafe", false);
    List<String> embedHosts = podcast.strings("embedHosts", ShowConfig.DEFAULT_EMBED_HOSTS);
    for (String embedHost : embedHosts) {
      if (!HOST.matcher(embedHost).matches()) {
        podcast.invalid("embedHosts", "'" + embedHost + "' is not a host name such as"
            + " www.youtube.com");
      }
    }
    String description = params.string("description", "");
    String copyright = podcast.string("copyright",
        params.string("copyright", site.string("copyright", "")));
    String newFeedUrl = podcast.string("newFeedUrl", "");
    if (!newFeedUrl.isEmpty() && !newFeedUrl.startsWith("https://")
        && !newFeedUrl.startsWith("http://")) {
      podcast.invalid("newFeedUrl", "newFeedUrl must be the http(s) URL of the show's new feed");
    } else if (newFeedUrl.equals(baseUrl + "/feed.xml")) {
      podcast.invalid("newFeedUrl", "newFeedUrl is this site's own feed; set it only when the"
          + " show moves to another address");
    }
    List<String> oldFeedPaths = podcast.strings("oldFeedPaths", DEFAULT_OLD_FEED_PATHS);
    for (String path : oldFeedPaths) {
      oldFeedProblem(path).ifPresent(why -> podcast.invalid("oldFeedPaths", "'" + path
          + "' cannot be an old feed path: " + why));
    }
    ShowConfig.Notify notify = notify(podcast.table("notify"));
    ShowConfig.ChannelTags channel = channelTags(podcast);
    String enclosurePrefix = podcast.string("enclosurePrefix", "");
    if (!enclosurePrefix.isEmpty() && (!enclosurePrefix.startsWith("https://")
        || !enclosurePrefix.endsWith("/") || enclosurePrefix.length() < "https://a.b/".length()
        || enclosurePrefix.contains("?") || enclosurePrefix.contains("#"))) {
      podcast.invalid("enclosurePrefix", "enclosurePrefix must be an analytics prefix such as"
          + " \"https://op3.dev/e/\": https, ending in /, no ? or #");
    }
    String logo = params.string("logo", "");
    if (!logo.isEmpty() && !logo.startsWith("http") && !logo.startsWith("/")) {
      logo = "/" + logo;
    }
    if (!problems.isEmpty()) {
      return new Result(Optional.empty(), problems);
    }
    ShowConfig.Podcast settings = new ShowConfig.Podcast(author,
        podcast.string("ownerName", author), email, category, subcategory, explicit, artwork, type,
        guid, locked, funding, persons, limit, medium, newFeedUrl, oldFeedPaths, notify,
        enclosurePrefix, channel);
    return new Result(Optional.of(new ShowConfig(baseUrl, title, language, paginate, description,
        copyright, logo, host, taxonomy, params.string("twitterUser", "").replaceFirst("^@", ""),
        settings, unsafeHtml, embedHosts)), problems);
  }

  /** The namespace's limit of a {@code podcast:txt}'s value, and of most other texts. */
  static final int MAX_TXT = 4000;
  static final int MAX_LABEL = 128;
  private static final Pattern GEO = Pattern.compile(
      "geo:-?\\d{1,2}(\\.\\d+)?,-?\\d{1,3}(\\.\\d+)?(,-?\\d+(\\.\\d+)?)?(;u=\\d+(\\.\\d+)?)?");
  private static final Pattern OSM = Pattern.compile("[NWR]\\d{1,12}(#\\d{1,12})?");
  private static final Pattern RRULE = Pattern.compile(
      "[A-Z]+=[A-Za-z0-9,+-]+(;[A-Z]+=[A-Za-z0-9,+-]+)*");

  /** The channel's other Podcasting 2.0 tags, each value checked against the namespace. */
  private static ShowConfig.ChannelTags channelTags(Fields podcast) {
    List<ShowConfig.Txt> txt = new ArrayList<>();
    for (Fields t : podcast.tables("txt")) {
      String value = t.string("value", "");
      String purpose = t.string("purpose", "");
      if (value.isBlank() || value.length() > MAX_TXT) {
        t.invalid("value", "a txt value must be 1 to " + MAX_TXT + " characters");
      }
      if (purpose.length() > MAX_LABEL) {
        t.invalid("purpose", "a txt purpose must be at most " + MAX_LABEL + " characters");
      }
      txt.add(new ShowConfig.Txt(value, purpose));
    }
    Fields f = podcast.table("updateFrequency");
    ShowConfig.UpdateFrequency frequency = new ShowConfig.UpdateFrequency(
        f.string("label", ""), f.string("rrule", ""), f.bool("complete", false),
        f.string("dtstart", ""));
    if (podcast.has("updateFrequency")) {
      if (frequency.label().isBlank() || frequency.label().length() > MAX_LABEL) {
        f.invalid("label", "updateFrequency needs a label of 1 to " + MAX_LABEL
            + " characters, such as \"Weekly\"");
      }
      if (!frequency.rrule().isEmpty() && !RRULE.matcher(frequency.rrule()).matches()) {
        f.invalid("rrule", "'" + frequency.rrule() + "' is not an RFC 5545 rule such as"
            + " FREQ=WEEKLY;BYDAY=WE");
      }
      if (!frequency.dtstart().isEmpty()) {
        try {
          java.time.OffsetDateTime.parse(frequency.dtstart());
        } catch (java.time.format.DateTimeParseException e) {
          f.invalid("dtstart", "dtstart must be an ISO 8601 time such as 2020-01-01T09:00:00Z");
        }
      }
    }
    Fields l = podcast.table("license");
    ShowConfig.License license = new ShowConfig.License(l.string("name", ""), l.string("url", ""));
    if (podcast.has("license")) {
      if (license.name().isBlank() || license.name().length() > MAX_LABEL) {
        l.invalid("name", "license needs a name of 1 to " + MAX_LABEL + " characters (an SPDX"
            + " identifier such as cc-by-4.0)");
      }
      if (!license.url().isEmpty() && !license.url().startsWith("https://")
          && !license.url().startsWith("http://")) {
        l.invalid("url", "the license url must be an http(s) URL");
      }
    }
    Fields g = podcast.table("location");
    ShowConfig.Location location = new ShowConfig.Location(g.string("name", ""),
        g.string("geo", ""), g.string("osm", ""));
    if (podcast.has("location")) {
      if (location.name().isBlank() || location.name().length() > MAX_LABEL) {
        g.invalid("name", "location needs a name of 1 to " + MAX_LABEL + " characters");
      }
      if (!location.geo().isEmpty() && !GEO.matcher(location.geo()).matches()) {
        g.invalid("geo", "'" + location.geo() + "' is not a geo URI such as geo:30.2672,-97.7431");
      }
      if (!location.osm().isEmpty() && !OSM.matcher(location.osm()).matches()) {
        g.invalid("osm", "'" + location.osm() + "' is not an OpenStreetMap id such as R113314");
      }
    }
    List<ShowConfig.RemoteItem> podroll = new ArrayList<>();
    for (Fields r : podcast.tables("podroll")) {
      podroll.add(remoteItem(r));
    }
    ShowConfig.RemoteItem publisher = podcast.has("publisher")
        ? remoteItem(podcast.table("publisher")) : ShowConfig.RemoteItem.NONE;
    return new ShowConfig.ChannelTags(txt, frequency, license, location, podroll, publisher);
  }

  private static ShowConfig.RemoteItem remoteItem(Fields r) {
    String feedGuid = r.string("feedGuid", "");
    String feedUrl = r.string("feedUrl", "");
    try {
      UUID.fromString(feedGuid);
    } catch (IllegalArgumentException e) {
      r.invalid("feedGuid", "feedGuid must be the other show's podcast:guid, a UUID");
    }
    if (!feedUrl.isEmpty() && !feedUrl.startsWith("https://") && !feedUrl.startsWith("http://")) {
      r.invalid("feedUrl", "feedUrl must be an http(s) URL");
    }
    return new ShowConfig.RemoteItem(feedGuid, feedUrl);
  }

  /** The {@code [notify]} table: each service's URL checked ({@link #notifyProblem}). */
  private static ShowConfig.Notify notify(Fields notify) {
    String podping = notify.string("podping", "");
    List<String> websub = notify.strings("websub", List.of());
    String podcastIndex = notify.string("podcastIndex", "");
    notifyProblem(podping).ifPresent(why -> notify.invalid("podping", "podping " + why));
    for (String hub : websub) {
      notifyProblem(hub).ifPresent(why -> notify.invalid("websub", "websub hub " + why));
    }
    if (new java.util.HashSet<>(websub).size() < websub.size()) {
      notify.invalid("websub", "websub names a hub twice");
    }
    notifyProblem(podcastIndex).ifPresent(why -> notify.invalid("podcastIndex",
        "podcastIndex " + why));
    List<String> categories = notify.strings("categories", List.of());
    if (categories.stream().anyMatch(String::isBlank)) {
      notify.invalid("categories", "categories names a category, or \"*\" for every one;"
          + " found an empty name");
    }
    return new ShowConfig.Notify(podping, websub, podcastIndex, categories);
  }

  /**
   * Why {@code url} cannot be a service to notify, if it cannot: an https URL with a host, no
   * user name, password or fragment; http only to this machine (a local stand-in), never to
   * another. Empty is no service.
   */
  static Optional<String> notifyProblem(String url) {
    if (url.isEmpty()) {
      return Optional.empty();
    }
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      return Optional.of("'" + url + "' is not a URL");
    }
    String host = uri.getHost() == null ? "" : uri.getHost();
    boolean loopback = host.equals("127.0.0.1") || host.equals("localhost")
        || host.equals("[::1]");
    if (host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null
        || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback)) {
      return Optional.of("'" + url + "' must be an https URL (http only to 127.0.0.1 or"
          + " localhost), with no user, password or #fragment");
    }
    return Optional.empty();
  }

  /**
   * Why {@code path} cannot be an old feed address the site answers, if it cannot: it must be
   * a site path ending in {@code .xml} or {@code /}, of safe segments, and not a file the site
   * writes itself.
   */
  public static Optional<String> oldFeedProblem(String path) {
    if (!path.startsWith("/") || !(path.endsWith(".xml") || path.endsWith("/"))
        || path.length() < 2) {
      return Optional.of("it must be a site path ending in .xml or /, such as /index.xml or"
          + " /feed/");
    }
    Optional<String> unsafe = dev.podcast.parse.Slugs.unsafeSitePath(path.substring(1));
    if (unsafe.isPresent()) {
      return unsafe;
    }
    String name = path.substring(1).toLowerCase(Locale.ROOT);
    if (name.equals("feed.xml") || name.startsWith("sitemap") || name.endsWith("/feed.xml")
        || name.contains("/archive/") || name.startsWith("feed/archive/")) {
      return Optional.of("the site writes a file of its own there");
    }
    return Optional.empty();
  }

  private static Optional<TomlParseResult> parse(String text, String name,
      List<Problem> problems) {
    TomlParseResult result = Toml.parse(text);
    for (TomlParseError error : result.errors()) {
      problems.add(new Problem(ProblemCode.CONFIG_INVALID, name, error.position().line(),
          error.position().column(), "the configuration cannot be read: "
              + error.getMessage().replaceFirst("\\s*\\(line \\d+, column \\d+\\)$", "")));
    }
    return result.hasErrors() ? Optional.empty() : Optional.of(result);
  }

  /** Typed, case-insensitive access to one TOML table, reporting problems with file and line. */
  private static final class Fields {
    private final TomlTable table;
    private final String file;
    private final String prefix;
    private final List<Problem> problems;
    private final Fields fallback;

    Fields(TomlTable table, String file, String prefix, List<Problem> problems) {
      this(table, file, prefix, problems, null);
    }

    private Fields(TomlTable table, String file, String prefix, List<Problem> problems,
        Fields fallback) {
      this.table = table;
      this.file = file;
      this.prefix = prefix;
      this.problems = problems;
      this.fallback = fallback;
    }

    /** These fields, falling back to {@code other} for keys they lack. */
    Fields over(Fields other) {
      return new Fields(table, file, prefix, problems, other);
    }

    private Optional<String> key(String name) {
      if (table == null) {
        return Optional.empty();
      }
      return table.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst();
    }

    boolean has(String name) {
      return key(name).isPresent() || (fallback != null && fallback.has(name));
    }

    Fields table(String name) {
      Optional<String> key = key(name);
      TomlTable child = null;
      if (key.isPresent()) {
        Object value = table.get(List.of(key.get()));
        if (value instanceof TomlTable t) {
          child = t;
        } else {
          invalid(name, "must be a table ([" + prefix + name + "])");
        }
      }
      return new Fields(child, file, prefix + name + ".", problems);
    }

    List<Fields> tables(String name) {
      Optional<String> key = key(name);
      if (key.isEmpty()) {
        return fallback != null ? fallback.tables(name) : List.of();
      }
      Object value = table.get(List.of(key.get()));
      List<Fields> out = new ArrayList<>();
      if (value instanceof TomlArray array) {
        for (int i = 0; i < array.size(); i++) {
          if (array.get(i) instanceof TomlTable t) {
            out.add(new Fields(t, file, prefix + name + "[" + i + "].", problems));
          } else {
            invalid(name, "must be a list of tables ([[" + prefix + name + "]])");
          }
        }
      } else {
        invalid(name, "must be a list of tables ([[" + prefix + name + "]])");
      }
      return out;
    }

    private Optional<Object> value(String name) {
      Optional<String> key = key(name);
      if (key.isEmpty()) {
        return fallback != null ? fallback.value(name) : Optional.empty();
      }
      return Optional.ofNullable(table.get(List.of(key.get())));
    }

    private Fields owner(String name) {
      return key(name).isPresent() || fallback == null ? this : fallback.owner(name);
    }

    String string(String name, String otherwise) {
      Optional<Object> value = value(name);
      if (value.isEmpty()) {
        return otherwise;
      }
      if (value.get() instanceof String s) {
        return s.strip();
      }
      owner(name).invalid(name, "must be text in quotes");
      return otherwise;
    }

    long integer(String name, long otherwise, long min, long max) {
      Optional<Object> value = value(name);
      if (value.isEmpty()) {
        return otherwise;
      }
      if (value.get() instanceof Long n && n >= min && n <= max) {
        return n;
      }
      owner(name).invalid(name, "must be a whole number from " + min + " to "
          + max);
      return otherwise;
    }

    List<String> strings(String name, List<String> otherwise) {
      Optional<Object> value = value(name);
      if (value.isEmpty()) {
        return otherwise;
      }
      if (value.get() instanceof TomlArray array) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
          if (!(array.get(i) instanceof String s)) {
            owner(name).invalid(name, "must be a list of text in quotes");
            return otherwise;
          }
          out.add(s.strip());
        }
        return out;
      }
      owner(name).invalid(name, "must be a list of text in quotes, such as [\"a\", \"b\"]");
      return otherwise;
    }

    boolean bool(String name, boolean otherwise) {
      Optional<Object> value = value(name);
      if (value.isEmpty()) {
        return otherwise;
      }
      if (value.get() instanceof Boolean b) {
        return b;
      }
      owner(name).invalid(name, "must be true or false");
      return otherwise;
    }

    void invalid(String name, String message) {
      Fields owner = owner(name);
      TomlPosition position = owner.key(name).filter(k -> owner.table != null)
          .map(k -> owner.table.inputPositionOf(List.of(k))).orElse(null);
      problems.add(new Problem(ProblemCode.CONFIG_INVALID, owner.file,
          position == null ? 0 : position.line(), position == null ? 0 : position.column(),
          "[" + owner.prefix + name + "] " + message.replaceFirst("^" + Pattern.quote(name) + " ", "")));
    }
  }
}
