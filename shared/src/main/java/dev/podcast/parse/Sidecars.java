package dev.podcast.parse;

import dev.podcast.episode.Captions;
import dev.podcast.episode.Episode;
import dev.podcast.episode.ItemTags;
import dev.podcast.episode.Transcript;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies the files beside an episode file to what was read from it: a {@code transcript.vtt}
 * (or, without one, a {@code transcript.srt}) replaces the transcript, a {@code chapters.json}
 * the chapters. Each is bounded ({@value Sidecar#MAX_BYTES} bytes, never read past), decoded as
 * UTF-8 as strictly as the episode file, and read with its own problems on its own lines. A
 * sidecar with an error rejects the episode as an error in the episode file would: the last good
 * version stays published. Stateless.
 */
final class Sidecars {

  private Sidecars() {}

  /** {@code read} (the episode file's result) with {@code sidecars} applied. */
  static ParseResult apply(ParseResult read, List<Sidecar> sidecars) {
    if (sidecars.isEmpty()) {
      return read;
    }
    List<Problem> problems = new ArrayList<>(read.problems());
    long duration = read.episode().map(e -> e.audio().durationSeconds()).orElse(0L);
    Captions captions = null;
    List<ItemTags.Chapter> chapters = null;
    List<Sidecar> ordered = new ArrayList<>(sidecars);
    ordered.sort(Comparator.comparingInt(s -> Sidecar.NAMES.indexOf(s.name())));
    for (Sidecar sidecar : ordered) {
      boolean transcript = !sidecar.name().equals("chapters.json");
      if (transcript && captions != null) {
        problems.add(new Problem(ProblemCode.SIDECAR_OVERRIDES, sidecar.object(), 1, 1,
            "this file is left out: the episode's transcript is read from " + captions.file()
                + " beside it (keep one of the two)"));
        continue;
      }
      Optional<String> text = text(sidecar, problems);
      if (text.isEmpty()) {
        continue;
      }
      if (transcript) {
        CaptionsParser.Read cues = CaptionsParser.parse(sidecar.object(), text.get(), duration);
        problems.addAll(cues.problems());
        captions = cues.captions();
      } else {
        ChaptersFile.Read file = ChaptersFile.parse(sidecar.object(), text.get(), duration);
        problems.addAll(file.problems());
        chapters = file.chapters();
      }
    }
    if (read.episode().isEmpty() || problems.stream().anyMatch(Problem::isError)) {
      return new ParseResult(read.file(), Optional.empty(), problems);
    }
    Episode episode = read.episode().get();
    Transcript transcript = episode.transcript();
    if (captions != null && !captions.isEmpty()) {
      if (!transcript.isEmpty()) {
        problems.add(new Problem(ProblemCode.SIDECAR_OVERRIDES, read.file(),
            transcript.turns().get(0).line(), 1, "the transcript here is not published: "
                + captions.file() + " beside this file replaces it (delete one of the two)"));
      }
      transcript = CaptionsParser.transcript(captions);
    }
    ItemTags tags = episode.tags();
    if (chapters != null) {
      if (!tags.chapters().isEmpty()) {
        problems.add(new Problem(ProblemCode.SIDECAR_OVERRIDES, read.file(), 1, 1, "the "
            + tags.chapters().size() + " chapters written here (front matter or timestamp lines)"
            + " are not published: chapters.json beside this file replaces them"));
      }
      tags = tags.withChapters(chapters);
    }
    return new ParseResult(read.file(), Optional.of(episode.withSidecars(transcript, tags)),
        problems);
  }

  /** The text of {@code sidecar}, or empty with its error. */
  private static Optional<String> text(Sidecar sidecar, List<Problem> problems) {
    if (!sidecar.readable()) {
      problems.add(new Problem(ProblemCode.FILE_TOO_LARGE, sidecar.object(), 0, 0,
          String.format(Locale.ROOT, "the file is %,d bytes; a file beside an episode is read"
              + " up to %,d bytes", sidecar.size(), Sidecar.MAX_BYTES)));
      return Optional.empty();
    }
    return SourceDecoder.decode(sidecar.content(), sidecar.object(), problems);
  }
}
