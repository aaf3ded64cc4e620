package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.events.cloud.storage.v1.StorageObjectData;
import com.google.protobuf.util.JsonFormat;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The event decoder reads what the typed {@link StorageObjectData} reads. */
class StorageEventTest {

  private static CloudEvent event(String json) {
    return CloudEventBuilder.v1().withId("e1").withType(StorageEvent.FINALIZED)
        .withSource(URI.create("//storage.googleapis.com/projects/_/buckets/b"))
        .withData("application/json", json.getBytes(StandardCharsets.UTF_8)).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"bucket\":\"show-source\",\"name\":\"content/post/x/index.md\",\"generation\":\"1700000000123456\"}",
      "{\"bucket\":\"show-source\",\"name\":\"config.toml\",\"generation\":42,\"metageneration\":\"1\","
          + "\"contentType\":\"application/toml\",\"size\":\"123\",\"timeCreated\":\"2026-11-25T12:00:00.000Z\","
          + "\"md5Hash\":\"abc\",\"metadata\":{\"k\":\"v\"},\"somethingNew\":[1,2]}",
      "{\"bucket\":\"b\",\"name\":\"content/post/x/index.md\",\"generation\":\"7\","
          + "\"metadata\":{\"podcast-import\":\"import/libsyn.xml#6\",\"create-missing\":\"true\"}}",
      "{\"bucket\":\"b\",\"name\":\"n\",\"metadata\":{}}",
      "{\"name\":\"content/post/é ü/index.md\",\"bucket\":\"b-1\"}",
      "{\"bucket\":\"b\",\"name\":\"a\\\"quoted\\\\name\\u0041\",\"generation\":\"9223372036854775807\"}"})
  void agreesWithStorageObjectData(String json) throws Exception {
    StorageObjectData.Builder typed = StorageObjectData.newBuilder();
    JsonFormat.parser().ignoringUnknownFields().merge(json, typed);
    StorageEvent decoded = StorageEvent.decode(event(json));
    assertEquals(typed.getBucket(), decoded.bucket());
    assertEquals(typed.getName(), decoded.object());
    assertEquals(typed.getGeneration(), decoded.generation());
    assertEquals(typed.getMetadataMap(), decoded.metadata());
    assertEquals("e1", decoded.id());
    assertEquals(StorageEvent.FINALIZED, decoded.type());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "{\"bucket\":\"b\"}", "{\"name\":\"n\"}", "not json {",
      "{\"bucket\":\"b\",\"name\":\"n\",\"generation\":\"x\"}",
      "{\"bucket\":\"b\",\"name\":{\"a\":1}}", "{\"bucket\":\"b\",\"name\":\"n\",\"generation\":1.5}",
      "{\"bucket\":\"b\",\"name\":\"n\",\"metadata\":[\"k\"]}"})
  void rejectsWhatIsNotAStorageObject(String json) {
    assertThrows(StorageEvent.MalformedEventException.class,
        () -> StorageEvent.decode(event(json)));
  }
}
