package dev.podcast.functions;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.podcast.notify.FeedWrite;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * A Cloud Storage notification of the site bucket (a write of {@code feed.xml}), as Eventarc
 * delivers its Pub/Sub message: a {@code google.cloud.pubsub.topic.v1.messagePublished} event
 * whose {@code message.attributes} name the bucket, object, generation and event type, and whose
 * {@code message.data} is the object's JSON resource (payload format {@code JSON_API_V1}, with
 * its {@code md5Hash} and {@code updated}).
 */
record FeedWrittenEvent(String id, String bucket, String eventType, FeedWrite write) {

  static final String TYPE = "google.cloud.pubsub.topic.v1.messagePublished";
  static final String FINALIZE = "OBJECT_FINALIZE";

  /** Thrown for an event that is not such a notification: permanent, never worth a retry. */
  static final class MalformedEventException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedEventException(String message) {
      super(message);
    }
  }

  static FeedWrittenEvent decode(CloudEvent event) throws MalformedEventException {
    if (!TYPE.equals(event.getType()) || event.getData() == null) {
      throw new MalformedEventException("not a Pub/Sub message event: " + event.getType());
    }
    try {
      JsonElement root = JsonParser.parseString(new String(event.getData().toBytes(),
          StandardCharsets.UTF_8));
      JsonObject message = object(object(root, "the event's data").get("message"),
          "the event's message");
      JsonObject attributes = object(message.get("attributes"), "the message's attributes");
      String bucket = string(attributes, "bucketId");
      String name = string(attributes, "objectId");
      String type = string(attributes, "eventType");
      long generation = Long.parseLong(string(attributes, "objectGeneration"));
      String hash = "";
      Instant written = event.getTime() == null ? Instant.EPOCH : event.getTime().toInstant();
      JsonElement data = message.get("data");
      if (data != null && data.isJsonPrimitive()) {
        JsonObject resource = object(JsonParser.parseString(new String(Base64.getDecoder()
            .decode(data.getAsString()), StandardCharsets.UTF_8)), "the message's data");
        hash = optional(resource, "md5Hash");
        String updated = optional(resource, "updated");
        if (!updated.isEmpty()) {
          written = Instant.parse(updated);
        }
      }
      // Without the content's hash the write is told of as changed: its generation stands in.
      return new FeedWrittenEvent(event.getId(), bucket, type, new FeedWrite(name, generation,
          hash.isEmpty() ? "generation:" + generation : "md5:" + hash, written));
    } catch (JsonParseException | IllegalArgumentException | DateTimeParseException
        | IllegalStateException e) {
      throw new MalformedEventException("not a Cloud Storage notification: " + e.getMessage());
    }
  }

  private static JsonObject object(JsonElement e, String what) {
    if (e == null || !e.isJsonObject()) {
      throw new IllegalStateException(what + " is not an object");
    }
    return e.getAsJsonObject();
  }

  private static String string(JsonObject o, String field) {
    String value = optional(o, field);
    if (value.isEmpty()) {
      throw new IllegalStateException("no " + field);
    }
    return value;
  }

  private static String optional(JsonObject o, String field) {
    JsonElement value = o.get(field);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
  }
}
