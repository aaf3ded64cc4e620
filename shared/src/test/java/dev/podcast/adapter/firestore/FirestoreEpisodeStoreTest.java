package dev.podcast.adapter.firestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.EpisodeStore.Outcome;
import dev.podcast.port.EpisodeStore.SourceRecord;
import dev.podcast.port.EpisodeStoreContract;
import dev.podcast.port.ObjectStore.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The episode store contract on Firestore, against the Firestore emulator (see {@link
 * FirestoreEmulator}); each test gets a show of its own. Plus what only this adapter has: the
 * document model and the mapping of outages.
 */
class FirestoreEpisodeStoreTest extends EpisodeStoreContract {

  private static FirestoreEmulator.Session firestore;
  private static Firestore db;

  @BeforeAll
  static void startEmulator() {
    firestore = FirestoreEmulator.Session.start().orElse(null);
    db = firestore == null ? null : firestore.db();
  }

  /** Without an emulator every test here is skipped (and counted as skipped). */
  @BeforeEach
  void needsTheEmulator() {
    assumeTrue(firestore != null, FirestoreEmulator.MISSING);
  }

  @AfterAll
  static void stopEmulator() throws Exception {
    if (firestore != null) {
      firestore.close();
    }
  }


  private String showId;

  @Override
  protected EpisodeStore store() {
    showId = "show-" + UUID.randomUUID();
    return FirestoreEpisodeStores.forClient(db, showId);
  }

  @Test
  void documentsFollowTheModel() throws Exception {
    EpisodeStore store = store();
    String object = "episodes/2024/a b.md";
    store.transaction(tx -> {
      tx.put(new SourceRecord(object, 3, Outcome.PUBLISHED, List.of("p"),
          Instant.parse("2024-01-01T00:00:00Z")));
      tx.put(full("a-b", object, Instant.parse("2024-01-01T00:00:00Z")));
      tx.setVersion(4);
      return null;
    });
    DocumentSnapshot show = db.collection("shows").document(showId).get().get();
    assertEquals(4L, show.getLong("version"));
    DocumentSnapshot source = db.document("shows/" + showId + "/sources/"
        + FirestoreEpisodeStore.sourceId(object)).get().get();
    assertEquals(object, source.getString("object"));
    assertEquals("ZXBpc29kZXMvMjAyNC9hIGIubWQ", FirestoreEpisodeStore.sourceId(object));
    DocumentSnapshot episode = db.document("shows/" + showId + "/episodes/a-b").get().get();
    assertEquals(object, episode.getString("sourceObject"));
    assertEquals(Map.of("url", "https://cdn.example.com/audio/a-b.mp3", "length", 34_567_890L,
        "type", "audio/mpeg"), episode.get("enclosure"));
    assertEquals(12L, episode.getLong("episodeNumber"));
    assertTrue(episode.contains("expiryDate"));
  }

  @Test
  void aShowWrittenBeforeTheCatalogueGetsOneOnItsFirstColdRead() throws Exception {
    EpisodeStore store = store();
    Instant day = Instant.parse("2024-01-01T00:00:00Z");
    List<EpisodeStore.EpisodeRecord> records = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      records.add(full("ep-" + i, "episodes/" + i + ".md", day.plusSeconds(i)));
    }
    store.transaction(tx -> {
      records.forEach(tx::put);
      tx.setVersion(7);
      return null;
    });
    // As an older release left it: episodes and a version, no catalogue.
    DocumentReference showDoc = db.collection("shows").document(showId);
    for (DocumentReference part : showDoc.collection("catalogue").listDocuments()) {
      part.delete().get();
    }
    showDoc.update("catalogued", com.google.cloud.firestore.FieldValue.delete()).get();
    assertEquals(0, showDoc.collection("catalogue").get().get().size());

    List<EpisodeStore.EpisodeRecord> outlines = store.outlines();
    assertEquals(store.episodes().stream().map(EpisodeStore.EpisodeRecord::outline).toList(),
        outlines);
    assertEquals(Boolean.TRUE, showDoc.get().get().getBoolean("catalogued"));
    long reads = store.usage().orElseThrow().reads();
    assertEquals(outlines, store.outlines(), "read back from the catalogue");
    long catalogueReads = store.usage().orElseThrow().reads() - reads;
    assertTrue(catalogueReads <= 1 + FirestoreEpisodeStore.CATALOGUE_PARTS,
        catalogueReads + " reads");
  }

  @Test
  void anUnreachableFirestoreIsAnOutage() throws Exception {
    String nowhere = "127.0.0.1:" + FirestoreEmulator.freePort();
    RetrySettings quick = RetrySettings.newBuilder()
        .setTotalTimeoutDuration(Duration.ofSeconds(3))
        .setInitialRetryDelayDuration(Duration.ofMillis(50))
        .setMaxRetryDelayDuration(Duration.ofMillis(200))
        .setRetryDelayMultiplier(2)
        .setInitialRpcTimeoutDuration(Duration.ofSeconds(1))
        .setMaxRpcTimeoutDuration(Duration.ofSeconds(1))
        .setRpcTimeoutMultiplier(1)
        .setMaxAttempts(3)
        .build();
    Firestore down = FirestoreEmulator.client(nowhere, Optional.of(quick));
    try {
      EpisodeStore store = FirestoreEpisodeStores.forClient(down, "show");
      long start = System.nanoTime();
      assertThrows(StoreUnavailableException.class, store::version);
      assertThrows(StoreUnavailableException.class, store::episodes);
      assertThrows(StoreUnavailableException.class, () -> store.source("episodes/a.md"));
      assertThrows(StoreUnavailableException.class, () -> store.transaction(tx -> tx.version()));
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 120);
    } finally {
      down.close();
    }
  }

  @Test
  void theWorkFunctionsOwnExceptionIsNotMistakenForAnOutage() {
    EpisodeStore store = store();
    StoreUnavailableException own = new StoreUnavailableException("the work's own", null);
    assertSame(own, assertThrows(StoreUnavailableException.class,
        () -> store.transaction(tx -> {
          tx.version();
          throw own;
        })));
  }

  @Test
  void showIdsMustBeDocumentIds() {
    for (String bad : List.of("", " ", "a/b", ".", "..", "__x__")) {
      assertThrows(IllegalArgumentException.class,
          () -> FirestoreEpisodeStores.forClient(db, bad), bad);
    }
  }
}
