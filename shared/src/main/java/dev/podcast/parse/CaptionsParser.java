package dev.podcast.parse;

import dev.podcast.episode.Captions;
import dev.podcast.episode.Transcript;
import dev.podcast.episode.Turn;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.text.Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/**
 * Reads a WebVTT ({@code transcript.vtt}) or SubRip ({@code transcript.srt}) file into cues, and
 * the cues into speaker turns. A cue's markup is removed (WebVTT's {@code <b>}, {@code <c.x>},
 * timestamps; any HTML), its entities decoded: the cues are plain text, escaped again wherever
 * they are written. The speaker is a WebVTT voice ({@code <v Mark Mandel>}) or an upper-case
 * label ({@code MARK:}) at the cue's start; a cue without one continues the speaker before it.
 *
 * <p>A cue whose times cannot be read, that ends before it starts, starts before the cue before
 * it or after the episode's end, or whose text is longer than {@value #MAX_CUE_CHARS} characters
 * is left out with a {@code bad-cue} warning on its line (the first {@value #MAX_REPORTED}, then
 * how many more). A file that is not WebVTT (no {@code WEBVTT} first line) or holds no cue that
 * can be read is a {@code sidecar-invalid} error. At most {@value #MAX_CUES} cues are read.
 * Stateless and thread-safe.
 */
final class CaptionsParser {

  static final int MAX_CUES = 20_000;
  static final int MAX_CUE_CHARS = 2_000;
  static final int MAX_REPORTED = 20;
  /** A pause this long between two cues of one speaker starts a new paragraph. */
  static final double PARAGRAPH_PAUSE_SECONDS = 2.0;

  /** What was read: the cues, and the problems with their lines. */
  record Read(Captions captions, List<Problem> problems) {}

  /** WebVTT: {@code mm:ss.ttt} or {@code hh:mm:ss.ttt}. */
  private static final Pattern VTT_TIME = Pattern.compile(
      "(?:(\\d{2,3}):)?([0-5]\\d):([0-5]\\d)\\.(\\d{3})");
  /** SubRip: {@code hh:mm:ss,ttt} (a full stop and fewer digits are common, and read). */
  private static final Pattern SRT_TIME = Pattern.compile(
      "(\\d{1,3}):([0-5]\\d):([0-5]\\d)[,.](\\d{1,3})");
  /** A WebVTT voice span opening the cue: {@code <v Name>} or {@code <v.loud Name>}. */
  private static final Pattern VOICE = Pattern.compile("^<v(?:\\.[^\\s>]{0,100})?[ \\t]+([^>]{1,200})>");
  /** In WebVTT every {@code <} opens a tag; a final one unclosed is dropped too. */
  private static final Pattern VTT_TAG = Pattern.compile("<[^>]*(?:>|$)");
  /** In SubRip, tags are HTML's ({@code <i>}, {@code <font color=...>}) or {@code {\an8}}. */
  private static final Pattern SRT_TAG = Pattern.compile(
      "</?[a-zA-Z][^<>]{0,200}>|\\{\\\\[^{}]{0,50}}");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private CaptionsParser() {}

  /**
   * The cues of {@code text}, the file {@code object} ({@code .srt}: SubRip, else WebVTT), of an
   * episode {@code durationSeconds} long (0: unknown).
   */
  static Read parse(String object, String text, long durationSeconds) {
    boolean srt = object.toLowerCase(Locale.ROOT).endsWith(".srt");
    Reader reader = new Reader(object, srt, durationSeconds);
    reader.read(text.startsWith("\uFEFF") ? text.substring(1) : text);
    List<Problem> problems = reader.problems;
    if (reader.skipped > MAX_REPORTED) {
      problems.add(new Problem(ProblemCode.BAD_CUE, object, reader.lastSkipped, 1,
          (reader.skipped - MAX_REPORTED) + " more cues are left out for the same reasons"));
    }
    boolean fatal = problems.stream().anyMatch(Problem::isError);
    if (!fatal && reader.cues.isEmpty()) {
      problems.add(new Problem(ProblemCode.SIDECAR_INVALID, object, 1, 1, "the file holds no cue"
          + " that can be read, so it is not the episode's transcript"));
    }
    Captions captions = problems.stream().anyMatch(Problem::isError) ? Captions.NONE
        : new Captions(srt ? Captions.SRT_FILE : Captions.VTT_FILE,
            srt ? Captions.SRT_TYPE : Captions.VTT_TYPE, reader.cues);
    return new Read(captions, problems);
  }

  /**
   * The transcript of {@code captions}: one turn per run of cues of one speaker (a cue without
   * a speaker continues the one before it), a new paragraph after a pause of
   * {@value #PARAGRAPH_PAUSE_SECONDS} seconds.
   */
  static Transcript transcript(Captions captions) {
    List<Turn> turns = new ArrayList<>();
    String speaker = null;
    StringBuilder text = new StringBuilder();
    int line = 0;
    double end = 0;
    for (Captions.Cue cue : captions.cues()) {
      boolean sameSpeaker = speaker != null && (cue.speaker().isEmpty()
          || cue.speaker().equals(speaker));
      if (!sameSpeaker) {
        if (speaker != null) {
          turns.add(turn(speaker, text.toString(), line));
        }
        speaker = cue.speaker();
        text.setLength(0);
        line = cue.line();
      } else {
        text.append(cue.start() - end >= PARAGRAPH_PAUSE_SECONDS ? "\n\n" : " ");
      }
      text.append(cue.text());
      end = cue.end();
    }
    if (speaker != null) {
      turns.add(turn(speaker, text.toString(), line));
    }
    return new Transcript(turns, true, captions);
  }

  private static Turn turn(String speaker, String text, int line) {
    List<String> sounds = new ArrayList<>(2);
    for (int i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
      int close = TranscriptParser.cueEnd(text, i);
      if (close > 0) {
        sounds.add(text.substring(i + 1, close).strip());
        i = close;
      }
    }
    return new Turn(speaker, text, sounds, line);
  }

  /** One read of one file. */
  private static final class Reader {
    private final String object;
    private final boolean srt;
    private final long durationSeconds;
    private final List<Captions.Cue> cues = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private int skipped;
    private int lastSkipped;

    Reader(String object, boolean srt, long durationSeconds) {
      this.object = object;
      this.srt = srt;
      this.durationSeconds = durationSeconds;
    }

    void read(String text) {
      String[] lines = text.split("\r\n|\r|\n", -1);
      int i = 0;
      if (!srt) {
        if (!lines[0].equals("WEBVTT") && !lines[0].startsWith("WEBVTT ")
            && !lines[0].startsWith("WEBVTT\t")) {
          problems.add(new Problem(ProblemCode.SIDECAR_INVALID, object, 1, 1, "a WebVTT file"
              + " starts with the line WEBVTT; found " + EpisodeParser.show(lines[0])));
          return;
        }
        i = skipBlock(lines, 0); // the header
      }
      while (i < lines.length && cues.size() < MAX_CUES) {
        if (lines[i].isBlank()) {
          i++;
          continue;
        }
        int end = skipBlock(lines, i);
        block(lines, i, end);
        i = end;
      }
      if (cues.size() == MAX_CUES && i < lines.length) {
        problems.add(new Problem(ProblemCode.BAD_CUE, object, i + 1, 1, "the file has more than "
            + MAX_CUES + " cues: the rest are left out"));
      }
    }

    /** The index of the first line after the block of non-blank lines at {@code from}. */
    private static int skipBlock(String[] lines, int from) {
      int i = from;
      while (i < lines.length && !lines[i].isBlank()) {
        i++;
      }
      return i;
    }

    /** Lines {@code from} (inclusive) to {@code to} (exclusive): one block, non-blank. */
    private void block(String[] lines, int from, int to) {
      String first = lines[from];
      if (!srt && (isKeyword(first, "NOTE") || isKeyword(first, "STYLE")
          || isKeyword(first, "REGION"))) {
        return;
      }
      int timing = first.contains("-->") ? from
          : from + 1 < to && lines[from + 1].contains("-->") ? from + 1 : -1;
      if (timing < 0) {
        skip(from + 1, "this block has no timing line (START --> END), so it is not a cue");
        return;
      }
      String[] times = lines[timing].split("-->", 2);
      String startText = times[0].strip();
      String endText = times[1].strip().split("[ \\t]", 2)[0];
      double start = seconds(startText);
      double end = seconds(endText);
      if (start < 0 || end < 0) {
        skip(timing + 1, "its times " + EpisodeParser.show(lines[timing].strip()) + " are not "
            + (srt ? "HH:MM:SS,mmm --> HH:MM:SS,mmm" : "[HH:]MM:SS.mmm --> [HH:]MM:SS.mmm"));
        return;
      }
      if (end <= start) {
        skip(timing + 1, "it ends (" + endText + ") before it starts (" + startText + ")");
        return;
      }
      if (!cues.isEmpty() && start < cues.get(cues.size() - 1).start()) {
        skip(timing + 1, "it starts (" + startText + ") before the cue before it");
        return;
      }
      if (durationSeconds > 0 && start >= durationSeconds) {
        skip(timing + 1, "it starts (" + startText + ") after the episode ends ("
            + durationSeconds + " s)");
        return;
      }
      StringBuilder payload = new StringBuilder();
      for (int i = timing + 1; i < to && payload.length() <= MAX_CUE_CHARS * 4; i++) {
        payload.append(payload.length() == 0 ? "" : "\n").append(lines[i]);
      }
      String raw = payload.toString();
      String speaker = "";
      if (!srt) {
        Matcher voice = VOICE.matcher(raw);
        if (voice.find()) {
          speaker = plain(voice.group(1), false);
        }
      }
      String text = plain(raw, srt);
      if (speaker.isEmpty()) {
        int label = TranscriptParser.labelEnd(text, 0);
        if (label > 0) {
          speaker = text.substring(0, label).strip();
          text = text.substring(label + 1).strip();
        }
      }
      if (text.length() > MAX_CUE_CHARS) {
        skip(timing + 1, "its text is longer than " + MAX_CUE_CHARS + " characters");
        return;
      }
      if (text.isEmpty()) {
        return; // a silent cue: nothing to transcribe
      }
      cues.add(new Captions.Cue(start, end, speaker, text, timing + 1));
    }

    private void skip(int line, String why) {
      skipped++;
      lastSkipped = line;
      if (skipped <= MAX_REPORTED) {
        problems.add(new Problem(ProblemCode.BAD_CUE, object, line, 1,
            "a cue is left out: " + why));
      }
    }

    private static boolean isKeyword(String line, String keyword) {
      return line.startsWith(keyword) && (line.length() == keyword.length()
          || line.charAt(keyword.length()) == ' ' || line.charAt(keyword.length()) == '\t');
    }

    /** Seconds, or -1 when {@code text} is not a time of this format. */
    private double seconds(String text) {
      Matcher m = (srt ? SRT_TIME : VTT_TIME).matcher(text);
      if (!m.matches()) {
        return -1;
      }
      long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
      long millis = Long.parseLong((m.group(4) + "00").substring(0, 3));
      return (((hours * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3))) * 1000
          + millis) / 1000.0;
    }
  }

  /**
   * The plain text of cue markup: tags removed, entities decoded (WebVTT only: SubRip has
   * none), characters XML forbids dropped, white space collapsed.
   */
  static String plain(String markup, boolean srt) {
    String text = (srt ? SRT_TAG : VTT_TAG).matcher(markup).replaceAll("");
    if (!srt && text.indexOf('&') >= 0) {
      text = Parser.unescapeEntities(text, false);
    }
    return SPACES.matcher(Xml.clean(text)).replaceAll(" ").strip();
  }
}
