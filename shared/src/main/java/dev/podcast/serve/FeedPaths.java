package dev.podcast.serve;

import dev.podcast.parse.Slugs;
import java.util.Optional;

/**
 * Which request paths are feeds, and the object each one is stored as: {@code /feed.xml},
 * {@code /feed.json}, a category's {@code /<taxonomy>/<category>/feed.xml}, and the RFC 5005
 * archive pages of either RSS feed ({@code /feed/archive/<n>.xml},
 * {@code /<taxonomy>/<category>/feed/archive/<n>.xml}), as {@code SitePaths} and {@code FeedRenderer} name them.
 *
 * <p>Anything else is not a feed, and so is every hostile path: longer than {@link #MAX_LENGTH},
 * with {@code ..}, {@code //}, backslashes, control or format characters, or segments that are
 * not slugs as the renderer writes them (lower case, letters, digits, {@code . _ - + ~}).
 * Stateless and thread-safe.
 */
public final class FeedPaths {

  /** The longest path considered: two slugs and the archive suffix fit well inside. */
  public static final int MAX_LENGTH = 512;

  /** The object name of the main feed, whose absence means the show's feeds were never written. */
  public static final String MAIN_FEED = "feed.xml";

  private static final int MAX_ARCHIVE_DIGITS = 7;

  private FeedPaths() {}

  /** Whether {@code path} is a feed path (see the class comment). */
  public static boolean isFeed(String path) {
    return objectName(path).isPresent();
  }

  /**
   * The object name of the feed at {@code path} ({@code /feed.xml} → {@code feed.xml}); empty
   * when {@code path} is not a feed path.
   */
  public static Optional<String> objectName(String path) {
    if (path == null || path.length() < 2 || path.length() > MAX_LENGTH || path.charAt(0) != '/'
        || path.contains("..") || path.contains("//")) {
      return Optional.empty();
    }
    String name = path.substring(1);
    if (name.equals("feed.xml") || name.equals("feed.json")) {
      return Optional.of(name);
    }
    String[] segments = name.split("/", -1);
    // [t, c, feed.xml] or, for an archive page, [..., feed, archive, n.xml]
    int feed = segments.length - 1;
    if (segments.length >= 3 && segments[feed - 1].equals("archive")
        && segments[feed - 2].equals("feed") && isArchiveNumber(segments[feed])) {
      feed = segments.length - 3;
    } else if (!segments[feed].equals("feed.xml")) {
      return Optional.empty();
    }
    // What comes before the feed: nothing (the main feed's archives) or a taxonomy and a term.
    if (feed == 0 || feed == 2 && isSlug(segments[0]) && isSlug(segments[1])) {
      return Optional.of(name);
    }
    return Optional.empty();
  }

  /** {@code <n>.xml} with n a positive whole number without leading zeros. */
  private static boolean isArchiveNumber(String segment) {
    if (!segment.endsWith(".xml")) {
      return false;
    }
    String digits = segment.substring(0, segment.length() - ".xml".length());
    if (digits.isEmpty() || digits.length() > MAX_ARCHIVE_DIGITS || digits.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** A segment exactly as {@link Slugs#normalise} writes it, and safe as a path segment. */
  private static boolean isSlug(String segment) {
    return !segment.isEmpty() && Slugs.unsafeSegment(segment).isEmpty()
        && Slugs.normalise(segment).equals(segment);
  }
}
