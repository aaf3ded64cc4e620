package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.episode.Transcript;
import dev.podcast.episode.Turn;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptParserTest {

  @Test
  void labelsStartTurnsAndUnlabelledParagraphsContinueTheSpeaker() {
    Transcript t = TranscriptParser.parse("[MUSIC PLAYING] MARK: Hi, and welcome.\n\n"
        + "MELANIE: Hey.\n\nStill Melanie [LAUGHTER] here.\n\nMARK MANDEL: Me.\n\n"
        + "SPEAKER 1: Who?\n", 5, true);
    List<Turn> turns = t.turns();
    assertEquals(5, turns.size(), turns.toString());
    assertEquals("", turns.get(0).speaker());
    assertEquals("[MUSIC PLAYING]", turns.get(0).text());
    assertEquals(List.of("MUSIC PLAYING"), turns.get(0).cues());
    assertTrue(turns.get(0).isCueOnly());
    assertEquals("MARK", turns.get(1).speaker());
    assertEquals("Hi, and welcome.", turns.get(1).text());
    assertEquals(5, turns.get(1).line());
    assertEquals("MELANIE", turns.get(2).speaker());
    assertEquals("Hey.\n\nStill Melanie [LAUGHTER] here.", turns.get(2).text());
    assertEquals(List.of("Hey.", "Still Melanie [LAUGHTER] here."), turns.get(2).paragraphs());
    assertEquals(List.of("LAUGHTER"), turns.get(2).cues());
    assertEquals(7, turns.get(2).line());
    assertEquals("MARK MANDEL", turns.get(3).speaker());
    assertEquals("SPEAKER 1", turns.get(4).speaker());
    assertEquals(List.of("MARK", "MELANIE", "MARK MANDEL", "SPEAKER 1"), t.speakers());
  }

  @Test
  void turnsOnConsecutiveLinesWithoutBlankLines() {
    Transcript t = TranscriptParser.parse("FRANCESC: One.\nMARK: Two.\nwraps on.\nFRANCESC: Three.",
        1, false);
    assertEquals(3, t.turns().size());
    assertEquals("Two. wraps on.", t.turns().get(1).text());
    assertEquals(2, t.turns().get(1).line());
  }

  @Test
  void whatIsNotALabel() {
    Transcript t = TranscriptParser.parse("MARK: Go to https://x.io: it rocks.\n\n"
        + "Note: lower case is not a label.\n\nURL:no-space is not one either.\n\n"
        + "THIS LABEL HAS FAR TOO MANY WORDS IN IT: nope.\n\n[link](http://x) text\n", 1, false);
    assertEquals(1, t.turns().size(), t.turns().toString());
    assertEquals("MARK", t.turns().get(0).speaker());
    assertTrue(t.turns().get(0).cues().isEmpty(), t.turns().get(0).cues().toString());
  }

  @Test
  void cueAloneAtTheEndAndTextBeforeAnyLabel() {
    Transcript t = TranscriptParser.parse("Welcome, everyone.\n\nMARK: Bye.\n\n[MUSIC PLAYING]\n",
        1, false);
    assertEquals(3, t.turns().size());
    assertEquals("", t.turns().get(0).speaker());
    assertTrue(!t.turns().get(0).isCueOnly());
    assertTrue(t.turns().get(2).isCueOnly());
  }

  @Test
  void blankLinesMadeOfNoBreakSpacesSeparateParagraphs() {
    Transcript t = TranscriptParser.parse("A: one\n\u00A0\u200B\nB: two\n", 1, false);
    assertEquals(2, t.turns().size());
    assertEquals("one", t.turns().get(0).text());
  }

  @Test
  void emptyTextHasNoTurns() {
    assertTrue(TranscriptParser.parse("\n \n", 1, false).isEmpty());
  }
}
