package dev.podcast.site;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.podcast.episode.Captions;
import dev.podcast.episode.Episode;
import dev.podcast.episode.ItemTags;
import dev.podcast.episode.Turn;
import dev.podcast.feed.RssFeedWriter;
import dev.podcast.show.ShowConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders an episode's page ({@code index.html}) and its transcripts ({@code transcript.html},
 * {@code .txt}, and the Podcast Index {@code .json}). Pure: returns files, writes nothing.
 * Immutable and thread-safe.
 */
public final class PageRenderer {

  /**
   * The names of the files an episode's page folder holds, besides its page bundle's assets and
   * what it has of {@code transcript.vtt}, {@code transcript.srt} and {@code chapters.json}.
   */
  public static final List<String> FILES = List.of("index.html", "transcript.html",
      "transcript.txt", "transcript.json");

  /** For JSON files. */
  private static final Gson GSON_FILES = new GsonBuilder().disableHtmlEscaping().create();

  private final ShowConfig show;
  private final Templates templates;
  private final EpisodeViews views;

  public PageRenderer(ShowConfig show, Templates templates, EpisodeViews views) {
    this.show = show;
    this.templates = templates;
    this.views = views;
  }

  /**
   * The page and transcript files of {@code ep}.
   *
   * @param previous the link to the next older live episode, or null
   * @param next the link to the next newer live episode, or null
   */
  public List<OutputFile> render(PublishedEpisode ep, Views.Link previous, Views.Link next) {
    return render(ep, previous, next, true);
  }

  /**
   * The page of {@code ep} and, with {@code transcripts}, its transcript files (which do not
   * depend on the neighbours: a page whose links alone changed needs only its page).
   */
  public List<OutputFile> render(PublishedEpisode ep, Views.Link previous, Views.Link next,
      boolean transcripts) {
    Episode e = ep.episode();
    Views.EpisodeView view = views.page(ep, previous, next);
    String canonical = show.absolute(e.pagePath());
    Views.Meta meta = new Views.Meta(e.title() + " | " + show.title(),
        EpisodeViews.metaDescription(e), canonical, "article", views.socialImage(ep.image()),
        e.audio().url(), "", views.episodeJsonLd(ep));
    List<OutputFile> files = new ArrayList<>(4);
    files.add(html(e.pagePath() + "index.html",
        templates.render("episode", new Views.EpisodePage(views.site(), meta, view)), "page"));
    if (transcripts && !e.transcript().isEmpty()) {
      Views.Meta transcriptMeta = new Views.Meta("Transcript: " + e.title(),
          EpisodeViews.metaDescription(e), canonical + "transcript.html", "article", "", "", "",
          "{}");
      files.add(html(e.pagePath() + "transcript.html", templates.render("transcript",
          new Views.EpisodePage(views.site(), transcriptMeta, view)), "transcript"));
      files.add(new OutputFile(e.pagePath() + "transcript.txt", transcriptText(e), "transcript"));
      files.add(new OutputFile(e.pagePath() + "transcript.json", transcriptJson(e),
          "transcript"));
      if (e.transcript().timed()) {
        files.add(new OutputFile(e.pagePath() + e.transcript().captions().file(),
            CaptionsWriter.write(e.transcript().captions()), "transcript"));
      }
    }
    if (transcripts && !ep.entry().tags().chapters().isEmpty()) {
      files.add(new OutputFile(e.pagePath() + RssFeedWriter.CHAPTERS_FILE,
          chaptersJson(ep.entry().tags().chapters()), "chapters"));
    }
    return files;
  }

  /** JSON Chapters 1.2: {@code {"version":"1.2.0","chapters":[{"startTime":0,"title":...}]}}. */
  static byte[] chaptersJson(List<ItemTags.Chapter> chapters) {
    JsonObject root = new JsonObject();
    root.addProperty("version", "1.2.0");
    JsonArray list = new JsonArray();
    for (ItemTags.Chapter c : chapters) {
      JsonObject chapter = new JsonObject();
      if (c.startTime() == Math.rint(c.startTime())) {
        chapter.addProperty("startTime", (long) c.startTime());
      } else {
        chapter.addProperty("startTime", c.startTime());
      }
      chapter.addProperty("title", c.title());
      if (!c.img().isEmpty()) {
        chapter.addProperty("img", c.img());
      }
      if (!c.url().isEmpty()) {
        chapter.addProperty("url", c.url());
      }
      if (!c.toc()) {
        chapter.addProperty("toc", false);
      }
      if (c.endTime() >= 0) {
        chapter.addProperty("endTime", c.endTime());
      }
      list.add(chapter);
    }
    root.add("chapters", list);
    return GSON_FILES.toJson(root).getBytes(StandardCharsets.UTF_8);
  }

  /** The transcript as plain text: {@code SPEAKER: text}, a blank line between turns. */
  static byte[] transcriptText(Episode e) {
    StringBuilder out = new StringBuilder(64 * 1024);
    for (Turn turn : e.transcript().turns()) {
      if (!turn.speaker().isEmpty()) {
        out.append(turn.speaker()).append(": ");
      }
      out.append(turn.text()).append("\n\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The Podcast Index JSON transcript: {@code {"version":"1.0.0","segments":[...]}}, one segment
   * per cue with its {@code startTime} and {@code endTime} when the transcript is timed, else
   * one per turn.
   */
  static byte[] transcriptJson(Episode e) {
    JsonObject root = new JsonObject();
    root.addProperty("version", "1.0.0");
    JsonArray segments = new JsonArray();
    String speaker = "";
    for (Captions.Cue cue : e.transcript().captions().cues()) {
      speaker = cue.speaker().isEmpty() ? speaker : cue.speaker(); // a cue without continues
      JsonObject segment = new JsonObject();
      if (!speaker.isEmpty()) {
        segment.addProperty("speaker", speaker);
      }
      segment.addProperty("startTime", cue.start());
      segment.addProperty("endTime", cue.end());
      segment.addProperty("body", cue.text());
      segments.add(segment);
    }
    for (Turn turn : e.transcript().timed() ? List.<Turn>of() : e.transcript().turns()) {
      JsonObject segment = new JsonObject();
      if (!turn.speaker().isEmpty()) {
        segment.addProperty("speaker", turn.speaker());
      }
      segment.addProperty("body", turn.text());
      segments.add(segment);
    }
    root.add("segments", segments);
    return (GSON_FILES.toJson(root) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static OutputFile html(String path, String html, String kind) {
    return new OutputFile(path, html.getBytes(StandardCharsets.UTF_8), kind);
  }
}
