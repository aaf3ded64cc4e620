package dev.podcast.publish;

import dev.podcast.artwork.Artwork;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.site.SitePlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the site publishes, for the checks of an episode against it (a link in the notes to a page
 * nothing publishes, an image the source lacks): the files the renderers make for the live
 * episodes, and the assets of the source. The assets are known from a listing of the source (a
 * rebuild has one) or looked up one by one, under {@code static/} and in the episode's own
 * page-bundle folder. Images are read and checked once per index. Thread-safe.
 */
final class SiteIndex {

  /** An image of the source as artwork: its object, whether it is usable, Apple's rules on it. */
  record Image(String object, boolean readable, List<Problem> problems) {}

  private final ObjectStore source;
  private final SitePlan plan;
  /** Site paths beyond the plan's: what the episode being checked adds to the site. */
  private final java.util.Set<String> more;
  /** Asset site path to source object, when the source was listed; else null. */
  private final Map<String, String> assets;
  private final Map<String, Optional<String>> lookedUp = new ConcurrentHashMap<>();
  private final Map<String, Optional<Image>> images = new ConcurrentHashMap<>();

  private SiteIndex(ObjectStore source, SitePlan plan, java.util.Set<String> more,
      Map<String, String> assets) {
    this.source = source;
    this.plan = plan;
    this.more = more;
    this.assets = assets;
  }

  /** An index of {@code plan} and the assets of a listing of the source. */
  static SiteIndex listed(ObjectStore source, SitePlan plan, Map<String, String> assets) {
    return new SiteIndex(source, plan, java.util.Set.of(), Map.copyOf(assets));
  }

  /**
   * An index of {@code plan} and {@code more} paths, whose assets are looked up in
   * {@code source} when asked for.
   */
  static SiteIndex lookingUp(ObjectStore source, SitePlan plan, java.util.Set<String> more) {
    return new SiteIndex(source, plan, java.util.Set.copyOf(more), null);
  }

  /**
   * Whether a link to {@code path} (a site path, maybe a folder) from the notes of the episode
   * in {@code episodeObject} finds something.
   */
  boolean publishes(String path, String episodeObject) {
    if (planned(path) || path.endsWith("/") && planned(path + "index.html")
        || planned(path + "/index.html")) {
      return true;
    }
    return asset(path, episodeObject).isPresent() || derivedFromAsset(path, episodeObject);
  }

  private boolean planned(String path) {
    return plan.contains(path) || more.contains(path);
  }

  /** The source object of the asset published at {@code path}, if any. */
  Optional<String> asset(String path, String episodeObject) {
    if (assets != null) {
      return Optional.ofNullable(assets.get(path));
    }
    return lookedUp.computeIfAbsent(path + "\n" + episodeObject, key -> {
      for (String candidate : SourceObjects.candidates(path, episodeObject)) {
        if (SourceObjects.sitePath(candidate).filter(path::equals).isPresent()
            && source.generation(candidate).isPresent()) {
          return Optional.of(candidate);
        }
      }
      return Optional.empty();
    });
  }

  /** Whether {@code path} is a size the site derives from an image asset. */
  private boolean derivedFromAsset(String path, String episodeObject) {
    for (String variant : List.of(".square.jpg", ".social.jpg", ".thumb.jpg")) {
      if (path.endsWith(variant)) {
        String stem = path.substring(0, path.length() - variant.length());
        for (String extension : List.of(".jpg", ".jpeg", ".png", ".gif", ".JPG", ".PNG")) {
          if (asset(stem + extension, episodeObject).isPresent()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * The image at site path {@code path} as artwork (read once, checked against Apple's rules
   * for the show's artwork or an episode's image), if the source has it.
   */
  Optional<Image> image(String path, String episodeObject, boolean showArtwork) {
    return images.computeIfAbsent(path + "\n" + showArtwork, key ->
        asset(path, episodeObject).flatMap(object -> {
          try {
            return source.get(object, Artwork.MAX_BYTES).map(stored -> new Image(object,
                Artwork.isImage(path) && Artwork.inspect(stored.content()).isPresent(),
                Artwork.check(stored.content(), object, showArtwork)));
          } catch (ObjectStore.ObjectTooLargeException tooLarge) {
            return Optional.of(new Image(object, false, List.of(new Problem(
                ProblemCode.ARTWORK_UNREADABLE, object, 0, 0, tooLarge.getMessage()
                    + " bytes: an image that large is not read"))));
          }
        }));
  }
}
