package dev.podcast.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.testing.ForwardingObjectStore;
import dev.podcast.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Files beside an episode ({@code transcript.vtt}, {@code transcript.srt},
 * {@code chapters.json}) through the publish use case: each upload or delete of one publishes
 * its episode again; a bad one is rejected and the last good version stays.
 */
class SidecarPublishTest {

  private static final Path SITE = Path.of("src/test/resources/site");
  private static final Path SIDECARS = Path.of("src/test/resources/sidecars");
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final String FOLDER = "content/post/episode-101-iot-core/";
  private static final String EP101 = FOLDER + "index.md";
  private static final String VTT = FOLDER + "transcript.vtt";
  private static final String PAGE = "post/episode-101-iot-core/";
  private static final String BASE = "https://www.gcppodcast.com";

  private final MovableClock clock = new MovableClock(NOW);
  private final InMemoryObjectStore bucket = new InMemoryObjectStore();
  /** The names read whole from the source, in order. */
  private final List<String> reads = new ArrayList<>();
  private final ObjectStore source = new ForwardingObjectStore(bucket) {
    @Override
    public Optional<StoredObject> get(String name) {
      reads.add(name);
      return delegate.get(name);
    }
  };
  private final InMemoryObjectStore site = new InMemoryObjectStore(clock);
  private final InMemoryEpisodeStore store = new InMemoryEpisodeStore();
  private final Publisher publisher = new Publisher(source, site, store, clock);

  SidecarPublishTest() throws Exception {
    upload("config.toml", Files.readString(SITE.resolve("config.toml")));
  }

  private long upload(String name, String text) {
    return upload(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private long upload(String name, byte[] content) {
    return bucket.put(new ObjectStore.Write(name, content, "text/plain", ""));
  }

  private Result upload(String name, Path file) throws Exception {
    return publisher.finalized(name, upload(name, Files.readAllBytes(file)));
  }

  private String siteFile(String name) {
    return new String(site.get(name).orElseThrow().content(), StandardCharsets.UTF_8);
  }

  private Result publishEpisode() throws Exception {
    Result result = upload(EP101, SITE.resolve(EP101));
    assertEquals(Result.Action.PUBLISHED, result.outcome(), result.problems().toString());
    return result;
  }

  @Test
  void aWebVttBesideTheEpisodeIsPublishedListedAsCaptionsAndRead() throws Exception {
    publishEpisode();
    assertFalse(site.get(PAGE + "transcript.vtt").isPresent());
    Result result = upload(VTT, SIDECARS.resolve("transcript.vtt"));
    assertEquals(Result.Action.PUBLISHED, result.outcome(), result.problems().toString());
    assertEquals(VTT, result.object());
    // The shortcode transcript in index.md is replaced, and the podcaster is told where.
    Problem overrides = result.problems().stream()
        .filter(p -> p.code() == ProblemCode.SIDECAR_OVERRIDES).findFirst().orElseThrow();
    assertEquals(EP101, overrides.file());
    assertEquals(59, overrides.line());

    String vtt = siteFile(PAGE + "transcript.vtt");
    assertTrue(vtt.startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:08.500\n<v Francesc Campoy>Hi,"),
        vtt);
    assertTrue(vtt.contains("IoT Core &amp; more."), "escaped again");
    assertFalse(vtt.contains("<b>") || vtt.contains("NOTE") || vtt.contains("::cue"),
        "only the cues, clean");
    assertEquals("text/vtt; charset=utf-8",
        site.stat(PAGE + "transcript.vtt").orElseThrow().contentType());
    String json = siteFile(PAGE + "transcript.json");
    assertTrue(json.contains("{\"speaker\":\"Francesc Campoy\",\"startTime\":8.5,\"endTime\":14.0,"
        + "\"body\":\"I am Francesc Campoy"), json);
    assertTrue(siteFile(PAGE + "transcript.txt").startsWith("Francesc Campoy: Hi, and welcome"));

    String feed = siteFile("feed.xml");
    String captions = "<podcast:transcript url=\"" + BASE + "/" + PAGE + "transcript.vtt\""
        + " type=\"text/vtt\" language=\"en-us\" rel=\"captions\"/>";
    assertTrue(feed.contains(captions), feed);
    assertTrue(feed.indexOf(captions) < feed.indexOf("/" + PAGE + "transcript.html"),
        "the timed file first");
  }

  @Test
  void deletingTheSidecarTakesItsFileAwayAndTheShortcodeTranscriptBack() throws Exception {
    publishEpisode();
    upload(VTT, SIDECARS.resolve("transcript.vtt"));
    assertTrue(site.get(PAGE + "transcript.vtt").isPresent());
    long generation = bucket.generation(VTT).orElseThrow();
    bucket.delete(VTT);
    Result deleted = publisher.deleted(VTT, generation);
    assertEquals(Result.Action.PUBLISHED, deleted.outcome(), deleted.problems().toString());
    assertFalse(site.get(PAGE + "transcript.vtt").isPresent());
    assertFalse(siteFile("feed.xml").contains("transcript.vtt"));
    assertTrue(siteFile(PAGE + "transcript.txt").startsWith("FRANCESC: Hi, and welcome"),
        "the shortcode's transcript again");
    // The archived event of the same delete changes nothing more.
    assertEquals(Result.Action.PUBLISHED, publisher.archived(VTT, generation).outcome());
  }

  @Test
  void aBadSidecarIsRejectedTheLastGoodVersionStaysAndTheNextUploadPublishes()
      throws Exception {
    publishEpisode();
    upload(VTT, SIDECARS.resolve("transcript.vtt"));
    Map<String, String> good = contents(site);

    Result bad = publisher.finalized(VTT, upload(VTT, "<html>not captions</html>\n"));
    assertEquals(Result.Action.REJECTED, bad.outcome());
    Problem error = bad.problems().stream().filter(Problem::isError).findFirst().orElseThrow();
    assertEquals(ProblemCode.SIDECAR_INVALID, error.code());
    assertEquals(VTT, error.file());
    assertEquals(1, error.line());
    assertEquals(EpisodeStore.Outcome.REJECTED, store.source(EP101).orElseThrow().outcome());
    assertEquals(good, contents(site), "the last good version stays published");

    Result fixed = upload(VTT, SIDECARS.resolve("transcript.vtt"));
    assertEquals(Result.Action.PUBLISHED, fixed.outcome(), fixed.problems().toString());
    assertEquals(EpisodeStore.Outcome.PUBLISHED, store.source(EP101).orElseThrow().outcome());
  }

  @Test
  void aFiftyMegabyteWebVttIsRefusedWithoutBeingRead() throws Exception {
    publishEpisode();
    byte[] huge = new byte[50 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'a');
    byte[] header = "WEBVTT\n\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(header, 0, huge, 0, header.length);
    reads.clear();
    Result result = publisher.finalized(VTT, upload(VTT, huge));
    assertEquals(Result.Action.REJECTED, result.outcome());
    Problem error = result.problems().stream().filter(Problem::isError).findFirst()
        .orElseThrow();
    assertEquals(ProblemCode.FILE_TOO_LARGE, error.code());
    assertEquals(VTT, error.file());
    assertTrue(error.message().contains("52,428,800 bytes"), error.message());
    assertFalse(reads.contains(VTT), "never read: " + reads);
    assertTrue(site.get(PAGE + "index.html").isPresent());
  }

  @Test
  void aSubRipIsUsedWithoutAWebVttAndLeftOutBesideOne() throws Exception {
    publishEpisode();
    Result srt = upload(FOLDER + "transcript.srt", SIDECARS.resolve("transcript.srt"));
    assertEquals(Result.Action.PUBLISHED, srt.outcome(), srt.problems().toString());
    String file = siteFile(PAGE + "transcript.srt");
    assertTrue(file.startsWith("1\n00:00:00,000 --> 00:00:08,500\nFRANCESC: Hi,"), file);
    assertTrue(siteFile("feed.xml").contains("type=\"application/x-subrip\" language=\"en-us\""
        + " rel=\"captions\""));

    Result both = upload(VTT, SIDECARS.resolve("transcript.vtt"));
    assertTrue(both.problems().stream().anyMatch(p -> p.code() == ProblemCode.SIDECAR_OVERRIDES
        && p.file().equals(FOLDER + "transcript.srt")), both.problems().toString());
    assertTrue(site.get(PAGE + "transcript.vtt").isPresent());
    assertFalse(site.get(PAGE + "transcript.srt").isPresent(), "one timed file");
  }

  @Test
  void aChaptersFileReplacesTheNotesChaptersWithItsOwnFields() throws Exception {
    publishEpisode();
    Result result = upload(FOLDER + "chapters.json", SIDECARS.resolve("chapters.json"));
    assertEquals(Result.Action.PUBLISHED, result.outcome(), result.problems().toString());
    assertEquals("{\"version\":\"1.2.0\",\"chapters\":[{\"startTime\":0,\"title\":\"Intro\"},"
        + "{\"startTime\":62.5,\"title\":\"Cloud IoT Core\",\"img\":"
        + "\"https://www.gcppodcast.com/images/post/iotcore.gif\",\"url\":"
        + "\"https://cloud.google.com/iot-core/\"},{\"startTime\":1500,\"title\":\"Sponsor\","
        + "\"toc\":false,\"endTime\":1530.0},{\"startTime\":1800,\"title\":"
        + "\"Question of the week\"}]}", siteFile(PAGE + "chapters.json"));
    assertTrue(siteFile("feed.xml").contains("<podcast:chapters url=\"" + BASE + "/" + PAGE
        + "chapters.json\""));
  }

  @Test
  void aSidecarWithoutAnEpisodeBesideItIsIgnoredAndNotCopied() throws Exception {
    String lonely = "content/post/nothing-here/transcript.vtt";
    Result result = upload(lonely, SIDECARS.resolve("transcript.vtt"));
    assertEquals(Result.Action.IGNORED, result.outcome());
    assertFalse(site.get("post/nothing-here/transcript.vtt").isPresent());
  }

  @Test
  void aRebuildReadsTheSidecarsAsTheUploadsDid() throws Exception {
    publishEpisode();
    upload(VTT, SIDECARS.resolve("transcript.vtt"));
    upload(FOLDER + "chapters.json", SIDECARS.resolve("chapters.json"));
    Map<String, String> incremental = contents(site);

    InMemoryObjectStore freshSite = new InMemoryObjectStore(clock);
    Publisher.Rebuilt rebuilt = new Publisher(source, freshSite, new InMemoryEpisodeStore(),
        clock).publishAll();
    assertTrue(rebuilt.published(), rebuilt.problems().toString());
    assertEquals(incremental.keySet(), contents(freshSite).keySet());
    for (String name : List.of(PAGE + "transcript.vtt", PAGE + "transcript.json",
        PAGE + "chapters.json", "feed.xml")) {
      assertEquals(incremental.get(name), contents(freshSite).get(name), name);
    }
  }

  private static Map<String, String> contents(ObjectStore store) {
    Map<String, String> map = new TreeMap<>();
    for (String name : store.list("")) {
      map.put(name, new String(store.get(name).orElseThrow().content(), StandardCharsets.UTF_8));
    }
    return map;
  }
}
