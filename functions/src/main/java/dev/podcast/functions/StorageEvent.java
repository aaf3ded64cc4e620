package dev.podcast.functions;

import com.google.events.cloud.storage.v1.StorageObjectData;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;

/**
 * A Cloud Storage CloudEvent, decoded: its type and the object it is about.
 *
 * @param generation the object's generation; 0 when the event did not say
 */
record StorageEvent(String id, String type, String bucket, String object, long generation) {

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

  /** Parses the event's data as {@link StorageObjectData} JSON, ignoring unknown fields. */
  static StorageEvent decode(CloudEvent event) throws MalformedEventException {
    if (event.getData() == null) {
      throw new MalformedEventException("the event has no data", null);
    }
    StorageObjectData.Builder data = StorageObjectData.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields()
          .merge(new String(event.getData().toBytes(), StandardCharsets.UTF_8), data);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedEventException("the event's data is not a storage object: "
          + e.getMessage(), e);
    }
    if (data.getName().isEmpty() || data.getBucket().isEmpty()) {
      throw new MalformedEventException("the event's data names no bucket or no object", null);
    }
    return new StorageEvent(event.getId(), event.getType(), data.getBucket(), data.getName(),
        data.getGeneration());
  }
}
