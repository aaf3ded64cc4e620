package dev.podcast.functions;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A Cloud Storage CloudEvent, decoded: its type and the object it is about.
 *
 * @param generation the object's generation; 0 when the event did not say
 * @param metadata the object's custom metadata as the event tells it (empty when none)
 */
record StorageEvent(String id, String type, String bucket, String object, long generation,
    Map<String, String> metadata) {

  StorageEvent {
    metadata = Map.copyOf(metadata);
  }

  /** The most custom metadata read from an event: Cloud Storage allows 8 KiB in all. */
  static final int MAX_METADATA = 64;

  static final String FINALIZED = "google.cloud.storage.object.v1.finalized";
  static final String DELETED = "google.cloud.storage.object.v1.deleted";
  /** In a versioned bucket, what a delete or an overwrite sends for the version it retires. */
  static final String ARCHIVED = "google.cloud.storage.object.v1.archived";

  /** Thrown for an event whose data is not a storage object: permanent, never worth a retry. */
  static final class MalformedEventException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedEventException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Reads the event's data, a {@code StorageObjectData} in its JSON form (the message of
   * {@code google-cloudevent-types}; int64 fields as strings, as proto3 JSON has them), ignoring
   * unknown fields. Read with Gson rather than protobuf's {@code JsonFormat}, whose first use
   * costs about half a second of a cold start; a test checks both readings agree.
   */
  static StorageEvent decode(CloudEvent event) throws MalformedEventException {
    if (event.getData() == null) {
      throw new MalformedEventException("the event has no data", null);
    }
    JsonObject data;
    try {
      JsonElement root = JsonParser.parseString(
          new String(event.getData().toBytes(), StandardCharsets.UTF_8));
      if (!root.isJsonObject()) {
        throw new MalformedEventException("the event's data is not a storage object", null);
      }
      data = root.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new MalformedEventException("the event's data is not a storage object: "
          + e.getMessage(), e);
    }
    String bucket = string(data, "bucket");
    String name = string(data, "name");
    if (name.isEmpty() || bucket.isEmpty()) {
      throw new MalformedEventException("the event's data names no bucket or no object", null);
    }
    return new StorageEvent(event.getId(), event.getType(), bucket, name,
        int64(data, "generation"), metadata(data));
  }

  /** The {@code metadata} map of string values; entries of another type are left out. */
  private static Map<String, String> metadata(JsonObject data) throws MalformedEventException {
    JsonElement value = data.get("metadata");
    if (value == null || value.isJsonNull()) {
      return Map.of();
    }
    if (!value.isJsonObject()) {
      throw new MalformedEventException("the event's metadata is not a map", null);
    }
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
      if (out.size() == MAX_METADATA) {
        break;
      }
      if (e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isString()) {
        out.put(e.getKey(), e.getValue().getAsString());
      }
    }
    return out;
  }

  private static String string(JsonObject data, String field) throws MalformedEventException {
    JsonElement value = data.get(field);
    if (value == null || value.isJsonNull()) {
      return "";
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new MalformedEventException("the event's " + field + " is not a string", null);
    }
    return value.getAsString();
  }

  private static long int64(JsonObject data, String field) throws MalformedEventException {
    JsonElement value = data.get(field);
    if (value == null || value.isJsonNull()) {
      return 0;
    }
    try {
      if (value.isJsonPrimitive()) {
        return Long.parseLong(value.getAsString());
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new MalformedEventException("the event's " + field + " is not an int64: " + value,
        null);
  }
}
