package dev.podcast.problem;

/** How bad a {@link Problem} is. */
public enum Severity {
  /** The episode cannot be published as it is. */
  ERROR,
  /** The episode can be published, but a feed reader or Apple would complain. */
  WARNING;

  /** The lower-case word used in reports: {@code error} or {@code warning}. */
  public String word() {
    return this == ERROR ? "error" : "warning";
  }
}
