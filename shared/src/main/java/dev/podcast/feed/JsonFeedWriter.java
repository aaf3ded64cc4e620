package dev.podcast.feed;

import com.google.gson.stream.JsonWriter;
import dev.podcast.show.ShowConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * Writes a JSON Feed 1.1 ({@code application/feed+json}) with audio attachments, streaming.
 * Immutable and thread-safe.
 */
public final class JsonFeedWriter {

  public static final String MIME_TYPE = "application/feed+json";

  private final ShowConfig show;

  public JsonFeedWriter(ShowConfig show) {
    this.show = show;
  }

  /** Writes {@code page} to {@code out} as UTF-8. Does not close {@code out}. */
  public void write(FeedPage page, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    JsonWriter w = new JsonWriter(writer);
    w.setIndent(" ");
    w.beginObject();
    w.name("version").value("https://jsonfeed.org/version/1.1");
    w.name("title").value(page.title());
    w.name("home_page_url").value(show.baseUrl() + "/");
    w.name("feed_url").value(show.absolute(page.path()));
    if (!show.description().isBlank()) {
      w.name("description").value(show.description());
    }
    String artwork = show.artworkUrl();
    if (!artwork.isEmpty()) {
      w.name("icon").value(artwork);
    }
    w.name("language").value(show.languageCode());
    w.name("authors").beginArray().beginObject().name("name").value(show.podcast().author())
        .endObject().endArray();
    w.name("items").beginArray();
    for (FeedEntry e : page.entries()) {
      w.beginObject();
      w.name("id").value(e.guid());
      w.name("url").value(e.link());
      w.name("title").value(e.title());
      w.name("content_html").value(e.contentHtml());
      w.name("summary").value(e.subtitle());
      w.name("date_published").value(DateTimeFormatter.ISO_INSTANT.format(e.date()));
      if (!e.imageUrl().isEmpty()) {
        w.name("image").value(e.imageUrl());
      }
      if (!e.categories().isEmpty()) {
        w.name("tags").beginArray();
        for (String category : e.categories()) {
          w.value(category);
        }
        w.endArray();
      }
      if (!e.persons().isEmpty()) {
        w.name("authors").beginArray();
        for (ShowConfig.Person person : e.persons()) {
          w.beginObject().name("name").value(person.name());
          if (!person.href().isEmpty()) {
            w.name("url").value(person.href());
          }
          w.endObject();
        }
        w.endArray();
      }
      w.name("attachments").beginArray().beginObject();
      w.name("url").value(show.enclosure(e.enclosureUrl()));
      w.name("mime_type").value(e.enclosureType());
      if (e.enclosureLength() > 0) {
        w.name("size_in_bytes").value(e.enclosureLength());
      }
      if (e.durationSeconds() > 0) {
        w.name("duration_in_seconds").value(e.durationSeconds());
      }
      w.endObject().endArray();
      w.endObject();
    }
    w.endArray();
    w.endObject();
    w.flush();
    writer.write('\n');
    writer.flush();
  }
}
