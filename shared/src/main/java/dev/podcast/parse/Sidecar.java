package dev.podcast.parse;

import java.util.List;
import java.util.Objects;

/**
 * A file beside an episode file, in its page-bundle folder, that adds to the episode:
 * {@code transcript.vtt} or {@code transcript.srt} (its timed transcript) and
 * {@code chapters.json} (its chapters).
 *
 * @param object the file's path, as problems name it ({@code content/post/x/transcript.vtt})
 * @param content its bytes; empty when it was too large to read
 * @param size its size in bytes, over {@link #MAX_BYTES} when it was not read
 */
public record Sidecar(String object, byte[] content, long size) {

  /** The names of the files that are sidecars, in the order they are applied. */
  public static final List<String> NAMES = List.of("transcript.vtt", "transcript.srt",
      "chapters.json");

  /**
   * The largest sidecar read: a two-hour episode's WebVTT is about 150 KB, its chapters a few
   * KB. A larger one is a {@code file-too-large} error, never read.
   */
  public static final long MAX_BYTES = 4L * 1024 * 1024;

  public Sidecar {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(content, "content");
  }

  /** A sidecar that was read. */
  public static Sidecar of(String object, byte[] content) {
    return new Sidecar(object, content, content.length);
  }

  /** A sidecar of {@code size} bytes, too large to read. */
  public static Sidecar tooLarge(String object, long size) {
    return new Sidecar(object, new byte[0], size);
  }

  /** Its file name: one of {@link #NAMES}. */
  public String name() {
    return object.substring(object.lastIndexOf('/') + 1);
  }

  /** Whether it was read whole (not too large). */
  public boolean readable() {
    return size <= MAX_BYTES && content.length == size;
  }
}
