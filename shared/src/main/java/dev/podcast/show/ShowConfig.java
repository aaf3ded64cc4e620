package dev.podcast.show;

import java.util.Objects;

/**
 * The show, as its Hugo {@code config.toml} describes it. This issue reads what parsing needs;
 * the site and feed settings join it as they are built.
 *
 * @param baseUrl the site's base URL, such as {@code https://www.gcppodcast.com}
 * @param title the show's title
 * @param languageCode the show's language, such as {@code en-us}
 * @param episodeHostBaseUrl the URL relative {@code audioFile} names are joined to; may be empty
 */
public record ShowConfig(String baseUrl, String title, String languageCode,
    String episodeHostBaseUrl) {

  public ShowConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(languageCode, "languageCode");
    Objects.requireNonNull(episodeHostBaseUrl, "episodeHostBaseUrl");
  }
}
