package dev.podcast.migrate;

import dev.podcast.show.AppleCategories;
import dev.podcast.show.ShowConfigReader;
import dev.podcast.webhook.EpisodeFileWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Carries what an old feed's channel says into the show's {@code podcast.toml}: author, owner
 * name and email, Apple category and subcategory (old names mapped to the 2019 list), explicit,
 * type, artwork, language, copyright, {@code podcast:guid}, {@code podcast:locked}, funding and
 * persons. A value the show's configuration already has (in {@code podcast.toml}, in
 * {@code [params.podcast]}, or Hugo's own {@code languageCode} and {@code copyright}) is kept and
 * a difference reported; a value the configuration rules reject is reported, with the feed's
 * line, and not written. New keys are added to the user's file as written, which is otherwise
 * left byte for byte. Stateless and thread-safe.
 */
public final class ShowSettingsImport {

  /** What became of one channel value. */
  public enum Kind {
    /** Written into podcast.toml. */
    ADDED,
    /** The configuration has the same value already. */
    SAME,
    /** The configuration has another value, which is kept. */
    DIFFERS,
    /** The rules reject the feed's value: not carried over. */
    REJECTED
  }

  /**
   * One channel value's outcome.
   *
   * @param key the podcast.toml key ({@code ownerEmail}, {@code funding}, ...)
   * @param value the value as podcast.toml would have it
   * @param existing the configuration's value ({@code DIFFERS}, {@code SAME}), else empty
   * @param line the old feed's line the value is on
   * @param why why the rules reject it ({@code REJECTED}), else empty
   */
  public record Change(Kind kind, String key, String value, String existing, int line,
      String why) {
    public Change {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(existing, "existing");
      Objects.requireNonNull(why, "why");
    }
  }

  /** The new podcast.toml text (the old one when nothing is added) and every value's outcome. */
  public record Outcome(String podcastToml, boolean written, List<Change> changes) {
    public Outcome {
      Objects.requireNonNull(podcastToml, "podcastToml");
      changes = List.copyOf(changes);
    }
  }

  private static final Pattern TABLE_HEADER = Pattern.compile("(?m)^[ \\t]*\\[");
  private static final String NEW_FILE_HEAD = "# What Hugo's config.toml lacks: the podcast"
      + " settings (see the README's configuration\n# reference). Keys here win over a"
      + " [params.podcast] table in config.toml.\n";

  private ShowSettingsImport() {}

  /**
   * Merges {@code channel} into the show's settings.
   *
   * @param configToml the show's {@code config.toml}
   * @param podcastToml its {@code podcast.toml}, if it has one
   */
  public static Outcome merge(OldFeed.Channel channel, String configToml,
      Optional<String> podcastToml) {
    Existing existing = new Existing(configToml, podcastToml);
    List<Change> changes = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    Adder add = new Adder(configToml, existing, changes, lines);

    add.text("author", channel.author());
    add.text("ownerName", channel.ownerName());
    add.text("ownerEmail", channel.ownerEmail());
    category(channel, add);
    add.flag("explicit", channel.explicit(), List.of("yes", "true", "explicit"),
        List.of("no", "false", "clean"));
    add.text("type", lower(channel.type()));
    add.text("artwork", channel.image());
    add.text("guid", channel.podcastGuid());
    add.flag("locked", channel.locked(), List.of("yes", "true"), List.of("no", "false"));
    add.text("language", lower(channel.language()));
    add.text("copyright", channel.copyright());
    List<String> tables = new ArrayList<>();
    funding(channel, add, existing, tables);
    persons(channel, add, existing, tables);

    if (lines.isEmpty() && tables.isEmpty()) {
      return new Outcome(podcastToml.orElse(""), false, changes);
    }
    String text = podcastToml.orElse(NEW_FILE_HEAD);
    String keys = lines.isEmpty() ? ""
        : "# From the old feed (podcast import):\n" + String.join("\n", lines) + "\n";
    Matcher header = TABLE_HEADER.matcher(text);
    String merged;
    if (header.find()) { // top-level keys must come before the first table
      merged = text.substring(0, header.start()) + keys + "\n" + text.substring(header.start());
    } else {
      merged = text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + keys;
    }
    if (!tables.isEmpty()) {
      merged = merged + (merged.endsWith("\n") ? "" : "\n") + "\n" + String.join("\n", tables);
    }
    return new Outcome(merged, true, changes);
  }

  private static OldFeed.Value lower(OldFeed.Value v) {
    return new OldFeed.Value(v.text().toLowerCase(Locale.ROOT), v.line());
  }

  private static void category(OldFeed.Channel channel, Adder add) {
    if (channel.categories().isEmpty()) {
      return;
    }
    OldFeed.Category first = channel.categories().get(0); // Apple reads only the first
    Optional<List<String>> current = AppleCategories.current(first.name(), first.subcategory());
    String written = first.name() + (first.subcategory().isEmpty() ? ""
        : " > " + first.subcategory());
    if (current.isEmpty()) {
      add.changes.add(new Change(Kind.REJECTED, "category", written, "", first.line(),
          "'" + written + "' is not an Apple Podcasts category, old or new"));
      return;
    }
    Optional<String> theirs = add.existing.value("category");
    if (theirs.isPresent() && !theirs.get().equalsIgnoreCase(current.get().get(0))) {
      // The subcategory goes with its category: the user's pair is kept whole.
      String ours = current.get().get(0) + (current.get().get(1).isEmpty() ? ""
          : " > " + current.get().get(1));
      String kept = theirs.get() + add.existing.value("subcategory").map(sub -> " > " + sub)
          .orElse("");
      add.changes.add(new Change(Kind.DIFFERS, "category", ours, kept, first.line(), ""));
      return;
    }
    add.text("category", new OldFeed.Value(current.get().get(0), first.line()));
    if (!current.get().get(1).isEmpty()) {
      String category = "category = " + EpisodeFileWriter.quote(current.get().get(0)) + "\n";
      add.add("subcategory", current.get().get(1),
          EpisodeFileWriter.quote(current.get().get(1)), first.line(), category);
    }
  }

  /** One {@code [[key]]} table the channel gives: what names it, its TOML, its line. */
  private record Table(String name, String toml, int line) {}

  private static void funding(OldFeed.Channel channel, Adder add, Existing existing,
      List<String> tables) {
    List<Table> ours = new ArrayList<>();
    for (OldFeed.Funding f : channel.funding()) {
      ours.add(new Table(f.url(), "[[funding]]\n  url = " + EpisodeFileWriter.quote(f.url())
          + "\n" + (f.text().isEmpty() ? "" : "  text = " + EpisodeFileWriter.quote(f.text())
          + "\n"), f.line()));
    }
    tables(add, existing, "funding", "url", ours, tables);
  }

  private static void persons(OldFeed.Channel channel, Adder add, Existing existing,
      List<String> tables) {
    List<Table> ours = new ArrayList<>();
    for (OldFeed.Person p : channel.persons()) {
      StringBuilder table = new StringBuilder("[[persons]]\n  name = ")
          .append(EpisodeFileWriter.quote(p.name())).append('\n');
      for (String[] field : new String[][] {{"role", p.role().toLowerCase(Locale.ROOT)},
          {"group", p.group().toLowerCase(Locale.ROOT)}, {"img", p.img()}, {"href", p.href()}}) {
        if (!field[1].isEmpty()) {
          table.append("  ").append(field[0]).append(" = ")
              .append(EpisodeFileWriter.quote(field[1])).append('\n');
        }
      }
      ours.add(new Table(p.name(), table.toString(), p.line()));
    }
    tables(add, existing, "persons", "name", ours, tables);
  }

  /**
   * The channel's {@code [[key]]} tables: the user's list, if any, is kept whole and compared
   * by {@code field}; else each table the rules accept is added.
   */
  private static void tables(Adder add, Existing existing, String key, String field,
      List<Table> ours, List<String> tables) {
    if (ours.isEmpty()) {
      return;
    }
    List<String> names = ours.stream().map(Table::name).toList();
    if (existing.has(key)) {
      List<String> theirs = existing.tableStrings(key, field);
      add.changes.add(new Change(theirs.equals(names) ? Kind.SAME : Kind.DIFFERS, key,
          String.join(", ", names), String.join(", ", theirs), ours.get(0).line(), ""));
      return;
    }
    StringBuilder block = new StringBuilder();
    for (Table table : ours) {
      Optional<String> why = add.rejected(table.toml(), key);
      if (why.isPresent()) {
        add.changes.add(new Change(Kind.REJECTED, key, table.name(), "", table.line(),
            why.get()));
      } else {
        block.append(table.toml());
        add.changes.add(new Change(Kind.ADDED, key, table.name(), "", table.line(), ""));
      }
    }
    if (!block.isEmpty()) {
      tables.add(block.toString());
    }
  }

  /** Adds one value at a time, each checked by the configuration's own rules. */
  private static final class Adder {
    private final String configToml;
    private final Existing existing;
    private final List<Change> changes;
    private final List<String> lines;

    Adder(String configToml, Existing existing, List<Change> changes, List<String> lines) {
      this.configToml = configToml;
      this.existing = existing;
      this.changes = changes;
      this.lines = lines;
    }

    void text(String key, OldFeed.Value value) {
      if (value.isEmpty()) {
        return;
      }
      add(key, value.text(), EpisodeFileWriter.quote(value.text()), value.line(), "");
    }

    void flag(String key, OldFeed.Value value, List<String> yes, List<String> no) {
      if (value.isEmpty()) {
        return;
      }
      String v = value.text().toLowerCase(Locale.ROOT);
      if (!yes.contains(v) && !no.contains(v)) {
        changes.add(new Change(Kind.REJECTED, key, value.text(), "", value.line(),
            "'" + value.text() + "' is neither of " + String.join("/", yes) + " nor of "
                + String.join("/", no)));
        return;
      }
      add(key, Boolean.toString(yes.contains(v)), Boolean.toString(yes.contains(v)),
          value.line(), "");
    }

    /** Adds {@code key}, checked together with {@code context} (the keys it depends on). */
    void add(String key, String value, String toml, int line, String context) {
      Optional<String> theirs = existing.value(key);
      if (theirs.isPresent()) {
        changes.add(new Change(theirs.get().equalsIgnoreCase(value) ? Kind.SAME : Kind.DIFFERS,
            key, value, theirs.get(), line, ""));
        return;
      }
      String entry = key + " = " + toml;
      Optional<String> why = rejected(context + entry, key);
      if (why.isPresent()) {
        changes.add(new Change(Kind.REJECTED, key, value, "", line, why.get()));
        return;
      }
      lines.add(entry);
      changes.add(new Change(Kind.ADDED, key, value, "", line, ""));
    }

    /** What the configuration rules say of {@code podcastToml} alone, about {@code key}. */
    Optional<String> rejected(String podcastToml, String key) {
      ShowConfigReader.Result result = ShowConfigReader.read(configToml, "config.toml",
          Optional.of(podcastToml), "podcast.toml");
      return result.problems().stream()
          .filter(p -> p.file().equals("podcast.toml"))
          .map(p -> p.message().replaceFirst("^\\[[^\\]]*\\] ", ""))
          .findFirst()
          .or(() -> result.config().isEmpty() && !result.problems().isEmpty()
              ? Optional.of("config.toml cannot be read, so " + key + " cannot be checked")
              : Optional.empty());
    }
  }

  /** The values the show's configuration has already, read as its reader reads them. */
  private static final class Existing {
    private final TomlTable podcast;
    private final TomlTable params;
    private final TomlTable paramsPodcast;
    private final TomlTable site;

    Existing(String configToml, Optional<String> podcastToml) {
      TomlParseResult config = Toml.parse(configToml);
      site = config;
      params = table(config, "params");
      paramsPodcast = table(params, "podcast");
      podcast = podcastToml.map(t -> (TomlTable) Toml.parse(t)).orElse(null);
    }

    private static TomlTable table(TomlTable in, String name) {
      Object v = in == null ? null : get(in, name);
      return v instanceof TomlTable t ? t : null;
    }

    private static Object get(TomlTable in, String name) {
      if (in == null) {
        return null;
      }
      return in.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
          .map(k -> in.get(List.of(k))).orElse(null);
    }

    boolean has(String key) {
      return get(podcast, key) != null || get(paramsPodcast, key) != null;
    }

    Optional<String> value(String key) {
      Object v = get(podcast, key);
      if (v == null) {
        v = get(paramsPodcast, key);
      }
      if (v == null && key.equals("language")) {
        v = get(site, "languageCode");
      }
      if (v == null && key.equals("copyright")) {
        v = get(params, "copyright");
        v = v == null ? get(site, "copyright") : v;
      }
      return v == null || v instanceof TomlTable || v instanceof TomlArray ? Optional.empty()
          : Optional.of(v.toString());
    }

    List<String> tableStrings(String key, String field) {
      Object v = get(podcast, key);
      v = v == null ? get(paramsPodcast, key) : v;
      List<String> out = new ArrayList<>();
      if (v instanceof TomlArray array) {
        for (int i = 0; i < array.size(); i++) {
          if (array.get(i) instanceof TomlTable t && get(t, field) instanceof String s) {
            out.add(s);
          }
        }
      }
      return out;
    }
  }
}
