package dev.podcast.webhook;

import java.util.List;
import java.util.Objects;

/**
 * The payload cannot become a valid episode: answered {@code 400} with a problem document whose
 * {@code errors} are {@link #errors()}. Permanent: the same payload fails the same way.
 */
public final class PayloadException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Whether the payload's shape was wrong or the episode it describes is invalid. */
  public enum Kind { INVALID_PAYLOAD, INVALID_EPISODE }

  private final Kind kind;
  private final transient List<FieldError> errors;

  public PayloadException(Kind kind, String detail, List<FieldError> errors) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.errors = List.copyOf(errors);
  }

  /** One error about the payload's shape. */
  public static PayloadException field(String field, String message) {
    return new PayloadException(Kind.INVALID_PAYLOAD, field + ": " + message,
        List.of(FieldError.payload(field, message)));
  }

  public Kind kind() {
    return kind;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
