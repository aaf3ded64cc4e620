package dev.podcast.cli;

import dev.podcast.migrate.OldFeed;
import dev.podcast.migrate.OldFeedReader;
import dev.podcast.migrate.ShowImport;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Severity;
import dev.podcast.publish.FeedImport;
import dev.podcast.publish.Publisher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code podcast import FEED --source DIR}: matches the items of the feed the show's
 * subscribers poll to its episode files, and writes each item's guid into its file's front
 * matter, so that the feed this site makes gives every episode the guid apps know it by.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
        "Moves a live show here without a re-download or a lost subscriber: reads",
        "FEED (a file, or an http(s) URL of any podcast RSS feed), carries the",
        "channel's settings into DIR/podcast.toml (your values win; differences and",
        "values the rules reject are reported with the feed's line), matches each",
        "item to an episode file in DIR (by enclosure URL, then link, then title and",
        "date) and writes the item's guid into that file's front matter (guid =",
        "\"...\"), so that the new feed keeps it. Prints one line per setting, item",
        "and episode:",
        "  setting    a channel value added to podcast.toml; differs: yours is kept",
        "  rejected   a channel value the rules refuse, not carried over",
        "  kept       the new feed gives the item the guid it had",
        "  guid       its guid is written into the file (with --dry-run: would be)",
        "  created    --create-missing wrote an episode file for an item without one",
        "  conflict   the file names another guid, which is kept: apps download it",
        "             again",
        "  lost       no file has the item: subscribers lose it",
        "  duplicate  the item shares its guid with an earlier one: apps keep one",
        "  new        the old feed lacks the episode",
        "Then the old guids take the place of those registered before (with --out,",
        "in DIR's state file), the show is published once (into --out, else in",
        "memory) and every problem in what the import wrote is printed, with the",
        "item's line in FEED. Exit 0 when no subscriber would see an episode again",
        "or lose one, 1 when one would (or what was written has errors), 2 on bad",
        "usage or a feed that cannot be read. In the cloud, upload FEED to import/",
        "in the source bucket: the same import, its report beside it.",
        "",
        "Example: podcast import https://example.libsyn.com/rss --source site --dry-run"})
final class ImportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FEED", description = "The old feed: a file or URL.")
  String feed;

  @Option(names = "--source", required = true, paramLabel = "DIR",
      description = "The show's folder (with config.toml and content/).")
  Path source;

  @Option(names = "--dry-run",
      description = "Print what would change for subscribers; write nothing.")
  boolean dryRun;

  @Option(names = "--create-missing",
      description = "Write an episode file for each old item that has none.")
  boolean createMissing;

  @Option(names = "--section", defaultValue = "content/post", paramLabel = "FOLDER",
      description = "Where --create-missing writes episode files (default: ${DEFAULT-VALUE}).")
  String section;

  @Option(names = "--out", paramLabel = "DIR",
      description = {"Publish the site into DIR with the import, as build --out DIR does; the",
          "old feed's guids are registered in DIR's state file in place of those its",
          "builds gave before. Without it, the show is published in memory, as a check."})
  Path siteFolder;

  /** The show as the import reads and publishes it. */
  private LocalShow show;

  @Option(names = "--max-bytes", defaultValue = "5242880", paramLabel = "BYTES",
      description = "Reject episode files larger than this (default: ${DEFAULT-VALUE}).")
  long maxBytes;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(source.resolve("config.toml"))) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          source + " has no config.toml: --source names the show's folder");
    }
    Optional<String> badSection = ShowImport.sectionProblem(section);
    if (badSection.isPresent()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--section " + badSection.get());
    }
    Optional<FeedImport.Imported> imported = importFeed(err);
    if (imported.isEmpty()) {
      return ValidateCommand.EXIT_USAGE;
    }
    ShowImport.Report report = imported.get().report();
    imported.get().lines(feed, show::format).forEach(out::println);
    long errors = imported.get().problems().stream()
        .filter(p -> p.getKey().severity() == Severity.ERROR).count();
    if (siteFolder != null && imported.get().published().isPresent()) {
      Publisher.Rebuilt rebuilt = imported.get().published().get();
      out.println(rebuilt.published() ? "published into " + siteFolder + ": " + rebuilt.live()
          + " episodes live" : "not published: the configuration has errors (above)");
    }
    out.flush();
    return report.hurts() || errors > 0 || !imported.get().refused().isEmpty()
        ? ValidateCommand.EXIT_ERRORS : ValidateCommand.EXIT_OK;
  }

  /**
   * Reads the feed and imports it into the show as the engine that builds the site reads it,
   * then publishes the show with it (into {@code --out}, else in memory, as a check); empty (with
   * the error printed) when it cannot.
   */
  private Optional<FeedImport.Imported> importFeed(PrintWriter err) {
    OldFeed old;
    try {
      old = OldFeedReader.read(feed, FeedSource.read(feed));
    } catch (IOException e) {
      err.println("podcast import: " + e.getMessage());
      return Optional.empty();
    } catch (OldFeedReader.Rejected e) {
      err.println(e.problem().format());
      return Optional.empty();
    }
    // The episodes as the engine that builds the site reads them, and the guids it gives them
    // (kept in --out's state file from the builds before, if any).
    show = siteFolder == null ? LocalShow.inMemory(source, maxBytes, Clock.systemUTC())
        : LocalShow.onFolders(source, siteFolder, Optional.empty(), maxBytes, Clock.systemUTC(),
            LocalShow.NO_CHANGES);
    show.publisher().publishAll();
    try {
      return Optional.of(show.publisher().importFeed(old,
          new ShowImport.Options(dryRun, createMissing, section), show::file));
    } catch (ObjectStore.StoreUnavailableException | ObjectStore.ObjectTooLargeException e) {
      err.println("podcast import: " + e.getMessage());
    } catch (ObjectStore.PreconditionFailedException e) {
      err.println("podcast import: a file changed while it was imported; run it again");
    }
    return Optional.empty();
  }
}
