package dev.podcast.episode;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The episode model as JSON, for golden files, debugging and tools. Field order is fixed, so the
 * output of one episode is stable byte for byte. Thread-safe.
 */
public final class EpisodeJson {

  private static final Gson GSON = new GsonBuilder()
      .setPrettyPrinting()
      .disableHtmlEscaping()
      .create();

  private EpisodeJson() {}

  public static String toJson(Episode e) {
    return GSON.toJson(toJsonObject(e));
  }

  public static JsonObject toJsonObject(Episode e) {
    JsonObject o = new JsonObject();
    o.addProperty("sourcePath", e.sourcePath());
    o.addProperty("slug", e.slug());
    o.addProperty("pagePath", e.pagePath());
    o.addProperty("title", e.title());
    o.addProperty("description", e.description());
    o.addProperty("date", e.date().toString());
    o.addProperty("publishDate", e.publishDate().toString());
    e.expiryDate().ifPresent(d -> o.addProperty("expiryDate", d.toString()));
    o.addProperty("draft", e.draft());
    e.episodeNumber().ifPresent(n -> o.addProperty("episodeNumber", n));
    e.seasonNumber().ifPresent(n -> o.addProperty("seasonNumber", n));
    o.addProperty("episodeType", e.episodeType());
    o.add("hosts", strings(e.hosts()));
    o.add("categories", strings(e.categories()));
    o.addProperty("image", e.image());
    JsonObject audio = new JsonObject();
    audio.addProperty("file", e.audio().file());
    audio.addProperty("url", e.audio().url());
    audio.addProperty("sizeBytes", e.audio().sizeBytes());
    audio.addProperty("durationSeconds", e.audio().durationSeconds());
    audio.addProperty("mimeType", e.audio().mimeType());
    o.add("audio", audio);
    JsonObject links = new JsonObject();
    for (Map.Entry<String, String> link : e.links().entrySet()) {
      links.addProperty(link.getKey(), link.getValue());
    }
    o.add("links", links);
    o.addProperty("summaryHtml", e.summaryHtml());
    o.addProperty("notesHtml", e.notesHtml());
    JsonObject transcript = new JsonObject();
    transcript.addProperty("closed", e.transcript().closed());
    transcript.add("speakers", strings(e.transcript().speakers()));
    JsonArray turns = new JsonArray();
    for (Turn turn : e.transcript().turns()) {
      JsonObject t = new JsonObject();
      t.addProperty("line", turn.line());
      t.addProperty("speaker", turn.speaker());
      t.addProperty("text", turn.text());
      if (!turn.cues().isEmpty()) {
        t.add("cues", strings(turn.cues()));
      }
      turns.add(t);
    }
    transcript.add("turns", turns);
    o.add("transcript", transcript);
    return o;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }
}
