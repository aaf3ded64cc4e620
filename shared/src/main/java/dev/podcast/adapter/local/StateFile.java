package dev.podcast.adapter.local;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.port.EpisodeStore.Guids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The guid registry of a local site, kept in a file beside it: {@code <site>/.podcast/state.json}
 * ({@code {"podcastGuid": ..., "episodeGuids": {object: guid}}}). What {@code podcast build} and
 * {@code podcast serve} keep from one run to the next, because it is assigned once and never
 * changes. The site folder's store never lists it (its name is hidden), so it is never published
 * or swept. Written whole and replaced atomically after each commit that assigns a guid.
 */
public final class StateFile {

  /** Where the state lives, relative to the site folder. */
  public static final String NAME = ".podcast/state.json";

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
      .create();

  private StateFile() {}

  /**
   * An in-memory episode store whose guid registry starts from, and is kept in, the state file
   * of the site folder {@code site}.
   *
   * @throws IllegalStateException when the state file is damaged (guids must not change: it is
   *     to be restored, not replaced)
   */
  public static InMemoryEpisodeStore store(Path site) {
    Path file = site.resolve(NAME);
    return new InMemoryEpisodeStore(read(file), guids -> write(file, guids));
  }

  /** The guids in {@code file}; none when there is no file. */
  public static Guids read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException absent) {
      return Guids.NONE;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    try {
      JsonObject root = JsonParser.parseString(text).getAsJsonObject();
      String show = root.has("podcastGuid") ? root.get("podcastGuid").getAsString() : "";
      Map<String, String> episodes = new TreeMap<>();
      if (root.has("episodeGuids")) {
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject("episodeGuids").entrySet()) {
          episodes.put(e.getKey(), e.getValue().getAsString());
        }
      }
      return new Guids(show, episodes);
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
        | ClassCastException e) { // getAsJsonObject(member) casts: episodeGuids not an object
      throw new IllegalStateException("the state file " + file + " is damaged; restore it from"
          + " a backup or the old feed (guids must not change): " + e.getMessage(), e);
    }
  }

  /** Writes {@code guids} to {@code file}, replacing it atomically. */
  public static void write(Path file, Guids guids) {
    JsonObject root = new JsonObject();
    if (!guids.podcastGuid().isEmpty()) {
      root.addProperty("podcastGuid", guids.podcastGuid());
    }
    JsonObject episodes = new JsonObject();
    new TreeMap<>(guids.byObject()).forEach(episodes::addProperty);
    root.add("episodeGuids", episodes);
    AtomicFiles.replace(file, GSON.toJson(root) + "\n");
  }
}
