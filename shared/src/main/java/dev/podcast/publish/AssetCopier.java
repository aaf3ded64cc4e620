package dev.podcast.publish;

import dev.podcast.artwork.Artwork;
import dev.podcast.port.ObjectStore;
import dev.podcast.port.ObjectStore.ObjectInfo;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.text.Hashes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copies the files under {@code content/} and {@code static/} that are not episodes to the site
 * (page-bundle folders normalised as pages are), and derives from each JPEG, PNG or GIF image the
 * sizes pages and feeds use: {@code .square.jpg}, {@code .social.jpg}, {@code .thumb.jpg}. Only
 * the generation the source holds now is copied, so a newer copy is never replaced by an older
 * one; a copy already on the site (the source's hash in its metadata, or the same bytes) is left
 * alone. Thread-safe.
 */
final class AssetCopier {

  /** The metadata key of the hash of the source file a copy or size was made from. */
  static final String SOURCE_HASH = "podcast-source";

  /** What a copy did: whether the file was there to copy, and the problems of its sizes. */
  record Copy(boolean copied, List<Problem> problems) {}

  private final ObjectStore source;
  private final SiteWriter site;

  AssetCopier(ObjectStore source, SiteWriter site) {
    this.source = source;
    this.site = site;
  }

  /** The largest file copied: larger ones belong on a media host, not in the site bucket. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  /**
   * Copies generation {@code generation} of asset {@code object}, if the source holds it now
   * (a file over {@value #MAX_BYTES} bytes is not read, and its problem says so).
   */
  Copy copy(String object, long generation) {
    Optional<ObjectStore.StoredObject> current;
    try {
      current = source.get(object, MAX_BYTES);
    } catch (ObjectStore.ObjectTooLargeException tooLarge) {
      return new Copy(true, List.of(new Problem(ProblemCode.FILE_TOO_LARGE, object, 0, 0,
          tooLarge.getMessage() + " bytes: it is not copied to the site; host it elsewhere and"
              + " link to it")));
    }
    if (current.isEmpty() || current.get().generation() != generation) {
      return new Copy(false, List.of());
    }
    return copy(object, current.get().content());
  }

  /** Copies {@code object}, whose bytes are {@code bytes}. */
  private Copy copy(String object, byte[] bytes) {
    String path = SourceObjects.sitePath(object).orElseThrow();
    String hash = Hashes.sha256(bytes);
    if (alreadyCopied(path, bytes, hash)) {
      return new Copy(true, List.of());
    }
    Map<String, String> metadata = Map.of(SOURCE_HASH, hash);
    List<Problem> problems = new ArrayList<>();
    if (Artwork.isImage(path)) {
      try {
        Artwork.derive(bytes).byPath(path).forEach((size, content) ->
            site.put(size.substring(1), content, metadata));
      } catch (IllegalArgumentException unreadable) {
        problems.add(new Problem(ProblemCode.ARTWORK_UNREADABLE, object, 0, 0,
            "the image cannot be resized: " + unreadable.getMessage()));
      }
    }
    site.put(path.substring(1), bytes, metadata);
    return new Copy(true, problems);
  }

  /** Removes the copy of {@code object} and its sizes, if the source no longer holds it. */
  boolean remove(String object) {
    if (source.generation(object).isPresent()) {
      return false; // there again: its finalize event copies it
    }
    for (String path : outputs(object)) {
      site.delete(path.substring(1));
    }
    return true;
  }

  /** The site paths asset {@code object} is published at: its copy and, for an image, sizes. */
  static List<String> outputs(String object) {
    Optional<String> path = SourceObjects.sitePath(object);
    if (path.isEmpty()) {
      return List.of();
    }
    List<String> paths = new ArrayList<>(List.of(path.get()));
    if (Artwork.isImage(path.get())) {
      paths.addAll(Artwork.derivedNames(path.get()));
    }
    return paths;
  }

  /** Whether the site holds these bytes at {@code path} and, for an image, all its sizes. */
  private boolean alreadyCopied(String path, byte[] bytes, String hash) {
    ObjectStore store = site.store();
    Optional<ObjectInfo> copy = store.stat(path.substring(1));
    if (copy.isEmpty()) {
      return false;
    }
    String made = copy.get().metadata().get(SOURCE_HASH);
    boolean same = made != null ? made.equals(hash) : store.get(path.substring(1))
        .filter(o -> Arrays.equals(o.content(), bytes)).isPresent();
    return same && (!Artwork.isImage(path) || Artwork.derivedNames(path).stream()
        .allMatch(size -> store.generation(size.substring(1)).isPresent()));
  }
}
