package dev.podcast.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * A feed object written to the site: what the site bucket's event (or the local site folder)
 * tells of it.
 *
 * @param object the object's name ({@code feed.xml})
 * @param generation its generation, higher for each newer write
 * @param hash a hash of its content (Cloud Storage's MD5): an unchanged feed is told of once
 * @param written when it was written
 */
public record FeedWrite(String object, long generation, String hash, Instant written) {
  public FeedWrite {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(written, "written");
  }
}
