package dev.podcast.publish;

import dev.podcast.port.ObjectStore;
import dev.podcast.port.ObjectStore.ObjectInfo;
import dev.podcast.port.ObjectStore.PreconditionFailedException;
import dev.podcast.site.ContentTypes;
import dev.podcast.site.OutputFile;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Writes the site bucket without lost updates. A generated file carries, in its object metadata
 * ({@value #VERSION}, never in its public bytes), the version of the records it was rendered
 * from; a write is made with a generation precondition and only over an older file, so that a
 * writer that rendered from older records never replaces a newer file, and a writer that loses a
 * race learns it and renders again.
 *
 * <p>The generation and version of each file this instance wrote or read are remembered, so a
 * warm instance writes with one request and reads nothing back: when the remembered generation is
 * no longer current (another instance wrote, the file was deleted) the precondition fails and the
 * file's metadata is read. Thread-safe.
 */
final class SiteWriter {

  /** The metadata key of the records' version a file was rendered from. */
  static final String VERSION = "podcast-version";

  /** Which stored versions a write replaces. */
  enum Over {
    /** Only files rendered from older records: regenerations after a commit. */
    OLDER,
    /**
     * Also files rendered from the same version: pages written before a commit, from the records
     * read at that version and the change about to be committed.
     */
    OLDER_OR_SAME
  }

  /** What a write did. */
  enum Written {
    /** The file is written. */
    WROTE,
    /** The site holds a file rendered from newer records (or, for {@link Over#OLDER}, the same). */
    NEWER_THERE,
    /** Another writer changed the file between the read and the write: render again. */
    LOST
  }

  private record Known(long generation, long version) {}

  private final ObjectStore site;
  private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();

  SiteWriter(ObjectStore site) {
    this.site = site;
  }

  /**
   * Whether the site holds {@code path}: known without a request when this instance wrote or
   * read it (a file deleted by another instance since is found by the next write's
   * precondition).
   */
  boolean holds(String path) {
    String name = path.substring(1);
    return known.containsKey(name) || site.generation(name).isPresent();
  }

  /** The site bucket itself, for what is not versioned (assets and their sizes). */
  ObjectStore store() {
    return site;
  }

  /**
   * Writes {@code file}, rendered from the records at {@code version}, unless the site holds a
   * newer one.
   */
  Written write(OutputFile file, long version, Over over) {
    String name = file.path().substring(1);
    Known memory = known.get(name);
    if (memory != null) {
      if (skips(memory.version(), version, over)) {
        return Written.NEWER_THERE;
      }
      if (put(file, name, version, memory.generation())) {
        return Written.WROTE;
      }
      known.remove(name, memory);
    }
    Optional<ObjectInfo> there = site.stat(name);
    if (there.isPresent()) {
      long stored = versionOf(there.get());
      if (skips(stored, version, over)) {
        known.put(name, new Known(there.get().generation(), stored));
        return Written.NEWER_THERE;
      }
    }
    return put(file, name, version,
        there.map(ObjectInfo::generation).orElse(ObjectStore.DOES_NOT_EXIST))
        ? Written.WROTE : Written.LOST;
  }

  /**
   * Writes {@code file} as {@link #write} does, reading again after a lost race until it is
   * written or a newer file is there.
   */
  Written writeRetrying(OutputFile file, long version, Over over) {
    for (int attempt = 0; attempt < 100; attempt++) {
      Written written = write(file, version, over);
      if (written != Written.LOST) {
        return written;
      }
    }
    throw new ObjectStore.StoreUnavailableException("too many concurrent writers of "
        + file.path(), null);
  }

  /**
   * Writes {@code content} at {@code name} whatever is there, unversioned, with {@code metadata}
   * (assets copied from the source).
   */
  void put(String name, byte[] content, Map<String, String> metadata) {
    known.remove(name);
    site.put(new ObjectStore.Write(name, content, ContentTypes.of(name), "", metadata));
  }

  /**
   * Deletes {@code path} if it was rendered from records at {@code version} or older, at the
   * generation read: a file written again since (it lists something now) stays.
   */
  void deleteUnlessNewer(String path, long version) {
    String name = path.substring(1);
    Optional<ObjectInfo> there = site.stat(name);
    if (there.isEmpty() || versionOf(there.get()) > version) {
      return;
    }
    known.remove(name);
    try {
      site.delete(name, there.get().generation());
    } catch (PreconditionFailedException rewritten) {
      // written again since: it is someone else's now
    }
  }

  /** Deletes the generation {@code info} tells of, unless it was written again since. */
  void delete(ObjectInfo info) {
    known.remove(info.name());
    try {
      site.delete(info.name(), info.generation());
    } catch (PreconditionFailedException rewritten) {
      // written again since: someone else's now
    }
  }

  /** Deletes {@code name} whatever is there (an asset whose source is gone). */
  void delete(String name) {
    known.remove(name);
    site.delete(name);
  }

  private boolean put(OutputFile file, String name, long version, long ifGenerationMatch) {
    try {
      long generation = site.put(new ObjectStore.Write(name, file.content(),
          ContentTypes.of(name, file), "", Map.of(VERSION, Long.toString(version))), ifGenerationMatch);
      known.put(name, new Known(generation, version));
      return true;
    } catch (PreconditionFailedException lost) {
      return false;
    }
  }

  private static boolean skips(long stored, long version, Over over) {
    return over == Over.OLDER ? stored >= version : stored > version;
  }

  /** The version a stored file was rendered from; -1 when it carries none. */
  static long versionOf(ObjectInfo info) {
    String value = info.metadata().get(VERSION);
    if (value == null || value.isEmpty() || value.length() > 19) {
      return -1;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
