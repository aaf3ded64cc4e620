package dev.podcast.parse;

import dev.podcast.show.ShowConfig;
import java.util.Objects;

/**
 * What the parser needs to know about the show.
 *
 * @param episodeHostBaseUrl the URL that relative {@code audioFile} names are joined to (Hugo's
 *     {@code params.episodeHostBaseURL}); empty when unknown
 * @param maxFileBytes files larger than this are rejected before they are parsed
 * @param html what author HTML in show notes may keep
 */
public record ParserSettings(String episodeHostBaseUrl, long maxFileBytes, HtmlPolicy html) {

  /** 5 MiB: larger than any real episode file (the largest in the corpus is under 150 KB). */
  public static final long DEFAULT_MAX_FILE_BYTES = 5L * 1024 * 1024;

  public ParserSettings {
    Objects.requireNonNull(episodeHostBaseUrl, "episodeHostBaseUrl");
    Objects.requireNonNull(html, "html");
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
    return new ParserSettings("", DEFAULT_MAX_FILE_BYTES, HtmlPolicy.defaults());
  }

  public ParserSettings withEpisodeHostBaseUrl(String url) {
    return new ParserSettings(url, maxFileBytes, html);
  }

  public ParserSettings withMaxFileBytes(long bytes) {
    return new ParserSettings(episodeHostBaseUrl, bytes, html);
  }

  /** These settings for the episodes of {@code show}: its audio host and its HTML policy. */
  public ParserSettings forShow(ShowConfig show) {
    return new ParserSettings(show.episodeHostBaseUrl().isEmpty() ? episodeHostBaseUrl
        : show.episodeHostBaseUrl(), maxFileBytes, new HtmlPolicy(show.unsafeHtml(),
        show.embedHosts()));
  }

  public ParserSettings withHtml(HtmlPolicy policy) {
    return new ParserSettings(episodeHostBaseUrl, maxFileBytes, policy);
  }
}
