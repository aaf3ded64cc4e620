package dev.podcast.site;

import dev.podcast.episode.Captions;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes an episode's cues again as the file they came from, in a clean form: WebVTT with
 * {@code <v Speaker>} voices and its three characters escaped, or SubRip with {@code Speaker: }
 * before the text. What the podcaster uploaded is never served as it was: only the cues read
 * from it, without markup. Stateless.
 */
final class CaptionsWriter {

  private CaptionsWriter() {}

  /** The file of {@code captions}: WebVTT or SubRip as {@link Captions#file()} says. */
  static byte[] write(Captions captions) {
    boolean srt = captions.file().equals(Captions.SRT_FILE);
    StringBuilder out = new StringBuilder(captions.cues().size() * 80 + 16);
    if (!srt) {
      out.append("WEBVTT\n\n");
    }
    int n = 0;
    for (Captions.Cue cue : captions.cues()) {
      n++;
      if (srt) {
        out.append(n).append('\n');
      }
      out.append(time(cue.start(), srt)).append(" --> ").append(time(cue.end(), srt))
          .append('\n');
      if (srt) {
        out.append(cue.speaker().isEmpty() ? "" : cue.speaker() + ": ").append(cue.text());
      } else {
        if (!cue.speaker().isEmpty()) {
          out.append("<v ").append(escape(cue.speaker())).append('>');
        }
        out.append(escape(cue.text()));
      }
      out.append("\n\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code hh:mm:ss.ttt} (WebVTT) or {@code hh:mm:ss,ttt} (SubRip). */
  static String time(double seconds, boolean srt) {
    long millis = Math.round(seconds * 1000);
    return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", millis / 3_600_000,
        millis / 60_000 % 60, millis / 1000 % 60, srt ? ',' : '.', millis % 1000);
  }

  /** WebVTT's escapes: a cue's text may not hold a raw {@code &}, {@code <} or {@code >}. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
