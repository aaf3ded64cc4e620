package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code podcast build}: what it prints, exit codes, and skipping unchanged files. */
class BuildCommandTest {

  private static final Path EXAMPLE = Path.of("../examples/site");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return PodcastCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void buildsTheExampleShowThenRewritesNothing(@TempDir Path site) throws Exception {
    assertEquals(0, run("build", "--source", EXAMPLE.toString(), "--out", site.toString()),
        out + "\n" + err);
    assertTrue(out.toString().contains("wrote 4 pages"), out.toString());
    assertTrue(out.toString().contains("wrote 12 transcripts"), out.toString());
    assertTrue(Files.isRegularFile(site.resolve("feed.xml")));
    assertTrue(Files.isRegularFile(site.resolve(
        "post/episode-37-gke-1-3-with-carter-morgan/index.html")));
    out.getBuffer().setLength(0);
    assertEquals(0, run("build", "--source", EXAMPLE.toString(), "--out", site.toString()));
    assertTrue(out.toString().contains(" 0 files written, "), out.toString());
    assertFalse(out.toString().contains("wrote "), out.toString());
  }

  @Test
  void anUnpublishableSourceExitsOneAndWritesNoFeed(@TempDir Path source, @TempDir Path site)
      throws Exception {
    // No artwork: no feed could pass the feed check, so the configuration is refused, and the
    // episode's own errors are reported all the same.
    Files.writeString(source.resolve("config.toml"), "baseURL = \"https://x.io\"\ntitle = \"X\"\n");
    Files.createDirectories(source.resolve("content/post/a"));
    Files.writeString(source.resolve("content/post/a/index.md"), "+++\ntitle = \"A\"\n+++\n");
    assertEquals(1, run("build", "--source", source.toString(), "--out", site.toString()));
    assertTrue(out.toString().contains("content/post/a/index.md:3:1: error: [missing-date]"),
        out.toString());
    assertTrue(out.toString().contains("config.toml:0:0: error: [config-invalid]"),
        out.toString());
    assertTrue(out.toString().contains("not published"), out.toString());
    assertFalse(Files.exists(site.resolve("feed.xml")));
  }

  @Test
  void badUsageExitsTwo(@TempDir Path empty) {
    assertEquals(2, run("build", "--out", empty.toString()));
    assertEquals(2, run("build", "--source", empty.toString(), "--out", empty.toString()));
    assertTrue(err.toString().contains("no config.toml"), err.toString());
  }
}
