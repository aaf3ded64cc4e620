package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra/deploy.sh check}, the smoke test after a deploy, run as it is (bash and curl)
 * against {@code podcast serve} on 127.0.0.1, which answers as the deployed show does: it
 * passes on a good show and fails, naming both addresses, where the pages name another.
 */
class DeployCheckTest {

  private static final Path SCRIPT = Path.of("../infra/deploy.sh").toAbsolutePath().normalize();

  private record Run(int status, String output) {}

  private static Run check(String url, String base) throws Exception {
    Process process = new ProcessBuilder(List.of("bash", SCRIPT.toString(), "check", "--url", url,
        "--base", base)).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "deploy.sh check did not end");
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void theSmokeTestPassesOnAServedShowAndNamesAWrongAddress(@TempDir Path work)
      throws Exception {
    Path source = LocalSites.copy(LocalSites.EXAMPLE, work.resolve("source"));
    try (RunningServe serve = RunningServe.start(source, work.resolve("site"),
        Map.of("PODCAST_WEBHOOK_SECRET", SignedWebhooks.SECRET))) {
      Run good = check(serve.base(), "https://www.gcppodcast.com");
      assertEquals(0, good.status(), good.output());
      for (String line : List.of("ok    GET " + serve.base() + "/ is the home page at"
          + " https://www.gcppodcast.com/", "with If-None-Match: 304", "HEAD " + serve.base()
          + "/feed.xml: 200 without a body", "sitemap.xml: a sitemap index",
          "/webhooks/cms without a signature: 401", "== 0 failed")) {
        assertTrue(good.output().contains(line), line + " in\n" + good.output());
      }
      Run wrong = check(serve.base(), "https://podcast.example.org");
      assertEquals(1, wrong.status(), wrong.output());
      assertTrue(wrong.output().contains("FAIL  GET " + serve.base() + "/ names"
          + " https://podcast.example.org/: its canonical address is https://www.gcppodcast.com/"),
          wrong.output());
      assertTrue(wrong.output().contains("== 1 failed"), wrong.output());
    }
  }
}
