package dev.podcast.adapter.firestore;

import com.google.api.gax.retrying.RetrySettings;

import com.google.cloud.firestore.FirestoreOptions;

import com.google.cloud.firestore.Firestore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Firestore emulator for tests: the one {@code FIRESTORE_EMULATOR_HOST} names, or one this
 * class starts from the jar that the {@code google-cloud-cli-firestore-emulator} package ships,
 * on 127.0.0.1 and a free port, and stops (with its process tree) on {@link #close()}. When
 * neither exists the tests that need it are skipped, loudly.
 */
final class FirestoreEmulator implements AutoCloseable {

  static final String PROJECT = "demo-podcast";
  /** The emulator jar; system property {@code firestore.emulator.jar} picks another. */
  static final Path JAR = Path.of(System.getProperty("firestore.emulator.jar",
      "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar"));
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final String host;
  private final Optional<Process> process;

  private FirestoreEmulator(String host, Optional<Process> process) {
    this.host = host;
    this.process = process;
  }

  /** host:port of the emulator. */
  String host() {
    return host;
  }

  /** Why there is no emulator here: the message of the tests' assumption. */
  static final String MISSING = "no Firestore emulator: FIRESTORE_EMULATOR_HOST is unset and "
      + JAR + " is missing (apt-get install google-cloud-cli-firestore-emulator)";

  /**
   * The emulator {@code FIRESTORE_EMULATOR_HOST} names, else a new one from {@link #JAR}; empty,
   * with a banner on stderr, when there is neither (the tests then skip with {@link #MISSING}).
   */
  static Optional<FirestoreEmulator> start() {
    String fromEnv = System.getenv("FIRESTORE_EMULATOR_HOST");
    if (fromEnv != null && !fromEnv.isBlank()) {
      waitUntilUp(fromEnv, Optional.empty());
      return Optional.of(new FirestoreEmulator(fromEnv, Optional.empty()));
    }
    if (!Files.isReadable(JAR)) {
      System.err.println("""

          ************************************************************************
          * SKIPPING the Firestore tests: no Firestore emulator.                 *
          * FIRESTORE_EMULATOR_HOST is not set and %s is missing.
          * Install it: apt-get install google-cloud-cli-firestore-emulator      *
          ************************************************************************
          """.formatted(JAR));
      return Optional.empty();
    }
    int port = freePort();
    String host = "127.0.0.1:" + port;
    Path log = Path.of("target", "firestore-emulator-" + port + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      Files.createDirectories(log.getParent());
      Process p = new ProcessBuilder(List.of(java, "-cp", JAR.toString(),
          "com.google.cloud.datastore.emulator.firestore.CloudFirestore", "start",
          "--host=127.0.0.1", "--port=" + port, "--project_id=" + PROJECT))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      FirestoreEmulator emulator = new FirestoreEmulator(host, Optional.of(p));
      try {
        waitUntilUp(host, Optional.of(p));
      } catch (RuntimeException e) {
        emulator.close();
        throw new IllegalStateException(e.getMessage() + "; its log: " + log.toAbsolutePath(), e);
      }
      return Optional.of(emulator);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Firestore emulator", e);
    }
  }

  private static void waitUntilUp(String host, Optional<Process> process) {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + host + "/"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    while (System.nanoTime() < deadline) {
      if (process.isPresent() && !process.get().isAlive()) {
        throw new IllegalStateException("the Firestore emulator exited with "
            + process.get().exitValue());
      }
      try {
        HttpResponse<String> response = HttpClient.newHttpClient().send(ping,
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the Firestore emulator", e);
      }
      sleep(100);
    }
    throw new IllegalStateException("the Firestore emulator at " + host + " did not answer within "
        + STARTUP);
  }

  /**
   * A client on the emulator. {@code setEmulatorHost} alone: the client then talks plaintext and
   * sends the emulator's own credentials ({@code Bearer owner}); adding {@code NoCredentials}
   * would send it to production.
   */
  static Firestore client(String host, Optional<RetrySettings> retry) {
    FirestoreOptions.Builder options = FirestoreOptions.newBuilder()
        .setProjectId(FirestoreEmulator.PROJECT).setEmulatorHost(host);
    retry.ifPresent(options::setRetrySettings);
    return options.build().getService();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A running emulator and a client of it, closed together: what a test class starts once, in
   * {@code @BeforeAll}, and closes in {@code @AfterAll}.
   */
  record Session(FirestoreEmulator emulator, Firestore db) implements AutoCloseable {

    /** The emulator started (or the one {@code FIRESTORE_EMULATOR_HOST} names) with a client. */
    static Optional<Session> start() {
      return FirestoreEmulator.start().map(e -> new Session(e, client(e.host(), Optional.empty())));
    }

    @Override
    public void close() {
      try {
        db.close();
      } catch (Exception e) {
        throw new IllegalStateException("the Firestore client did not close", e);
      } finally {
        emulator.close();
      }
    }
  }

  /** Stops the emulator this class started, children first; leaves one from the env alone. */
  @Override
  public void close() {
    process.ifPresent(p -> {
      List<ProcessHandle> children = p.descendants().toList();
      children.forEach(ProcessHandle::destroy);
      p.destroy();
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          children.forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    });
  }
}
