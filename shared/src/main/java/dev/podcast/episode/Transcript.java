package dev.podcast.episode;

import java.util.List;

/**
 * An episode transcript as a list of speaker turns.
 *
 * @param turns the turns in order
 * @param closed whether the source closed the transcript with {{< /transcript >}} (two thirds of
 *     real files do not; the transcript then runs to the end of the file)
 * @param captions the cues the turns were read from, when the transcript is a timed file beside
 *     the episode ({@code transcript.vtt}, {@code transcript.srt}); else {@link Captions#NONE}
 */
public record Transcript(List<Turn> turns, boolean closed, Captions captions) {

  public static final Transcript NONE = new Transcript(List.of(), false);

  /** A transcript from the episode file's shortcode: not timed. */
  public Transcript(List<Turn> turns, boolean closed) {
    this(turns, closed, Captions.NONE);
  }

  public Transcript {
    turns = List.copyOf(turns);
    java.util.Objects.requireNonNull(captions, "captions");
  }

  /** Whether the transcript has its cues' times (a WebVTT or SubRip file). */
  public boolean timed() {
    return !captions.isEmpty();
  }

  public boolean isEmpty() {
    return turns.isEmpty();
  }

  /** The distinct speaker labels in order of first appearance. */
  public List<String> speakers() {
    return turns.stream().map(Turn::speaker).filter(s -> !s.isEmpty()).distinct().toList();
  }
}
