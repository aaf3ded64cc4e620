package dev.podcast.functions;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;

/** Cloud Storage CloudEvents as Eventarc delivers them: binary mode, its headers and data. */
final class StorageEvents {

  private StorageEvents() {}

  /** The {@code StorageObjectData} of an object, as Cloud Storage sends it. */
  static JsonObject data(String bucket, String object, long generation, String contentType,
      long size, String time) {
    JsonObject data = new JsonObject();
    data.addProperty("kind", "storage#object");
    data.addProperty("id", bucket + "/" + object + "/" + generation);
    data.addProperty("bucket", bucket);
    data.addProperty("name", object);
    data.addProperty("generation", Long.toString(generation));
    data.addProperty("metageneration", "1");
    data.addProperty("contentType", contentType);
    data.addProperty("size", Long.toString(size));
    data.addProperty("storageClass", "STANDARD");
    data.addProperty("timeCreated", time);
    data.addProperty("updated", time);
    return data;
  }

  /** The POST of event {@code type} with {@code data} to {@code function}, in binary mode. */
  static HttpRequest request(URI function, String type, String bucket, String object,
      JsonObject data, String time) {
    return HttpRequest.newBuilder(function)
        .header("ce-id", UUID.randomUUID().toString())
        .header("ce-source", "//storage.googleapis.com/projects/_/buckets/" + bucket)
        .header("ce-specversion", "1.0")
        .header("ce-type", type)
        .header("ce-subject", "objects/" + object)
        .header("ce-time", time)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(data.toString()))
        .build();
  }
}
