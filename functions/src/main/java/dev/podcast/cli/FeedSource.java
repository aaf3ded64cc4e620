package dev.podcast.cli;

import dev.podcast.migrate.OldFeedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The bytes of a feed named on the command line: an http(s) URL (redirects followed up to
 * {@value #MAX_REDIRECTS} times, a loop refused, {@value OldFeedReader#MAX_BYTES} bytes at most
 * read, a minute at most) or a regular file (not a symbolic link). Anything else is an
 * {@link IOException} saying what.
 */
final class FeedSource {

  static final int MAX_REDIRECTS = 5;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private FeedSource() {}

  static byte[] read(String feed) throws IOException {
    if (feed.startsWith("http://") || feed.startsWith("https://")) {
      return fetch(URI.create(feed));
    }
    if (feed.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      throw new IOException(feed + ": only http and https feeds are read");
    }
    Path file = Path.of(feed);
    if (Files.isSymbolicLink(file)) {
      throw new IOException(feed + ": a symbolic link; name the file itself");
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(feed + ": no such file");
    }
    if (Files.size(file) > OldFeedReader.MAX_BYTES) {
      throw new IOException(feed + ": " + Files.size(file) + " bytes; at most "
          + OldFeedReader.MAX_BYTES + " are read");
    }
    return Files.readAllBytes(file);
  }

  private static byte[] fetch(URI start) throws IOException {
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
    URI uri = start;
    Set<URI> seen = new HashSet<>();
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (!seen.add(uri)) {
        throw new IOException(start + ": redirects loop back to " + uri);
      }
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
          .header("User-Agent", "podcast-import/0.1").GET().build();
      HttpResponse<InputStream> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(uri + ": interrupted", e);
      }
      int status = response.statusCode();
      if (status >= 300 && status < 400) {
        response.body().close();
        URI from = uri;
        String location = response.headers().firstValue("Location").orElseThrow(() ->
            new IOException(from + ": HTTP " + status + " without a Location"));
        URI next = uri.resolve(location);
        if (!"http".equals(next.getScheme()) && !"https".equals(next.getScheme())) {
          throw new IOException(uri + ": redirected to " + next + ", not http(s)");
        }
        uri = next;
        continue;
      }
      try (InputStream body = response.body()) {
        if (status != 200) {
          throw new IOException(uri + ": HTTP " + status);
        }
        return bounded(body, uri);
      }
    }
    throw new IOException(start + ": more than " + MAX_REDIRECTS + " redirects");
  }

  private static byte[] bounded(InputStream in, URI uri) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if (out.size() + n > OldFeedReader.MAX_BYTES) {
        throw new IOException(uri + ": longer than " + OldFeedReader.MAX_BYTES
            + " bytes; not read further");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
