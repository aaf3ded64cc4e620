package dev.podcast.webhook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 9457 problem documents ({@code application/problem+json}): {@code type} (a tag URI naming
 * the kind of problem; not meant to be fetched), {@code title}, {@code status}, {@code detail}, and
 * for payload errors an {@code errors} array of {@code {field, line, column, code, message}}.
 */
final class ProblemDocument {

  static final String MEDIA_TYPE = "application/problem+json";
  static final String TYPE_PREFIX = "tag:podcast.dev,2026:problem/";
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private ProblemDocument() {}

  static byte[] of(String type, String title, int status, String detail,
      List<FieldError> errors) {
    JsonObject doc = new JsonObject();
    doc.addProperty("type", TYPE_PREFIX + type);
    doc.addProperty("title", title);
    doc.addProperty("status", status);
    doc.addProperty("detail", detail);
    if (!errors.isEmpty()) {
      doc.add("errors", errors(errors));
    }
    return GSON.toJson(doc).getBytes(StandardCharsets.UTF_8);
  }

  static JsonArray errors(List<FieldError> errors) {
    JsonArray array = new JsonArray();
    for (FieldError e : errors) {
      JsonObject o = new JsonObject();
      o.addProperty("field", e.field());
      if (e.line() > 0) {
        o.addProperty("line", e.line());
        o.addProperty("column", e.column());
      }
      o.addProperty("code", e.code());
      o.addProperty("message", e.message());
      array.add(o);
    }
    return array;
  }

  static byte[] json(JsonObject o) {
    return GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
  }
}
