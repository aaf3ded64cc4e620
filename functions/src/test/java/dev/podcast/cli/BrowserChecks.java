package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The browser harness of {@code functions/src/test/browser} ({@code check-pages.js}: Debian's
 * chromium driven by npm's {@code playwright-core}, checked with {@code axe-core}, both pinned by
 * its {@code package-lock.json}), run on pages served on 127.0.0.1. When its packages are not
 * installed yet, or not at the versions it pins, they are installed with {@code npm ci}, as
 * {@code TerraformConfig} does for the HCL parser; a missing chromium fails the test with what
 * to install (never a skip). Every process the harness started (node, chromium and its
 * helpers) is gone when {@link #run} returns.
 */
final class BrowserChecks {

  static final Path HARNESS = Path.of("src/test/browser").toAbsolutePath();
  static final Path CHROMIUM = Path.of(System.getProperty("podcast.chromium",
      "/usr/bin/chromium"));
  private static final int TIMEOUT_SECONDS = 300;

  private BrowserChecks() {}

  /** One page in one colour scheme, as the harness reports it. */
  record Page(JsonObject json) {

    String path() {
      return json.get("path").getAsString();
    }

    String scheme() {
      return json.get("scheme").getAsString();
    }

    int status() {
      return json.get("status").isJsonNull() ? 0 : json.get("status").getAsInt();
    }

    JsonArray array(String name) {
      return json.getAsJsonArray(name);
    }

    /** Every value assigned to the watched global, in any frame, at load or on interaction. */
    List<String> assignments() {
      List<String> values = new ArrayList<>();
      array("assignments").forEach(a -> values.add(a.getAsJsonObject().get("value")
          .getAsString() + " (" + a.getAsJsonObject().get("phase").getAsString() + ")"));
      return values;
    }

    /** The hosts (other than 127.0.0.1) the page asked for. */
    List<String> offHostRequests() {
      List<String> urls = new ArrayList<>();
      array("offHostRequests").forEach(r -> urls.add(r.getAsJsonObject().get("url")
          .getAsString()));
      return urls;
    }

    /**
     * axe-core's violations of impact serious or critical, each with the nodes that {@code keep}
     * accepts, one line each (rule, impact, target, what to fix); none when the page was not
     * checked with axe.
     */
    List<String> seriousViolations(Predicate<JsonObject> keep) {
      List<String> found = new ArrayList<>();
      if (json.get("axe").isJsonNull()) {
        return found;
      }
      for (JsonElement v : array("axe")) {
        JsonObject violation = v.getAsJsonObject();
        String impact = violation.get("impact").isJsonNull() ? ""
            : violation.get("impact").getAsString();
        if (!impact.equals("serious") && !impact.equals("critical")) {
          continue;
        }
        for (JsonElement n : violation.getAsJsonArray("nodes")) {
          JsonObject node = n.getAsJsonObject();
          if (keep.test(node)) {
            found.add(path() + " (" + scheme() + "): " + violation.get("id").getAsString() + " ["
                + impact + "] " + node.get("target").getAsString() + ": "
                + node.get("summary").getAsString().replace('\n', ' '));
          }
        }
      }
      return found;
    }

    /** Every violation of impact serious or critical. */
    List<String> seriousViolations() {
      return seriousViolations(node -> true);
    }

    /** Those outside author content (the {@code --author} elements). */
    List<String> seriousViolationsOutsideAuthorContent() {
      return seriousViolations(node -> !node.get("author").getAsBoolean());
    }
  }

  /** The whole report: the browser's version, how long it took, each page. */
  record Report(String chromium, String axeCore, long durationMs, List<Page> pages) {

    Page page(String path, String scheme) {
      return pages.stream().filter(p -> p.path().equals(path) && p.scheme().equals(scheme))
          .findFirst().orElseThrow(() -> new AssertionError("not checked: " + path));
    }
  }

  /** Runs the harness on {@code base} with {@code options} and {@code paths}. */
  static Report run(String base, List<String> options, List<String> paths) throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      fail("Debian's chromium is not installed at " + CHROMIUM + ": the browser tests need it;"
          + " .ci/run installs it (apt-get install chromium)");
    }
    install();
    List<String> command = new ArrayList<>(List.of("node", "check-pages.js", "--base", base,
        "--chromium", CHROMIUM.toString()));
    command.addAll(options);
    command.addAll(paths);
    Result result = exec(command, TIMEOUT_SECONDS);
    if (result.exit() != 0) {
      fail("check-pages.js exited " + result.exit() + ":\n" + result.stderr() + result.stdout());
    }
    JsonObject json = JsonParser.parseString(result.stdout()).getAsJsonObject();
    List<Page> pages = new ArrayList<>();
    json.getAsJsonArray("pages").forEach(p -> pages.add(new Page(p.getAsJsonObject())));
    return new Report(json.get("chromium").getAsString(), json.get("axeCore").getAsString(),
        json.get("durationMs").getAsLong(), pages);
  }

  /**
   * {@code npm ci} from the committed lock file when the packages are not there yet, or not at
   * the versions it pins.
   */
  private static synchronized void install() throws Exception {
    if (installedAsLocked()) {
      return;
    }
    Result installed = exec(List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
    if (installed.exit() != 0 || !installedAsLocked()) {
      fail("npm ci in functions/src/test/browser failed (.ci/run runs it; Node.js and npm"
          + " are needed):\n" + installed.stdout() + installed.stderr());
    }
  }

  /** Whether every package of {@code package-lock.json} is in node_modules at its version. */
  private static boolean installedAsLocked() throws IOException {
    JsonObject packages = JsonParser.parseString(Files.readString(HARNESS.resolve(
        "package-lock.json"), StandardCharsets.UTF_8)).getAsJsonObject()
        .getAsJsonObject("packages");
    for (var entry : packages.entrySet()) {
      if (entry.getKey().isEmpty()) {
        continue;
      }
      Path manifest = HARNESS.resolve(entry.getKey()).resolve("package.json");
      if (!Files.isRegularFile(manifest)) {
        return false;
      }
      String version = JsonParser.parseString(Files.readString(manifest, StandardCharsets.UTF_8))
          .getAsJsonObject().get("version").getAsString();
      if (!version.equals(entry.getValue().getAsJsonObject().get("version").getAsString())) {
        return false;
      }
    }
    return Files.isRegularFile(HARNESS.resolve("node_modules/axe-core/axe.min.js"));
  }

  private record Result(int exit, String stdout, String stderr) {}

  /**
   * Runs {@code command} in the harness folder; whatever it started is ended when it ends or
   * takes longer than {@code timeoutSeconds}: its descendants are watched while it runs, since
   * once it has exited they can no longer be found from it.
   */
  private static Result exec(List<String> command, int timeoutSeconds) throws Exception {
    Path out = Files.createTempFile("browser-out", ".json");
    Path err = Files.createTempFile("browser-err", ".txt");
    Set<ProcessHandle> started = new LinkedHashSet<>();
    Process process = null;
    try {
      try {
        process = new ProcessBuilder(command).directory(HARNESS.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      } catch (IOException e) {
        throw new AssertionError(command.get(0) + " cannot be run (" + e.getMessage()
            + "): install Node.js and npm, as .ci/run does", e);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(started::add);
        if (System.nanoTime() > deadline) {
          fail(String.join(" ", command) + " took more than " + timeoutSeconds + " s");
        }
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      if (process != null) {
        process.descendants().forEach(started::add);
        process.destroyForcibly();
      }
      started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
