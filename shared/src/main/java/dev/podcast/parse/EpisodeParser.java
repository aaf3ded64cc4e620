package dev.podcast.parse;

import dev.podcast.episode.Audio;
import dev.podcast.episode.Episode;
import dev.podcast.episode.ItemTags;
import dev.podcast.episode.Transcript;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.text.Html;
import dev.podcast.text.Xml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.OptionalInt;

/**
 * Reads one Hugo episode file, as podcasters write them, into an {@link Episode}, and reports every
 * problem with file, line and column. Bad input never throws: it ends in a {@link ParseResult}
 * with errors.
 *
 * <p>The recipe: bound the size, decode strictly as UTF-8 (repairing mojibake), split off and read
 * the front matter, split the body into notes and transcript, render the notes, parse the
 * transcript, then check what a feed needs.
 *
 * <p>Build one per show and reuse it: immutable and thread-safe.
 */
public final class EpisodeParser {

  private static final String MORE = "<!--more-->";
  private static final int SUMMARY_WORDS = 70;
  /**
   * The longest show notes read, in characters: six times the corpus's longest (10,402), sixteen
   * times what Apple shows (4,000 bytes), and small enough that Markdown at its most expensive
   * (100,000 emphasis delimiters in one paragraph: each is linear, but slow) stays far under the
   * fuzz corpus's 2 s on a loaded machine.
   */
  static final int MAX_NOTES_CHARS = 64 * 1024;
  private static final int APPLE_NOTES_BYTES = 4000;
  private static final int APPLE_SHORT_TEXT = 255;

  private final ParserSettings settings;
  private final NotesRenderer notesRenderer = new NotesRenderer();
  private final AuthorHtml authorHtml;

  public EpisodeParser(ParserSettings settings) {
    this.settings = settings;
    this.authorHtml = new AuthorHtml(settings.html().embedHosts());
  }

  public ParserSettings settings() {
    return settings;
  }

  /**
   * Reads and parses {@code file}. The size is checked before the file is read.
   *
   * @param sourcePath the path shown in problems and used for the slug: relative to the site root
   *     where there is one ({@code content/post/x/index.md})
   */
  public ParseResult parse(Path file, String sourcePath) {
    List<Problem> problems = new ArrayList<>();
    try {
      long size = Files.size(file);
      if (size > settings.maxFileBytes()) {
        problems.add(tooLarge(sourcePath, size));
        return new ParseResult(sourcePath, Optional.empty(), problems);
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        // The file may grow between the check and the read: never read past the limit.
        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxFileBytes() + 1));
      }
      return parse(sourcePath, bytes, sidecars(file, sourcePath));
    } catch (IOException e) {
      problems.add(new Problem(ProblemCode.READ_FAILED, sourcePath, 0, 0,
          "the file cannot be read: " + e.getMessage()));
      return new ParseResult(sourcePath, Optional.empty(), problems);
    }
  }

  /**
   * The sidecars beside {@code file} when it is a page bundle's {@code index.md}: regular files
   * only (a link is not followed), each read up to {@link Sidecar#MAX_BYTES}.
   */
  private static List<Sidecar> sidecars(Path file, String sourcePath) throws IOException {
    if (!file.getFileName().toString().equals("index.md") || file.getParent() == null) {
      return List.of();
    }
    String folder = sourcePath.substring(0, sourcePath.lastIndexOf('/') + 1);
    List<Sidecar> sidecars = new ArrayList<>(2);
    for (String name : Sidecar.NAMES) {
      Path sidecar = file.resolveSibling(name);
      if (!Files.isRegularFile(sidecar, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      long size = Files.size(sidecar);
      if (size > Sidecar.MAX_BYTES) {
        sidecars.add(Sidecar.tooLarge(folder + name, size));
        continue;
      }
      try (InputStream in = Files.newInputStream(sidecar, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        byte[] bytes = in.readNBytes((int) Sidecar.MAX_BYTES + 1);
        sidecars.add(bytes.length > Sidecar.MAX_BYTES ? Sidecar.tooLarge(folder + name,
            bytes.length) : Sidecar.of(folder + name, bytes));
      }
    }
    return sidecars;
  }

  /**
   * Parses the bytes of a source file. {@code sourcePath} as in {@link #parse(Path, String)}.
   *
   * <p>The parse runs on a thread of its own with a stack of {@value #PARSE_STACK_BYTES} bytes,
   * so that the recursion of a library on a hostile file (flexmark's regular expressions on a
   * line of 2,000 {@code -}) finishes; when even that stack or the memory runs out, the file
   * gets a {@link ProblemCode#TOO_COMPLEX} error and nothing else happens to the caller.
   */
  public ParseResult parse(String sourcePath, byte[] bytes) {
    return parse(sourcePath, bytes, List.of());
  }

  /**
   * Parses the bytes of a source file with the files beside it ({@code transcript.vtt},
   * {@code transcript.srt}, {@code chapters.json}; see {@link Sidecar}), on the same bounded
   * thread as {@link #parse(String, byte[])}. A sidecar with an error rejects the episode.
   */
  public ParseResult parse(String sourcePath, byte[] bytes, List<Sidecar> sidecars) {
    AtomicReference<ParseResult> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread worker = new Thread(null, () -> {
      try {
        result.set(Sidecars.apply(parseHere(sourcePath, bytes), sidecars));
      } catch (StackOverflowError | OutOfMemoryError tooMuch) {
        failure.set(tooMuch);
      } catch (RuntimeException | Error e) {
        failure.set(e);
      }
    }, "parse", PARSE_STACK_BYTES);
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join();
    } catch (InterruptedException e) {
      worker.interrupt();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while parsing " + sourcePath, e);
    }
    Throwable thrown = failure.get();
    if (thrown instanceof StackOverflowError || thrown instanceof OutOfMemoryError) {
      return new ParseResult(sourcePath, Optional.empty(), List.of(new Problem(
          ProblemCode.TOO_COMPLEX, sourcePath, 0, 0, "the file is nested or repeated too deeply"
              + " to be read (" + (thrown instanceof StackOverflowError ? "the reader's stack"
              : "the memory") + " ran out): shorten its longest runs of the same character and"
              + " its deepest lists, quotes or brackets")));
    }
    if (thrown instanceof RuntimeException e) {
      throw e;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
    return result.get();
  }

  /** The stack of the thread a file is parsed on: deep enough for every real file and more. */
  static final long PARSE_STACK_BYTES = 64L * 1024 * 1024;

  private ParseResult parseHere(String sourcePath, byte[] bytes) {
    List<Problem> problems = new ArrayList<>();
    if (bytes.length > settings.maxFileBytes()) {
      problems.add(tooLarge(sourcePath, bytes.length));
      return new ParseResult(sourcePath, Optional.empty(), problems);
    }
    Optional<Episode> episode = SourceDecoder.decode(bytes, sourcePath, problems)
        .flatMap(text -> FrontMatterReader.read(text, sourcePath, problems))
        .flatMap(split -> episode(sourcePath, split, problems));
    if (problems.stream().anyMatch(Problem::isError)) {
      episode = Optional.empty();
    }
    return new ParseResult(sourcePath, episode, problems);
  }

  /** The result of a file of {@code size} bytes, over the limit: never read. */
  public ParseResult tooLarge(String sourcePath, long size, long limit) {
    return new ParseResult(sourcePath, Optional.empty(), List.of(new Problem(
        ProblemCode.FILE_TOO_LARGE, sourcePath, 0, 0, String.format(Locale.ROOT,
            "the file is %,d bytes; the limit is %,d bytes: move large media out of the episode"
                + " file", size, limit))));
  }

  private Problem tooLarge(String file, long size) {
    return new Problem(ProblemCode.FILE_TOO_LARGE, file, 0, 0, String.format(Locale.ROOT,
        "the file is %,d bytes; the limit is %,d bytes: move large media out of the episode file",
        size, settings.maxFileBytes()));
  }

  private Optional<Episode> episode(String file, FrontMatterReader.Split split,
      List<Problem> problems) {
    Fields fields = new Fields(file, split.frontMatter(), problems);
    int fmLine = Math.max(1, split.bodyLine() - 1);

    // Runs of spaces in a title are typos that readers and browsers collapse anyway.
    // Characters XML forbids are dropped by every writer; a title of nothing else is no title.
    String written = fields.string("title").orElse("");
    String title = Xml.clean(written).strip().replaceAll("\\s+", " ");
    if (title.isEmpty()) {
      problems.add(new Problem(ProblemCode.MISSING_TITLE, file, fields.lineOf("title", fmLine),
          1, written.isBlank() ? "the episode has no title: add title = \"...\" to the front matter"
              : "the title holds only characters feeds cannot carry (controls such as U+0001)"));
    } else if (title.length() > APPLE_SHORT_TEXT) {
      fields.warn(ProblemCode.TITLE_TOO_LONG, "title", "the title is " + title.length()
          + " characters long; podcast apps cut titles longer than " + APPLE_SHORT_TEXT);
    }
    Optional<Instant> date = fields.date("date");
    if (date.isEmpty() && fields.entry("date").isEmpty()) {
      problems.add(new Problem(ProblemCode.MISSING_DATE, file, fmLine, 1,
          "the episode has no date: add date = \"YYYY-MM-DD\" to the front matter"));
    }
    Optional<Instant> publishDate = fields.date("publishDate");
    Optional<Instant> expiryDate = fields.date("expiryDate");
    boolean draft = fields.bool("draft", false);

    PageIdentity identity = PageIdentity.of(file, fields);
    Optional<Audio> audio = audio(fields, fmLine);
    String image = image(fields);
    String description = fields.string("description").orElse("").strip();
    if (description.isEmpty()) {
      fields.warn(ProblemCode.EMPTY_DESCRIPTION, "description",
          "the description is empty: podcast apps show it under the title");
    } else if (description.length() > APPLE_SHORT_TEXT) {
      fields.warn(ProblemCode.DESCRIPTION_TOO_LONG, "description", "the description is "
          + description.length() + " characters long; keep it under " + APPLE_SHORT_TEXT
          + " (the show notes can be longer)");
    }

    BodySplitter.Parts parts = BodySplitter.split(split.text(), split.bodyStart(),
        split.bodyLine(), file, problems);
    if (parts.notes().length() > MAX_NOTES_CHARS) {
      problems.add(new Problem(ProblemCode.FILE_TOO_LARGE, file, split.bodyLine(), 1,
          String.format(Locale.ROOT, "the show notes are %,d characters long; at most %,d are"
              + " read (a transcript goes after its shortcode, which has no such limit)",
              parts.notes().length(), MAX_NOTES_CHARS)));
      return Optional.empty();
    }
    String notesHtml;
    try {
      notesHtml = notesRenderer.render(parts.notes());
    } catch (NotesRenderer.TooComplex e) {
      int line = split.bodyLine() + (int) parts.notes().substring(0, Math.min(e.offset,
          parts.notes().length())).chars().filter(c -> c == '\n').count();
      problems.add(new Problem(ProblemCode.TOO_COMPLEX, file, line, 1, "the show notes cannot"
          + " be read in bounded time: " + e.getMessage()));
      return Optional.empty();
    }
    // Raw HTML as written only where the site opts in as Hugo does, and never from a CMS.
    boolean raw = settings.html().unsafe() && !fields.bool("cms", false);
    String summaryHtml = null;
    int more = notesHtml.indexOf(MORE);
    if (more >= 0) {
      summaryHtml = notesHtml.substring(0, more).strip();
      notesHtml = (notesHtml.substring(0, more) + notesHtml.substring(more + MORE.length()))
          .strip();
    } else {
      notesHtml = notesHtml.strip();
      Optional<String> summary = fields.string("summary");
      if (summary.isPresent() && !summary.get().isBlank()) {
        try {
          summaryHtml = notesRenderer.render(summary.get()).strip();
        } catch (NotesRenderer.TooComplex e) {
          fields.error(ProblemCode.TOO_COMPLEX, "summary", "the summary cannot be read in"
              + " bounded time: " + e.getMessage());
          return Optional.empty();
        }
      }
    }
    if (!raw) {
      AuthorHtml.Cleaned notes = authorHtml.clean(notesHtml);
      notesHtml = notes.html();
      if (!notes.removed().isEmpty()) {
        problems.add(new Problem(ProblemCode.HTML_REMOVED, file, split.bodyLine(), 1,
            "the show notes' HTML has " + String.join(", ", notes.removed()) + ", which pages"
                + " and feeds leave out (they keep formatting, headings, lists, links, images,"
                + " figures, tables and players from " + String.join(", ",
                settings.html().embedHosts()) + "); a site that trusts every author may set"
                + " markup.goldmark.renderer.unsafe = true in config.toml"));
      }
      if (summaryHtml != null) {
        summaryHtml = authorHtml.clean(summaryHtml).html();
      }
    }
    if (summaryHtml == null) {
      summaryHtml = autoSummary(notesHtml);
    }
    if (notesHtml.isEmpty()) {
      problems.add(new Problem(ProblemCode.EMPTY_NOTES, file, split.bodyLine(), 1,
          "the episode has no show notes: write a few lines about it after the front matter"));
    } else {
      int bytes = notesHtml.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > APPLE_NOTES_BYTES) {
        problems.add(new Problem(ProblemCode.NOTES_TOO_LONG, file, split.bodyLine(), 1,
            String.format(Locale.ROOT, "the show notes are %,d bytes as HTML; Apple Podcasts shows"
                + " at most %,d: the feed keeps them whole, but Apple may cut them", bytes,
                APPLE_NOTES_BYTES)));
      }
    }
    Transcript transcript = Transcript.NONE;
    if (parts.hasTranscript()) {
      transcript = TranscriptParser.parse(parts.firstLine(), parts.source(),
          parts.transcriptStart(), parts.transcriptEnd(), parts.transcriptLine(), parts.closed());
      if (transcript.isEmpty()) {
        problems.add(new Problem(ProblemCode.EMPTY_TRANSCRIPT, file, parts.transcriptLine(), 1,
            "the transcript shortcode is here but the transcript is empty"));
      }
    }

    String guid = guid(fields);
    if (problems.stream().anyMatch(Problem::isError) || date.isEmpty() || audio.isEmpty()
        || identity == null) {
      return Optional.empty();
    }
    return Optional.of(new Episode(
        file,
        identity.slug(),
        identity.pagePath(),
        title,
        description,
        date.get(),
        publishDate.orElse(date.get()),
        expiryDate,
        draft,
        fields.positiveInt("episodeNumber"),
        fields.positiveInt("season"),
        episodeType(fields),
        fields.strings("hosts"),
        fields.strings("categories"),
        image,
        audio.get(),
        summaryHtml,
        notesHtml,
        transcript,
        links(fields),
        guid,
        itemTags(fields, audio.get().durationSeconds(), parts.notes())));
  }

  /** The most soundbites an episode has, and the most characters of a tag's text. */
  static final int MAX_SOUNDBITES = 20;
  static final int MAX_TAG_TEXT = 128;

  /**
   * The episode's other Podcasting 2.0 tags: {@code seasonName}, {@code license},
   * {@code licenseUrl}, {@code soundbites}. A value the namespace does not allow is a
   * {@code bad-item-tag} warning on its line and is left out; the episode publishes.
   */
  private static ItemTags itemTags(Fields fields, long durationSeconds, String notes) {
    String seasonName = tagText(fields, "seasonName");
    String license = tagText(fields, "license");
    String licenseUrl = fields.string("licenseUrl").map(String::strip).orElse("");
    if (!licenseUrl.isEmpty() && !licenseUrl.startsWith("https://")
        && !licenseUrl.startsWith("http://")) {
      fields.warn(ProblemCode.BAD_ITEM_TAG, "licenseUrl", "licenseUrl must be an http(s) URL;"
          + " found " + show(licenseUrl) + ", so it is left out");
      licenseUrl = "";
    }
    return new ItemTags(seasonName, license, license.isEmpty() ? "" : licenseUrl,
        soundbites(fields, durationSeconds), alternates(fields),
        fields.entry("chapters").isPresent() ? chapters(fields, durationSeconds)
            : ChapterLines.of(notes, durationSeconds));
  }

  /** The most chapters an episode has. */
  static final int MAX_CHAPTERS = 500;

  /**
   * The {@code chapters} list: tables of {@code startTime} (seconds, or {@code "12:30"}) and
   * {@code title}, in order, within the episode; at most {@value #MAX_CHAPTERS}. A bad one is
   * left out with a warning.
   */
  private static List<ItemTags.Chapter> chapters(Fields fields, long durationSeconds) {
    return tables(fields, "chapters", "chapters", MAX_CHAPTERS,
        "[{ startTime = 0, title = \"Intro\" }]", new Table<>() {
          @Override
          public String why(Map<?, ?> chapter, List<ItemTags.Chapter> before) {
            double start = seconds(chapter.get("startTime"));
            Object title = chapter.get("title") == null ? "" : chapter.get("title");
            double previous = before.isEmpty() ? -1 : before.get(before.size() - 1).startTime();
            return start < 0 ? "its startTime is not a number of seconds at or after 0"
                : start <= previous ? "it does not start after the chapter before it"
                : durationSeconds > 0 && start >= durationSeconds
                    ? "it starts after the episode ends (" + durationSeconds + " s)"
                : !(title instanceof String t) || t.isBlank() || t.strip().length() > MAX_TAG_TEXT
                    || !Xml.clean(t).equals(t) ? "its title is not text of 1 to " + MAX_TAG_TEXT
                    + " characters"
                : "";
          }

          @Override
          public ItemTags.Chapter make(Map<?, ?> chapter) {
            return new ItemTags.Chapter(seconds(chapter.get("startTime")),
                ((String) chapter.get("title")).strip());
          }
        });
  }


  /** The most alternate enclosures an episode has. */
  static final int MAX_ALTERNATES = 10;
  private static final java.util.regex.Pattern MIME = java.util.regex.Pattern.compile(
      "[a-z]+/[a-z0-9][a-z0-9.+-]{0,100}");

  /**
   * The {@code alternateEnclosures} list: tables of {@code url} (http(s)), {@code type} (a MIME
   * type), and optionally {@code length} (bytes), {@code bitrate} (bits per second),
   * {@code title} and {@code default}; at most {@value #MAX_ALTERNATES}.
   */
  private static List<ItemTags.Alternate> alternates(Fields fields) {
    return tables(fields, "alternateEnclosures", "alternate enclosures", MAX_ALTERNATES,
        "[{ url = \"https://cdn.example/ep.mp4\", type = \"video/mp4\" }]", new Table<>() {
          @Override
          public String why(Map<?, ?> alt, List<ItemTags.Alternate> before) {
            Object url = alt.get("url");
            Object type = alt.get("type");
            Object length = alt.containsKey("length") ? alt.get("length") : 0L;
            Object bitrate = alt.containsKey("bitrate") ? alt.get("bitrate") : 0L;
            Object title = alt.containsKey("title") ? alt.get("title") : "";
            Object preferred = alt.containsKey("default") ? alt.get("default") : Boolean.FALSE;
            return !(url instanceof String u) || !(u.startsWith("https://")
                || u.startsWith("http://")) || !Xml.clean(u).equals(u) || u.length() > 2000
                ? "its url is not an http(s) URL"
                : !(type instanceof String t) || !MIME.matcher(t).matches()
                    ? "its type is not a MIME type such as video/mp4"
                : !(length instanceof Number n) || n.doubleValue() < 0
                    || n.doubleValue() != Math.rint(n.doubleValue())
                    ? "its length is not a number of bytes"
                : !(bitrate instanceof Number b) || !(b.doubleValue() >= 0)
                    ? "its bitrate is not a number of bits per second"
                : !(title instanceof String text) || text.strip().length() > 32
                    || !Xml.clean(text).equals(text)
                    ? "its title is not text of at most 32 characters"
                : !(preferred instanceof Boolean) ? "its default is not true or false"
                : "";
          }

          @Override
          public ItemTags.Alternate make(Map<?, ?> alt) {
            return new ItemTags.Alternate((String) alt.get("url"), (String) alt.get("type"),
                alt.containsKey("length") ? ((Number) alt.get("length")).longValue() : 0,
                alt.containsKey("bitrate") ? ((Number) alt.get("bitrate")).doubleValue() : 0,
                alt.containsKey("title") ? ((String) alt.get("title")).strip() : "",
                Boolean.TRUE.equals(alt.get("default")));
          }
        });
  }


  private static String tagText(Fields fields, String key) {
    String text = fields.string(key).map(String::strip).orElse("");
    if (text.length() > MAX_TAG_TEXT || !isOneLine(text)) {
      fields.warn(ProblemCode.BAD_ITEM_TAG, key, key + " must be at most " + MAX_TAG_TEXT
          + " characters on one line, so it is left out");
      return "";
    }
    return text;
  }

  /**
   * The {@code soundbites} list: tables of {@code startTime} and {@code duration} (seconds, or
   * {@code "00:01:13"}) and an optional {@code title}, within the episode; at most
   * {@value #MAX_SOUNDBITES}.
   */
  private static List<ItemTags.Soundbite> soundbites(Fields fields, long durationSeconds) {
    return tables(fields, "soundbites", "soundbites", MAX_SOUNDBITES,
        "[{ startTime = 73.5, duration = 60, title = \"The good part\" }]", new Table<>() {
          @Override
          public String why(Map<?, ?> bite, List<ItemTags.Soundbite> before) {
            double start = seconds(bite.get("startTime"));
            double length = seconds(bite.get("duration"));
            Object title = bite.containsKey("title") ? bite.get("title") : "";
            return start < 0 ? "its startTime is not a number of seconds at or after 0"
                : length <= 0 || length > 300 ? "its duration is not 0 to 300 seconds"
                : durationSeconds > 0 && start + length > durationSeconds + 1
                    ? "it ends after the episode (" + durationSeconds + " s)"
                : !(title instanceof String t) || t.strip().length() > MAX_TAG_TEXT
                    || !Xml.clean(t).equals(t) ? "its title is not text of at most "
                    + MAX_TAG_TEXT + " characters"
                : "";
          }

          @Override
          public ItemTags.Soundbite make(Map<?, ?> bite) {
            return new ItemTags.Soundbite(seconds(bite.get("startTime")),
                seconds(bite.get("duration")),
                bite.containsKey("title") ? ((String) bite.get("title")).strip() : "");
          }
        });
  }

  /** How one table of a front matter list of tables is checked and read. */
  private interface Table<T> {
    /** Why {@code table} is left out (after {@code before}, those read), or empty. */
    String why(Map<?, ?> table, List<T> before);

    /** The item {@code table} is, once {@link #why} found nothing. */
    T make(Map<?, ?> table);
  }

  /**
   * The list of tables at {@code key}, at most {@code max}, each checked by {@code table}: a
   * value that is no list, an item that is no table and a table {@code table} refuses are each
   * a {@code bad-item-tag} warning on the key's line, and left out.
   */
  private static <T> List<T> tables(Fields fields, String key, String noun, int max,
      String example, Table<T> table) {
    Optional<FrontMatter.Entry> entry = fields.entry(key);
    if (entry.isEmpty()) {
      return List.of();
    }
    if (!(entry.get().value() instanceof List<?> list)) {
      fields.warn(ProblemCode.BAD_ITEM_TAG, key, key + " must be a list of tables such as "
          + example + "; found " + show(entry.get().value()) + ", so they are left out");
      return List.of();
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = key + "[" + (i + 1) + "]";
      if (out.size() == max) {
        fields.warn(ProblemCode.BAD_ITEM_TAG, key, "more than " + max + " " + noun + ": " + at
            + " and later are left out");
        break;
      }
      if (!(list.get(i) instanceof Map<?, ?> item)) {
        fields.warn(ProblemCode.BAD_ITEM_TAG, key, at + " must be a table such as "
            + example.substring(1, example.length() - 1) + ", so it is left out");
        continue;
      }
      String why = table.why(item, out);
      if (!why.isEmpty()) {
        fields.warn(ProblemCode.BAD_ITEM_TAG, key, at + ": " + why + ", so it is left out");
        continue;
      }
      out.add(table.make(item));
    }
    return out;
  }


  /** Whether {@code text} is one line that XML can hold: no control character at all. */
  private static boolean isOneLine(String text) {
    return Xml.clean(text).equals(text) && text.chars().noneMatch(Character::isISOControl);
  }

  /** Seconds from a number or a duration text ({@code "1:13"}); -1 when neither. */
  private static double seconds(Object value) {
    if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      return Values.duration(s.strip()).map(d -> (double) d.toMillis() / 1000).orElse(-1.0);
    }
    return -1;
  }

  /** The most characters of a front matter {@code guid}. */
  static final int MAX_GUID_CHARS = 1_000;

  /** The front matter {@code guid}, or empty; an unusable one is an error. */
  private static String guid(Fields fields) {
    Optional<String> written = fields.string("guid");
    if (written.isEmpty()) {
      return "";
    }
    String guid = written.get().strip();
    if (guid.isEmpty() || guid.length() > MAX_GUID_CHARS || !isOneLine(guid)) {
      fields.error(ProblemCode.BAD_GUID, "guid", "the guid must be 1 to " + MAX_GUID_CHARS
          + " characters on one line, without control characters: it is the item guid"
          + " podcast apps know this episode by");
    }
    return guid;
  }

  /** Hugo's automatic summary: the first 70 words of the notes as plain text. */
  private static String autoSummary(String notesHtml) {
    String text = Html.toPlainText(notesHtml);
    int words = 0;
    int i = 0;
    int n = text.length();
    while (i < n && words < SUMMARY_WORDS) {
      while (i < n && text.charAt(i) == ' ') {
        i++;
      }
      if (i >= n) {
        break;
      }
      while (i < n && text.charAt(i) != ' ') {
        i++;
      }
      words++;
    }
    String summary = text.substring(0, i).strip();
    return summary.isEmpty() ? "" : "<p>" + Html.escape(summary) + "</p>";
  }

  private Optional<Audio> audio(Fields fields, int fmLine) {
    Optional<String> file = fields.string("audioFile").map(String::strip);
    if (file.isEmpty() || file.get().isEmpty()) {
      problems(fields).add(new Problem(ProblemCode.MISSING_AUDIO, fields.file,
          fields.lineOf("audioFile", fmLine), 1,
          "the episode has no audio: add audioFile = \"name.mp3\" (or a full https URL)"));
      return Optional.empty();
    }
    String url = audioUrl(fields, file.get());
    if (url == null) {
      return Optional.empty();
    }
    long size = 0;
    Optional<FrontMatter.Entry> sizeEntry = fields.entry("audioSize");
    if (sizeEntry.isPresent()) {
      Optional<Long> parsed = Values.size(sizeEntry.get().value());
      if (parsed.isEmpty()) {
        fields.error(ProblemCode.BAD_AUDIO_SIZE, "audioSize", "audioSize must be the file size in"
            + " bytes, a whole number such as 50813810; found " + show(sizeEntry.get().value()));
        return Optional.empty();
      }
      size = parsed.get();
      if (size == 0) {
        fields.warn(ProblemCode.AUDIO_SIZE_ZERO, "audioSize", "audioSize is 0: podcast apps use"
            + " it to show the download size; set it to the file's size in bytes");
      }
    } else {
      problems(fields).add(new Problem(ProblemCode.AUDIO_SIZE_ZERO, fields.file, fmLine, 1,
          "there is no audioSize: podcast apps use it to show the download size; add it in"
              + " bytes"));
    }
    Duration duration = Duration.ZERO;
    Optional<FrontMatter.Entry> durationEntry = fields.entry("audioDuration");
    if (durationEntry.isPresent()) {
      Optional<Duration> parsed = Values.duration(durationEntry.get().value());
      if (parsed.isEmpty()) {
        fields.error(ProblemCode.BAD_AUDIO_DURATION, "audioDuration", "audioDuration must be"
            + " HH:MM:SS, MM:SS or a number of seconds; found "
            + show(durationEntry.get().value()));
        return Optional.empty();
      }
      duration = parsed.get();
      if (duration.isZero()) {
        fields.warn(ProblemCode.AUDIO_DURATION_ZERO, "audioDuration",
            "audioDuration is zero: set the running time as HH:MM:SS");
      }
    } else {
      problems(fields).add(new Problem(ProblemCode.AUDIO_DURATION_ZERO, fields.file, fmLine, 1,
          "there is no audioDuration: add the running time as HH:MM:SS"));
    }
    Optional<String> type = Values.mediaType(file.get());
    if (type.isEmpty()) {
      fields.warn(ProblemCode.UNKNOWN_AUDIO_TYPE, "audioFile", "the media type of '" + file.get()
          + "' is unknown from its extension; use .mp3, .m4a, .mp4, .m4v, .mov or .pdf");
    }
    return Optional.of(new Audio(file.get(), url, size, duration,
        type.orElse("application/octet-stream")));
  }

  /** The absolute audio URL, or null (with an error) when the name is unsafe or unusable. */
  private String audioUrl(Fields fields, String file) {
    String lower = file.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      if (file.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>' || c == 0x7F)) {
        fields.error(ProblemCode.BAD_AUDIO_URL, "audioFile",
            "audioFile is not a valid URL: it contains spaces or control characters");
        return null;
      }
      return file;
    }
    if (lower.contains(":") || file.startsWith("//")) {
      fields.error(ProblemCode.BAD_AUDIO_URL, "audioFile",
          "audioFile must be a file name or an http(s) URL; found '" + file + "'");
      return null;
    }
    Optional<String> unsafe = Slugs.unsafeSitePath(file);
    if (unsafe.isPresent()) {
      fields.error(ProblemCode.UNSAFE_PATH, "audioFile",
          "audioFile cannot be used because " + unsafe.get());
      return null;
    }
    String base = settings.episodeHostBaseUrl();
    if (base.isEmpty()) {
      return "";
    }
    String name = file.startsWith("/") ? file.substring(1) : file;
    return (base.endsWith("/") ? base : base + "/") + encodePath(name);
  }

  private static String encodePath(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~/!$&'()*+,;=@".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  private static List<Problem> problems(Fields fields) {
    return fields.problems;
  }

  /** The episode image: {@code image}, else {@code featured_image}, else {@code externalimage}. */
  private static String image(Fields fields) {
    for (String key : List.of("image", "featured_image", "externalimage")) {
      Optional<String> value = fields.string(key).map(String::strip);
      if (value.isEmpty() || value.get().isEmpty()) {
        continue;
      }
      String image = value.get();
      String lower = image.toLowerCase(Locale.ROOT);
      if (lower.startsWith("https://") || lower.startsWith("http://")) {
        if (lower.startsWith("http://")) {
          fields.warn(ProblemCode.INSECURE_URL, key, "the image is served over http; Apple"
              + " Podcasts wants https artwork");
        }
        return image;
      }
      Optional<String> unsafe = Slugs.unsafeSitePath(image);
      if (unsafe.isPresent()) {
        fields.error(ProblemCode.UNSAFE_PATH, key, "the image path cannot be used because "
            + unsafe.get());
        return "";
      }
      return image.startsWith("/") ? image : "/" + image;
    }
    fields.warn(ProblemCode.MISSING_IMAGE, "image", "the episode has no image: apps show the"
        + " show's artwork instead; add image = \"/images/...\" for episode art");
    return "";
  }

  private static String episodeType(Fields fields) {
    Optional<String> type = fields.string("episodeType").map(s -> s.strip().toLowerCase(Locale.ROOT));
    if (type.isEmpty()) {
      return "full";
    }
    if (!List.of("full", "trailer", "bonus").contains(type.get())) {
      fields.warn(ProblemCode.BAD_EPISODE_TYPE, "episodeType", "episodeType must be full, trailer"
          + " or bonus; found '" + type.get() + "', so 'full' is used");
      return "full";
    }
    return type.get();
  }

  /** Front matter links such as {@code redditLink}: string keys ending in "link" with a URL. */
  private static Map<String, String> links(Fields fields) {
    Map<String, String> links = new LinkedHashMap<>();
    for (FrontMatter.Entry entry : fields.frontMatter.entries()) {
      if (entry.key().toLowerCase(Locale.ROOT).endsWith("link") && entry.value() instanceof String s
          && (s.startsWith("https://") || s.startsWith("http://"))) {
        links.put(entry.key(), s.strip());
      }
    }
    return links;
  }

  static String show(Object value) {
    String s = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /** Typed, reporting access to the front matter of one file. */
  static final class Fields {
    final String file;
    final FrontMatter frontMatter;
    final List<Problem> problems;

    Fields(String file, FrontMatter frontMatter, List<Problem> problems) {
      this.file = file;
      this.frontMatter = frontMatter;
      this.problems = problems;
    }

    Optional<FrontMatter.Entry> entry(String key) {
      return frontMatter.get(key);
    }

    int lineOf(String key, int fallback) {
      return entry(key).map(FrontMatter.Entry::line).filter(l -> l > 0).orElse(fallback);
    }

    void error(ProblemCode code, String key, String message) {
      add(code, key, message);
    }

    void warn(ProblemCode code, String key, String message) {
      add(code, key, message);
    }

    private void add(ProblemCode code, String key, String message) {
      Optional<FrontMatter.Entry> entry = entry(key);
      problems.add(new Problem(code, file, entry.map(FrontMatter.Entry::line).orElse(1),
          entry.map(FrontMatter.Entry::column).orElse(1), message));
    }

    /** A text value; numbers and booleans are taken as their text. Lists and tables are errors. */
    Optional<String> string(String key) {
      Optional<FrontMatter.Entry> entry = entry(key);
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      Object value = entry.get().value();
      if (value instanceof String s) {
        return Optional.of(s);
      }
      if (value instanceof Number || value instanceof Boolean) {
        return Optional.of(String.valueOf(value));
      }
      wrongType(entry.get(), "text in quotes");
      return Optional.empty();
    }

    List<String> strings(String key) {
      Optional<FrontMatter.Entry> entry = entry(key);
      if (entry.isEmpty()) {
        return List.of();
      }
      Object value = entry.get().value();
      if (value instanceof String s) {
        return s.isBlank() ? List.of() : List.of(s.strip());
      }
      if (value instanceof List<?> list) {
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
          if (item instanceof String || item instanceof Number) {
            String s = String.valueOf(item).strip();
            if (!s.isEmpty() && !out.contains(s)) {
              out.add(s);
            }
          } else {
            wrongType(entry.get(), "a list of names in quotes");
            return List.of();
          }
        }
        return out;
      }
      wrongType(entry.get(), "a list of names in quotes, such as [\"A\", \"B\"]");
      return List.of();
    }

    boolean bool(String key, boolean otherwise) {
      Optional<FrontMatter.Entry> entry = entry(key);
      if (entry.isEmpty()) {
        return otherwise;
      }
      Object value = entry.get().value();
      if (value instanceof Boolean b) {
        return b;
      }
      if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
        return Boolean.parseBoolean(s);
      }
      wrongType(entry.get(), "true or false");
      return otherwise;
    }

    Optional<Instant> date(String key) {
      Optional<FrontMatter.Entry> entry = entry(key);
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      Optional<Instant> date = Values.date(entry.get().value());
      if (date.isEmpty()) {
        error(ProblemCode.BAD_DATE, key, key + " must be a date such as 2019-03-06 or"
            + " 2019-03-06T10:00:00Z; found " + show(entry.get().value()));
      }
      return date;
    }

    OptionalInt positiveInt(String key) {
      Optional<FrontMatter.Entry> entry = entry(key);
      if (entry.isEmpty()) {
        return OptionalInt.empty();
      }
      Object value = entry.get().value();
      long n = -1;
      if (value instanceof Long l) {
        n = l;
      } else if (value instanceof String s && s.strip().matches("\\d{1,9}")) {
        n = Long.parseLong(s.strip());
      }
      if (n <= 0 || n > Integer.MAX_VALUE) {
        warn(ProblemCode.BAD_EPISODE_NUMBER, key, key + " must be a whole number above 0; found "
            + show(value) + ", so it is left out");
        return OptionalInt.empty();
      }
      return OptionalInt.of((int) n);
    }

    private void wrongType(FrontMatter.Entry entry, String expected) {
      problems.add(new Problem(ProblemCode.WRONG_TYPE, file, Math.max(entry.line(), 1),
          Math.max(entry.column(), 1), "'" + entry.key() + "' must be " + expected + "; found "
              + show(entry.value())));
    }
  }
}
