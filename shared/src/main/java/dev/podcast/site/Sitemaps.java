package dev.podcast.site;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the sitemap is split into files: {@code /sitemap.xml} is a sitemap index naming the
 * others; {@code /sitemap/episodes-N.xml} list the episodes' pages, {@value #PER_FILE} a file,
 * oldest first (so a new episode changes only the newest file, whatever the number of
 * episodes), and {@code /sitemap/pages-N.xml} the site's other pages. Pure.
 */
public final class Sitemaps {

  /** Pages per sitemap file: far under the protocol's 50,000 URLs and 50 MB. */
  public static final int PER_FILE = 1_000;

  private Sitemaps() {}

  /**
   * The sitemap's files for these page folders, each with what it lists, the index first: the
   * index lists the other files' paths, the others the folders of their pages.
   */
  public static Map<String, List<String>> files(List<String> episodes, List<String> site) {
    Map<String, List<String>> parts = new LinkedHashMap<>();
    split(parts, "/sitemap/pages-", site);
    split(parts, "/sitemap/episodes-", episodes);
    Map<String, List<String>> files = new LinkedHashMap<>();
    files.put(SitePaths.SITEMAP, List.copyOf(parts.keySet()));
    files.putAll(parts);
    return files;
  }

  private static void split(Map<String, List<String>> files, String prefix, List<String> pages) {
    for (int from = 0, n = 1; from < pages.size(); from += PER_FILE, n++) {
      files.put(prefix + n + ".xml", pages.subList(from, Math.min(pages.size(), from + PER_FILE)));
    }
  }

  /** Whether {@code path} is one of the sitemap's files. */
  public static boolean isSitemap(String path) {
    return path.equals(SitePaths.SITEMAP) || path.startsWith("/sitemap/");
  }
}
