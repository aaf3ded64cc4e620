package dev.podcast.cli;

import dev.podcast.adapter.firestore.FirestoreEpisodeStores;
import dev.podcast.adapter.local.FolderObjectStore;
import dev.podcast.adapter.local.StateFile;
import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.ContentlessObjectStore;
import dev.podcast.parse.ParserSettings;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.publish.Publisher;
import dev.podcast.publish.ShowContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The publishing engine wired on a local show: the source folder as the source bucket, the out
 * folder (or memory, for checks) as the site bucket, the records in memory with the guid
 * registry in the state file beside the site, or in the Firestore emulator. What {@code build},
 * {@code serve} and {@code validate} run, so that they write and report the same.
 *
 * @param sourceFolder the source folder as the user named it, for the problems' file names
 */
record LocalShow(Path sourceFolder, FolderObjectStore source, ObjectStore site,
    EpisodeStore store, ShowContexts contexts, Publisher publisher) {

  /** For a site folder whose writes nobody counts. */
  static final FolderObjectStore.Changes NO_CHANGES = new FolderObjectStore.Changes() {
    @Override
    public void written(String name, boolean changed) {}

    @Override
    public void deleted(String name) {}
  };

  /**
   * The show in {@code source} published into {@code out}; the records in the Firestore
   * emulator at {@code emulator} when given (a show id of its own per source folder, kept from
   * one run to the next), else in memory with the guids in {@code out}'s state file.
   */
  static LocalShow onFolders(Path source, Path out, Optional<String> emulator, long maxBytes,
      Clock clock, FolderObjectStore.Changes changes) {
    FolderObjectStore site = new FolderObjectStore(out, changes);
    site.removeTemporaryFiles(); // left by a process killed while it wrote
    EpisodeStore store = emulator.isPresent()
        ? FirestoreEpisodeStores.forEmulator(emulator.get(), showId(source))
        : StateFile.store(out);
    return wire(source, site, store, maxBytes, clock);
  }


  /**
   * The show in {@code source} published into memory, the site's files counted but not kept:
   * what {@code validate} and {@code import} check, in memory for the records alone.
   */
  static LocalShow inMemory(Path source, long maxBytes, Clock clock) {
    return wire(source, new ContentlessObjectStore(clock), new InMemoryEpisodeStore(), maxBytes,
        clock);
  }

  private static LocalShow wire(Path source, ObjectStore site, EpisodeStore store, long maxBytes,
      Clock clock) {
    FolderObjectStore sourceStore = new FolderObjectStore(source);
    ShowContexts contexts = Publisher.contexts(sourceStore, store,
        ParserSettings.defaults().withMaxFileBytes(maxBytes));
    return new LocalShow(source, sourceStore, site, store, contexts,
        new Publisher(sourceStore, site, store, clock, contexts));
  }

  /** The Firestore show id of the source folder: the same folder always has the same one. */
  static String showId(Path source) {
    return "serve-" + UUID.nameUUIDFromBytes(source.toAbsolutePath().normalize().toString()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString()
        .toLowerCase(Locale.ROOT).substring(0, 8);
  }

  /**
   * {@code problem} with its file named from the working folder, as the author opens it (a
   * file of the site, such as {@code /feed.xml}, keeps its site path).
   */
  Problem named(Problem problem) {
    return new Problem(problem.code(), file(problem.file()), problem.line(), problem.column(),
        problem.message());
  }

  /** Source object {@code object} named from the working folder (a site path is kept). */
  String file(String object) {
    String prefix = sourceFolder.toString().replace('\\', '/');
    return prefix.isEmpty() || prefix.equals(".") || object.startsWith("/") ? object
        : prefix + (prefix.endsWith("/") ? "" : "/") + object;
  }

  /** {@code problem} as the author reads it: {@code file:line:column: severity: ...}. */
  String format(Problem problem) {
    return named(problem).format();
  }
}
