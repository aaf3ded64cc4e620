package dev.podcast.adapter.firestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.podcast.port.NotificationLog;
import dev.podcast.port.NotificationLog.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notifications' log on the Firestore emulator: an entry kept as written, keys that hold
 * slashes and spaces, and updates from many threads at once each applied once (the transaction
 * serialises them), as instances of the notify function would.
 */
class FirestoreNotificationLogTest {

  private static FirestoreEmulator.Session firestore;

  @BeforeAll
  static void startEmulator() {
    firestore = FirestoreEmulator.Session.start().orElse(null);
  }

  @AfterAll
  static void stopEmulator() throws Exception {
    if (firestore != null) {
      firestore.close();
    }
  }

  @Test
  void entriesAreKeptAndConcurrentUpdatesAreEachAppliedOnce() throws Exception {
    assumeTrue(firestore != null, FirestoreEmulator.MISSING);
    NotificationLog log = FirestoreNotificationLog.forClient(firestore.db(),
        "show-" + UUID.randomUUID());
    String key = "websub https://pubsubhubbub.appspot.com/ https://pod.example/feed.xml";
    assertEquals(Optional.empty(), log.read(key));
    Instant at = Instant.parse("2026-12-02T12:00:00.123456Z");
    Entry told = new Entry(1700000000000001L, "md5:abc==", 0, Instant.EPOCH, 0,
        "told: POST https://pubsubhubbub.appspot.com/ answered 204", at);
    assertEquals(told, log.update(key, e -> told));
    assertEquals(Optional.of(told), log.read(key));
    assertEquals(Optional.empty(), log.read(key + "/other"));

    String counted = "podping https://podping.cloud/ https://pod.example/feed.xml";
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Entry>> updates = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        updates.add(pool.submit(() -> log.update(counted, e -> new Entry(e.done(), e.hash(),
            e.claimed(), e.claimedAt(), e.attempts() + 1, "attempt", at))));
      }
      for (Future<Entry> f : updates) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(16, log.read(counted).orElseThrow().attempts());
  }
}
