package dev.podcast.functions;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Terraform of {@code infra/}, parsed offline by HashiCorp's own HCL parser (npm's
 * {@code @cdktf/hcl2json}, run by {@code infra/tools/hcl2json.js}): no provider, no cloud
 * account. When the parser is not installed yet, {@link #load} installs it with {@code npm ci}
 * from the committed lock file, so a fresh {@code mvn -B verify} works without {@code .ci/run}.
 *
 * <p>Expressions come back as strings, {@code "${google_storage_bucket.site.name}"}; blocks as
 * arrays of objects.
 */
final class TerraformConfig {

  /** The repository's root: {@code podcast.repo}, set by the functions module's pom. */
  static final Path REPO = Path.of(System.getProperty("podcast.repo", "..")).toAbsolutePath()
      .normalize();
  static final Path INFRA = REPO.resolve("infra");
  private static final Path TOOLS = INFRA.resolve("tools");

  private final Map<String, JsonObject> files;

  private TerraformConfig(Map<String, JsonObject> files) {
    this.files = files;
  }

  /** Parses every {@code .tf} file of {@code infra/}; fails the test on a parse error. */
  static TerraformConfig load() throws IOException, InterruptedException {
    installParser();
    Result parsed = run(TOOLS, 120, "node", "hcl2json.js", INFRA.toString());
    if (parsed.exit() != 0) {
      fail("infra/ does not parse:\n" + parsed.stderr());
    }
    JsonObject all = JsonParser.parseString(parsed.stdout()).getAsJsonObject();
    Map<String, JsonObject> files = new LinkedHashMap<>();
    all.entrySet().forEach(e -> files.put(e.getKey(), e.getValue().getAsJsonObject()));
    return new TerraformConfig(files);
  }

  private static void installParser() throws IOException, InterruptedException {
    if (Files.isRegularFile(TOOLS.resolve("node_modules/@cdktf/hcl2json/package.json"))) {
      return;
    }
    // Pinned by infra/tools/package-lock.json; the npm registry is reachable where tests run.
    Result installed = run(TOOLS, 600, "npm", "ci", "--no-audit", "--no-fund");
    if (installed.exit() != 0) {
      fail("npm ci in infra/tools failed (Node.js and npm are needed to parse infra/):\n"
          + installed.stdout() + installed.stderr());
    }
  }

  record Result(int exit, String stdout, String stderr) {}

  static Result run(Path dir, int timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("infra-out", ".txt");
    Path err = Files.createTempFile("infra-err", ".txt");
    try {
      Process process;
      try {
        process = new ProcessBuilder(command).directory(dir.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      } catch (IOException e) {
        throw new AssertionError(command[0] + " cannot be run (" + e.getMessage()
            + "): install Node.js and npm, as .ci/run does", e);
      }
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " took more than " + timeoutSeconds + " s");
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The names of the files parsed. */
  Set<String> fileNames() {
    return new TreeSet<>(files.keySet());
  }

  /** The {@code .tf} files in {@code infra/}. */
  static Set<String> tfFilesOnDisk() throws IOException {
    try (Stream<Path> list = Files.list(INFRA)) {
      return new TreeSet<>(list.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".tf")).toList());
    }
  }

  /** Every block of kind {@code kind} ({@code resource}, {@code data}) of type {@code type}. */
  Map<String, JsonObject> blocks(String kind, String type) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    for (JsonObject file : files.values()) {
      if (file.has(kind) && file.getAsJsonObject(kind).has(type)) {
        file.getAsJsonObject(kind).getAsJsonObject(type).entrySet()
            .forEach(e -> out.put(e.getKey(), first(e.getValue())));
      }
    }
    return out;
  }

  Map<String, JsonObject> resources(String type) {
    return blocks("resource", type);
  }

  /** Every type of {@code kind} ({@code resource}, {@code data}) used. */
  Set<String> types(String kind) {
    Set<String> out = new TreeSet<>();
    for (JsonObject file : files.values()) {
      if (file.has(kind)) {
        out.addAll(file.getAsJsonObject(kind).keySet());
      }
    }
    return out;
  }

  /** Named top-level blocks ({@code variable}, {@code output}, {@code provider}). */
  Map<String, JsonObject> named(String kind) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    for (JsonObject file : files.values()) {
      if (file.has(kind)) {
        file.getAsJsonObject(kind).entrySet().forEach(e -> out.put(e.getKey(), first(e.getValue())));
      }
    }
    return out;
  }

  /** Every {@code locals} value, from all files. */
  JsonObject locals() {
    JsonObject out = new JsonObject();
    for (JsonObject file : files.values()) {
      if (file.has("locals")) {
        for (JsonElement block : file.getAsJsonArray("locals")) {
          block.getAsJsonObject().entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
        }
      }
    }
    return out;
  }

  /** The {@code terraform} blocks' bodies. */
  List<JsonObject> terraformBlocks() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject file : files.values()) {
      if (file.has("terraform")) {
        file.getAsJsonArray("terraform").forEach(b -> out.add(b.getAsJsonObject()));
      }
    }
    return out;
  }

  /** The first (usually only) nested block {@code name} of {@code body}. */
  static Optional<JsonObject> block(JsonObject body, String name) {
    if (!body.has(name) || !body.get(name).isJsonArray() || body.getAsJsonArray(name).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(body.getAsJsonArray(name).get(0).getAsJsonObject());
  }

  /** Every nested block {@code name} of {@code body}. */
  static List<JsonObject> blocksOf(JsonObject body, String name) {
    List<JsonObject> out = new ArrayList<>();
    if (body.has(name) && body.get(name).isJsonArray()) {
      body.getAsJsonArray(name).forEach(b -> out.add(b.getAsJsonObject()));
    }
    return out;
  }

  /** The attribute {@code name} of {@code body} as text (an expression stays {@code ${...}}). */
  static String string(JsonObject body, String name) {
    JsonElement value = body.get(name);
    if (value == null || value.isJsonNull()) {
      throw new AssertionError("no attribute " + name + " in " + body);
    }
    return value.isJsonPrimitive() ? value.getAsString() : value.toString();
  }

  private static JsonObject first(JsonElement value) {
    JsonArray array = value.getAsJsonArray();
    return array.get(0).getAsJsonObject();
  }
}
