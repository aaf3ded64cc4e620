package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.google.gson.JsonObject;
import dev.podcast.adapter.gcs.FakeGcsServer;
import dev.podcast.adapter.gcs.GcsObjectStores;
import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.cli.PodcastCli;
import dev.podcast.port.ObjectStore;
import dev.podcast.publish.Publisher;
import dev.podcast.site.ContentTypes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of one engine: what {@code podcast build} writes for a source folder, the upload
 * function writes to the site bucket for the same source uploaded to the source bucket, file for
 * file and byte for byte.
 *
 * <p>The build side is the real command line, in process, into a temporary folder. The function
 * side is the real {@link UploadFunction} in the Functions Framework's own handlers over HTTP,
 * on the real Cloud Storage adapter ({@link GcsObjectStores#forBucket}) talking to {@link
 * FakeGcsServer} on the loopback, with the records in an {@link InMemoryEpisodeStore} that
 * starts empty (as build's fresh state file: the guids are derived the same way). Every file of
 * the show is uploaded through the same adapter and its {@code finalized} event sent, the
 * configuration first (episodes uploaded before it would be held), then the assets, then the
 * episodes. Both sides run on the system clock: every episode of these shows is in the past.
 */
class FunctionsParityTest {

  private static final FunctionsConfig CONFIG =
      new FunctionsConfig("show-source", "show-site", "default");
  private static final String FINALIZED = "google.cloud.storage.object.v1.finalized";
  private static final Path EXAMPLE = Path.of("../examples/site");

  /** The function as the framework makes it: by class, with a no-arg constructor. */
  public static final class Wired extends UploadFunction {
    /** The publisher the next instance runs; set by the test before the server starts. */
    static volatile Publisher next;

    public Wired() {
      super(Objects.requireNonNull(next, "set Wired.next before starting the server"), CONFIG);
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final InMemoryEpisodeStore store = new InMemoryEpisodeStore();
  private FakeGcsServer fake;
  private Storage storage;
  private ObjectStore sourceBucket;
  private ObjectStore siteBucket;
  private FunctionServer server;

  @BeforeEach
  void start() throws Exception {
    fake = FakeGcsServer.start();
    fake.pageSize(1000); // as Cloud Storage pages
    storage = client(fake.host());
    sourceBucket = GcsObjectStores.forBucket(storage, CONFIG.sourceBucket());
    siteBucket = GcsObjectStores.forBucket(storage, CONFIG.siteBucket());
    Wired.next = new Publisher(sourceBucket, siteBucket, store, Clock.systemUTC());
    try {
      server = FunctionServer.cloudEvents(Wired.class);
    } finally {
      Wired.next = null;
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    if (storage != null) {
      storage.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  /** The real client, pointed at the fake, with a few quick retries. */
  static Storage client(String host) {
    return StorageOptions.newBuilder()
        .setHost(host)
        .setProjectId("demo-podcast")
        .setCredentials(NoCredentials.getInstance())
        .setRetrySettings(RetrySettings.newBuilder()
            .setMaxAttempts(3)
            .setInitialRetryDelayDuration(Duration.ofMillis(5))
            .setMaxRetryDelayDuration(Duration.ofMillis(20))
            .setRetryDelayMultiplier(2.0)
            .setInitialRpcTimeoutDuration(Duration.ofSeconds(30))
            .setMaxRpcTimeoutDuration(Duration.ofSeconds(30))
            .setRpcTimeoutMultiplier(1.0)
            .setTotalTimeoutDuration(Duration.ofSeconds(90))
            .build())
        .build()
        .getService();
  }

  @Test
  void theExampleShowIsPublishedByTheFunctionAsBuildWritesIt(@TempDir Path out)
      throws Exception {
    assertParity(EXAMPLE, out);
  }

  @Test
  void theCorpusIsPublishedByTheFunctionAsBuildWritesIt(@TempDir Path out) throws Exception {
    Optional<Path> corpus = fullCorpus();
    assumeTrue(corpus.isPresent(), "no corpus at " + System.getProperty("podcast.corpus"));
    assertParity(corpus.get(), out);
  }

  /** The whole corpus ({@code podcast.corpus}, set by the pom), when this checkout has it. */
  private static Optional<Path> fullCorpus() {
    Path path = Path.of(System.getProperty("podcast.corpus", "../../shared/corpus"));
    return Files.isDirectory(path.resolve("content/post")) ? Optional.of(path) : Optional.empty();
  }

  private void assertParity(Path show, Path out) throws Exception {
    StringWriter printed = new StringWriter();
    int exit = PodcastCli.execute(new PrintWriter(printed, true), new PrintWriter(printed, true),
        "build", "--source", show.toString(), "--out", out.toString());
    assertTrue(exit == 0 || exit == 1, "build failed (" + exit + "):\n" + printed);

    for (String object : uploadOrder(show)) {
      byte[] content = Files.readAllBytes(show.resolve(object));
      long generation = sourceBucket.put(new ObjectStore.Write(object, content,
          ContentTypes.of(object), ""));
      int status = finalized(object, generation, content);
      assertTrue(status >= 200 && status < 300,
          "the finalized event of " + object + " answered " + status);
      fake.clearRequests(); // the fake records every request: keep the list short
    }

    Map<String, byte[]> built = dev.podcast.cli.LocalSites.files(out);
    Map<String, byte[]> published = new TreeMap<>();
    for (String name : siteBucket.list("")) {
      published.put(name, siteBucket.get(name).orElseThrow().content());
    }
    assertSame(show, built, published, printed.toString());
  }

  /**
   * The show's files as object names, in the order a publisher would upload them: the
   * configuration first, then layouts, then the assets ({@code static/}, the non-Markdown files of
   * {@code content/}), then the episodes, then whatever else the folder holds (which the function
   * ignores). Hidden files and the show's own README.md are not part of it.
   */
  static List<String> uploadOrder(Path show) throws IOException {
    try (Stream<Path> files = Files.walk(show)) {
      return files.filter(Files::isRegularFile)
          .map(file -> show.relativize(file).toString().replace('\\', '/'))
          .filter(name -> Arrays.stream(name.split("/")).noneMatch(s -> s.startsWith(".")))
          .filter(name -> !name.equals("README.md"))
          .sorted(Comparator.comparingInt(FunctionsParityTest::rank)
              .thenComparing(Comparator.naturalOrder()))
          .toList();
    }
  }

  private static int rank(String object) {
    boolean markdown = object.toLowerCase(Locale.ROOT).endsWith(".md");
    if (object.equals("config.toml")) {
      return 0;
    }
    if (object.equals("podcast.toml")) {
      return 1;
    }
    if (object.startsWith("layouts/")) {
      return 2;
    }
    if (object.startsWith("static/") || object.startsWith("content/") && !markdown) {
      return 3;
    }
    return object.startsWith("content/") ? 4 : 5;
  }

  /** POSTs the object's finalized CloudEvent in binary mode, as Eventarc does. */
  private int finalized(String object, long generation, byte[] content) throws Exception {
    String bucket = CONFIG.sourceBucket();
    String now = Instant.now().toString();
    JsonObject data = StorageEvents.data(bucket, object, generation, ContentTypes.of(object),
        content.length, now);
    data.addProperty("md5Hash", Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("MD5").digest(content)));
    return http.send(StorageEvents.request(server.uri(), FINALIZED, bucket, object, data, now),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /**
   * The same paths, the same bytes; every difference is told at once, with the first differing
   * line of each side for the first file whose bytes differ.
   */
  static void assertSame(Path show, Map<String, byte[]> built,
      Map<String, byte[]> published, String buildOutput) {
    List<String> differences = new ArrayList<>();
    TreeSet<String> onlyBuilt = new TreeSet<>(built.keySet());
    onlyBuilt.removeAll(published.keySet());
    TreeSet<String> onlyPublished = new TreeSet<>(published.keySet());
    onlyPublished.removeAll(built.keySet());
    onlyBuilt.forEach(path -> differences.add("only in build's out: " + path));
    onlyPublished.forEach(path -> differences.add("only in the site bucket: " + path));
    List<String> common = built.keySet().stream().filter(published::containsKey).toList();
    String firstLines = "";
    for (String path : common) {
      if (!Arrays.equals(built.get(path), published.get(path))) {
        differences.add("bytes differ: " + path);
        if (firstLines.isEmpty()) {
          firstLines = firstDifferingLine(path, built.get(path), published.get(path));
        }
      }
    }
    String heading = differences.isEmpty() ? "" : show + ": the function's site bucket is not"
        + " what build wrote (" + built.size() + " files built, " + published.size()
        + " published):\n  " + String.join("\n  ", differences) + "\n" + firstLines
        + "build printed (without its warnings):\n" + buildOutput.lines()
            .filter(line -> !line.contains(": warning: ")).collect(Collectors.joining("\n"));
    Stream<Executable> paths = Stream.of(
        () -> assertEquals(Set.of(), onlyBuilt, "paths only in build's out"),
        () -> assertEquals(Set.of(), onlyPublished, "paths only in the site bucket"));
    Stream<Executable> bytes = common.stream()
        .map(path -> () -> assertArrayEquals(built.get(path), published.get(path), path));
    assertAll(heading, Stream.concat(paths, bytes));
    assertTrue(built.containsKey("feed.xml"), "build wrote no feed:\n" + buildOutput);
  }

  private static String firstDifferingLine(String path, byte[] built, byte[] published) {
    String[] a = new String(built, StandardCharsets.UTF_8).split("\n", -1);
    String[] b = new String(published, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String left = i < a.length ? a[i] : "<end of file>";
      String right = i < b.length ? b[i] : "<end of file>";
      if (!left.equals(right)) {
        int column = 0;
        while (column < left.length() && column < right.length()
            && left.charAt(column) == right.charAt(column)) {
          column++;
        }
        return "first difference in " + path + ", line " + (i + 1) + ", column " + (column + 1)
            + ":\n  build:    " + around(left, column) + "\n  function: " + around(right, column)
            + "\n";
      }
    }
    return "first difference in " + path + ": the same lines, other bytes\n";
  }

  /** A long line cut to some 200 characters around {@code column}. */
  private static String around(String line, int column) {
    int from = Math.max(0, column - 80);
    int to = Math.min(line.length(), column + 120);
    return (from > 0 ? "..." : "") + line.substring(Math.min(from, line.length()), to)
        + (to < line.length() ? "..." : "");
  }
}
