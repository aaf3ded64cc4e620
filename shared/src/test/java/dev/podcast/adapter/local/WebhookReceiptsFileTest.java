package dev.podcast.adapter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.podcast.port.ObjectStore;
import dev.podcast.port.WebhookReceipts;
import dev.podcast.port.WebhookReceiptsContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook receipts contract on the receipts file of a local site; then what only a file has:
 * receipts read again by the next process, expired ones dropped from the file, the bound on its
 * size, atomic replacement, and damaged files.
 */
class WebhookReceiptsFileTest extends WebhookReceiptsContract {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123456Z");
  private static final Instant DAY_LATER = NOW.plus(Duration.ofHours(24));

  @TempDir
  Path sites;

  @Override
  protected WebhookReceipts receipts() {
    try {
      return WebhookReceiptsFile.of(Files.createTempDirectory(sites, "site"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theNextProcessSeesTheReceiptsInTheSiteFolder(@TempDir Path site) throws Exception {
    WebhookReceiptsFile first = WebhookReceiptsFile.of(site);
    assertEquals(site.resolve(".podcast/webhooks.json"), first.file());
    assertFalse(Files.exists(first.file()), "nothing is written before a receipt");
    assertTrue(first.firstSeen("msg_1", NOW, DAY_LATER));
    assertTrue(first.firstSeen("msg/ü \"2\"", NOW, NOW.plusSeconds(10)));

    WebhookReceiptsFile again = WebhookReceiptsFile.of(site);
    assertTrue(again.seen("msg_1", NOW.plusSeconds(3600)));
    assertFalse(again.firstSeen("msg_1", NOW.plusSeconds(3600), DAY_LATER.plusSeconds(3600)));
    assertTrue(again.seen("msg/ü \"2\"", NOW.plusSeconds(9)));
    assertFalse(again.seen("msg/ü \"2\"", NOW.plusSeconds(10)));
    assertFalse(again.seen("msg_3", NOW));
    // The expiry is kept to the microsecond and more, as RFC 3339 instants.
    JsonObject receipts = JsonParser.parseString(Files.readString(first.file()))
        .getAsJsonObject().getAsJsonObject("receipts");
    assertEquals("2026-11-26T12:00:00.123456Z", receipts.get("msg_1").getAsString());
  }

  @Test
  void expiredReceiptsLeaveTheFileAtTheNextWrite(@TempDir Path site) throws Exception {
    WebhookReceiptsFile receipts = WebhookReceiptsFile.of(site);
    receipts.firstSeen("old", NOW, NOW.plusSeconds(60));
    receipts.firstSeen("new", NOW, DAY_LATER);
    assertEquals(2, ids(receipts.file()).size());
    receipts.firstSeen("later", NOW.plusSeconds(61), DAY_LATER);
    assertEquals(List.of("later", "new"), ids(receipts.file()));
    assertTrue(WebhookReceiptsFile.of(site).firstSeen("old", NOW.plusSeconds(61), DAY_LATER));
  }

  @Test
  void pastItsBoundTheReceiptsThatExpireFirstGo(@TempDir Path site) throws Exception {
    Path file = site.resolve(WebhookReceiptsFile.NAME);
    WebhookReceiptsFile receipts = WebhookReceiptsFile.open(file, 3);
    for (int i = 0; i < 5; i++) {
      assertTrue(receipts.firstSeen("msg_" + i, NOW, DAY_LATER.plusSeconds(i)));
    }
    assertEquals(List.of("msg_2", "msg_3", "msg_4"), ids(file));
    assertFalse(receipts.seen("msg_0", NOW));
    assertTrue(receipts.seen("msg_4", NOW));
    assertEquals(10_000, WebhookReceiptsFile.MAX_RECEIPTS);
    assertThrows(IllegalArgumentException.class, () -> WebhookReceiptsFile.open(file, 0));
  }

  @Test
  void theFileIsReplacedWholeAndNoTemporaryFileStays(@TempDir Path site) throws Exception {
    WebhookReceiptsFile receipts = WebhookReceiptsFile.of(site);
    for (int i = 0; i < 50; i++) {
      receipts.firstSeen("msg_" + i, NOW, DAY_LATER);
      // Whole after every write: the next process can always read it.
      assertEquals(i + 1, ids(receipts.file()).size());
    }
    try (Stream<Path> files = Files.list(site.resolve(".podcast"))) {
      assertEquals(List.of("webhooks.json"),
          files.map(p -> p.getFileName().toString()).toList());
    }
    // A temporary file that a killed write left is removed at the next start.
    Path left = site.resolve(".podcast/webhooks.json.tmp-12345");
    Files.writeString(left, "{\"rec");
    assertTrue(WebhookReceiptsFile.of(site).seen("msg_49", NOW));
    assertFalse(Files.exists(left));
    // The site's folder store never lists it, so it is never published or swept.
    assertTrue(FolderObjectStore.isHidden(WebhookReceiptsFile.NAME));
    assertEquals(List.of(), new FolderObjectStore(site).list(""));
  }

  @Test
  void aReceiptThatCannotBeWrittenIsNoReceipt(@TempDir Path site) throws Exception {
    WebhookReceiptsFile receipts = WebhookReceiptsFile.of(site);
    // A folder where the temporary file goes: the write fails, as on a full disk.
    Path blocker = site.resolve(".podcast/webhooks.json.tmp-" + ProcessHandle.current().pid());
    Files.createDirectories(blocker);
    Files.writeString(blocker.resolve("x"), "x");
    assertThrows(ObjectStore.StoreUnavailableException.class,
        () -> receipts.firstSeen("msg_1", NOW, DAY_LATER));
    assertFalse(receipts.seen("msg_1", NOW));
    assertFalse(Files.exists(receipts.file()));
    // Once it can be written, the retry is the first delivery.
    Files.delete(blocker.resolve("x"));
    Files.delete(blocker);
    assertTrue(receipts.firstSeen("msg_1", NOW, DAY_LATER));
  }

  @Test
  void aDamagedFileIsAnErrorNamingIt(@TempDir Path site) throws Exception {
    Path file = site.resolve(WebhookReceiptsFile.NAME);
    Files.createDirectories(file.getParent());
    for (String damaged : List.of("{\"receipts\": {\"msg\": \"yesterday\"}}", "[1, 2]",
        "{\"receipts\": [\"msg\"]}", "{\"receipts\": {\"\": \"2026-11-25T12:00:00Z\"}}",
        "{\"rec", "{}")) {
      Files.writeString(file, damaged, StandardCharsets.UTF_8);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> WebhookReceiptsFile.of(site), damaged);
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
  }

  private static List<String> ids(Path file) throws IOException {
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject()
        .getAsJsonObject("receipts").keySet().stream().sorted().toList();
  }
}
