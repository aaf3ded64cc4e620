package dev.podcast.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parsed front matter: top-level keys looked up case-insensitively, as Hugo does ({@code audioFile}
 * and {@code audiofile} are one key), each value with the line and column where its key stands in
 * the file.
 *
 * <p>Values are plain Java values: {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code java.time} dates for TOML's native date-times, {@code List} and {@code Map}.
 */
final class FrontMatter {

  /** The syntax the front matter was written in. */
  enum Format { TOML, YAML, JSON }

  /** One top-level key, as written, with its value and position (1-based; 0 when unknown). */
  record Entry(String key, Object value, int line, int column) {}

  private final Format format;
  private final Map<String, Entry> byLowerCaseKey;

  /** How many keys it has (top level). */
  int size() {
    return byLowerCaseKey.size();
  }

  FrontMatter(Format format, Map<String, Entry> byLowerCaseKey) {
    this.format = format;
    this.byLowerCaseKey = Collections.unmodifiableMap(new LinkedHashMap<>(byLowerCaseKey));
  }

  Format format() {
    return format;
  }

  Optional<Entry> get(String key) {
    return Optional.ofNullable(byLowerCaseKey.get(key.toLowerCase(Locale.ROOT)));
  }

  /** Every entry in source order. */
  Iterable<Entry> entries() {
    return byLowerCaseKey.values();
  }
}
