package dev.podcast.adapter.gcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.podcast.port.ObjectStore;
import dev.podcast.port.ObjectStoreContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The object store contract on {@link GcsObjectStore}, through the real Cloud Storage client
 * talking to {@link FakeGcsServer} on the loopback; then what only this adapter has: the
 * client's retries, the mapping of failures, object names that need encoding.
 */
class GcsObjectStoreTest extends ObjectStoreContract {

  /** How many times the client tries one call before giving up (see {@link #client}). */
  private static final int ATTEMPTS = 3;
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private static FakeGcsServer fake;
  private static Storage storage;

  private String bucket;

  @BeforeAll
  static void startFake() throws Exception {
    fake = FakeGcsServer.start();
    storage = client(fake.host());
  }

  @AfterAll
  static void stopFake() throws Exception {
    if (storage != null) {
      storage.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @AfterEach
  void noFailuresLeftOver() {
    fake.failNext(0, 503);
  }

  /** The real client, pointed at {@code host}, with a few quick retries. */
  static Storage client(String host) {
    return StorageOptions.newBuilder()
        .setHost(host)
        .setProjectId("demo-podcast")
        .setCredentials(NoCredentials.getInstance())
        .setRetrySettings(RetrySettings.newBuilder()
            .setMaxAttempts(ATTEMPTS)
            .setInitialRetryDelayDuration(Duration.ofMillis(5))
            .setMaxRetryDelayDuration(Duration.ofMillis(20))
            .setRetryDelayMultiplier(2.0)
            .setInitialRpcTimeoutDuration(Duration.ofSeconds(5))
            .setMaxRpcTimeoutDuration(Duration.ofSeconds(5))
            .setRpcTimeoutMultiplier(1.0)
            .setTotalTimeoutDuration(Duration.ofSeconds(20))
            .build())
        .build()
        .getService();
  }

  @Override
  protected ObjectStore store() {
    bucket = "podcast-test-" + BUCKETS.incrementAndGet();
    return GcsObjectStores.forBucket(storage, bucket);
  }

  private static ObjectStore.Write write(String name, String text) {
    return new ObjectStore.Write(name, text.getBytes(StandardCharsets.UTF_8),
        "text/html; charset=utf-8", "public, max-age=300");
  }

  private long requestsMatching(String start) {
    return fake.requests().stream().filter(r -> r.startsWith(start)).count();
  }

  @Test
  void writesCarryContentTypeAndCacheControl() {
    ObjectStore store = store();
    store.put(write("index.html", "<h1>hi</h1>"));
    assertEquals("text/html; charset=utf-8", store.get("index.html").orElseThrow().contentType());
    assertEquals(Optional.of("public, max-age=300"), fake.cacheControl(bucket, "index.html"));
  }

  @Test
  void statAsksForTheResourceOnlyNeverTheContent() {
    ObjectStore store = store();
    store.put(new ObjectStore.Write("post/a/index.html", "<p>a</p>".getBytes(
        StandardCharsets.UTF_8), "text/html; charset=utf-8", "", Map.of("podcast-version", "7")));
    fake.clearRequests();
    assertEquals(Map.of("podcast-version", "7"),
        store.stat("post/a/index.html").orElseThrow().metadata());
    List<String> requests = fake.requests();
    assertEquals(1, requests.size(), requests::toString);
    assertTrue(requests.get(0).startsWith(
        "GET /storage/v1/b/" + bucket + "/o/post%2Fa%2Findex.html"), requests::toString);
    assertFalse(requests.get(0).contains("alt=media"), requests::toString);
  }

  @Test
  void preconditionsTravelAsIfGenerationMatch() {
    ObjectStore store = store();
    fake.clearRequests();
    long generation = store.put(write("feed.xml", "a"), ObjectStore.DOES_NOT_EXIST);
    store.delete("feed.xml", generation);
    List<String> requests = fake.requests();
    assertEquals(2, requests.size(), requests::toString);
    String upload = requests.get(0);
    assertTrue(upload.startsWith("POST /upload/storage/v1/b/" + bucket + "/o?"), upload);
    assertTrue(upload.contains("uploadType=multipart"), upload);
    assertTrue(upload.contains("ifGenerationMatch=0"), upload);
    String delete = requests.get(1);
    assertTrue(delete.startsWith("DELETE /storage/v1/b/" + bucket + "/o/feed.xml?"), delete);
    assertTrue(delete.contains("ifGenerationMatch=" + generation), delete);
  }

  @Test
  void aBurstOfServerErrorsLongerThanTheRetriesIsUnavailable() {
    ObjectStore store = store();
    store.put(write("feed.xml", "a"));
    fake.clearRequests();
    fake.failNext(ATTEMPTS + 5, 503);
    assertThrows(ObjectStore.StoreUnavailableException.class, () -> store.get("feed.xml"));
    assertEquals(ATTEMPTS, fake.requests().size(), fake.requests()::toString);
    fake.failNext(ATTEMPTS, 503);
    assertThrows(ObjectStore.StoreUnavailableException.class,
        () -> store.put(write("feed.xml", "b"), ObjectStore.DOES_NOT_EXIST));
    fake.failNext(ATTEMPTS, 503);
    assertThrows(ObjectStore.StoreUnavailableException.class, () -> store.list(""));
    fake.failNext(ATTEMPTS, 503);
    assertThrows(ObjectStore.StoreUnavailableException.class,
        () -> store.delete("feed.xml", 1L));
  }

  @Test
  void tooManyRequestsIsUnavailable() {
    ObjectStore store = store();
    fake.failNext(ATTEMPTS, 429);
    assertThrows(ObjectStore.StoreUnavailableException.class, () -> store.generation("x"));
  }

  @Test
  void aTransientServerErrorIsRetriedByTheClient() {
    ObjectStore store = store();
    fake.clearRequests();
    fake.failNext(1, 503);
    long generation = store.put(write("feed.xml", "a"), ObjectStore.DOES_NOT_EXIST);
    assertEquals(2, requestsMatching("POST /upload/"), fake.requests()::toString);

    fake.failNext(ATTEMPTS - 1, 503);
    assertEquals("a", new String(store.get("feed.xml").orElseThrow().content(),
        StandardCharsets.UTF_8));

    fake.failNext(1, 503);
    assertEquals(Optional.of(generation), store.generation("feed.xml"));
    fake.failNext(1, 503);
    assertTrue(store.delete("feed.xml", generation));
  }

  @Test
  void aClosedPortIsUnavailable() throws Exception {
    String host;
    try (FakeGcsServer gone = FakeGcsServer.start()) {
      host = gone.host();
    }
    Storage nobody = client(host);
    try {
      ObjectStore store = GcsObjectStores.forBucket(nobody, "podcast-gone");
      assertThrows(ObjectStore.StoreUnavailableException.class, () -> store.get("feed.xml"));
    } finally {
      nobody.close();
    }
  }

  @Test
  void namesWithSpacesAndNonAsciiRoundTrip() {
    ObjectStore store = store();
    List<String> names = List.of(
        "post/été 2024/index.html",
        "post/a b+c&d=e?f#g.html",
        "post/日本語/ポッドキャスト.mp3",
        "post/emoji 🎙️/100%.txt");
    for (String name : names) {
      long generation = store.put(write(name, name), ObjectStore.DOES_NOT_EXIST);
      ObjectStore.StoredObject object = store.get(name).orElseThrow();
      assertEquals(name, object.name());
      assertArrayEquals(name.getBytes(StandardCharsets.UTF_8), object.content());
      assertEquals(Optional.of(generation), store.generation(name));
    }
    assertEquals(names.stream().sorted().toList(), store.list("post/"));
    assertEquals(List.of("post/été 2024/index.html"), store.list("post/été"));
    for (String name : names) {
      assertTrue(store.delete(name, store.generation(name).orElseThrow()), name);
      assertFalse(store.delete(name), name);
    }
    assertEquals(List.of(), store.list("post/"));
  }

  @Test
  void listingFollowsPageTokens() {
    ObjectStore store = store();
    for (int i = 0; i < 7; i++) {
      store.put(write("post/" + i, "x"));
    }
    fake.clearRequests();
    assertEquals(7, store.list("post/").size());
    assertTrue(requestsMatching("GET /storage/v1/b/" + bucket + "/o?") >= 4,
        fake.requests()::toString);
  }

  @Test
  void unconditionalWritesAndDeletesAreNotRetried() {
    // The client retries only what is idempotent: a write or delete without a generation
    // precondition could apply twice, so one 503 is enough to make it unavailable.
    ObjectStore store = store();
    fake.clearRequests();
    fake.failNext(1, 503);
    assertThrows(ObjectStore.StoreUnavailableException.class, () -> store.put(write("u", "x")));
    fake.failNext(1, 503);
    assertThrows(ObjectStore.StoreUnavailableException.class, () -> store.delete("u"));
    assertEquals(2, fake.requests().size(), fake.requests()::toString);
  }

  @Test
  void theClientIsBuiltOnFirstUseOnly() {
    // Nothing here may reach for credentials or the network: building the store is free.
    ObjectStore store = GcsObjectStores.fromEnvironment("podcast-site");
    assertTrue(store instanceof GcsObjectStore);
    assertThrows(IllegalArgumentException.class, () -> GcsObjectStores.fromEnvironment("gs://x"));
    assertThrows(IllegalArgumentException.class, () -> GcsObjectStores.forBucket(storage, " "));
  }
}
