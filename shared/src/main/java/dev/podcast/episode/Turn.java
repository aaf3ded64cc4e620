package dev.podcast.episode;

import java.util.List;
import java.util.Objects;

/**
 * One speaker's turn in a transcript.
 *
 * @param speaker the speaker label as written, without the colon ({@code MARK}); empty for a turn
 *     that is only a sound cue, or for text before the first label
 * @param text the spoken text; paragraphs that continue the same speaker are separated by a blank
 *     line ({@code "\n\n"}); cues stay in the text where they occur
 * @param cues the sound cues found in this turn, without brackets ({@code MUSIC PLAYING})
 * @param line the 1-based line in the source file where the turn starts
 */
public record Turn(String speaker, String text, List<String> cues, int line) {

  public Turn {
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(text, "text");
    cues = List.copyOf(cues);
  }

  /** The paragraphs of {@link #text()}. */
  public List<String> paragraphs() {
    int next = text.indexOf("\n\n");
    if (next < 0) {
      return List.of(text);
    }
    List<String> paragraphs = new java.util.ArrayList<>();
    int from = 0;
    while (next >= 0) {
      paragraphs.add(text.substring(from, next));
      from = next + 2;
      next = text.indexOf("\n\n", from);
    }
    paragraphs.add(text.substring(from));
    return List.copyOf(paragraphs);
  }

  /** True for a turn that holds nothing but cues, such as {@code [MUSIC PLAYING]}. */
  public boolean isCueOnly() {
    return speaker.isEmpty() && !cues.isEmpty() && text.replaceAll("\\[[^\\]]*\\]", "").isBlank();
  }
}
