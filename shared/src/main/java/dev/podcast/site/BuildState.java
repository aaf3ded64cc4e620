package dev.podcast.site;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What a build must remember from one run to the next, because it is assigned once and never
 * changes: the show's {@code podcast:guid} and each episode's item guid (by source file, so that
 * renaming a slug keeps the guid). Kept in the output at {@link #PATH}. Thread-safe.
 */
public final class BuildState {

  public static final String PATH = "/.podcast/state.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
      .create();

  private volatile String podcastGuid;
  private final ConcurrentMap<String, String> episodeGuids = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> imageHashes = new ConcurrentHashMap<>();

  /** Reads state written by {@link #toJson()}; empty state when there is none or it is broken. */
  public static BuildState fromJson(Optional<byte[]> json) {
    BuildState state = new BuildState();
    if (json.isEmpty()) {
      return state;
    }
    try {
      JsonObject root = JsonParser.parseString(new String(json.get(), StandardCharsets.UTF_8))
          .getAsJsonObject();
      if (root.has("podcastGuid")) {
        state.podcastGuid = root.get("podcastGuid").getAsString();
      }
      if (root.has("imageHashes")) {
        root.getAsJsonObject("imageHashes").entrySet()
            .forEach(e -> state.imageHashes.put(e.getKey(), e.getValue().getAsString()));
      }
      if (root.has("episodeGuids")) {
        root.getAsJsonObject("episodeGuids").entrySet()
            .forEach(e -> state.episodeGuids.put(e.getKey(), e.getValue().getAsString()));
      }
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new IllegalStateException("the build state " + PATH + " is damaged; restore it from"
          + " a backup or the old feed (guids must not change): " + e.getMessage(), e);
    }
    return state;
  }

  /** The show's guid: the stored one, else {@code derived}, which is then kept. */
  public String podcastGuid(String derived) {
    synchronized (this) {
      if (podcastGuid == null) {
        podcastGuid = derived;
      }
      return podcastGuid;
    }
  }

  /** The item guid of the episode read from {@code sourcePath}: stored, else {@code first}. */
  public String episodeGuid(String sourcePath, String first) {
    return episodeGuids.computeIfAbsent(sourcePath, k -> first);
  }

  /**
   * Records that the sizes derived from the image at {@code path} were made from content with
   * {@code hash}; returns whether they were already made from it (nothing to redo).
   */
  public boolean imageUpToDate(String path, String hash) {
    return hash.equals(imageHashes.put(path, hash));
  }

  public byte[] toJson() {
    JsonObject root = new JsonObject();
    if (podcastGuid != null) {
      root.addProperty("podcastGuid", podcastGuid);
    }
    JsonObject guids = new JsonObject();
    for (Map.Entry<String, String> e : new TreeMap<>(episodeGuids).entrySet()) {
      guids.addProperty(e.getKey(), e.getValue());
    }
    root.add("episodeGuids", guids);
    JsonObject images = new JsonObject();
    for (Map.Entry<String, String> e : new TreeMap<>(imageHashes).entrySet()) {
      images.addProperty(e.getKey(), e.getValue());
    }
    root.add("imageHashes", images);
    return (GSON.toJson(root) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
