package dev.podcast.site;

import java.util.Locale;

/** The content type a site file is served with, from its name. Stateless and thread-safe. */
public final class ContentTypes {

  private ContentTypes() {}

  /** The content type for the object or file {@code name}. */
  public static String of(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (lower.endsWith("feed.xml") || lower.contains("/archive/") && lower.endsWith(".xml")) {
      return "application/rss+xml; charset=utf-8";
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
