package dev.podcast.publish;

import dev.podcast.parse.Sidecar;
import dev.podcast.parse.Slugs;
import dev.podcast.show.ShowConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What each object of the source bucket (or folder) is to the pipeline: an episode file, the
 * show's configuration, an asset copied to the site, or nothing. One place decides, for every
 * path the pipeline takes: uploads, deletes, rebuilds, {@code build}, {@code serve}.
 */
public final class SourceObjects {

  /** What an object is. */
  public enum Kind {
    /** {@code content/**.md}, not a list page ({@code _index.md}). */
    EPISODE,
    /**
     * {@code content/<folders>/transcript.vtt}, {@code transcript.srt} or
     * {@code chapters.json}: read with the {@code index.md} beside it, which is published again
     * when one changes ({@link #episodeOf}); never copied itself.
     */
    SIDECAR,
    /** {@code config.toml}, {@code podcast.toml}, {@code layouts/<name>}: re-renders all. */
    CONFIGURATION,
    /** Any other file under {@code static/} or {@code content/}: copied to the site. */
    ASSET,
    /**
     * {@code import/<name>.xml} or {@code .rss}: a show's old feed, imported into the source
     * ({@code FeedImport}); never published itself.
     */
    IMPORT,
    /** Everything else, hidden files and what editors leave behind. */
    IGNORED
  }

  /**
   * Where episode files and page-bundle assets are. Case matters, as it does in Cloud Storage
   * names and in the IAM conditions of {@code infra/iam.tf}: {@code Content/x.md} is ignored.
   */
  public static final String CONTENT = "content/";
  /** Where other assets are, copied to the site as they are named under it. */
  public static final String STATIC = "static/";
  /** Where the podcaster's templates are: {@code layouts/<name>}, no sub-folders. */
  public static final String LAYOUTS = "layouts/";
  /**
   * Where each upload's status and the status page are written ({@code UploadStatus}): hidden,
   * so never published, and never an event that publishes.
   */
  public static final String STATUS = ".podcast/status/";
  /** Where old feeds are uploaded to be imported, and their reports written. */
  public static final String IMPORTS = "import/";

  /** Files that editors and desktops leave beside the real ones, by exact name. */
  private static final Set<String> LEFTOVER_NAMES = Set.of("4913", "thumbs.db", "desktop.ini");
  /** ... and by ending: backups, swap files, downloads and renames in progress. */
  private static final List<String> LEFTOVER_ENDINGS = List.of("~", ".swp", ".swx", ".swo",
      ".tmp", ".part", ".crdownload", ".bak", ".orig");

  private SourceObjects() {}

  /** What {@code object} is. */
  public static Kind kind(String object) {
    if (object.isEmpty() || isLeftover(object)) {
      return Kind.IGNORED;
    }
    String lower = object.toLowerCase(Locale.ROOT);
    if (object.startsWith(CONTENT) && lower.endsWith(".md")) {
      return lower.endsWith("/_index.md") || hasHiddenSegment(object) ? Kind.IGNORED
          : Kind.EPISODE;
    }
    if (object.startsWith(CONTENT) && Sidecar.NAMES.contains(object.substring(
        object.lastIndexOf('/') + 1)) && bundleFolder(episodeOf(object)).isPresent()
        && !hasHiddenSegment(object)) {
      return Kind.SIDECAR;
    }
    if (object.equals(ShowConfigReader.CONFIG_FILE) || object.equals(ShowConfigReader.PODCAST_FILE)
        || object.startsWith(LAYOUTS) && object.indexOf('/', LAYOUTS.length()) < 0
            && object.length() > LAYOUTS.length()) {
      return Kind.CONFIGURATION;
    }
    if (object.startsWith(IMPORTS) && object.indexOf('/', IMPORTS.length()) < 0
        && (lower.endsWith(".xml") || lower.endsWith(".rss"))) {
      return Kind.IMPORT;
    }
    return sitePath(object).isPresent() ? Kind.ASSET : Kind.IGNORED;
  }

  /** The episode file a {@link Kind#SIDECAR} belongs to: the {@code index.md} beside it. */
  public static String episodeOf(String sidecar) {
    return sidecar.substring(0, sidecar.lastIndexOf('/') + 1) + "index.md";
  }

  /**
   * The folder of a page bundle's episode file, with its final slash
   * ({@code content/post/x/index.md} gives {@code content/post/x/}): where its sidecars are.
   * Empty for an episode file that is not a bundle's {@code index.md}.
   */
  public static Optional<String> bundleFolder(String object) {
    int slash = object.lastIndexOf('/');
    if (!object.startsWith(CONTENT) || slash <= CONTENT.length()
        || !object.substring(slash + 1).equals("index.md")) {
      return Optional.empty();
    }
    return Optional.of(object.substring(0, slash + 1));
  }

  /** The report of the import of the old feed {@code feed}: beside it, ignored itself. */
  public static String importReport(String feed) {
    return feed + ".report.txt";
  }

  /**
   * Whether {@code object}'s file name is what an editor or a desktop leaves behind ({@code .#x},
   * {@code #x#}, {@code x~}, {@code .x.swp}, vim's {@code 4913}, {@code .DS_Store}), never part
   * of the show.
   */
  public static boolean isLeftover(String object) {
    String name = object.substring(object.lastIndexOf('/') + 1);
    String lower = name.toLowerCase(Locale.ROOT);
    return name.isEmpty() || name.startsWith(".") || name.startsWith("#")
        || LEFTOVER_NAMES.contains(lower) || LEFTOVER_ENDINGS.stream().anyMatch(lower::endsWith);
  }

  private static boolean hasHiddenSegment(String object) {
    return object.startsWith(".") || object.contains("/.");
  }

  /**
   * The site path of an asset: {@code static/x/y.png} gives {@code /x/y.png},
   * {@code content/post/My Show/cover.png} gives {@code /post/my-show/cover.png} (page-bundle
   * folders normalised as their pages are). Empty for anything else, for Markdown, and for names
   * with an unsafe or hidden segment.
   */
  public static Optional<String> sitePath(String object) {
    String lower = object.toLowerCase(Locale.ROOT);
    if (object.isEmpty() || object.endsWith("/") || lower.endsWith(".md")
        || object.contains("\\") || object.contains("//") || isLeftover(object)) {
      return Optional.empty();
    }
    if (object.startsWith(STATIC)) {
      return sitePath(List.of(object.substring(STATIC.length()).split("/", -1)), false);
    }
    if (object.startsWith(CONTENT)) {
      return sitePath(List.of(object.substring(CONTENT.length()).split("/", -1)), true);
    }
    return Optional.empty();
  }

  private static Optional<String> sitePath(List<String> segments, boolean bundle) {
    StringBuilder path = new StringBuilder();
    int count = segments.size();
    for (int i = 0; i < count; i++) {
      String segment = segments.get(i);
      if (Slugs.unsafeSegment(segment).isPresent() || segment.startsWith(".")) {
        return Optional.empty();
      }
      boolean folder = i < count - 1;
      path.append('/').append(bundle && folder ? Slugs.normalise(segment) : segment);
    }
    return Optional.of(path.toString());
  }

  /**
   * The source objects that could be published at {@code sitePath}, for a lookup without a
   * listing: under {@code static/}, and in {@code episodeObject}'s own page-bundle folder.
   */
  static List<String> candidates(String sitePath, String episodeObject) {
    List<String> objects = new ArrayList<>(2);
    objects.add("static" + sitePath);
    int slash = episodeObject.lastIndexOf('/');
    if (slash > 0) {
      String folder = episodeObject.substring(0, slash);
      Optional<String> served = sitePath(folder + "/x");
      if (served.isPresent()) {
        String prefix = served.get().substring(0, served.get().length() - 1);
        if (sitePath.startsWith(prefix)) {
          objects.add(folder + "/" + sitePath.substring(prefix.length()));
        }
      }
    }
    return objects;
  }
}
