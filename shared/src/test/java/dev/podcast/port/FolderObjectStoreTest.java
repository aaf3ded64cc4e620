package dev.podcast.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.local.FolderObjectStore;
import dev.podcast.adapter.local.FolderWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The object store contract on the local-folder adapter; then what only a folder has:
 * generations from the files' ctime (stable across restarts, newer after a change made while no
 * store watched), identical rewrites that leave the file alone, symbolic links and hidden files
 * that are no objects, listings of one subtree, and the {@link FolderObjectStore.Changes} told of
 * each write and delete.
 */
class FolderObjectStoreTest extends ObjectStoreContract {

  @Override
  protected ObjectStore store() {
    try {
      return new FolderObjectStore(Files.createTempDirectory("folder-store"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aDeleteThroughTheStoreIsReportedWithTheGenerationItHad() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    FolderObjectStore store = new FolderObjectStore(root);
    FolderWatcher watcher = new FolderWatcher(root, store);
    watcher.baseline();
    long generation = store.put(new ObjectStore.Write("content/post/a/index.md",
        "x".getBytes(StandardCharsets.UTF_8), "text/markdown", ""));
    List<String> events = new ArrayList<>();
    FolderWatcher.Listener listener = new FolderWatcher.Listener() {
      @Override
      public void finalized(String object, long g) {
        events.add("finalized " + object);
      }

      @Override
      public void deleted(String object, long g) {
        events.add("deleted " + object + " " + g);
      }
    };
    watcher.poll(listener);
    long seen = store.generation("content/post/a/index.md").orElseThrow();
    store.delete("content/post/a/index.md");
    store.get("content/post/a/index.md"); // a read in between changes nothing
    watcher.poll(listener);
    assertEquals(List.of("finalized content/post/a/index.md",
        "deleted content/post/a/index.md " + seen), events);
    assertEquals(true, seen >= generation);
  }

  @Test
  void theWatcherWakesOnAChangeInANewFolderAndSeesARenameOverSave() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    FolderObjectStore store = new FolderObjectStore(root);
    FolderWatcher watcher = new FolderWatcher(root, store);
    watcher.baseline();
    List<String> events = new ArrayList<>();
    FolderWatcher.Listener listener = new FolderWatcher.Listener() {
      @Override
      public void finalized(String object, long g) {
        events.add("finalized " + object);
      }

      @Override
      public void deleted(String object, long g) {
        events.add("deleted " + object);
      }
    };
    assertEquals(true, watcher.watching(), "Linux reports changes (inotify)");
    assertEquals(false, watcher.awaitChange(50), "nothing changed");
    Files.createDirectories(root.resolve("content/post/new"));
    assertEquals(true, watcher.awaitChange(5_000), "a new folder is a change");
    watcher.poll(listener); // walks the new folders, and watches them from now on
    Path file = root.resolve("content/post/new/index.md");
    Path temporary = root.resolve("content/post/new/index.md.swp");
    Files.writeString(temporary, "first");
    Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    assertEquals(true, watcher.awaitChange(5_000), "a file renamed into a new folder");
    watcher.poll(listener);
    Files.writeString(temporary, "second, longer");
    Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals(true, watcher.awaitChange(5_000), "an editor's rename-over save");
    watcher.poll(listener);
    assertEquals("second, longer", new String(store.get("content/post/new/index.md")
        .orElseThrow().content(), StandardCharsets.UTF_8));
    // A folder removed with its file: reported on its parent, the file's delete is seen.
    Files.delete(file);
    Files.delete(root.resolve("content/post/new"));
    assertEquals(true, watcher.awaitChange(5_000), "a folder removed");
    watcher.poll(listener);
    // A change outside the reported folders is still seen by the full look that follows.
    Files.writeString(root.resolve("config.toml"), "title = \"x\"");
    watcher.poll(listener);
    assertEquals(List.of("finalized content/post/new/index.md",
        "finalized content/post/new/index.md", "deleted content/post/new/index.md",
        "finalized config.toml"), events);
  }

  private static ObjectStore.Write write(String name, String text) {
    return write(name, text, Map.of());
  }

  private static ObjectStore.Write write(String name, String text, Map<String, String> metadata) {
    return new ObjectStore.Write(name, text.getBytes(StandardCharsets.UTF_8), "text/markdown", "",
        metadata);
  }

  /** Writes {@code file} behind the store's back, as an editor or {@code cp} would. */
  private static Path edit(Path root, String name, String text) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * Waits until the file system's clock has moved past {@code file}'s last status change, so
   * that a change made now gets a later ctime (file systems stamp times from a coarse clock).
   */
  private static void nextTick(Path file) throws Exception {
    Instant changed = ctime(file);
    Path probe = file.resolveSibling(".tick-probe");
    for (int i = 0; i < 1_000; i++) {
      Files.writeString(probe, Integer.toString(i));
      boolean moved = ctime(probe).isAfter(changed);
      Files.delete(probe);
      if (moved) {
        return;
      }
      Thread.sleep(2);
    }
    throw new AssertionError("the file system's clock does not move");
  }

  private static Instant ctime(Path file) throws IOException {
    return ((FileTime) Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS))
        .toInstant();
  }

  private static String text(ObjectStore store, String name) {
    return new String(store.get(name).orElseThrow().content(), StandardCharsets.UTF_8);
  }

  @Test
  void generationsAreStableAcrossARestart() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    edit(root, "content/post/a/index.md", "written by an editor");
    FolderObjectStore before = new FolderObjectStore(root);
    long edited = before.generation("content/post/a/index.md").orElseThrow();
    long written = before.put(write("content/post/b/index.md", "written through the store"));
    ObjectStore.ObjectInfo info = before.stat("content/post/a/index.md").orElseThrow();

    FolderObjectStore after = new FolderObjectStore(root);
    assertEquals(Optional.of(edited), after.generation("content/post/a/index.md"));
    assertEquals(Optional.of(written), after.generation("content/post/b/index.md"));
    assertEquals(edited, after.get("content/post/a/index.md").orElseThrow().generation());
    assertEquals(info, after.stat("content/post/a/index.md").orElseThrow());
    // a second restart too, and a read in between changes nothing
    assertEquals(Optional.of(written), new FolderObjectStore(root)
        .generation("content/post/b/index.md"));
  }

  @Test
  void aFileChangedWhileNoStoreWatchedGetsALargerGeneration() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    Path file = edit(root, "content/post/a/index.md", "first");
    FileTime modified = Files.getLastModifiedTime(file);
    long first = new FolderObjectStore(root).generation("content/post/a/index.md").orElseThrow();

    // rewritten, then given its old modification time back (cp -p, rsync -a)
    nextTick(file);
    Files.writeString(file, "second", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, modified);
    FolderObjectStore restarted = new FolderObjectStore(root);
    long second = restarted.generation("content/post/a/index.md").orElseThrow();
    assertTrue(second > first, second + " is not after " + first);
    assertEquals("second", text(restarted, "content/post/a/index.md"));
    assertEquals(modified.toInstant(),
        restarted.stat("content/post/a/index.md").orElseThrow().updated());

    // replaced by a copy of an older file, its times kept
    Path old = Files.createTempFile("old", ".md");
    Files.writeString(old, "third");
    Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    nextTick(file);
    Files.copy(old, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    FolderObjectStore again = new FolderObjectStore(root);
    long third = again.generation("content/post/a/index.md").orElseThrow();
    assertTrue(third > second, third + " is not after " + second);
    assertEquals(Instant.parse("2020-01-01T00:00:00Z"),
        again.get("content/post/a/index.md").orElseThrow().updated());
  }

  @Test
  void aPutOfTheBytesAFileHoldsLeavesTheFileAloneButIsAWrite() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    FolderObjectStore store = new FolderObjectStore(root);
    String name = "post/a/index.html";
    long first = store.put(write(name, "<p>a</p>", Map.of("podcast-version", "1")));
    Path file = root.resolve(name);
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, old);
    Object inode = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class)
        .fileKey();

    long second = store.put(write(name, "<p>a</p>", Map.of("podcast-version", "2")));
    assertTrue(second > first, second + " is not after " + first);
    assertEquals(old, Files.getLastModifiedTime(file), "the file was rewritten");
    assertEquals(inode, Files.readAttributes(file,
        java.nio.file.attribute.BasicFileAttributes.class).fileKey(), "the file was replaced");
    ObjectStore.ObjectInfo info = store.stat(name).orElseThrow();
    assertEquals(second, info.generation());
    assertEquals(Map.of("podcast-version", "2"), info.metadata());
    assertEquals(old.toInstant(), info.updated());

    // conditional, too: the precondition still counts
    long third = store.put(write(name, "<p>a</p>", Map.of("podcast-version", "3")), second);
    assertTrue(third > second, third + " is not after " + second);
    assertThrows(ObjectStore.PreconditionFailedException.class,
        () -> store.put(write(name, "<p>a</p>"), second));
    assertEquals(Map.of("podcast-version", "3"), store.get(name).orElseThrow().metadata());
    assertEquals(old, Files.getLastModifiedTime(file));

    // other bytes are written
    store.put(write(name, "<p>b</p>"));
    assertEquals("<p>b</p>", Files.readString(file));
    assertFalse(old.equals(Files.getLastModifiedTime(file)), "other bytes were not written");
  }

  @Test
  void customMetadataLastsAsLongAsTheProcess() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    new FolderObjectStore(root).put(write("post/a/index.html", "a", Map.of("podcast-version",
        "1")));
    assertEquals(Map.of(), new FolderObjectStore(root).stat("post/a/index.html").orElseThrow()
        .metadata());
  }

  @Test
  void aSymbolicLinkIsNoObject() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    Path outside = Files.createTempDirectory("outside");
    Path target = outside.resolve("secret.png");
    Files.writeString(target, "not for the site");
    edit(root, "static/real.png", "real");
    Files.createSymbolicLink(root.resolve("static/link.png"), target);
    FolderObjectStore store = new FolderObjectStore(root);

    assertEquals(List.of("static/real.png"), store.list(""));
    assertEquals(List.of("static/real.png"), store.list("static/"));
    assertEquals(List.of(), store.list("static/link"));
    assertEquals(Optional.empty(), store.get("static/link.png"));
    assertEquals(Optional.empty(), store.stat("static/link.png"));
    assertEquals(Optional.empty(), store.generation("static/link.png"));
    assertFalse(store.delete("static/link.png"));
    assertFalse(store.delete("static/link.png", ObjectStore.DOES_NOT_EXIST));
    assertEquals("not for the site", Files.readString(target));
    assertTrue(Files.isSymbolicLink(root.resolve("static/link.png")));

    // a write in its place replaces the link, never the file it points to
    long generation = store.put(write("static/link.png", "published"));
    assertEquals("not for the site", Files.readString(target));
    assertEquals("published", text(store, "static/link.png"));
    assertEquals(generation, store.generation("static/link.png").orElseThrow());
  }

  @Test
  void aFileInALinkedFolderIsNoObject() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    Path outside = Files.createTempDirectory("outside");
    Path target = outside.resolve("a.png");
    Files.writeString(target, "not for the site");
    Files.createDirectories(root.resolve("static"));
    Files.createSymbolicLink(root.resolve("static/shared"), outside);
    FolderObjectStore store = new FolderObjectStore(root);

    assertEquals(List.of(), store.list(""));
    assertEquals(List.of(), store.list("static/shared/"));
    assertEquals(Optional.empty(), store.get("static/shared/a.png"));
    assertEquals(Optional.empty(), store.stat("static/shared/a.png"));
    assertEquals(Optional.empty(), store.generation("static/shared/a.png"));
    assertFalse(store.delete("static/shared/a.png"));
    assertFalse(store.delete("static/shared/a.png", ObjectStore.DOES_NOT_EXIST));
    assertEquals("not for the site", Files.readString(target));
    assertThrows(IllegalArgumentException.class,
        () -> store.put(write("static/shared/a.png", "published")));
    assertThrows(IllegalArgumentException.class,
        () -> store.put(write("static/shared/new.png", "published")));
    assertEquals("not for the site", Files.readString(target));
    assertFalse(Files.exists(outside.resolve("new.png")));
  }

  @Test
  void aNameThroughAFileOrLongerThanFileSystemsAllowIsNoObject() throws Exception {
    // What serve's server asks for /feed.xml/ (feed.xml/index.html) or a 300-character name:
    // no such object, not an outage.
    Path root = Files.createTempDirectory("folder-store");
    edit(root, "feed.xml", "<rss/>");
    FolderObjectStore store = new FolderObjectStore(root);
    for (String name : List.of("feed.xml/index.html", "feed.xml/a/b.png", "a".repeat(256),
        "post/" + "a".repeat(300) + "/index.html", "é".repeat(128))) {
      assertEquals(Optional.empty(), store.get(name), name);
      assertEquals(Optional.empty(), store.stat(name), name);
      assertEquals(Optional.empty(), store.generation(name), name);
    }
    assertEquals("<rss/>", text(store, "feed.xml"));
  }

  @Test
  void hiddenFilesAreNotListed() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    edit(root, "content/post/a/index.md", "a");
    edit(root, "content/post/a/.index.md.swp", "swap");
    edit(root, ".podcast/state.json", "{}");
    edit(root, ".podcast/cms/entry", "x");
    edit(root, ".hidden", "x");
    edit(root, "static/.cache/.a.png", "x");
    // A folder whose name starts with a dot is a folder like any: ".NET" is a category.
    edit(root, "categories/.net/index.html", "page");
    FolderObjectStore store = new FolderObjectStore(root);
    assertEquals(List.of("categories/.net/index.html", "content/post/a/index.md"),
        store.list(""));
    assertEquals(List.of("content/post/a/index.md"), store.list("content/"));
    assertEquals(List.of(), store.list("static/"));
    assertEquals(List.of(), store.list(".podcast/"));
    assertEquals(List.of(), store.list("."));
    assertTrue(FolderObjectStore.isHidden(".podcast/state.json"));
    assertTrue(FolderObjectStore.isHidden("content/post/a/.index.md.swp"));
    assertFalse(FolderObjectStore.isHidden("categories/.net/index.html"));
  }

  @Test
  void aListingHoldsOnlyThePrefixsSubtree() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    FolderObjectStore store = new FolderObjectStore(root);
    for (String name : List.of("content/post/a/index.md", "content/post/a/cover.png",
        "content/post/b/index.md", "content/postscript/index.md", "content/post.md",
        "content/other/index.md", "config.toml", "static/post/x.png")) {
      store.put(write(name, name));
    }
    assertEquals(List.of("content/post/a/cover.png", "content/post/a/index.md",
        "content/post/b/index.md"), store.list("content/post/"));
    assertEquals(List.of("content/post/a/cover.png", "content/post/a/index.md"),
        store.list("content/post/a/"));
    assertEquals(List.of("content/post/a/index.md"), store.list("content/post/a/in"));
    assertEquals(List.of("content/post.md", "content/post/a/cover.png",
        "content/post/a/index.md", "content/post/b/index.md", "content/postscript/index.md"),
        store.list("content/post"));
    assertEquals(List.of("content/post/a/index.md"), store.list("content/post/a/index.md"));
    assertEquals(List.of(), store.list("content/post/a/index.md/"));
    assertEquals(List.of(), store.list("content/nothing/"));
    assertEquals(List.of(), store.list("nothing/at/all/"));
    assertEquals(8, store.list("").size());
  }

  @Test
  void theChangesListenerIsToldOfEachWriteAndDelete() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    List<String> told = new ArrayList<>();
    FolderObjectStore store = new FolderObjectStore(root, new FolderObjectStore.Changes() {
      @Override
      public void written(String name, boolean changed) {
        told.add("written " + name + " " + changed);
      }

      @Override
      public void deleted(String name) {
        told.add("deleted " + name);
      }
    });
    store.put(write("post/a/index.html", "one"));
    store.put(write("post/a/index.html", "one", Map.of("podcast-version", "2")));
    store.put(write("post/a/index.html", "two"));
    long generation = store.put(write("feed.xml", "feed"), ObjectStore.DOES_NOT_EXIST);
    store.put(write("feed.xml", "feed"), generation);
    assertTrue(store.delete("post/a/index.html"));
    assertFalse(store.delete("post/a/index.html"));
    assertFalse(store.delete("never-was.html"));
    assertThrows(ObjectStore.PreconditionFailedException.class,
        () -> store.put(write("feed.xml", "lost"), ObjectStore.DOES_NOT_EXIST));
    assertTrue(store.delete("feed.xml", store.generation("feed.xml").orElseThrow()));
    assertEquals(List.of(
        "written post/a/index.html true",
        "written post/a/index.html false",
        "written post/a/index.html true",
        "written feed.xml true",
        "written feed.xml false",
        "deleted post/a/index.html",
        "deleted feed.xml"), told);
    // a file an editor changed behind the store's back is changed
    edit(root, "post/b/index.html", "edited");
    store.put(write("post/b/index.html", "rendered"));
    assertEquals("written post/b/index.html true", told.get(told.size() - 1));
  }

  @Test
  void aHugeFileIsNeverReadIntoMemory() throws Exception {
    Path root = Files.createTempDirectory("folder-store");
    Path huge = root.resolve("content/post/huge/index.md");
    Files.createDirectories(huge.getParent());
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(1_200L * 1024 * 1024); // as `truncate -s 1200M` makes it: sparse
    }
    FolderObjectStore store = new FolderObjectStore(root);
    assertEquals(1_200L * 1024 * 1024, store.stat("content/post/huge/index.md").orElseThrow()
        .size());
    ObjectStore.ObjectTooLargeException tooLarge = assertThrows(
        ObjectStore.ObjectTooLargeException.class,
        () -> store.get("content/post/huge/index.md", 5L * 1024 * 1024));
    assertEquals(1_200L * 1024 * 1024, tooLarge.size());
  }
}
