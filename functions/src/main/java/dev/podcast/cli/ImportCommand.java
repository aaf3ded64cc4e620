package dev.podcast.cli;

import dev.podcast.migrate.FeedMove;
import dev.podcast.migrate.FrontMatterGuid;
import dev.podcast.migrate.OldFeed;
import dev.podcast.migrate.OldFeedReader;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
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
        "Moves a live show here without a re-download: reads FEED (a file, or an http(s) URL",
        "of any podcast RSS feed), matches each item to an episode file in DIR (by enclosure",
        "URL, then link, then title and date) and writes the item's guid into that file's",
        "front matter (guid = \"...\"), so that the new feed keeps it. Prints one line per",
        "item and episode:",
        "  kept       the new feed gives the item the guid it had",
        "  guid       its guid is written into the file (with --dry-run: would be)",
        "  conflict   the file names another guid, which is kept: apps download it again",
        "  lost       no file has the item: subscribers lose it",
        "  new        the old feed lacks the episode",
        "Exit 0 when no subscriber would see an episode again or lose one, 1 when one would,",
        "2 on bad usage or a feed that cannot be read.",
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
    OldFeed old;
    try {
      old = OldFeedReader.read(feed, FeedSource.read(feed));
    } catch (IOException e) {
      err.println("podcast import: " + e.getMessage());
      return ValidateCommand.EXIT_USAGE;
    } catch (OldFeedReader.Rejected e) {
      err.println(e.problem().format());
      return ValidateCommand.EXIT_USAGE;
    }
    // The episodes as the engine that builds the site reads them, and the guids it gives them.
    LocalShow show = LocalShow.inMemory(source, maxBytes, Clock.systemUTC());
    show.publisher().publishAll();
    List<EpisodeRecord> records = show.store().episodes();
    FeedMove move = FeedMove.of(old, records);
    int kept = 0;
    int written = 0;
    int conflicts = 0;
    for (FeedMove.Match m : move.matches()) {
      String file = show.file(m.record().sourceObject());
      String how = " (matched by " + m.by().name().toLowerCase(java.util.Locale.ROOT)
          .replace('_', ' ') + ", " + feed + ":" + m.item().line() + ")";
      if (!m.guidChanges()) {
        kept++;
        out.println("kept      " + file + ": " + m.item().identity() + how);
        continue;
      }
      FrontMatterGuid.Outcome outcome;
      Path path = source.resolve(m.record().sourceObject());
      try {
        outcome = FrontMatterGuid.write(Files.readAllBytes(path), m.item().identity());
        if (outcome instanceof FrontMatterGuid.Outcome.Written w && !dryRun) {
          replace(path, w.content());
        }
      } catch (IOException e) {
        err.println("podcast import: " + file + ": " + e.getMessage());
        return ValidateCommand.EXIT_USAGE;
      }
      if (outcome instanceof FrontMatterGuid.Outcome.Conflict c) {
        conflicts++;
        out.println("conflict  " + file + ":" + c.line() + ": guid '" + c.existing()
            + "' is kept; the old feed's is '" + m.item().identity() + "': apps download it"
            + " again" + how);
      } else if (outcome instanceof FrontMatterGuid.Outcome.NoFrontMatter) {
        conflicts++;
        out.println("conflict  " + file + ":1: no front matter to write guid '"
            + m.item().identity() + "' into: apps download it again" + how);
      } else {
        written++;
        out.println("guid      " + file + ": " + m.item().identity()
            + (dryRun ? " would be written" : " written") + " in place of "
            + m.record().entry().guid() + how);
      }
      if (m.enclosureChanges()) {
        out.println("          enclosure " + m.item().enclosureUrl() + " becomes "
            + m.record().entry().enclosureUrl());
      }
    }
    for (OldFeed.Item item : move.lost()) {
      out.println("lost      " + feed + ":" + item.line() + ": '" + item.title() + "' ("
          + item.identity() + ") has no episode file: subscribers lose it");
    }
    for (EpisodeRecord r : move.added()) {
      out.println("new       " + show.file(r.sourceObject())
          + ": not in the old feed: new to subscribers");
    }
    out.println(old.items().size() + " items: " + kept + " kept, " + written
        + (dryRun ? " guids to write, " : " guids written, ") + conflicts + " conflicts, "
        + move.lost().size() + " lost; " + move.added().size() + " episodes new");
    out.flush();
    boolean hurts = !move.lost().isEmpty() || conflicts > 0 || dryRun && written > 0;
    return hurts ? ValidateCommand.EXIT_ERRORS : ValidateCommand.EXIT_OK;
  }

  /** Writes {@code content} over {@code file} atomically; a symbolic link is not followed. */
  private static void replace(Path file, byte[] content) throws IOException {
    if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("not a regular file; left alone");
    }
    Path temp = Files.createTempFile(file.getParent(), ".import-", ".tmp");
    try {
      Files.write(temp, content);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
