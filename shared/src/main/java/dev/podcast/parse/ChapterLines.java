package dev.podcast.parse;

import dev.podcast.episode.ItemTags;
import dev.podcast.text.Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chapters written in the show notes as timestamp lines: {@code 00:00 Intro},
 * {@code (12:30) Interview}, {@code [1:02:03] Question of the week}, {@code - 5:10 - News}.
 * Only where the notes clearly hold a list: at least {@value #MIN_LINES} such lines at line
 * starts, in increasing order, within the episode. Anything else is no chapter list, and nothing
 * is reported: notes are prose.
 */
final class ChapterLines {

  static final int MIN_LINES = 3;
  static final int MAX_LINES = 500;
  static final int MAX_TITLE = 128;

  private static final Pattern LINE = Pattern.compile(
      "^[ \\t]{0,3}(?:[-*+][ \\t]+)?[(\\[]?(?:(\\d{1,2}):)?(\\d{1,2}):(\\d{2})[)\\]]?"
          + "[ \\t]*(?:[-\u2013\u2014:|][ \\t]*)?(\\S.{0,400})$");
  /** Markdown links and emphasis, kept as their text in a title. */
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern EMPHASIS = Pattern.compile("[*_`]+");

  private ChapterLines() {}

  /** The chapters {@code notes} (Markdown) list, or none. */
  static List<ItemTags.Chapter> of(String notes, long durationSeconds) {
    List<ItemTags.Chapter> chapters = new ArrayList<>();
    double previous = -1;
    for (String line : notes.split("\n", -1)) {
      Matcher m = LINE.matcher(line.stripTrailing());
      if (!m.matches()) {
        continue;
      }
      int hours = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
      int minutes = Integer.parseInt(m.group(2));
      int seconds = Integer.parseInt(m.group(3));
      if (seconds > 59 || m.group(1) != null && minutes > 59) {
        return List.of(); // not a time: no clear list
      }
      double start = hours * 3600 + minutes * 60 + seconds;
      String title = Xml.clean(EMPHASIS.matcher(LINK.matcher(m.group(4)).replaceAll("$1"))
          .replaceAll("")).strip();
      if (start <= previous || durationSeconds > 0 && start >= durationSeconds
          || title.isEmpty() || chapters.size() == MAX_LINES) {
        return List.of(); // out of order, past the end, untitled or endless: not a chapter list
      }
      chapters.add(new ItemTags.Chapter(start, title.length() > MAX_TITLE
          ? title.substring(0, MAX_TITLE - 1).strip() + "\u2026" : title));
      previous = start;
    }
    return chapters.size() >= MIN_LINES ? chapters : List.of();
  }
}
