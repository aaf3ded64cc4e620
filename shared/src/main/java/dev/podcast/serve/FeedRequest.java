package dev.podcast.serve;

import java.util.Objects;

/**
 * What the feed endpoint reads of an HTTP request. Header values are as received (several lines
 * of one header joined with {@code ", "}), or empty when the header is absent.
 *
 * @param method the request method, such as {@code GET}
 * @param path the request path, percent-decoded, without the query ({@code /feed.xml})
 * @param ifNoneMatch the {@code If-None-Match} header
 * @param ifModifiedSince the {@code If-Modified-Since} header
 * @param acceptEncoding the {@code Accept-Encoding} header
 */
public record FeedRequest(String method, String path, String ifNoneMatch, String ifModifiedSince,
    String acceptEncoding) {

  /** Checks that no value is null. */
  public FeedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(ifNoneMatch, "ifNoneMatch");
    Objects.requireNonNull(ifModifiedSince, "ifModifiedSince");
    Objects.requireNonNull(acceptEncoding, "acceptEncoding");
  }

  /** A request without conditional or encoding headers. */
  public static FeedRequest of(String method, String path) {
    return new FeedRequest(method, path, "", "", "");
  }
}
