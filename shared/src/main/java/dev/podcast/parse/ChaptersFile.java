package dev.podcast.parse;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.podcast.episode.ItemTags;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.text.Xml;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code chapters.json} file beside the episode (JSON Chapters 1.2:
 * {@code {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}]}}) into chapters,
 * which the site publishes again in its own words. Each chapter needs a {@code startTime} (seconds,
 * at or after 0, after the chapter before it, within the episode) and a title of 1 to
 * {@value EpisodeParser#MAX_TAG_TEXT} characters; {@code img} and {@code url} are kept when they
 * are absolute http(s) URLs ({@code javascript:} and the rest are dropped), {@code toc} when it is
 * a boolean, {@code endTime} when it is after the start. A chapter or field that breaks a rule is
 * a {@code bad-item-tag} warning on its line, and is left out. A file that is not JSON, nested
 * deeper than {@value #MAX_DEPTH}, or without a {@code chapters} list is a
 * {@code sidecar-invalid} error. Stateless and thread-safe.
 */
final class ChaptersFile {

  static final int MAX_DEPTH = 10;
  static final int MAX_URL = 2000;

  /** What was read: the chapters and the problems with their lines. */
  record Read(List<ItemTags.Chapter> chapters, List<Problem> problems) {}

  /** Gson tells where its reader is only in its text: {@code ... at line 3 column 5 path $}. */
  private static final Pattern LINE = Pattern.compile(" at line (\\d+) ");

  private ChaptersFile() {}

  /** The chapters of {@code text}, the file {@code object}, of an episode of that length. */
  static Read parse(String object, String text, long durationSeconds) {
    List<ItemTags.Chapter> chapters = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    try (JsonReader json = new JsonReader(new StringReader(text))) {
      json.setStrictness(Strictness.STRICT);
      json.setNestingLimit(MAX_DEPTH);
      if (json.peek() != JsonToken.BEGIN_OBJECT) {
        problems.add(invalid(object, json, "the file is not a JSON object"));
        return new Read(List.of(), problems);
      }
      json.beginObject();
      boolean listed = false;
      while (json.hasNext()) {
        String name = json.nextName();
        if (name.equals("chapters") && json.peek() == JsonToken.BEGIN_ARRAY) {
          listed = true;
          json.beginArray();
          while (json.hasNext()) {
            chapter(object, json, durationSeconds, chapters, problems);
          }
          json.endArray();
        } else {
          json.skipValue();
        }
      }
      json.endObject();
      if (json.peek() != JsonToken.END_DOCUMENT) {
        problems.add(invalid(object, json, "there is more after the JSON object"));
      } else if (!listed) {
        problems.add(new Problem(ProblemCode.SIDECAR_INVALID, object, 1, 1, "the file has no"
            + " \"chapters\" list (JSON Chapters 1.2: {\"version\": \"1.2.0\", \"chapters\":"
            + " [{\"startTime\": 0, \"title\": \"Intro\"}]})"));
      }
    } catch (IOException | IllegalStateException | NumberFormatException bad) {
      problems.add(new Problem(ProblemCode.SIDECAR_INVALID, object, line(bad.getMessage()), 1,
          "the file is not JSON that can be read: " + message(bad.getMessage())));
    }
    boolean fatal = problems.stream().anyMatch(Problem::isError);
    return new Read(fatal ? List.of() : chapters, problems);
  }

  /** Reads one element of the list: a chapter kept or left out with its warning. */
  private static void chapter(String object, JsonReader json, long durationSeconds,
      List<ItemTags.Chapter> chapters, List<Problem> problems) throws IOException {
    int line = line(json.toString());
    if (json.peek() != JsonToken.BEGIN_OBJECT) {
      json.skipValue();
      problems.add(bad(object, line, "a chapter is left out: it is not a JSON object"));
      return;
    }
    double start = Double.NaN;
    double end = -1;
    String title = null;
    String img = "";
    String url = "";
    boolean toc = true;
    String why = "";
    json.beginObject();
    while (json.hasNext()) {
      String name = json.nextName();
      JsonToken token = json.peek();
      switch (name) {
        case "startTime" -> start = token == JsonToken.NUMBER ? json.nextDouble() : skip(json);
        case "endTime" -> end = token == JsonToken.NUMBER ? json.nextDouble() : skip(json);
        case "title" -> title = token == JsonToken.STRING ? json.nextString() : skipText(json);
        case "img", "url" -> {
          String value = token == JsonToken.STRING ? json.nextString() : skipText(json);
          if (!isWebUrl(value)) {
            problems.add(bad(object, line, "the " + name + " of the chapter at "
                + (Double.isNaN(start) ? "?" : start) + " s is left out: it must be an http(s)"
                + " URL of at most " + MAX_URL + " characters, found "
                + EpisodeParser.show(value == null ? "(not text)" : value)));
            value = "";
          }
          if (name.equals("img")) {
            img = value;
          } else {
            url = value;
          }
        }
        case "toc" -> {
          if (token == JsonToken.BOOLEAN) {
            toc = json.nextBoolean();
          } else {
            json.skipValue();
          }
        }
        default -> json.skipValue();
      }
    }
    json.endObject();
    double previous = chapters.isEmpty() ? -1 : chapters.get(chapters.size() - 1).startTime();
    why = !(start >= 0) ? "its startTime is not a number of seconds at or after 0"
        : start <= previous ? "it does not start after the chapter before it (" + previous + " s)"
        : durationSeconds > 0 && start >= durationSeconds
            ? "it starts after the episode ends (" + durationSeconds + " s)"
        : title == null || title.isBlank() || title.strip().length() > EpisodeParser.MAX_TAG_TEXT
            ? "its title is not text of 1 to " + EpisodeParser.MAX_TAG_TEXT + " characters"
        : chapters.size() == EpisodeParser.MAX_CHAPTERS
            ? "an episode has at most " + EpisodeParser.MAX_CHAPTERS + " chapters"
        : "";
    if (!why.isEmpty()) {
      problems.add(bad(object, line, "a chapter is left out: " + why));
      return;
    }
    chapters.add(new ItemTags.Chapter(start, Xml.clean(title).strip(), img, url, toc,
        end > start ? end : -1));
  }

  private static double skip(JsonReader json) throws IOException {
    json.skipValue();
    return Double.NaN;
  }

  private static String skipText(JsonReader json) throws IOException {
    json.skipValue();
    return null;
  }

  /** Whether {@code value} is an absolute http(s) URL a page and a feed can carry. */
  static boolean isWebUrl(String value) {
    return value != null && value.length() <= MAX_URL
        && (value.startsWith("https://") || value.startsWith("http://"))
        && value.length() > "https://".length() && Xml.clean(value).equals(value)
        && value.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>'
            || c == '\\');
  }

  private static Problem invalid(String object, JsonReader json, String why) {
    return new Problem(ProblemCode.SIDECAR_INVALID, object, line(json.toString()), 1, why);
  }

  private static Problem bad(String object, int line, String why) {
    return new Problem(ProblemCode.BAD_ITEM_TAG, object, line, 1, why);
  }

  /** The line Gson's text names, else 1. */
  private static int line(String gsonText) {
    Matcher m = LINE.matcher(gsonText == null ? "" : gsonText);
    return m.find() ? Integer.parseInt(m.group(1)) : 1;
  }

  /** Gson's message without its pointer to its troubleshooting page. */
  private static String message(String gsonText) {
    String text = gsonText == null ? "unreadable" : gsonText;
    int see = text.indexOf("\nSee ");
    return see < 0 ? text : text.substring(0, see);
  }
}
