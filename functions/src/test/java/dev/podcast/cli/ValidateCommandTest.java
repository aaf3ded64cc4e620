package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code podcast validate}: output format, exit codes, and never a stack trace. */
class ValidateCommandTest {

  private static final Path CORPUS = Path.of("../shared/src/test/resources/corpus");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return PodcastCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void theBundledSiteHasNoErrors() {
    assertEquals(0, run("validate", CORPUS.toString()), err.toString());
    String[] lines = out.toString().split("\n");
    String summary = lines[lines.length - 1];
    assertTrue(summary.matches("17 files, 0 errors, \\d+ warnings"), summary);
    int counts = java.util.Arrays.asList(lines).indexOf("by problem code:");
    assertTrue(counts > 0, out.toString());
    for (int i = 0; i < counts - 1; i++) {
      // The episodes' own warnings, and the feeds' (the same build and serve report).
      assertTrue(lines[i].matches("(.+\\.md|.+/config\\.toml|/.+\\.xml):\\d+:\\d+: warning: "
          + "\\[[a-z0-9-]+\\] .+"), lines[i]);
    }
    // Then one line a code, most frequent first, counting every problem above.
    long total = 0;
    long previous = Long.MAX_VALUE;
    for (int i = counts + 1; i < lines.length - 1; i++) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(
          "  ([a-z0-9-]+) +(\\d+) warnings?").matcher(lines[i]);
      assertTrue(m.matches(), lines[i]);
      long n = Long.parseLong(m.group(2));
      assertTrue(n <= previous, "most frequent first: " + lines[i]);
      previous = n;
      total += n;
      String code = m.group(1);
      assertEquals(n, java.util.Arrays.stream(lines, 0, counts).filter(l -> l.contains("[" + code
          + "]")).count(), code);
    }
    assertEquals(counts - 1, total, "every problem counted once");
    assertTrue(out.toString().contains(
        "episode-86-broad-institute-and-platinum-customers-with-lukas-karlsson-and-mike-altarace"
            + "/index.md:4:1: warning: [audio-size-zero]"), out.toString());
  }

  @Test
  void badFilesGiveExitOneAndLocatedErrors(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.md");
    Files.writeString(bad, "+++\ntitle = \"x\"\ndate = \"someday\"\naudioFile = \"a.mp3\"\n+++\n");
    Path binary = dir.resolve("latin1.md");
    Files.write(binary, "+++\ntitle = \"caf\u00e9\"\n+++\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(1, run("validate", bad.toString(), binary.toString()));
    String text = out.toString();
    assertTrue(text.contains(bad + ":3:1: error: [bad-date]"), text);
    assertTrue(text.contains(binary + ":2:13: error: [invalid-utf8]"), text);
    assertTrue(text.strip().endsWith("2 files, 2 errors, 5 warnings"), text);
    assertFalse(text.contains("Exception") || err.toString().contains("Exception"), text + err);
  }

  @Test
  void jsonFormat(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.md");
    Files.writeString(bad, "no front matter\n");
    assertEquals(1, run("validate", "--format", "json", bad.toString()));
    JsonObject json = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(1, json.get("files").getAsInt());
    assertEquals(1, json.get("errors").getAsInt());
    JsonObject problem = json.getAsJsonArray("problems").get(0).getAsJsonObject();
    assertEquals("front-matter-missing", problem.get("code").getAsString());
    assertEquals("error", problem.get("severity").getAsString());
    assertEquals(1, problem.get("line").getAsInt());
    assertEquals(bad.toString(), problem.get("file").getAsString());
    assertEquals(1, json.getAsJsonObject("byCode").get("front-matter-missing").getAsInt());
  }

  @Test
  void badUsageGivesExitTwo() {
    assertEquals(2, run("validate"));
    assertEquals(2, run("validate", "/no/such/path"));
    assertTrue(err.toString().contains("no such file or folder"), err.toString());
    assertEquals(2, run("validate", "--format", "xml", CORPUS.toString()));
    assertEquals(2, run("frobnicate"));
    assertEquals(2, run());
  }
}
