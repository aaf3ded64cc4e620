package dev.podcast.episode;

import java.util.List;

/**
 * An episode transcript as a list of speaker turns.
 *
 * @param turns the turns in order
 * @param closed whether the source closed the transcript with {{< /transcript >}} (two thirds of
 *     real files do not; the transcript then runs to the end of the file)
 */
public record Transcript(List<Turn> turns, boolean closed) {

  public static final Transcript NONE = new Transcript(List.of(), false);

  public Transcript {
    turns = List.copyOf(turns);
  }

  public boolean isEmpty() {
    return turns.isEmpty();
  }

  /** The distinct speaker labels in order of first appearance. */
  public List<String> speakers() {
    return turns.stream().map(Turn::speaker).filter(s -> !s.isEmpty()).distinct().toList();
  }
}
