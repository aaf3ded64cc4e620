package dev.podcast.parse;

import java.util.Objects;

/**
 * What the parser needs to know about the show.
 *
 * @param episodeHostBaseUrl the URL that relative {@code audioFile} names are joined to (Hugo's
 *     {@code params.episodeHostBaseURL}); empty when unknown
 * @param maxFileBytes files larger than this are rejected before they are parsed
 */
public record ParserSettings(String episodeHostBaseUrl, long maxFileBytes) {

  /** 5 MiB: larger than any real episode file (the largest in the corpus is under 150 KB). */
  public static final long DEFAULT_MAX_FILE_BYTES = 5L * 1024 * 1024;

  public ParserSettings {
    Objects.requireNonNull(episodeHostBaseUrl, "episodeHostBaseUrl");
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maxFileBytes must be > 0, was " + maxFileBytes);
    }
    if (!episodeHostBaseUrl.isEmpty() && !episodeHostBaseUrl.startsWith("https://")
        && !episodeHostBaseUrl.startsWith("http://")) {
      throw new IllegalArgumentException(
          "episodeHostBaseURL must be an http(s) URL, was '" + episodeHostBaseUrl + "'");
    }
  }

  public static ParserSettings defaults() {
    return new ParserSettings("", DEFAULT_MAX_FILE_BYTES);
  }

  public ParserSettings withEpisodeHostBaseUrl(String url) {
    return new ParserSettings(url, maxFileBytes);
  }

  public ParserSettings withMaxFileBytes(long bytes) {
    return new ParserSettings(episodeHostBaseUrl, bytes);
  }
}
