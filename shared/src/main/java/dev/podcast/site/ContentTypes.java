package dev.podcast.site;

import java.util.Locale;

/** The content type a site file is served with, from its name. Stateless and thread-safe. */
public final class ContentTypes {

  private ContentTypes() {}

  /** The RSS feeds' type. */
  public static final String RSS = "application/rss+xml; charset=utf-8";

  /**
   * The content type {@code file} is written with at {@code name}: a feed's is a feed's whatever
   * its name (an old feed address such as {@code /feed/} is stored as {@code feed/index.html}).
   */
  public static String of(String name, OutputFile file) {
    return file.kind().equals("feed") && !name.endsWith(".json") ? RSS : of(name);
  }

  /** The content type for the object or file {@code name}. */
  public static String of(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (lower.endsWith("feed.xml") || lower.contains("/archive/") && lower.endsWith(".xml")) {
      return RSS;
    }
    if (lower.endsWith(".xml")) {
      return "application/xml; charset=utf-8";
    }
    if (lower.endsWith("feed.json")) {
      return "application/feed+json; charset=utf-8";
    }
    if (lower.endsWith(".json")) {
      return "application/json; charset=utf-8";
    }
    if (lower.endsWith(".vtt")) {
      return "text/vtt; charset=utf-8";
    }
    if (lower.endsWith(".srt")) {
      return "application/x-subrip; charset=utf-8";
    }
    if (lower.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (lower.endsWith(".png")) {
      return "image/png";
    }
    if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (lower.endsWith(".gif")) {
      return "image/gif";
    }
    if (lower.endsWith(".txt") || lower.endsWith(".md") || lower.endsWith(".toml")) {
      return "text/plain; charset=utf-8";
    }
    return "application/octet-stream";
  }
}
