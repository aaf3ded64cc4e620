package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.podcast.episode.ItemTags.Chapter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chapters from timestamp lines in show notes: only where the notes clearly hold a list. */
class ChapterLinesTest {

  @Test
  void aListOfTimestampLinesIsTheChapters() {
    String notes = """
        What we talked about:

        00:00 Intro
        (12:30) Interview with [Ada](https://example.com/ada)
        [1:02:03] Question of the **week**
        - 1:10:00 - Wrap up
        """;
    assertEquals(List.of(new Chapter(0, "Intro"), new Chapter(750, "Interview with Ada"),
        new Chapter(3723, "Question of the week"), new Chapter(4200, "Wrap up")),
        ChapterLines.of(notes, 5000));
  }

  @Test
  void proseOrABrokenListIsNoChapters() {
    assertEquals(List.of(), ChapterLines.of("We met at 10:30 and talked.\n00:00 Intro\n", 600),
        "one line");
    assertEquals(List.of(), ChapterLines.of("00:00 A\n05:00 B\n", 600), "two lines");
    assertEquals(List.of(), ChapterLines.of("00:00 A\n05:00 B\n03:00 C\n", 600), "unordered");
    assertEquals(List.of(), ChapterLines.of("00:00 A\n05:00 B\n12:00 C\n", 600),
        "past the end of a ten-minute episode");
    assertEquals(List.of(), ChapterLines.of("00:00 A\n05:75 B\n06:00 C\n", 600), "not a time");
    assertEquals(List.of(), ChapterLines.of("00:00 A\n    01:00 B\n02:00 C\n", 600),
        "an indented code line is not a chapter line, and the list is broken");
  }

  @Test
  void titlesAreCutAndCleaned() {
    List<Chapter> chapters = ChapterLines.of("0:00 " + "x".repeat(300) + "\n1:00 B\u0007\n"
        + "2:00 C\n", 0);
    assertEquals(128, chapters.get(0).title().length());
    assertEquals("B", chapters.get(1).title());
  }
}
