package dev.podcast.publish;

import dev.podcast.migrate.OldFeed;
import dev.podcast.migrate.OldFeedReader;
import dev.podcast.migrate.ShowImport;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.EpisodeStore.Outcome;
import dev.podcast.port.EpisodeStore.SourceRecord;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A show's old feed uploaded to {@code import/<name>.xml} in the source: imported into the
 * source as {@code podcast import} imports it into a folder ({@link ShowImport}: the channel's
 * settings into {@code podcast.toml}, each item's guid into its episode file, with
 * {@code create-missing} a file for each item that has none), the old guids registered in place
 * of those given before, the whole show published once, and a report written beside the feed,
 * {@code import/<name>.xml.report.txt}, which is where the podcaster who uploaded it looks.
 *
 * <p>Options are the feed object's custom metadata ({@code gcloud storage cp feed.xml
 * gs://SOURCE/import/ --custom-metadata=create-missing=true}): {@value #DRY_RUN},
 * {@value #CREATE_MISSING} ({@code true} or {@code false}) and {@value #SECTION}.
 *
 * <p>Every object the import writes carries the metadata {@value #MARK} = {@code <feed
 * object>#<generation>}: while the import runs, the events of those writes are left to it
 * ({@link #publishesItself}), so the show is rendered once, not once per episode; after it, they
 * are duplicates of what it published. Run again after a failure (an outage: the platform
 * delivers the event again), it finds the guids written and the files it created (by the mark)
 * and makes no second file. A feed that cannot be read is a recorded outcome with its line, in
 * the report; nothing is written.
 */
public final class FeedImport {

  /** The metadata key of the mark on every object an import writes. */
  static final String MARK = "podcast-import";
  /** Options: metadata keys of the uploaded feed. */
  static final String DRY_RUN = "dry-run";
  static final String CREATE_MISSING = "create-missing";
  static final String SECTION = "section";
  /** Where {@code create-missing} writes episode files unless the feed says. */
  static final String DEFAULT_SECTION = "content/post";
  /**
   * How long an import that has not finished counts as running: longer than a function may run
   * (540 s), so the events of what a crashed import wrote are published after it, not never.
   */
  static final Duration RUNNING = Duration.ofMinutes(15);

  private final ObjectStore source;
  private final EpisodeStore store;
  private final SourceLedger ledger;
  private final Supplier<Publisher.Rebuilt> publishAll;
  private final Clock clock;

  FeedImport(ObjectStore source, EpisodeStore store, SourceLedger ledger,
      Supplier<Publisher.Rebuilt> publishAll, Clock clock) {
    this.source = source;
    this.store = store;
    this.ledger = ledger;
    this.publishAll = publishAll;
    this.clock = clock;
  }

  /** Generation {@code generation} of the feed object {@code feed} was uploaded. */
  Result run(String feed, long generation) {
    Optional<SourceRecord> seen = store.source(feed);
    if (seen.isPresent() && seen.get().generation() > generation) {
      return Result.of(Result.Action.STALE, feed);
    }
    if (seen.isPresent() && seen.get().generation() == generation
        && seen.get().outcome() != Outcome.PENDING) {
      return Result.of(Result.Action.DUPLICATE, feed);
    }
    Optional<ObjectStore.StoredObject> file;
    try {
      file = source.get(feed, OldFeedReader.MAX_BYTES).filter(f -> f.generation() == generation);
    } catch (ObjectStore.ObjectTooLargeException tooLarge) {
      return refuse(feed, generation, List.of(new Problem(ProblemCode.FEED_INVALID, feed, 0, 1,
          "the feed is " + tooLarge.size() + " bytes; at most " + tooLarge.limit()
              + " are read")));
    }
    if (file.isEmpty()) {
      return Result.of(Result.Action.STALE, feed); // replaced or deleted since
    }
    Map<String, String> metadata = file.get().metadata();
    List<Problem> bad = new ArrayList<>();
    boolean dryRun = flag(feed, metadata, DRY_RUN, bad);
    boolean createMissing = flag(feed, metadata, CREATE_MISSING, bad);
    String section = metadata.getOrDefault(SECTION, DEFAULT_SECTION);
    ShowImport.sectionProblem(section).ifPresent(why -> bad.add(new Problem(
        ProblemCode.FEED_INVALID, feed, 0, 1, "metadata " + SECTION + ": " + why)));
    if (!bad.isEmpty()) {
      return refuse(feed, generation, bad);
    }
    OldFeed old;
    try {
      old = OldFeedReader.read(feed, file.get().content());
    } catch (OldFeedReader.Rejected rejected) {
      return refuse(feed, generation, List.of(rejected.problem()));
    }
    file = Optional.empty(); // the bytes are let go (a feed may be 64 MiB): the items are kept
    // Running: what it writes is left to it (publishesItself) until it has published.
    ledger.record(feed, generation, Outcome.PENDING, List.of());
    Imported imported;
    try {
      imported = apply(old, new ShowImport.Options(dryRun, createMissing, section,
          Map.of(MARK, feed + "#" + generation)), object -> object);
    } catch (ObjectStore.ObjectTooLargeException tooLarge) {
      return refuse(feed, generation, List.of(new Problem(ProblemCode.FILE_TOO_LARGE, feed, 0, 1,
          tooLarge.getMessage() + ": not imported")));
    }
    List<String> lines = new ArrayList<>(imported.lines(feed, Problem::format));
    List<Problem> problems = imported.problems().stream().map(Map.Entry::getKey).toList();
    imported.published().ifPresent(rebuilt -> lines.add(rebuilt.published()
        ? "published: " + rebuilt.live() + " episodes live"
        : "not published: the configuration has errors (above)"));
    if (imported.report().hurts()) {
      lines.add(dryRun ? "subscribers would see an episode again or lose one: see the lines"
          + " above" : "subscribers see an episode again or lose one: see the conflict and lost"
          + " lines above");
    }
    writeReport(feed, generation, dryRun, lines);
    ledger.record(feed, generation, Outcome.PUBLISHED, problems);
    return new Result(Result.Action.IMPORTED, feed, "", problems);
  }

  /**
   * What importing an old feed did.
   *
   * @param report what {@link ShowImport} did, one line each
   * @param refused one line for each old guid the registry would not take (another episode's)
   * @param problems the problems in what the import wrote, with the old feed's line of the item
   *     (0 for a setting): {@link ShowImport.Report#concerning}
   * @param published the show published with it; empty for a dry run
   */
  public record Imported(ShowImport.Report report, List<String> refused,
      List<Map.Entry<Problem, Integer>> problems, Optional<Publisher.Rebuilt> published) {

    /**
     * What to tell of it, one line each: the import's, each guid refused, then each problem as
     * {@code format} writes it, with its item's line in the old feed {@code feed}.
     */
    public List<String> lines(String feed, java.util.function.Function<Problem, String> format) {
      List<String> lines = new ArrayList<>(report.lines());
      lines.addAll(refused);
      for (Map.Entry<Problem, Integer> p : problems) {
        lines.add(format.apply(p.getKey())
            + (p.getValue() == 0 ? "" : " (from " + feed + ":" + p.getValue() + ")"));
      }
      return lines;
    }
  }

  /**
   * Imports {@code old} into the show as {@code options} say ({@link ShowImport} over the
   * records as published now), registers the old guids in place of those given before, and
   * publishes the whole show once; {@code display} names a source object in the lines. What the
   * upload of a feed, {@code podcast import} and {@code serve} all run.
   */
  Imported apply(OldFeed old, ShowImport.Options options,
      java.util.function.UnaryOperator<String> display) {
    ShowImport.Report report = ShowImport.run(old, source, store.episodes(), display, options);
    if (options.dryRun()) {
      return new Imported(report, List.of(), List.of(), Optional.empty());
    }
    List<String> refused = new ArrayList<>();
    ledger.registerGuids(report.guids()).forEach((object, owner) -> refused.add("conflict  "
        + display.apply(object) + ": the old feed's guid '" + report.guids().get(object)
        + "' is " + display.apply(owner) + "'s here and is kept there: apps download this one"
        + " again"));
    Publisher.Rebuilt rebuilt = publishAll.get();
    return new Imported(report, refused, report.concerning(rebuilt.problems()),
        Optional.of(rebuilt));
  }

  /**
   * Whether the object whose metadata is {@code metadata} was written by an import that is
   * still running, and that will publish it: its event is not to publish it again.
   */
  boolean publishesItself(Map<String, String> metadata) {
    String mark = metadata.get(MARK);
    int hash = mark == null ? -1 : mark.lastIndexOf('#');
    if (hash <= 0) {
      return false;
    }
    String feed = mark.substring(0, hash);
    long generation;
    try {
      generation = Long.parseLong(mark.substring(hash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    if (SourceObjects.kind(feed) != SourceObjects.Kind.IMPORT
        || !source.generation(feed).equals(Optional.of(generation))) {
      return false; // no such import: a copied mark, or a feed replaced since
    }
    Optional<SourceRecord> seen = store.source(feed);
    return seen.isPresent() && seen.get().generation() == generation
        && seen.get().outcome() == Outcome.PENDING
        && seen.get().updated().plus(RUNNING).isAfter(clock.instant());
  }

  private static boolean flag(String feed, Map<String, String> metadata, String key,
      List<Problem> bad) {
    String value = metadata.getOrDefault(key, "false").strip().toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      bad.add(new Problem(ProblemCode.FEED_INVALID, feed, 0, 1, "metadata " + key + " is '"
          + metadata.get(key) + "': true or false"));
    }
    return value.equals("true");
  }

  /** A feed not imported: recorded with its problems, which the report tells; nothing else. */
  private Result refuse(String feed, long generation, List<Problem> problems) {
    List<String> lines = new ArrayList<>();
    problems.forEach(p -> lines.add(p.format()));
    lines.add("not imported: nothing was written");
    writeReport(feed, generation, false, lines);
    ledger.record(feed, generation, Outcome.REJECTED, problems);
    return new Result(Result.Action.REJECTED, feed, "", problems);
  }

  private void writeReport(String feed, long generation, boolean dryRun, List<String> lines) {
    StringBuilder text = new StringBuilder();
    text.append(dryRun ? "Dry run of the import of " : "Import of ").append(feed)
        .append(" (generation ").append(generation).append(") at ").append(clock.instant())
        .append(dryRun ? ": nothing was written\n" : "\n");
    lines.forEach(line -> text.append(line).append('\n'));
    source.put(new ObjectStore.Write(SourceObjects.importReport(feed), text.toString()
        .getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", "no-store",
        Map.of(MARK, feed + "#" + generation)));
  }
}
