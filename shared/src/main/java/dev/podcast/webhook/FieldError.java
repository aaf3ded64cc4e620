package dev.podcast.webhook;

import java.util.Objects;

/**
 * One thing wrong with a payload, for the {@code errors} member of the problem document.
 *
 * @param field where in the payload: a dotted path such as {@code data.episode.date}, {@code
 *     entry.audio_url} or {@code fields.title.en-US}; {@code data.file} for a whole file
 * @param line the line in the episode file (as sent, or as generated from the payload); 0 when the
 *     error is about the payload itself
 * @param column the column in that line; 0 when unknown
 * @param code a stable code: the parser's ({@code bad-date}) or {@code invalid-payload}
 * @param message what is wrong, for people
 */
public record FieldError(String field, int line, int column, String code, String message) {

  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be >= 0");
    }
  }

  /** An error about the payload's shape, not a line of the episode file. */
  public static FieldError payload(String field, String message) {
    return new FieldError(field, 0, 0, "invalid-payload", message);
  }
}
