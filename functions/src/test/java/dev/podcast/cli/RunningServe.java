package dev.podcast.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code podcast serve} running in this JVM on a thread of its own, as a user starts it: found
 * ready by the {@code serving http://127.0.0.1:PORT/} line of its log, stopped by an interrupt
 * (Ctrl-C). Its port is read from that line.
 */
final class RunningServe implements AutoCloseable {

  private static final Pattern SERVING = Pattern.compile(
      "\"message\":\"serving http://127\\.0\\.0\\.1:(\\d+)/\"");

  private final Thread thread;
  private final StringWriter log;
  private final int port;

  private RunningServe(Thread thread, StringWriter log, int port) {
    this.thread = thread;
    this.log = log;
    this.port = port;
  }

  /** Starts serve on {@code source} into {@code out} with {@code environment}; waits for it. */
  static RunningServe start(Path source, Path out, Map<String, String> environment,
      String... options) throws Exception {
    StringWriter log = new StringWriter();
    List<String> args = new ArrayList<>(List.of("serve", "--source", source.toString(), "--out",
        out.toString(), "--port", "0", "--poll-ms", "50"));
    args.addAll(List.of(options));
    Thread thread = new Thread(() -> PodcastCli.execute(new PrintWriter(log, true),
        new PrintWriter(log, true), environment, args.toArray(String[]::new)), "serve");
    thread.setDaemon(true);
    thread.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(log.toString());
      if (m.find()) {
        return new RunningServe(thread, log, Integer.parseInt(m.group(1)));
      }
      if (!thread.isAlive()) {
        throw new AssertionError("serve stopped: " + log);
      }
      Thread.sleep(20);
    }
    thread.interrupt();
    throw new AssertionError("serve did not start within 120 s: " + log);
  }

  /** {@code http://127.0.0.1:PORT}. */
  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** Everything it logged so far. */
  String log() {
    return log.toString();
  }

  /** Stops it, as Ctrl-C does, and waits for it to end. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(20_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      throw new AssertionError("serve did not stop: " + log);
    }
  }
}
