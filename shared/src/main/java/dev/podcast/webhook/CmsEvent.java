package dev.podcast.webhook;

import java.util.Objects;
import java.util.Optional;

/**
 * What a webhook asks for, whatever format it came in. Each case says what happens to the source
 * bucket's {@code content/post/<slug>/index.md}.
 */
public sealed interface CmsEvent {

  /** Where the format came from, for logs: {@code generic}, {@code strapi}, {@code contentful}. */
  String format();

  /**
   * Which episode: by slug, or by the CMS entry it was published from ({@code contentful/<id>},
   * whose slug was remembered when it was published; Contentful's unpublish and delete events
   * carry no fields).
   */
  record Target(Optional<String> slug, Optional<String> entryKey) {
    public Target {
      Objects.requireNonNull(slug, "slug");
      Objects.requireNonNull(entryKey, "entryKey");
      if (slug.isPresent() == entryKey.isPresent()) {
        throw new IllegalArgumentException("a target is a slug or an entry, not both");
      }
    }

    public static Target slug(String slug) {
      return new Target(Optional.of(slug), Optional.empty());
    }

    public static Target entry(String entryKey) {
      return new Target(Optional.empty(), Optional.of(entryKey));
    }
  }

  /**
   * Write the episode file, with {@code draft} set as given.
   *
   * @param entryKey the CMS entry, remembered with the slug (for a later unpublish or delete)
   */
  record Write(String format, String slug, EpisodeSource source, boolean draft,
      Optional<String> entryKey) implements CmsEvent {
    public Write {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(slug, "slug");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(entryKey, "entryKey");
    }
  }

  /** Set {@code draft = true} in the episode file already in the bucket (keeps the record). */
  record Unpublish(String format, Target target) implements CmsEvent {
    public Unpublish {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(target, "target");
    }
  }

  /** Delete the episode file. */
  record Delete(String format, Target target) implements CmsEvent {
    public Delete {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(target, "target");
    }
  }

  /** Nothing to do (another content type, a draft saved, a media event): acknowledged. */
  record Ignore(String format, String reason) implements CmsEvent {
    public Ignore {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
