package dev.podcast.cli;

import dev.podcast.migrate.OldFeed;
import dev.podcast.migrate.OldFeedReader;
import dev.podcast.migrate.ShowImport;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.problem.Severity;
import dev.podcast.show.ShowConfigReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
        "Then every problem in what it wrote, with the item's line in FEED. Exit 0",
        "when no subscriber would see an episode again or lose one, 1 when one would",
        "(or what was written has errors), 2 on bad usage or a feed that cannot be",
        "read.",
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
    Optional<ShowImport.Report> imported = importFeed(err);
    if (imported.isEmpty()) {
      return ValidateCommand.EXIT_USAGE;
    }
    ShowImport.Report report = imported.get();
    report.lines().forEach(out::println);
    int errors = dryRun || report.written() == 0 ? 0 : check(report, out);
    out.flush();
    return report.hurts() || errors > 0 ? ValidateCommand.EXIT_ERRORS : ValidateCommand.EXIT_OK;
  }

  /**
   * Reads the feed and imports it into the show as the engine that builds the site reads it;
   * empty (with the error printed) when it cannot. The feed and the records are let go when it
   * returns, before the check publishes the show again.
   */
  private Optional<ShowImport.Report> importFeed(PrintWriter err) {
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
    // The episodes as the engine that builds the site reads them, and the guids it gives them.
    LocalShow show = LocalShow.inMemory(source, maxBytes, Clock.systemUTC());
    show.publisher().publishAll();
    List<EpisodeRecord> records = show.store().episodes();
    try {
      return Optional.of(ShowImport.run(old, show.source(), records, show::file,
          new ShowImport.Options(dryRun, createMissing, section)));
    } catch (ObjectStore.StoreUnavailableException | ObjectStore.ObjectTooLargeException e) {
      err.println("podcast import: " + e.getMessage());
    } catch (ObjectStore.PreconditionFailedException e) {
      err.println("podcast import: a file changed while it was imported; run it again");
    }
    return Optional.empty();
  }

  /**
   * Publishes the show as imported (in memory) and prints what the checks find in what the
   * import wrote: the settings and each episode file made from an item, with the item's line
   * in the old feed. The number of errors.
   */
  private int check(ShowImport.Report report, PrintWriter out) {
    LocalShow show = LocalShow.inMemory(source, maxBytes, Clock.systemUTC());
    List<Problem> problems = new ArrayList<>();
    problems.addAll(show.publisher().publishAll().problems());
    int errors = 0;
    for (Problem p : problems) {
      boolean settings = p.file().equals(ShowConfigReader.PODCAST_FILE)
          || p.file().equals(ShowConfigReader.CONFIG_FILE) || p.file().startsWith("/");
      Integer line = report.created().get(p.file());
      if (!settings && line == null) {
        continue; // not the import's: validate reports it
      }
      if (p.severity() == Severity.ERROR) {
        errors++;
      }
      out.println(show.format(p) + (line == null ? "" : " (from " + feed + ":" + line + ")"));
    }
    return errors;
  }
}
