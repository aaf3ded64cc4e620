package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.episode.Captions;
import dev.podcast.episode.Transcript;
import dev.podcast.episode.Turn;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WebVTT and SubRip transcripts beside an episode: cues, speakers, and hostile files. */
class CaptionsParserTest {

  private static final Path SIDECARS = Path.of("src/test/resources/sidecars");
  private static final String VTT = "content/post/x/transcript.vtt";
  private static final String SRT = "content/post/x/transcript.srt";

  @Test
  void aRealShapedWebVttFileGivesCuesWithSpeakersAndPlainText() throws Exception {
    CaptionsParser.Read read = CaptionsParser.parse(VTT,
        Files.readString(SIDECARS.resolve("transcript.vtt")), 2105);
    assertEquals(List.of(), read.problems());
    Captions captions = read.captions();
    assertEquals(Captions.VTT_FILE, captions.file());
    assertEquals(Captions.VTT_TYPE, captions.type());
    List<Captions.Cue> cues = captions.cues();
    assertEquals(7, cues.size(), "NOTE and STYLE blocks are not cues");
    assertEquals(new Captions.Cue(0, 8.5, "Francesc Campoy", "Hi, and welcome to Episode Number"
        + " 101 of the weekly Google Talk Platform Podcast.", 10), cues.get(0));
    assertEquals("", cues.get(1).speaker(), "no voice: the speaker before continues");
    assertEquals("I am Francesc Campoy, and I'm here with my colleague Mark Mandel. Hey, Mark."
        + " How are you doing?", cues.get(1).text(), "<b> removed");
    assertEquals("I am good. I am hanging out in my parents' house in Melbourne, Australia. So"
        + " it's really nice being back in my home.", cues.get(2).text(), "lines joined");
    assertEquals(21.25, cues.get(2).end(), "cue settings after the end time are not the time");
    assertEquals("Francesc Campoy", cues.get(5).speaker(), "a voice with a class");
    assertTrue(cues.get(5).text().endsWith("IoT Core & more."), "entity decoded");

    Transcript transcript = CaptionsParser.transcript(captions);
    assertTrue(transcript.timed());
    List<Turn> turns = transcript.turns();
    assertEquals(List.of("Francesc Campoy", "Mark Mandel", "Francesc Campoy", "Mark Mandel",
        "Francesc Campoy", "Mark Mandel"), turns.stream().map(Turn::speaker).toList());
    assertTrue(turns.get(0).text().startsWith("Hi, and welcome")
        && turns.get(0).text().endsWith("How are you doing?"), "two cues, one turn");
    assertEquals(List.of("laughter"), turns.get(5).cues());
  }

  @Test
  void aSubRipFileWithCrLfLabelsAndTagsGivesTheSameKindOfCues() throws Exception {
    CaptionsParser.Read read = CaptionsParser.parse(SRT,
        Files.readString(SIDECARS.resolve("transcript.srt")), 2105);
    assertEquals(List.of(), read.problems());
    List<Captions.Cue> cues = read.captions().cues();
    assertEquals(Captions.SRT_TYPE, read.captions().type());
    assertEquals(3, cues.size());
    assertEquals("FRANCESC", cues.get(0).speaker());
    assertEquals("Hi, and welcome to Episode Number 101 of the weekly Google Talk Platform"
        + " Podcast.", cues.get(0).text());
    assertEquals("I am Francesc Campoy, and I am here with my colleague Mark Mandel.",
        cues.get(1).text(), "<i> removed");
    assertEquals("MARK", cues.get(2).speaker(), "{\\an8} removed before the label");
    assertEquals(14.0, cues.get(2).start());
    assertEquals(2, cues.get(0).line());
  }

  @Test
  void htmlInsideCuesIsRemovedAndNeverReachesTheText() {
    CaptionsParser.Read read = CaptionsParser.parse(VTT, """
        WEBVTT

        00:01.000 --> 00:02.000
        <v Eve <script>>Hello <script>alert(1)</script><img src=x onerror=alert(2)> world &lt;b&gt;

        00:02.000 --> 00:03.000
        <v Mallory>unclosed <b
        """, 60);
    List<Captions.Cue> cues = read.captions().cues();
    assertEquals(2, cues.size(), read.problems().toString());
    // A '>' alone is text in WebVTT, and stays text; no tag does.
    assertEquals(">Hello alert(1) world <b>", cues.get(0).text(), "tags gone, escaped text"
        + " kept as text");
    assertEquals("Eve", cues.get(0).speaker());
    assertFalse(cues.get(0).speaker().contains("<"), cues.get(0).speaker());
    assertEquals("unclosed", cues.get(1).text());
  }

  @Test
  void badCuesAreLeftOutEachWithItsLine() {
    CaptionsParser.Read read = CaptionsParser.parse(VTT, """
        WEBVTT

        00:01.000 --> 00:02.000
        Fine.

        00:0x.000 --> 00:03.000
        Malformed time.

        00:05.000 --> 00:04.000
        Ends before it starts.

        00:00.500 --> 00:06.000
        Starts before the cue before it.

        -00:01.000 --> 00:06.000
        Negative.

        20:00.000 --> 20:01.000
        After the end of a ten-minute episode.

        00:07.000 --> 00:08.000
        """ + "x".repeat(CaptionsParser.MAX_CUE_CHARS + 1) + """


        00:09.000 --> 00:10.000
        Also fine.
        """, 600);
    assertEquals(List.of("Fine.", "Also fine."), read.captions().cues().stream()
        .map(Captions.Cue::text).toList());
    List<Problem> problems = read.problems();
    assertTrue(problems.stream().allMatch(p -> p.code() == ProblemCode.BAD_CUE
        && p.file().equals(VTT)), problems.toString());
    assertEquals(List.of(6, 9, 12, 15, 18, 21), problems.stream().map(Problem::line).toList(),
        problems.toString());
    assertTrue(problems.get(0).message().contains("00:0x.000"), problems.get(0).message());
    assertTrue(problems.get(5).message().contains("longer than 2000"),
        problems.get(5).message());
  }

  @Test
  void aFileThatIsNotWebVttOrHoldsNoCueIsAnError() {
    CaptionsParser.Read notVtt = CaptionsParser.parse(VTT, "<html><body>hi</body></html>", 60);
    assertEquals(ProblemCode.SIDECAR_INVALID, notVtt.problems().get(0).code());
    assertEquals(1, notVtt.problems().get(0).line());
    assertTrue(notVtt.captions().isEmpty());
    CaptionsParser.Read empty = CaptionsParser.parse(VTT, "WEBVTT\n\nNOTE nothing here\n", 60);
    assertEquals(List.of(ProblemCode.SIDECAR_INVALID), empty.problems().stream()
        .map(Problem::code).toList());
    CaptionsParser.Read srt = CaptionsParser.parse(SRT, "1\nnot a time\nhello\n", 60);
    assertTrue(srt.problems().stream().anyMatch(p -> p.code() == ProblemCode.SIDECAR_INVALID),
        srt.problems().toString());
  }

  @Test
  void manyBadCuesAreReportedTwentyTimesThenCounted() {
    StringBuilder vtt = new StringBuilder("WEBVTT\n\n00:00.000 --> 00:01.000\nok\n\n");
    for (int i = 0; i < 100; i++) {
      vtt.append("bad --> times\ntext\n\n");
    }
    CaptionsParser.Read read = CaptionsParser.parse(VTT, vtt.toString(), 0);
    assertEquals(CaptionsParser.MAX_REPORTED + 1, read.problems().size());
    assertTrue(read.problems().get(CaptionsParser.MAX_REPORTED).message()
        .startsWith("80 more cues"), read.problems().get(CaptionsParser.MAX_REPORTED).message());
    assertEquals(1, read.captions().cues().size());
  }
}
