package dev.podcast.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ObjectStore}, run against every implementation: extend it and return a
 * fresh, empty store from {@link #store()}.
 */
public abstract class ObjectStoreContract {

  /** A new, empty store. */
  protected abstract ObjectStore store();

  private static ObjectStore.Write write(String name, String text) {
    return new ObjectStore.Write(name, text.getBytes(StandardCharsets.UTF_8),
        "text/plain; charset=utf-8", "");
  }

  @Test
  void putThenGetReturnsContentAndGeneration() {
    ObjectStore store = store();
    long generation = store.put(write("post/a/index.html", "one"));
    ObjectStore.StoredObject object = store.get("post/a/index.html").orElseThrow();
    assertArrayEquals("one".getBytes(StandardCharsets.UTF_8), object.content());
    assertEquals(generation, object.generation());
    assertEquals(Optional.of(generation), store.generation("post/a/index.html"));
    assertEquals("text/plain; charset=utf-8", object.contentType());
    assertTrue(store.get("missing").isEmpty());
    assertTrue(store.generation("missing").isEmpty());
  }

  @Test
  void anObjectKnowsWhenItWasWritten() throws Exception {
    ObjectStore store = store();
    // Stores keep their own time (a file system's, a server's, at their own precision): a write
    // is dated within a few seconds of the test's clock, and a later write is not dated earlier.
    Instant before = Instant.now().minusSeconds(5);
    store.put(write("feed.xml", "1"));
    Instant first = store.get("feed.xml").orElseThrow().updated();
    Thread.sleep(20);
    store.put(write("feed.xml", "2"));
    Instant second = store.get("feed.xml").orElseThrow().updated();
    Instant after = Instant.now().plusSeconds(5);
    assertTrue(first.isAfter(before) && first.isBefore(after), first + " not near now");
    assertFalse(second.isBefore(first), second + " is before " + first);
    assertTrue(second.isBefore(after), second + " not near now");
  }

  private static ObjectStore.Write write(String name, String text, Map<String, String> metadata) {
    return new ObjectStore.Write(name, text.getBytes(StandardCharsets.UTF_8),
        "text/html; charset=utf-8", "", metadata);
  }

  /** What the pipeline writes beside a rendered page: the version it was rendered from. */
  private static final Map<String, String> METADATA = Map.of(
      "podcast-version", "1700000000000123",
      "podcast-source", "content/post/a b/index.md");

  @Test
  void customMetadataComesBackFromGetAndStat() {
    ObjectStore store = store();
    long generation = store.put(write("post/a/index.html", "<p>a</p>", METADATA));
    ObjectStore.StoredObject object = store.get("post/a/index.html").orElseThrow();
    assertEquals(METADATA, object.metadata());
    assertEquals("1700000000000123", object.metadata().get("podcast-version"));
    ObjectStore.ObjectInfo info = store.stat("post/a/index.html").orElseThrow();
    assertEquals(METADATA, info.metadata());
    assertEquals(generation, info.generation());
    // a conditional write carries its metadata too
    store.put(write("post/a/index.html", "<p>b</p>", Map.of("podcast-version", "2")), generation);
    assertEquals(Map.of("podcast-version", "2"),
        store.get("post/a/index.html").orElseThrow().metadata());
  }

  @Test
  void statTellsWhatGetTellsButTheContent() {
    ObjectStore store = store();
    store.put(write("post/a/index.html", "<p>a</p>", METADATA));
    store.put(write("feed.xml", "plain"));
    for (String name : List.of("post/a/index.html", "feed.xml")) {
      ObjectStore.StoredObject object = store.get(name).orElseThrow();
      ObjectStore.ObjectInfo info = store.stat(name).orElseThrow();
      assertEquals(object.info(), info, name);
      assertEquals(name, info.name());
      assertEquals(object.generation(), info.generation(), name);
      assertEquals(object.contentType(), info.contentType(), name);
      assertEquals(object.updated(), info.updated(), name);
    }
    assertEquals(Map.of(), store.stat("feed.xml").orElseThrow().metadata());
  }

  @Test
  void statOfAMissingObjectIsEmpty() {
    ObjectStore store = store();
    assertEquals(Optional.empty(), store.stat("missing.html"));
    long generation = store.put(write("gone.html", "x", METADATA));
    assertTrue(store.delete("gone.html", generation));
    assertEquals(Optional.empty(), store.stat("gone.html"));
  }

  @Test
  void aLaterWriteWithoutMetadataHasNone() {
    ObjectStore store = store();
    store.put(write("post/a/index.html", "one", METADATA));
    long second = store.put(write("post/a/index.html", "two", Map.of()));
    assertEquals(Map.of(), store.get("post/a/index.html").orElseThrow().metadata());
    ObjectStore.ObjectInfo info = store.stat("post/a/index.html").orElseThrow();
    assertEquals(Map.of(), info.metadata());
    assertEquals(second, info.generation());
    // ... and a write with other metadata replaces it whole, as Cloud Storage does
    store.put(write("post/a/index.html", "three", METADATA));
    store.put(write("post/a/index.html", "four", Map.of("podcast-version", "1700000000000124")));
    assertEquals(Map.of("podcast-version", "1700000000000124"),
        store.stat("post/a/index.html").orElseThrow().metadata());
  }

  @Test
  void everyWriteGetsANewGeneration() {
    ObjectStore store = store();
    long first = store.put(write("f", "1"));
    long second = store.put(write("f", "2"));
    assertNotEquals(first, second);
    assertEquals(second, store.get("f").orElseThrow().generation());
  }

  @Test
  void preconditionsProtectAgainstLostUpdates() {
    ObjectStore store = store();
    long created = store.put(write("feed.xml", "a"), ObjectStore.DOES_NOT_EXIST);
    assertThrows(ObjectStore.PreconditionFailedException.class,
        () -> store.put(write("feed.xml", "b"), ObjectStore.DOES_NOT_EXIST));
    long updated = store.put(write("feed.xml", "c"), created);
    assertThrows(ObjectStore.PreconditionFailedException.class,
        () -> store.put(write("feed.xml", "d"), created));
    assertEquals("c", new String(store.get("feed.xml").orElseThrow().content(),
        StandardCharsets.UTF_8));
    assertThrows(ObjectStore.PreconditionFailedException.class,
        () -> store.delete("feed.xml", created));
    assertTrue(store.delete("feed.xml", updated));
    assertTrue(store.get("feed.xml").isEmpty());
  }

  @Test
  void aConditionalDeleteOfAMissingObjectFailsUnlessItExpectedNone() {
    ObjectStore store = store();
    long generation = store.put(write("gone", "x"));
    assertTrue(store.delete("gone"));
    assertThrows(ObjectStore.PreconditionFailedException.class,
        () -> store.delete("gone", generation));
    assertFalse(store.delete("gone", ObjectStore.DOES_NOT_EXIST));
  }

  @Test
  void deletesAndLists() {
    ObjectStore store = store();
    store.put(write("post/a/index.html", "a"));
    store.put(write("post/b/index.html", "b"));
    store.put(write("feed.xml", "f"));
    assertEquals(List.of("post/a/index.html", "post/b/index.html"), store.list("post/"));
    assertTrue(store.delete("post/a/index.html"));
    assertFalse(store.delete("post/a/index.html"));
    assertEquals(List.of("post/b/index.html"), store.list("post/"));
    assertEquals(3 - 1, store.list("").size());
  }

  @Test
  void concurrentConditionalWritersNeverLoseAnUpdate() throws Exception {
    ObjectStore store = store();
    store.put(write("counter", "0"), ObjectStore.DOES_NOT_EXIST);
    int writers = 8;
    int increments = 10;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < increments; i++) {
            while (true) {
              ObjectStore.StoredObject current;
              try {
                current = store.get("counter").orElseThrow();
              } catch (ObjectStore.StoreUnavailableException changing) {
                // Cloud Storage's: the object kept changing between its metadata and its
                // content under eight writers; "retry later" is what that exception means.
                continue;
              }
              int value = Integer.parseInt(new String(current.content(), StandardCharsets.UTF_8));
              try {
                store.put(write("counter", Integer.toString(value + 1)), current.generation());
                break;
              } catch (ObjectStore.PreconditionFailedException lost) {
                // another writer won: read again and retry
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(Integer.toString(writers * increments), new String(
        store.get("counter").orElseThrow().content(), StandardCharsets.UTF_8));
  }

  @Test
  void aBoundedReadNeverReadsALargerObject() {
    ObjectStore store = store();
    store.put(write("big.md", "x".repeat(1_000)));
    assertEquals(1_000, store.stat("big.md").orElseThrow().size());
    ObjectStore.ObjectTooLargeException tooLarge = assertThrows(
        ObjectStore.ObjectTooLargeException.class, () -> store.get("big.md", 999));
    assertEquals(1_000, tooLarge.size());
    assertEquals(999, tooLarge.limit());
    assertEquals(1_000, store.get("big.md", 1_000).orElseThrow().content().length);
    assertTrue(store.get("missing.md", 10).isEmpty());
  }
}
