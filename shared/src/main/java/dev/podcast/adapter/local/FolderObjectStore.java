package dev.podcast.adapter.local;

import dev.podcast.port.ObjectStore;
import dev.podcast.site.ContentTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An {@link ObjectStore} on a local folder, for {@code podcast serve} and {@code podcast build}:
 * object names are paths under the folder.
 *
 * <p>Generations: a file seen for the first time gets the time of its last status change
 * ({@code ctime}, in microseconds; its modification time where the file system has no ctime),
 * which every write, rename or copy moves forward, {@code cp -p} and {@code rsync -a} included;
 * so a file that did not change while no process watched it keeps its generation across restarts,
 * and one that did gets a newer one. Writes through this store, and changes a watcher reports
 * ({@link #touched}), get the file's new ctime, or one more than the generation before where
 * the file system's clock did not move. Writes of the bytes a file already
 * holds leave the file alone (a second build rewrites nothing) but still count as a write (a new
 * generation, the new metadata). Custom metadata is kept in memory for this process: after a
 * restart, files have none.
 *
 * <p>Hidden files ({@link #isHidden}) are never listed; symbolic links are not followed (a
 * link is not an object, nor is a file in a linked folder: it is not read or deleted, and
 * writing one is an {@link IllegalArgumentException}). Operations on one name are serialised by
 * a lock of its own
 * (writes of different files go on at once). An object's
 * {@code updated} time is its file's modification time. Thread-safe.
 */
public final class FolderObjectStore implements ObjectStore {

  /** Told of each write and delete, as it happens: what {@code podcast build} reports. */
  public interface Changes {
    /** {@code name} was written; {@code changed} is false when it held those bytes already. */
    void written(String name, boolean changed);

    /** {@code name} was deleted. */
    void deleted(String name);
  }

  /** The name of a temporary file of {@link #replace}. */
  private static final java.util.regex.Pattern TEMPORARY =
      java.util.regex.Pattern.compile("\\..+\\.tmp-\\d+");

  private final Path root;
  private final Changes changes;
  /** One lock per stripe of names: writes of different files go on at once. */
  private final Object[] locks = new Object[64];
  private final Map<String, Long> generations = new ConcurrentHashMap<>();
  // The generation each file had when it went, until the watcher reports the delete: a file
  // deleted through this store (a webhook in serve) is reported with its generation, as Cloud
  // Storage reports it, not as generation 0.
  private final Map<String, Long> deletedGenerations = new ConcurrentHashMap<>();
  private final Map<String, String> contentTypes = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> metadata = new ConcurrentHashMap<>();
  /**
   * Folders found not to be links (nor any folder above them), until a watcher reports a change:
   * a file's folders are then not looked at on every read.
   */
  private final java.util.Set<Path> plainFolders = ConcurrentHashMap.newKeySet();
  private static final int MAX_PLAIN_FOLDERS = 100_000;

  public FolderObjectStore(Path root) {
    this(root, new Changes() {
      @Override
      public void written(String name, boolean changed) {}

      @Override
      public void deleted(String name) {}
    });
  }

  /** A store on {@code root} that tells {@code changes} of each write and delete. */
  public FolderObjectStore(Path root, Changes changes) {
    this.changes = java.util.Objects.requireNonNull(changes, "changes");
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
    try {
      this.root = Files.createDirectories(root).toAbsolutePath().normalize();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deletes the temporary files a write of this store left behind when its process was killed
   * in the middle ({@code .<name>.tmp-<n>}, beside the file it was to replace); returns how many.
   */
  public int removeTemporaryFiles() {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      int removed = 0;
      for (Path file : walk.filter(FolderObjectStore::isFile)
          .filter(p -> TEMPORARY.matcher(p.getFileName().toString()).matches()).toList()) {
        removed += Files.deleteIfExists(file) ? 1 : 0;
      }
      return removed;
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new StoreUnavailableException("cannot clean " + root, e);
    }
  }

  /** The folder this store keeps its objects in. */
  public Path root() {
    return root;
  }

  private Path file(String name) {
    Path file = root.resolve(name).normalize();
    if (!file.startsWith(root) || file.equals(root) || name.contains("\\")
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("object name outside the folder: " + name);
    }
    return file;
  }

  /**
   * The generation of {@code name} after a change: the file's ctime, or one more than the last
   * generation where the clock did not move (two writes within one tick of the file system's).
   */
  private long nextGeneration(String name, Path file) {
    long changed = 0;
    try {
      changed = changed(file);
    } catch (IOException gone) {
      // removed again already: its delete comes next
    }
    long generation = Math.max(changed, generations.getOrDefault(name,
        deletedGenerations.getOrDefault(name, 0L)) + 1);
    generations.put(name, generation);
    return generation;
  }

  private Object lock(String name) {
    return locks[Math.floorMod(name.hashCode(), locks.length)];
  }

  /** When {@code file}'s status last changed, in microseconds; its modification time if unknown. */
  private static long changed(Path file) throws IOException {
    return attributes(file).map(FileState::changed).orElseThrow(() ->
        new NoSuchFileException(file.toString()));
  }

  /** What one look at a file tells: is it a file, when its status and its bytes changed. */
  private record FileState(boolean regular, long changed, java.time.Instant modified,
      long size) {}

  /** {@code file}'s state, read with one call (a link is not followed); empty when absent. */
  private static Optional<FileState> attributes(Path file) throws IOException {
    try {
      Map<String, Object> unix = Files.readAttributes(file,
          "unix:isRegularFile,ctime,lastModifiedTime,size", LinkOption.NOFOLLOW_LINKS);
      FileTime ctime = (FileTime) unix.get("ctime");
      FileTime modified = (FileTime) unix.get("lastModifiedTime");
      return Optional.of(new FileState(Boolean.TRUE.equals(unix.get("isRegularFile")),
          Math.max(1, ctime.to(TimeUnit.MICROSECONDS)), modified.toInstant(),
          (Long) unix.get("size")));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    } catch (FileSystemException e) {
      // ENOTDIR (a folder on its way is a file) or ENAMETOOLONG: there is no such file.
      if (throughAFile(file) || tooLong(file)) {
        return Optional.empty();
      }
      throw e;
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      // not a Unix file system: its modification time stands in for ctime
      BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      return Optional.of(new FileState(basic.isRegularFile(),
          Math.max(1, basic.lastModifiedTime().to(TimeUnit.MICROSECONDS)),
          basic.lastModifiedTime().toInstant(), basic.size()));
    }
  }

  /** Whether the nearest folder on the way to {@code file} that exists is not a folder. */
  private static boolean throughAFile(Path file) {
    for (Path up = file.getParent(); up != null; up = up.getParent()) {
      if (Files.exists(up, LinkOption.NOFOLLOW_LINKS)) {
        return !Files.isDirectory(up, LinkOption.NOFOLLOW_LINKS);
      }
    }
    return false;
  }

  /** Whether a name on the way to {@code file} is longer than file systems allow (255 bytes). */
  private static boolean tooLong(Path file) {
    for (Path name : file) {
      if (name.toString().getBytes(StandardCharsets.UTF_8).length > 255) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFile(Path file) {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Whether a folder between the root and {@code file} is a symbolic link: what is under it is
   * not in this store (listings and the watcher do not follow it), so it is neither read,
   * written nor deleted through it.
   */
  private boolean inLinkedFolder(Path file) {
    for (Path folder = file.getParent(); folder != null && !folder.equals(root);
        folder = folder.getParent()) {
      if (plainFolders.contains(folder)) {
        return false; // checked already, and so are the folders above it
      }
      if (Files.isSymbolicLink(folder)) {
        return true;
      }
    }
    for (Path folder = file.getParent(); folder != null && !folder.equals(root)
        && plainFolders.size() < MAX_PLAIN_FOLDERS; folder = folder.getParent()) {
      plainFolders.add(folder);
    }
    return false;
  }

  /** The generation of the file now on disk, assigning one the first time it is seen. */
  private Optional<Long> current(String name) {
    return seen(name).map(Seen::generation);
  }

  /** A file as this store sees it: its generation, when its bytes were written, its size. */
  private record Seen(long generation, java.time.Instant modified, long size) {}

  private Optional<Seen> seen(String name) {
    Path file = file(name);
    Optional<FileState> state;
    try {
      state = attributes(file).filter(FileState::regular);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot look at " + name, e);
    }
    if (state.isEmpty() || inLinkedFolder(file)) {
      Long gone = generations.remove(name);
      if (gone != null) {
        deletedGenerations.put(name, gone);
        metadata.remove(name);
      }
      return Optional.empty();
    }
    deletedGenerations.remove(name);
    long generation = generations.computeIfAbsent(name, n -> state.get().changed());
    return Optional.of(new Seen(generation, state.get().modified(), state.get().size()));
  }

  @Override
  public Optional<StoredObject> get(String name) {
    return get(name, Integer.MAX_VALUE - 8);
  }

  /** As the port says; the file's size is looked at before it is read, and no more is read. */
  @Override
  public Optional<StoredObject> get(String name, long maxBytes) {
    synchronized (lock(name)) {
      Optional<Seen> seen = seen(name);
      if (seen.isEmpty()) {
        return Optional.empty();
      }
      if (seen.get().size() > maxBytes) {
        throw new ObjectTooLargeException(name, seen.get().size(), maxBytes);
      }
      try {
        byte[] content;
        try (java.io.InputStream in = Files.newInputStream(file(name),
            LinkOption.NOFOLLOW_LINKS)) {
          // It may have grown since it was looked at: never read past the limit.
          content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (content.length > maxBytes) {
          throw new ObjectTooLargeException(name, content.length, maxBytes);
        }
        return Optional.of(new StoredObject(name, content, seen.get().generation(),
            contentType(name), seen.get().modified(), metadata.getOrDefault(name, Map.of())));
      } catch (NoSuchFileException gone) {
        return Optional.empty();
      } catch (IOException e) {
        throw new StoreUnavailableException("cannot read " + name, e);
      }
    }
  }

  @Override
  public Optional<Long> generation(String name) {
    synchronized (lock(name)) {
      return current(name);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String name) {
    synchronized (lock(name)) {
      return seen(name).map(seen -> new ObjectInfo(name, seen.generation(), seen.size(),
          contentType(name), seen.modified(), metadata.getOrDefault(name, Map.of())));
    }
  }

  private String contentType(String name) {
    return contentTypes.getOrDefault(name, ContentTypes.of(name));
  }

  /** Notes that {@code name} changed on disk (a new generation), as a watcher sees it. */
  public long touched(String name) {
    plainFolders.clear();
    synchronized (lock(name)) {
      metadata.remove(name);
      return nextGeneration(name, file(name));
    }
  }

  /** Notes that {@code name} was deleted on disk; returns the generation it had. */
  public long forgotten(String name) {
    plainFolders.clear();
    synchronized (lock(name)) {
      Long generation = generations.remove(name);
      Long deleted = deletedGenerations.remove(name);
      metadata.remove(name);
      return generation != null ? generation : deleted != null ? deleted : 0;
    }
  }

  @Override
  public long put(Write write, long ifGenerationMatch) {
    synchronized (lock(write.name())) {
      long current = current(write.name()).orElse(DOES_NOT_EXIST);
      if (current != ifGenerationMatch) {
        throw new PreconditionFailedException(write.name(), ifGenerationMatch);
      }
      return put(write);
    }
  }

  @Override
  public long put(Write write) {
    synchronized (lock(write.name())) {
      Path file = file(write.name());
      if (inLinkedFolder(file)) {
        throw new IllegalArgumentException("object name in a linked folder: " + write.name());
      }
      boolean changed;
      try {
        changed = !holds(file, write.content());
        if (changed && !writeNew(file, write.content())) {
          replace(file, write.content());
        }
      } catch (IOException e) {
        throw new StoreUnavailableException("cannot write " + write.name(), e);
      }
      long generation = nextGeneration(write.name(), file);
      contentTypes.put(write.name(), write.contentType());
      metadata.put(write.name(), write.metadata());
      changes.written(write.name(), changed);
      return generation;
    }
  }

  /**
   * Writes {@code content} into {@code file} if there is none: nobody can be reading an older
   * version, so it is written in place. False when the file exists.
   */
  private static boolean writeNew(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    try {
      Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (java.nio.file.FileAlreadyExistsException exists) {
      return false;
    }
  }

  /** Replaces {@code file} atomically: readers see the old bytes or the new, never a mix. */
  private static void replace(Path file, byte[] content) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp-" + System.nanoTime());
    Files.write(temp, content);
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Whether {@code file} is a regular file that holds exactly {@code content}. */
  private static boolean holds(Path file, byte[] content) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() && attributes.size() == content.length
          && Arrays.equals(Files.readAllBytes(file), content);
    } catch (NoSuchFileException absent) {
      return false;
    }
  }

  @Override
  public boolean delete(String name, long ifGenerationMatch) {
    synchronized (lock(name)) {
      long current = current(name).orElse(DOES_NOT_EXIST);
      if (current != ifGenerationMatch) {
        throw new PreconditionFailedException(name, ifGenerationMatch);
      }
      return delete(name);
    }
  }

  @Override
  public boolean delete(String name) {
    synchronized (lock(name)) {
      Long gone = generations.remove(name);
      if (gone != null) {
        deletedGenerations.put(name, gone);
      }
      contentTypes.remove(name);
      metadata.remove(name);
      try {
        Path file = file(name);
        if (Files.isSymbolicLink(file) || inLinkedFolder(file)) {
          return false; // not an object of this store
        }
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
          changes.deleted(name);
        }
        return deleted;
      } catch (IOException e) {
        throw new StoreUnavailableException("cannot delete " + name, e);
      }
    }
  }

  /**
   * Whether {@code name} is never listed: a hidden file (its name starts with {@code .}: an
   * editor's swap file, a desktop's {@code .DS_Store}, this store's temporary files) or anything
   * under {@code .podcast/}, where a local site keeps its state. Files in other folders whose name
   * starts with {@code .} are listed: {@code /categories/.net/} is a category page.
   */
  public static boolean isHidden(String name) {
    return name.startsWith(".podcast/") || name.startsWith(".") && name.indexOf('/') < 0
        || name.contains("/.") && name.lastIndexOf("/.") == name.lastIndexOf('/');
  }

  /**
   * The object name of {@code file}: its path from the root, segments joined by {@code /};
   * empty when no object can have that name (a control character such as a line break, or a
   * backslash in a segment: Cloud Storage refuses the first, and the second would read as a
   * folder), so that such a file is never listed and never stops a listing.
   */
  private Optional<String> objectName(Path file) {
    StringBuilder name = new StringBuilder();
    for (Path segment : root.relativize(file)) {
      String s = segment.toString();
      if (s.contains("\\") || s.chars().anyMatch(Character::isISOControl)) {
        return Optional.empty();
      }
      name.append(name.length() == 0 ? "" : "/").append(s);
    }
    return Optional.of(name.toString());
  }

  @Override
  public List<String> list(String prefix) {
    // Only the folder the prefix names (or the one its last segment is in) is walked.
    int slash = prefix.lastIndexOf('/');
    Path from = slash < 0 ? root : file(prefix.substring(0, slash));
    if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(from)) {
      return walk.filter(FolderObjectStore::isFile)
          .map(FolderObjectStore.this::objectName)
          .flatMap(Optional::stream)
          .filter(n -> n.startsWith(prefix) && !isHidden(n))
          .sorted()
          .toList();
    } catch (java.io.UncheckedIOException | IOException e) {
      throw new StoreUnavailableException("cannot list " + from, e);
    }
  }
}
