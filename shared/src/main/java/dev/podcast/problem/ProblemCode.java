package dev.podcast.problem;

/**
 * Every kind of problem the parser and validator report. The {@link #code()} strings are a stable,
 * public interface: authors and tools filter on them, so they never change once released.
 */
public enum ProblemCode {
  // Errors: the episode cannot be published.
  READ_FAILED("read-failed", Severity.ERROR),
  FILE_TOO_LARGE("file-too-large", Severity.ERROR),
  INVALID_UTF8("invalid-utf8", Severity.ERROR),
  FRONT_MATTER_MISSING("front-matter-missing", Severity.ERROR),
  FRONT_MATTER_UNCLOSED("front-matter-unclosed", Severity.ERROR),
  FRONT_MATTER_SYNTAX("front-matter-syntax", Severity.ERROR),
  CONFIG_INVALID("config-invalid", Severity.ERROR),
  WRONG_TYPE("wrong-type", Severity.ERROR),
  MISSING_TITLE("missing-title", Severity.ERROR),
  MISSING_DATE("missing-date", Severity.ERROR),
  BAD_DATE("bad-date", Severity.ERROR),
  MISSING_AUDIO("missing-audio", Severity.ERROR),
  BAD_AUDIO_URL("bad-audio-url", Severity.ERROR),
  BAD_AUDIO_SIZE("bad-audio-size", Severity.ERROR),
  BAD_AUDIO_DURATION("bad-audio-duration", Severity.ERROR),
  UNSAFE_PATH("unsafe-path", Severity.ERROR),
  FEED_INVALID("feed-invalid", Severity.ERROR),
  TOO_COMPLEX("too-complex", Severity.ERROR),
  BAD_GUID("bad-guid", Severity.ERROR),
  SIDECAR_INVALID("sidecar-invalid", Severity.ERROR),

  // Warnings: publishable, but something a reader, a validator or Apple would flag.
  MOJIBAKE_REPAIRED("mojibake-repaired", Severity.WARNING),
  REPLACEMENT_CHARACTER("replacement-character", Severity.WARNING),
  DUPLICATE_KEY("duplicate-key", Severity.WARNING),
  UNKNOWN_SHORTCODE("unknown-shortcode", Severity.WARNING),
  MALFORMED_SHORTCODE("malformed-shortcode", Severity.WARNING),
  MISSING_IMAGE("missing-image", Severity.WARNING),
  AUDIO_SIZE_ZERO("audio-size-zero", Severity.WARNING),
  AUDIO_DURATION_ZERO("audio-duration-zero", Severity.WARNING),
  UNKNOWN_AUDIO_TYPE("unknown-audio-type", Severity.WARNING),
  INSECURE_URL("insecure-url", Severity.WARNING),
  EMPTY_DESCRIPTION("empty-description", Severity.WARNING),
  DESCRIPTION_TOO_LONG("description-too-long", Severity.WARNING),
  TITLE_TOO_LONG("title-too-long", Severity.WARNING),
  NOTES_TOO_LONG("notes-too-long", Severity.WARNING),
  EMPTY_NOTES("empty-notes", Severity.WARNING),
  BAD_EPISODE_NUMBER("bad-episode-number", Severity.WARNING),
  MISSING_EPISODE_NUMBER("missing-episode-number", Severity.WARNING),
  BAD_EPISODE_TYPE("bad-episode-type", Severity.WARNING),
  BAD_ITEM_TAG("bad-item-tag", Severity.WARNING),
  EMPTY_TRANSCRIPT("empty-transcript", Severity.WARNING),
  FEED_ADVICE("feed-advice", Severity.WARNING),
  BROKEN_LINK("broken-link", Severity.WARNING),
  GUID_TAKEN("guid-taken", Severity.WARNING),
  GUID_KEPT("guid-kept", Severity.WARNING),
  HTML_REMOVED("html-removed", Severity.WARNING),
  BAD_CUE("bad-cue", Severity.WARNING),
  SIDECAR_OVERRIDES("sidecar-overrides", Severity.WARNING),
  STATUS_NOT_WRITTEN("status-not-written", Severity.WARNING),

  // Artwork (warnings: the show still publishes, but Apple may refuse the art).
  ARTWORK_MISSING("artwork-missing", Severity.WARNING),
  ARTWORK_UNREADABLE("artwork-unreadable", Severity.WARNING),
  ARTWORK_FORMAT("artwork-format", Severity.WARNING),
  ARTWORK_SIZE("artwork-size", Severity.WARNING),
  ARTWORK_NOT_SQUARE("artwork-not-square", Severity.WARNING),
  ARTWORK_COLOR_SPACE("artwork-color-space", Severity.WARNING);

  private final String code;
  private final Severity severity;

  ProblemCode(String code, Severity severity) {
    this.code = code;
    this.severity = severity;
  }

  /** The problem code whose {@link #code()} is {@code code}, if there is one. */
  public static java.util.Optional<ProblemCode> of(String code) {
    for (ProblemCode c : values()) {
      if (c.code.equals(code)) {
        return java.util.Optional.of(c);
      }
    }
    return java.util.Optional.empty();
  }

  /** The stable code shown in brackets in reports, such as {@code missing-title}. */
  public String code() {
    return code;
  }

  public Severity severity() {
    return severity;
  }
}
