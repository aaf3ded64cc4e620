package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.episode.Episode;
import dev.podcast.episode.EpisodeStatus;
import dev.podcast.episode.ItemTags;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeParserTest {

  private static final String VALID_FRONT_MATTER = """
      title = "Episode"
      date = "2019-03-06"
      audioFile = "ep.mp3"
      audioSize = 1000
      audioDuration = "00:10:00"
      description = "About it."
      image = "/images/ep.png"
      """;

  private final EpisodeParser parser = TestCorpus.parser();

  private ParseResult parse(String path, String text) {
    return parser.parse(path, text.getBytes(StandardCharsets.UTF_8));
  }

  private Episode episode(String frontMatter, String body) {
    ParseResult result = parse("content/post/ep/index.md",
        "+++\n" + frontMatter + "+++\n" + body);
    return result.episode().orElseThrow(() -> new AssertionError(result.problems().toString()));
  }

  private List<ProblemCode> codes(ParseResult result) {
    return result.problems().stream().map(Problem::code).toList();
  }

  @Test
  void aCompleteEpisode() {
    Episode e = episode(VALID_FRONT_MATTER + "hosts = [\"A\", \"B\"]\ncategories = [\"Go\"]\n"
        + "episodeNumber = 7\nredditLink = \"https://reddit.com/x\"\n",
        "Intro.\n\n<!--more-->\n\n## Links\n\n{{< transcript \"MARK: Hi.\" >}}\n\nMELANIE: Yo.\n");
    assertEquals("ep", e.slug());
    assertEquals("/post/ep/", e.pagePath());
    assertEquals("Episode", e.title());
    assertEquals(Instant.parse("2019-03-06T00:00:00Z"), e.date());
    assertEquals(e.date(), e.publishDate());
    assertEquals(TestCorpus.EPISODE_HOST + "/ep.mp3", e.audio().url());
    assertEquals(1000, e.audio().sizeBytes());
    assertEquals(600, e.audio().durationSeconds());
    assertEquals("audio/mpeg", e.audio().mimeType());
    assertEquals(List.of("A", "B"), e.hosts());
    assertEquals(7, e.episodeNumber().getAsInt());
    assertEquals("https://reddit.com/x", e.links().get("redditLink"));
    assertEquals("<p>Intro.</p>", e.summaryHtml());
    assertEquals("<p>Intro.</p>\n\n<h2 id=\"links\">Links</h2>", e.notesHtml());
    assertEquals(2, e.transcript().turns().size());
    assertEquals(EpisodeStatus.PUBLISHED, e.statusAt(Instant.parse("2020-01-01T00:00:00Z")));
  }

  @Test
  void summaryFallsBackToFrontMatterThenToTheFirst70Words() {
    Episode withSummary = episode(VALID_FRONT_MATTER + "summary = \"*Short* one.\"\n", "Body.\n");
    assertEquals("<p><em>Short</em> one.</p>", withSummary.summaryHtml());
    StringBuilder words = new StringBuilder();
    for (int i = 1; i <= 80; i++) {
      words.append("w").append(i).append(i % 10 == 0 ? "\n" : " ");
    }
    Episode automatic = episode(VALID_FRONT_MATTER, "**" + words.toString().strip() + "**\n");
    assertTrue(automatic.summaryHtml().startsWith("<p>w1 w2 "), automatic.summaryHtml());
    assertTrue(automatic.summaryHtml().endsWith(" w70</p>"), automatic.summaryHtml());
  }

  @Test
  void gfmTablesStrikethroughAutolinksRawHtmlAndHeadingIds() {
    Episode e = episode(VALID_FRONT_MATTER, """
        | a | b |
        |---|---|
        | 1 | 2 |

        ~~old~~ see https://cloud.google.com now

        <div class="x"><img src="/i.png"></div>

        ##### What's something cool you're working on?
        ##### Interview
        ##### Interview
        """);
    String html = e.notesHtml();
    assertTrue(html.contains("<table>") && html.contains("<td>1</td>"), html);
    assertTrue(html.contains("<del>old</del>"), html);
    assertTrue(html.contains("<a href=\"https://cloud.google.com\">https://cloud.google.com</a>"),
        html);
    assertTrue(html.contains("<div class=\"x\"><img src=\"/i.png\"></div>"), html);
    assertTrue(html.contains("<h5 id=\"whats-something-cool-youre-working-on\">"), html);
    assertTrue(html.contains("<h5 id=\"interview\">") && html.contains("<h5 id=\"interview-1\">"),
        html);
  }

  @Test
  void missingTitleAndDateAreErrorsWithTheirLines() {
    ParseResult result = parse("content/post/x/index.md",
        "+++\naudioFile = \"a.mp3\"\ntitle = \"  \"\n+++\nNotes.\n");
    assertTrue(result.episode().isEmpty());
    assertTrue(codes(result).containsAll(List.of(ProblemCode.MISSING_TITLE,
        ProblemCode.MISSING_DATE)), result.problems().toString());
    Problem title = result.problems().stream()
        .filter(p -> p.code() == ProblemCode.MISSING_TITLE).findFirst().orElseThrow();
    assertEquals(3, title.line());
    assertEquals("content/post/x/index.md", title.file());
  }

  /** Season name, licence and soundbites from front matter, in TOML and in YAML. */
  @Test
  void theItemsOtherPodcastingTagsAreReadAndBadOnesLeftOutWithTheirLine() {
    Episode e = episode(VALID_FRONT_MATTER + """
        season = 2
        seasonName = "The second season"
        license = "cc-by-4.0"
        licenseUrl = "https://creativecommons.org/licenses/by/4.0/"
        soundbites = [
          { startTime = 73.5, duration = 60, title = "The good part" },
          { startTime = "0:05:00", duration = 15.25 },
        ]
        """, "Notes.\n");
    assertEquals(new ItemTags("The second season", "cc-by-4.0",
        "https://creativecommons.org/licenses/by/4.0/", List.of(
            new ItemTags.Soundbite(73.5, 60, "The good part"),
            new ItemTags.Soundbite(300, 15.25, ""))), e.tags());
    ParseResult yaml = parse("content/post/y/index.md", "---\ntitle: Episode\ndate: 2019-03-06\n"
        + "audioFile: ep.mp3\naudioSize: 1000\naudioDuration: \"00:10:00\"\ndescription: About."
        + "\nimage: /images/ep.png\nseasonName: Two\nsoundbites:\n  - startTime: 10\n"
        + "    duration: 30\n    title: Yes\n---\nNotes.\n");
    assertEquals(List.of(new ItemTags.Soundbite(10, 30, "Yes")),
        yaml.episode().orElseThrow().tags().soundbites(), yaml.problems().toString());
    assertEquals(ItemTags.NONE, episode(VALID_FRONT_MATTER, "Notes.\n").tags());
    // Chapters in front matter win over timestamp lines in the notes; a bad one is left out.
    ParseResult chapters = parse("content/post/c/index.md", "+++\n" + VALID_FRONT_MATTER + """
        chapters = [
          { startTime = 0, title = "Intro" },
          { startTime = "2:30", title = "Interview" },
          { startTime = 60, title = "Before the one before it" },
          { startTime = 700, title = "After the end" },
        ]
        +++
        00:00 Not
        01:00 These
        02:00 Lines
        """);
    assertEquals(List.of(new ItemTags.Chapter(0, "Intro"), new ItemTags.Chapter(150,
        "Interview")), chapters.episode().orElseThrow().tags().chapters());
    assertEquals(2, chapters.problems().stream().filter(p -> p.code() == ProblemCode.BAD_ITEM_TAG
        && p.line() == 9).count(), chapters.problems().toString());
    assertEquals(3, episode(VALID_FRONT_MATTER, "00:00 A\n01:00 B\n02:00 C\n").tags().chapters()
        .size(), "from the notes when front matter has none");
    ParseResult alternates = parse("content/post/z/index.md", "+++\n" + VALID_FRONT_MATTER + """
        alternateEnclosures = [
          { url = "https://cdn.example.com/ep.mp4", type = "video/mp4", length = 1234567, \
        bitrate = 2500000, title = "Video", default = true },
          { url = "https://cdn.example.com/ep-64k.mp3", type = "audio/mpeg" },
          { url = "file:///etc/passwd", type = "audio/mpeg" },
          { url = "https://cdn.example.com/x", type = "not a type" },
        ]
        +++
        Notes.
        """);
    assertEquals(List.of(new ItemTags.Alternate("https://cdn.example.com/ep.mp4", "video/mp4",
        1234567, 2500000, "Video", true), new ItemTags.Alternate(
        "https://cdn.example.com/ep-64k.mp3", "audio/mpeg", 0, 0, "", false)),
        alternates.episode().orElseThrow().tags().alternates());
    assertEquals(List.of("alternateEnclosures[3]: its url is not an http(s) URL, so it is left"
        + " out", "alternateEnclosures[4]: its type is not a MIME type such as video/mp4, so it is"
        + " left out"), alternates.problems().stream()
        .filter(p -> p.code() == ProblemCode.BAD_ITEM_TAG).map(Problem::message).toList());

    // Each bad one: a warning on the key's line, left out, and the episode still published.
    ParseResult bad = parse("content/post/x/index.md", "+++\n" + VALID_FRONT_MATTER + """
        seasonName = "%s"
        licenseUrl = "ftp://x"
        license = "cc"
        soundbites = [
          { startTime = -1, duration = 10 },
          { startTime = 10, duration = 0 },
          { startTime = 590, duration = 30 },
          { startTime = 1, duration = 10, title = "%s" },
          "not a table",
          { startTime = 100, duration = 20 },
        ]
        +++
        Notes.
        """.formatted("s".repeat(129), "t".repeat(129)));
    Episode kept = bad.episode().orElseThrow();
    assertEquals(new ItemTags("", "cc", "", List.of(new ItemTags.Soundbite(100, 20, ""))),
        kept.tags());
    List<Problem> warnings = bad.problems().stream()
        .filter(p -> p.code() == ProblemCode.BAD_ITEM_TAG).toList();
    assertEquals(7, warnings.size(), warnings.toString());
    assertEquals(9, warnings.get(0).line(), "seasonName's line: " + warnings.get(0));
    assertTrue(warnings.stream().anyMatch(p -> p.line() == 12
        && p.message().startsWith("soundbites[3]: it ends after the episode (600 s)")),
        warnings.toString());
  }

  @Test
  void unreadableAudioSizeAndDurationAreErrors() {
    ParseResult result = parse("content/post/x/index.md", "+++\n" + VALID_FRONT_MATTER
        .replace("audioSize = 1000", "audioSize = \"big\"") + "+++\nN\n");
    assertEquals(List.of(ProblemCode.BAD_AUDIO_SIZE), codes(result));
    assertEquals(5, result.problems().get(0).line());
    result = parse("content/post/x/index.md", "+++\n" + VALID_FRONT_MATTER
        .replace("\"00:10:00\"", "\"ten minutes\"") + "+++\nN\n");
    assertEquals(List.of(ProblemCode.BAD_AUDIO_DURATION), codes(result));
    assertEquals(6, result.problems().get(0).line());
  }

  @Test
  void warningsAFeedReaderWouldRaise() {
    String fm = VALID_FRONT_MATTER.replace("audioSize = 1000", "audioSize = 0")
        .replace("description = \"About it.\"", "description = \"\"")
        .replace("image = \"/images/ep.png\"\n", "");
    ParseResult result = parse("content/post/x/index.md", "+++\n" + fm + "+++\n"
        + "x".repeat(5000) + "\n");
    assertTrue(result.episode().isPresent());
    assertEquals(List.of(ProblemCode.AUDIO_SIZE_ZERO, ProblemCode.MISSING_IMAGE,
        ProblemCode.EMPTY_DESCRIPTION, ProblemCode.NOTES_TOO_LONG), codes(result));
    result = parse("content/post/x/index.md", "+++\n" + VALID_FRONT_MATTER
        .replace("About it.", "d".repeat(300)) + "+++\nN\n");
    assertEquals(List.of(ProblemCode.DESCRIPTION_TOO_LONG), codes(result));
  }

  @Test
  void fileLargerThanTheLimitIsRejectedBeforeParsing(@TempDir Path dir) throws Exception {
    EpisodeParser small = new EpisodeParser(ParserSettings.defaults().withMaxFileBytes(100));
    Path file = dir.resolve("big.md");
    Files.writeString(file, "+++\n" + "#".repeat(200) + "\n");
    ParseResult result = small.parse(file, "big.md");
    assertEquals(List.of(ProblemCode.FILE_TOO_LARGE), codes(result));
    assertEquals(List.of(ProblemCode.FILE_TOO_LARGE), codes(small.parse("b.md", new byte[101])));
  }

  @Test
  void slugAndUrlOverrideThePathAsInHugo() {
    assertEquals("/post/episode-30-gaming-analytics/", parse(
        "content/post/episode-30-Gaming Analytics/index.md",
        "+++\n" + VALID_FRONT_MATTER + "+++\nN\n").episode().orElseThrow().pagePath());
    assertEquals("/post/flat/", parse("content/post/Flat.md",
        "+++\n" + VALID_FRONT_MATTER + "+++\nN\n").episode().orElseThrow().pagePath());
    Episode slug = episode(VALID_FRONT_MATTER + "slug = \"My Slug\"\n", "N\n");
    assertEquals("my-slug", slug.slug());
    assertEquals("/post/my-slug/", slug.pagePath());
    Episode url = episode(VALID_FRONT_MATTER + "url = \"/episodes/special/\"\n", "N\n");
    assertEquals("special", url.slug());
    assertEquals("/episodes/special/", url.pagePath());
  }

  @Test
  void hostileSlugsUrlsAndFileNamesAreRejected() {
    for (String extra : List.of("slug = \"../../etc\"\n", "url = \"/../../etc/passwd\"\n",
        "url = \"https://evil.example/\"\n", "slug = \"a\\u0000b\"\n",
        "image = \"../../secret.png\"\n")) {
      ParseResult result = parse("content/post/x/index.md", "+++\n"
          + VALID_FRONT_MATTER.replace("image = \"/images/ep.png\"\n", "") + extra + "+++\nN\n");
      assertTrue(result.episode().isEmpty(), extra);
      assertTrue(codes(result).contains(ProblemCode.UNSAFE_PATH), extra + result.problems());
    }
    ParseResult audio = parse("content/post/x/index.md", "+++\n"
        + VALID_FRONT_MATTER.replace("\"ep.mp3\"", "\"../../x.mp3\"") + "+++\nN\n");
    assertTrue(codes(audio).contains(ProblemCode.UNSAFE_PATH), audio.problems().toString());
  }

  @Test
  void absoluteAudioUrlsAndOtherMediaTypes() {
    Episode e = episode(VALID_FRONT_MATTER.replace("\"ep.mp3\"", "\"https://cdn.x/a.m4a\""),
        "N\n");
    assertEquals("https://cdn.x/a.m4a", e.audio().url());
    ParseResult bad = parse("content/post/x/index.md", "+++\n"
        + VALID_FRONT_MATTER.replace("\"ep.mp3\"", "\"https://cdn.x/a b.m4a\"") + "+++\nN\n");
    assertTrue(codes(bad).contains(ProblemCode.BAD_AUDIO_URL), bad.problems().toString());
    Episode m4a = episode(VALID_FRONT_MATTER.replace("ep.mp3", "my show.m4a"), "N\n");
    assertEquals(TestCorpus.EPISODE_HOST + "/my%20show.m4a", m4a.audio().url());
    assertEquals("audio/x-m4a", m4a.audio().mimeType());
  }

  @Test
  void draftsScheduledAndExpiredEpisodesAsHugoTreatsThem() {
    Instant now = Instant.parse("2024-01-01T00:00:00Z");
    assertEquals(EpisodeStatus.DRAFT, episode(VALID_FRONT_MATTER + "draft = true\n", "N\n")
        .statusAt(now));
    Episode scheduled = episode(VALID_FRONT_MATTER + "publishDate = 2024-02-01T09:00:00Z\n", "N\n");
    assertEquals(EpisodeStatus.SCHEDULED, scheduled.statusAt(now));
    assertEquals(EpisodeStatus.PUBLISHED, scheduled.statusAt(Instant.parse("2024-02-01T09:00:00Z")));
    Episode expired = episode(VALID_FRONT_MATTER + "expiryDate = \"2023-06-01\"\n", "N\n");
    assertEquals(EpisodeStatus.EXPIRED, expired.statusAt(now));
    ParseResult badDraft = parse("content/post/x/index.md", "+++\n" + VALID_FRONT_MATTER
        + "draft = \"maybe\"\n+++\nN\n");
    assertEquals(List.of(ProblemCode.WRONG_TYPE), codes(badDraft));
  }

  @Test
  void yamlAndJsonEpisodes() {
    ParseResult yaml = parse("content/post/y.md", """
        ---
        Title: YAML episode
        date: 2020-01-02T03:04:05+01:00
        audiofile: y.mp3
        audioSize: 5
        audioDuration: 65
        description: d
        image: /i.png
        hosts: [A]
        ---
        Notes.
        """);
    Episode y = yaml.episode().orElseThrow(() -> new AssertionError(yaml.problems()));
    assertEquals("YAML episode", y.title());
    assertEquals(Instant.parse("2020-01-02T02:04:05Z"), y.date());
    assertEquals(65, y.audio().durationSeconds());
    ParseResult json = parse("content/post/j.md", """
        {
          "title": "JSON episode",
          "date": "2020-01-02",
          "audioFile": "j.mp3",
          "audioSize": 5,
          "audioDuration": "01:05",
          "description": "d",
          "image": "/i.png"
        }
        Notes.
        """);
    Episode j = json.episode().orElseThrow(() -> new AssertionError(json.problems()));
    assertEquals("JSON episode", j.title());
    assertEquals("<p>Notes.</p>", j.notesHtml());
  }

  @Test
  void otherShortcodesAreWarningsNotCrashes() {
    ParseResult result = parse("content/post/x/index.md", "+++\n" + VALID_FRONT_MATTER
        + "+++\nA\n\n{{< youtube id >}}\n");
    assertTrue(result.episode().isPresent());
    assertEquals(List.of(ProblemCode.UNKNOWN_SHORTCODE), codes(result));
    assertEquals(12, result.problems().get(0).line());
    assertFalse(result.hasErrors());
  }
}
