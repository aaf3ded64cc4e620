package dev.podcast.migrate;

import dev.podcast.parse.Slugs;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.show.ShowConfigReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Moves a show's subscribers from its old feed to this site's, in the show's source (a folder
 * or the source bucket): the channel's settings into {@code podcast.toml}
 * ({@link ShowSettingsImport}), each old item's guid into the front matter of the episode file
 * it matches ({@link FeedMove}, {@link FrontMatterGuid}), and, if asked, an episode file for
 * each item that has none ({@link EpisodeFileFromItem}). Every write is conditional on the
 * generation read (a new file on there being none), so nothing a user writes meanwhile is lost.
 * What it did, or would do, is reported one line each, in the style of {@code file:line}.
 * Publishing what it wrote is the caller's: once, after it.
 */
public final class ShowImport {

  /** The longest configuration file read. */
  static final long MAX_CONFIG_BYTES = 1024 * 1024;

  /** The longest episode file rewritten. */
  static final long MAX_EPISODE_BYTES = 16 * 1024 * 1024;

  /**
   * What to do.
   *
   * @param dryRun report only; write nothing
   * @param createMissing write an episode file for each old item that has none
   * @param section the folder new episode files go in ({@code content/post})
   * @param mark custom metadata written with every object the import writes (in the source
   *     bucket, what tells the upload function that the import publishes the object itself), and
   *     by which a run again after a failure knows the files it created
   */
  public record Options(boolean dryRun, boolean createMissing, String section,
      Map<String, String> mark) {
    public Options {
      Objects.requireNonNull(section, "section");
      mark = Map.copyOf(mark);
    }

    /** Options whose writes carry no mark. */
    public Options(boolean dryRun, boolean createMissing, String section) {
      this(dryRun, createMissing, section, Map.of());
    }
  }

  /**
   * Why {@code section} cannot be the folder of new episode files, if it cannot: it must be
   * {@code content} or a folder under it, each segment one a page path may have.
   */
  public static Optional<String> sectionProblem(String section) {
    if (!section.equals("content") && !section.startsWith("content/")) {
      return Optional.of("'" + section + "' is not content or a folder under content/");
    }
    for (String segment : section.split("/", -1)) {
      Optional<String> unsafe = Slugs.unsafeSegment(segment);
      if (unsafe.isPresent() || segment.startsWith(".") || segment.startsWith("_")) {
        return Optional.of("'" + section + "' has the segment '" + segment
            + "', which no page path may have");
      }
    }
    return Optional.empty();
  }

  /**
   * What the import did.
   *
   * @param lines one per item, episode and setting, then a summary
   * @param created each episode file written, with the old feed's line of its item
   * @param hurts whether a subscriber would see an episode again or lose one
   * @param written how many objects it wrote
   * @param guids the old feed's guid of each episode file it matched to an item whose guid the
   *     engine does not give it yet, by source object: what a guid registry that keeps the guids
   *     given before (Firestore's, a state file's) is to record in their place
   */
  public record Report(List<String> lines, Map<String, Integer> created, boolean hurts,
      int written, Map<String, String> guids) {
    public Report {
      lines = List.copyOf(lines);
      created = Map.copyOf(created);
      guids = Map.copyOf(guids);
    }

    /**
     * Of the problems found when the show was published with what the import wrote, those in
     * what it wrote: the show's settings, and the episode files it created, each with the line
     * of its item in the old feed (0 for a setting). The others were there before it.
     */
    public List<Map.Entry<Problem, Integer>> concerning(List<Problem> problems) {
      List<Map.Entry<Problem, Integer>> out = new ArrayList<>();
      for (Problem p : problems) {
        boolean settings = p.file().equals(ShowConfigReader.PODCAST_FILE)
            || p.file().equals(ShowConfigReader.CONFIG_FILE) || p.file().startsWith("/");
        Integer line = created.get(p.file());
        if (settings || line != null) {
          out.add(Map.entry(p, line == null ? 0 : line));
        }
      }
      return out;
    }
  }

  private final ObjectStore source;
  private final UnaryOperator<String> display;
  private final Options options;
  private final List<String> lines = new ArrayList<>();
  private final Map<String, String> guids = new HashMap<>();
  private int written;

  private ShowImport(ObjectStore source, UnaryOperator<String> display, Options options) {
    this.source = source;
    this.display = display;
    this.options = options;
  }

  /**
   * Imports {@code old} into the show in {@code source}, whose episodes as the engine publishes
   * them now are {@code records}; {@code display} names a source object for the report.
   */
  public static Report run(OldFeed old, ObjectStore source, List<EpisodeRecord> records,
      UnaryOperator<String> display, Options options) {
    return new ShowImport(source, display, options).run(old, records);
  }

  private Report run(OldFeed old, List<EpisodeRecord> records) {
    String feed = old.name();
    settings(old);
    duplicates(old);
    FeedMove move = FeedMove.of(old, records);
    int kept = 0;
    int guids = 0;
    int conflicts = 0;
    for (FeedMove.Match m : move.matches()) {
      String file = display.apply(m.record().sourceObject());
      String how = " (matched by " + m.by().name().toLowerCase(Locale.ROOT).replace('_', ' ')
          + ", " + feed + ":" + m.item().line() + ")";
      if (!m.guidChanges()) {
        kept++;
        lines.add("kept      " + file + ": " + m.item().identity() + how);
        continue;
      }
      Optional<ObjectStore.StoredObject> there = source.get(m.record().sourceObject(),
          MAX_EPISODE_BYTES);
      FrontMatterGuid.Outcome outcome = there.isEmpty() ? new FrontMatterGuid.Outcome
          .NoFrontMatter() : FrontMatterGuid.write(there.get().content(), m.item().identity());
      if (outcome instanceof FrontMatterGuid.Outcome.Written w) {
        write(there.get(), w.content());
        this.guids.put(m.record().sourceObject(), m.item().identity());
        guids++;
        lines.add("guid      " + file + ": " + m.item().identity()
            + (options.dryRun() ? " would be written" : " written") + " in place of "
            + m.record().entry().guid() + how);
      } else if (outcome instanceof FrontMatterGuid.Outcome.Conflict c) {
        conflicts++;
        lines.add("conflict  " + file + ":" + c.line() + ": guid '" + c.existing()
            + "' is kept; the old feed's is '" + m.item().identity() + "': apps download it"
            + " again" + how);
      } else if (outcome instanceof FrontMatterGuid.Outcome.NoFrontMatter) {
        conflicts++;
        lines.add("conflict  " + file + ":1: no front matter to write guid '"
            + m.item().identity() + "' into: apps download it again" + how);
      } else {
        // The file names the guid already, and the next publish gives it unless a registry
        // keeps the one it gave before.
        kept++;
        this.guids.put(m.record().sourceObject(), m.item().identity());
        lines.add("kept      " + file + ": " + m.item().identity() + how);
      }
      if (m.enclosureChanges()) {
        lines.add("          enclosure " + m.item().enclosureUrl() + " becomes "
            + m.record().entry().enclosureUrl());
      }
    }
    Map<String, Integer> created = new HashMap<>();
    int lost = 0;
    Set<String> folders = new HashSet<>();
    for (EpisodeRecord r : records) {
      folders.add(r.slug());
    }
    for (OldFeed.Item item : move.lost()) {
      if (!options.createMissing()) {
        lost++;
        lines.add("lost      " + feed + ":" + item.line() + ": '" + item.title() + "' ("
            + item.identity() + ") has no episode file: subscribers lose it");
        continue;
      }
      Optional<String> why = uncreatable(item);
      if (why.isPresent()) {
        lost++;
        lines.add("lost      " + feed + ":" + item.line() + ": '" + item.title()
            + "' cannot be made an episode file: " + why.get() + ": subscribers lose it");
        continue;
      }
      String folder = EpisodeFileFromItem.folder(item, folders);
      Optional<ObjectStore.ObjectInfo> there;
      while ((there = source.stat(options.section() + "/" + folder + "/index.md")).isPresent()
          && !madeByThisImport(there.get())) {
        folders.add(folder); // never over a file of the user's
        folder = EpisodeFileFromItem.folder(item, folders);
      }
      folders.add(folder);
      String object = options.section() + "/" + folder + "/index.md";
      EpisodeFileFromItem.File made = EpisodeFileFromItem.of(item, folder);
      if (!options.dryRun() && there.isEmpty()) {
        source.put(new ObjectStore.Write(object, made.text().getBytes(StandardCharsets.UTF_8),
            "text/markdown; charset=utf-8", "", options.mark()), ObjectStore.DOES_NOT_EXIST);
        written++;
      }
      created.put(object, item.line());
      lines.add("created   " + display.apply(object) + ": '" + item.title() + "' with guid "
          + item.identity() + (options.dryRun() ? " would be written" : " written") + " (from "
          + feed + ":" + item.line() + ")");
    }
    for (EpisodeRecord r : move.added()) {
      lines.add("new       " + display.apply(r.sourceObject())
          + ": not in the old feed: new to subscribers");
    }
    lines.add(old.items().size() + " items: " + kept + " kept, " + guids
        + (options.dryRun() ? " guids to write, " : " guids written, ")
        + (options.createMissing() ? created.size() + (options.dryRun() ? " files to create, "
            : " files created, ") : "")
        + conflicts + " conflicts, " + lost + " lost; " + move.added().size()
        + " episodes new");
    boolean hurts = lost > 0 || conflicts > 0
        || options.dryRun() && (guids > 0 || !created.isEmpty());
    return new Report(lines, created, hurts, written, this.guids);
  }

  /**
   * Whether {@code object} is a file this import wrote in an earlier run that failed before it
   * was published (the same mark): it is the item's file, and a run again does not make another.
   */
  private boolean madeByThisImport(ObjectStore.ObjectInfo object) {
    return !options.mark().isEmpty()
        && object.metadata().entrySet().containsAll(options.mark().entrySet());
  }

  /** Why an item cannot become an episode file (its audio is not an http(s) URL), if so. */
  private static Optional<String> uncreatable(OldFeed.Item item) {
    String url = item.enclosureUrl().toLowerCase(Locale.ROOT);
    if (url.isEmpty()) {
      return Optional.of("it has no enclosure");
    }
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      return Optional.of("its enclosure '" + item.enclosureUrl() + "' is not an http(s) URL");
    }
    if (item.title().isBlank()) {
      return Optional.of("it has no title");
    }
    return Optional.empty();
  }

  /** Items that share a guid: apps know one episode by it, and the report says so. */
  private void duplicates(OldFeed old) {
    Map<String, Integer> first = new HashMap<>();
    for (OldFeed.Item item : old.items()) {
      if (item.identity().isEmpty()) {
        continue;
      }
      Integer at = first.putIfAbsent(item.identity(), item.line());
      if (at != null) {
        lines.add("duplicate " + old.name() + ":" + item.line() + ": guid '" + item.identity()
            + "' is the guid of the item at line " + at + " too: apps keep one of them");
      }
    }
  }

  private void settings(OldFeed old) {
    Optional<ObjectStore.StoredObject> config = source.get(ShowConfigReader.CONFIG_FILE,
        MAX_CONFIG_BYTES);
    if (config.isEmpty()) {
      return;
    }
    Optional<ObjectStore.StoredObject> podcast = source.get(ShowConfigReader.PODCAST_FILE,
        MAX_CONFIG_BYTES);
    ShowSettingsImport.Outcome outcome = ShowSettingsImport.merge(old.channel(),
        text(config.get()), podcast.map(ShowImport::text));
    String file = display.apply(ShowConfigReader.PODCAST_FILE);
    for (ShowSettingsImport.Change c : outcome.changes()) {
      String at = " (" + old.name() + ":" + c.line() + ")";
      switch (c.kind()) {
        case ADDED -> lines.add("setting   " + file + ": " + c.key() + " = " + c.value()
            + (options.dryRun() ? " would be added" : " added") + at);
        case DIFFERS -> lines.add("differs   " + file + ": " + c.key() + " '" + c.existing()
            + "' is kept; the old feed says '" + c.value() + "'" + at);
        case REJECTED -> lines.add("rejected  " + old.name() + ":" + c.line() + ": "
            + c.key() + " '" + c.value() + "' is not carried over: " + c.why());
        case SAME -> { }
      }
    }
    if (outcome.written() && !options.dryRun()) {
      byte[] content = outcome.podcastToml().getBytes(StandardCharsets.UTF_8);
      if (podcast.isPresent()) {
        write(podcast.get(), content);
      } else {
        source.put(new ObjectStore.Write(ShowConfigReader.PODCAST_FILE, content,
            "text/plain; charset=utf-8", "", options.mark()), ObjectStore.DOES_NOT_EXIST);
        written++;
      }
    }
  }

  private static String text(ObjectStore.StoredObject object) {
    return new String(object.content(), StandardCharsets.UTF_8);
  }

  /** Writes over {@code there} if it is still the generation read. */
  private void write(ObjectStore.StoredObject there, byte[] content) {
    if (options.dryRun()) {
      return;
    }
    Map<String, String> metadata = new HashMap<>(there.metadata());
    metadata.putAll(options.mark());
    source.put(new ObjectStore.Write(there.name(), content, there.contentType(), "",
        metadata), there.generation());
    written++;
  }
}
