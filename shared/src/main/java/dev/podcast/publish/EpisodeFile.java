package dev.podcast.publish;

import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParseResult;
import dev.podcast.parse.Sidecar;
import dev.podcast.port.ObjectStore;
import dev.podcast.text.Hashes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * An episode file as read from the source, with the files beside it that add to it (its
 * {@link Sidecar}s: {@code transcript.vtt}, {@code transcript.srt}, {@code chapters.json} in the
 * folder of a page bundle's {@code index.md}). The one reader of every path that parses an
 * episode from the source (an upload, a rebuild, a regeneration), so they read the same thing.
 *
 * @param object the episode file's name
 * @param generation the generation read
 * @param content its bytes
 * @param sidecars the files beside it, each read up to {@link Sidecar#MAX_BYTES}
 */
record EpisodeFile(String object, long generation, byte[] content, List<Sidecar> sidecars) {

  EpisodeFile {
    sidecars = List.copyOf(sidecars);
  }

  /**
   * {@code object} read (never past {@code maxBytes}: a larger one is an
   * {@link ObjectStore.ObjectTooLargeException}) with its sidecars; empty when it is gone.
   *
   * @param listing the source's objects when the caller listed them all (a rebuild), else null:
   *     the episode's folder is listed
   */
  static Optional<EpisodeFile> read(ObjectStore source, String object, long maxBytes,
      Collection<String> listing) {
    Optional<ObjectStore.StoredObject> file = source.get(object, maxBytes);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new EpisodeFile(object, file.get().generation(), file.get().content(),
        sidecars(source, object, listing)));
  }

  /** The sidecars beside {@code object}: none unless it is a page bundle's index. */
  static List<Sidecar> sidecars(ObjectStore source, String object, Collection<String> listing) {
    Optional<String> folder = SourceObjects.bundleFolder(object);
    if (folder.isEmpty()) {
      return List.of();
    }
    Collection<String> beside = listing != null ? listing : source.list(folder.get());
    List<Sidecar> sidecars = new ArrayList<>(2);
    for (String name : Sidecar.NAMES) {
      String sidecar = folder.get() + name;
      if (!beside.contains(sidecar)) {
        continue;
      }
      try {
        source.get(sidecar, Sidecar.MAX_BYTES)
            .ifPresent(o -> sidecars.add(Sidecar.of(sidecar, o.content())));
      } catch (ObjectStore.ObjectTooLargeException tooLarge) {
        sidecars.add(Sidecar.tooLarge(sidecar, tooLarge.size())); // never read
      }
    }
    return sidecars;
  }

  /**
   * The sidecars of {@code object} that {@code contentHash} ({@link #contentHash}) names: what
   * a version recorded had beside it, read again without listing the folder.
   */
  static List<String> recordedSidecars(String object, String contentHash) {
    Optional<String> folder = SourceObjects.bundleFolder(object);
    List<String> sidecars = new ArrayList<>(2);
    String[] parts = contentHash.split(" ");
    for (int i = 1; i < parts.length && folder.isPresent(); i++) {
      int equals = parts[i].indexOf('=');
      if (equals > 0) {
        sidecars.add(folder.get() + parts[i].substring(0, equals));
      }
    }
    return sidecars;
  }

  ParseResult parse(EpisodeParser parser) {
    return parser.parse(object, content, sidecars);
  }

  /**
   * What tells this version apart from others: the checksum of the episode file, and of each
   * sidecar with its name, so that a new transcript beside an unchanged file is a new version.
   */
  String contentHash() {
    StringBuilder hash = new StringBuilder(Hashes.checksum(content));
    for (Sidecar sidecar : sidecars) {
      hash.append(' ').append(sidecar.name()).append('=').append(sidecar.readable()
          ? Hashes.checksum(sidecar.content()) : "too-large:" + sidecar.size());
    }
    return hash.toString();
  }
}
