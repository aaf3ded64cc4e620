package dev.podcast.adapter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.EpisodeStore.Guids;
import dev.podcast.port.EpisodeStore.Outcome;
import dev.podcast.port.EpisodeStore.SourceRecord;
import dev.podcast.port.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guid registry of a local site in {@code <site>/.podcast/state.json}: written after each
 * commit that assigns a guid, read again by the next run, in the documented JSON (which is also
 * what the previous {@code podcast build} wrote); a damaged file stops the run; the site's
 * folder store never lists it.
 */
class StateFileTest {

  private static final String SHOW_GUID = "917393e3-1b1e-5cef-ace4-edaa54e1f810";

  @TempDir
  Path site;

  private Path file() {
    return site.resolve(".podcast/state.json");
  }

  private static void assign(EpisodeStore store, String object, String guid) {
    store.transaction(tx -> {
      tx.put(new SourceRecord(object, 1, Outcome.PUBLISHED, List.of(),
          Instant.parse("2024-05-01T00:00:00Z")));
      tx.putGuid(object, guid);
      return null;
    });
  }

  @Test
  void aCommitThatAssignsAGuidWritesTheFile() {
    EpisodeStore store = StateFile.store(site);
    store.transaction(tx -> {
      tx.setVersion(1);
      return null;
    });
    assertFalse(Files.exists(file()), "nothing assigned, nothing written");
    assign(store, "content/post/a/index.md", "urn:uuid:a");
    assertTrue(Files.isRegularFile(file()));
    assertEquals(new Guids("", Map.of("content/post/a/index.md", "urn:uuid:a")),
        StateFile.read(file()));
    store.transaction(tx -> {
      tx.putPodcastGuid(SHOW_GUID);
      return null;
    });
    assertEquals(new Guids(SHOW_GUID, Map.of("content/post/a/index.md", "urn:uuid:a")),
        StateFile.read(file()));
  }

  @Test
  void aRestartSeesTheSameGuids() throws Exception {
    EpisodeStore first = StateFile.store(site);
    first.transaction(tx -> {
      tx.putPodcastGuid(SHOW_GUID);
      tx.putGuid("content/post/a/index.md", "urn:uuid:a");
      return null;
    });
    assign(first, "content/post/My Show/index.md", "https://example.com/post/my-show/");

    EpisodeStore second = StateFile.store(site);
    assertEquals(Optional.of(SHOW_GUID), second.podcastGuid());
    second.transaction(tx -> {
      assertEquals(Optional.of(SHOW_GUID), tx.podcastGuid());
      assertEquals(Optional.of("urn:uuid:a"), tx.guid("content/post/a/index.md"));
      assertEquals(Optional.of("https://example.com/post/my-show/"),
          tx.guid("content/post/My Show/index.md"));
      assertEquals(Optional.empty(), tx.guid("content/post/b/index.md"));
      return null;
    });
    // the records themselves are not kept: only the guids
    assertEquals(Optional.empty(), second.source("content/post/My Show/index.md"));
    // a guid the second run adds keeps the first run's
    assign(second, "content/post/b/index.md", "urn:uuid:b");
    assertEquals(new Guids(SHOW_GUID, Map.of("content/post/a/index.md", "urn:uuid:a",
        "content/post/My Show/index.md", "https://example.com/post/my-show/",
        "content/post/b/index.md", "urn:uuid:b")), StateFile.read(file()));
    try (Stream<Path> files = Files.list(file().getParent())) {
      assertEquals(List.of(file()), files.toList(), "no temporary file left beside it");
    }
  }

  @Test
  void theFileIsTheDocumentedJson() throws Exception {
    EpisodeStore store = StateFile.store(site);
    store.transaction(tx -> {
      tx.putPodcastGuid(SHOW_GUID);
      tx.putGuid("content/post/b/index.md", "urn:uuid:b");
      tx.putGuid("content/post/a/index.md", "urn:uuid:a");
      return null;
    });
    String text = Files.readString(file(), StandardCharsets.UTF_8);
    JsonObject root = JsonParser.parseString(text).getAsJsonObject();
    assertEquals(Set.of("podcastGuid", "episodeGuids"), root.keySet(), text);
    assertEquals(SHOW_GUID, root.get("podcastGuid").getAsString());
    JsonObject episodes = root.getAsJsonObject("episodeGuids");
    assertEquals(List.of("content/post/a/index.md", "content/post/b/index.md"),
        List.copyOf(episodes.keySet()), "sorted by object name");
    assertEquals("urn:uuid:a", episodes.get("content/post/a/index.md").getAsString());
    assertEquals("urn:uuid:b", episodes.get("content/post/b/index.md").getAsString());
  }

  @Test
  void aStateFileOfThePreviousBuildIsRead() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), """
        {
          "podcastGuid": "917393e3-1b1e-5cef-ace4-edaa54e1f810",
          "episodeGuids": {
            "content/post/episode-1/index.md": "https://example.com/post/episode-1/",
            "content/post/episode-2/index.md": "urn:uuid:2"
          },
          "imageHashes": {}
        }
        """, StandardCharsets.UTF_8);
    Guids expected = new Guids(SHOW_GUID, Map.of(
        "content/post/episode-1/index.md", "https://example.com/post/episode-1/",
        "content/post/episode-2/index.md", "urn:uuid:2"));
    assertEquals(expected, StateFile.read(file()));
    EpisodeStore store = StateFile.store(site);
    assertEquals(Optional.of(SHOW_GUID), store.podcastGuid());
    assertEquals(Optional.of("urn:uuid:2"),
        store.transaction(tx -> tx.guid("content/post/episode-2/index.md")));
  }

  @Test
  void noFileIsNoGuids() {
    assertEquals(Guids.NONE, StateFile.read(file()));
    assertEquals(Optional.empty(), StateFile.store(site).podcastGuid());
  }

  @Test
  void aDamagedFileIsAnErrorNamingIt() throws Exception {
    Files.createDirectories(file().getParent());
    for (String damaged : List.of("{\"podcastGuid\": \"x\", \"episodeGuids\": {",
        "", "[]", "null", "{\"episodeGuids\": []}", "{\"episodeGuids\": \"x\"}",
        "{\"episodeGuids\": {\"content/post/a/index.md\": null}}",
        "{\"episodeGuids\": {\"content/post/a/index.md\": {}}}", "{\"podcastGuid\": {}}")) {
      Files.writeString(file(), damaged, StandardCharsets.UTF_8);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> StateFile.read(file()), damaged);
      assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
      assertThrows(IllegalStateException.class, () -> StateFile.store(site), damaged);
      assertEquals(damaged, Files.readString(file(), StandardCharsets.UTF_8),
          "a damaged file is left as it is, to be restored");
    }
  }

  @Test
  void theSitesFolderStoreNeverListsTheStateFile() {
    ObjectStore folder = new FolderObjectStore(site);
    folder.put(new ObjectStore.Write("post/a/index.html",
        "<p>a</p>".getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", ""));
    assign(StateFile.store(site), "content/post/a/index.md", "urn:uuid:a");
    assertTrue(Files.isRegularFile(file()));
    assertEquals(List.of("post/a/index.html"), folder.list(""));
    assertEquals(List.of(), folder.list(".podcast/"));
    assertEquals(List.of(), folder.list(".podcast/state"));
    assertEquals(List.of(), folder.list(".p"));
  }
}
