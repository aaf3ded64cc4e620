package dev.podcast.episode;

import java.util.List;
import java.util.Objects;

/**
 * A timed transcript: the cues of a WebVTT ({@code transcript.vtt}) or SubRip
 * ({@code transcript.srt}) file beside the episode, as read and cleaned (no markup, no cue out of
 * order). The site publishes them again under the same name, and the feed lists that file first,
 * with {@code rel="captions"}.
 *
 * @param file the file's name, {@link #VTT_FILE} or {@link #SRT_FILE}; empty for none
 * @param type its MIME type, {@link #VTT_TYPE} or {@link #SRT_TYPE}; empty for none
 * @param cues the cues in order of their start
 */
public record Captions(String file, String type, List<Cue> cues) {

  public static final String VTT_FILE = "transcript.vtt";
  public static final String VTT_TYPE = "text/vtt";
  public static final String SRT_FILE = "transcript.srt";
  public static final String SRT_TYPE = "application/x-subrip";

  /** No timed transcript. */
  public static final Captions NONE = new Captions("", "", List.of());

  public Captions {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(type, "type");
    cues = List.copyOf(cues);
  }

  public boolean isEmpty() {
    return cues.isEmpty();
  }

  /**
   * One cue.
   *
   * @param start where it starts, in seconds
   * @param end where it ends, in seconds, after {@code start}
   * @param speaker who speaks ({@code <v Name>}, or a {@code NAME:} label); empty when the cue
   *     does not say
   * @param text what is said, plain text (tags removed, entities decoded), lines joined by a space
   * @param line the 1-based line of the cue's timing in its file
   */
  public record Cue(double start, double end, String speaker, String text, int line) {
    public Cue {
      Objects.requireNonNull(speaker, "speaker");
      Objects.requireNonNull(text, "text");
    }
  }
}
