package dev.podcast.functions;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One structured line per event, as Cloud Logging reads a function's standard output: a JSON
 * object whose {@code severity} and {@code message} become the entry's, the rest its
 * {@code jsonPayload}. Thread-safe (one {@code println} per line).
 */
final class EventLog {

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private final PrintStream out;

  EventLog(PrintStream out) {
    this.out = out;
  }

  /** Writes one line. */
  void log(String severity, String message, String eventId, String object, String slug,
      String outcome, long durationMs) {
    out.println(line(severity, message, eventId, object, slug, outcome, durationMs));
  }

  /** The line {@link #log} writes. */
  static String line(String severity, String message, String eventId, String object, String slug,
      String outcome, long durationMs) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("severity", severity);
    entry.put("message", message);
    entry.put("eventId", eventId);
    entry.put("object", object);
    entry.put("slug", slug);
    entry.put("outcome", outcome);
    entry.put("durationMs", durationMs);
    return GSON.toJson(entry);
  }
}
