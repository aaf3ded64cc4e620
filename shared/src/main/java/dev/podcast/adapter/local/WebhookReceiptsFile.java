package dev.podcast.adapter.local;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.podcast.port.WebhookReceipts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link WebhookReceipts} kept in a file beside a local site, {@code <site>/.podcast/webhooks.json}
 * ({@code {"receipts": {id: expireAt}}}, the expiry an RFC 3339 instant), so that {@code podcast
 * serve} still knows the deliveries it handled after a restart: a replayed delivery is a
 * duplicate, not an old episode written again. Like Firestore's TTL, an expired receipt counts
 * as absent and is dropped at the next write. The file holds at most {@link #MAX_RECEIPTS}: past
 * that the receipts that expire first are dropped (a delivery is signed with its time and refused
 * 5 minutes later, so only the newest receipts can still stop a replay). Written whole and
 * replaced atomically on each new receipt, before it counts; never listed by the site's folder
 * store (its name is hidden), so never published or swept.
 *
 * <p>Thread-safe (one lock); one process per site folder, as for the state file.
 */
public final class WebhookReceiptsFile implements WebhookReceipts {

  /** Where the receipts live, relative to the site folder. */
  public static final String NAME = ".podcast/webhooks.json";
  /** The most receipts kept. */
  public static final int MAX_RECEIPTS = 10_000;

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
      .create();

  private final Path file;
  private final int maxReceipts;
  private final Map<String, Instant> expiries;

  private WebhookReceiptsFile(Path file, int maxReceipts, Map<String, Instant> expiries) {
    this.file = file;
    this.maxReceipts = maxReceipts;
    this.expiries = expiries;
  }

  /**
   * The receipts of the site folder {@code site}, as its file holds them (none when there is no
   * file); a temporary file a killed write left is removed.
   *
   * @throws IllegalStateException when the file is damaged (it names the file)
   */
  public static WebhookReceiptsFile of(Path site) {
    return open(site.resolve(NAME), MAX_RECEIPTS);
  }

  /** The receipts in {@code file}, at most {@code maxReceipts} of them. */
  static WebhookReceiptsFile open(Path file, int maxReceipts) {
    if (maxReceipts < 1) {
      throw new IllegalArgumentException("maxReceipts must be at least 1");
    }
    removeTemporaries(file);
    return new WebhookReceiptsFile(file, maxReceipts, read(file));
  }

  /** The file the receipts are kept in. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized boolean seen(String id, Instant now) {
    WebhookReceipts.checkId(id);
    Instant expireAt = expiries.get(id);
    return expireAt != null && expireAt.isAfter(now);
  }

  @Override
  public synchronized boolean firstSeen(String id, Instant now, Instant expireAt) {
    WebhookReceipts.check(id, now, expireAt);
    if (seen(id, now)) {
      return false;
    }
    Map<String, Instant> next = new HashMap<>(expiries);
    next.values().removeIf(e -> !e.isAfter(now));
    next.put(id, expireAt);
    if (next.size() > maxReceipts) {
      next.entrySet().stream()
          .sorted(Map.Entry.<String, Instant>comparingByValue()
              .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
          .limit(next.size() - maxReceipts)
          .map(Map.Entry::getKey)
          .toList()
          .forEach(next::remove);
    }
    // On disk first: a receipt that could not be kept is not one (the sender retries).
    write(file, next);
    expiries.clear();
    expiries.putAll(next);
    return true;
  }

  private static Map<String, Instant> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException absent) {
      return new HashMap<>();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    try {
      Map<String, Instant> expiries = new HashMap<>();
      JsonObject root = JsonParser.parseString(text).getAsJsonObject();
      for (Map.Entry<String, JsonElement> e : root.getAsJsonObject("receipts").entrySet()) {
        WebhookReceipts.checkId(e.getKey());
        expiries.put(e.getKey(), Instant.parse(e.getValue().getAsString()));
      }
      return expiries;
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
        | ClassCastException | NullPointerException | DateTimeParseException
        | IllegalArgumentException e) {
      throw new IllegalStateException("the webhook receipts file " + file + " is damaged;"
          + " delete it to start with no receipts (a delivery of the last 5 minutes could then"
          + " be applied again): " + e.getMessage(), e);
    }
  }

  private static void write(Path file, Map<String, Instant> expiries) {
    JsonObject receipts = new JsonObject();
    new TreeMap<>(expiries).forEach((id, expireAt) -> receipts.addProperty(id,
        expireAt.toString()));
    JsonObject root = new JsonObject();
    root.add("receipts", receipts);
    AtomicFiles.replace(file, GSON.toJson(root) + "\n");
  }

  /** Removes {@code <file>.tmp-<pid>} files that a killed process left. */
  private static void removeTemporaries(Path file) {
    Path folder = file.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder,
        p -> p.getFileName().toString().startsWith(file.getFileName() + AtomicFiles.TEMPORARY))) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + folder, e);
    }
  }
}
