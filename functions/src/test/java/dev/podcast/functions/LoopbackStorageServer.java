package dev.podcast.functions;

import dev.podcast.adapter.gcs.FakeGcsServer;
import java.io.IOException;

/**
 * Runs {@link FakeGcsServer} (the loopback Cloud Storage JSON API of the adapter's tests) as a
 * process of its own, for the cold-start benchmark ({@code functions/bench/cold-start-lib.sh}):
 * prints {@code http://127.0.0.1:PORT} on a line, then serves until the process is stopped.
 * Listings page at 1,000 names, as Cloud Storage does.
 */
public final class LoopbackStorageServer {

  private LoopbackStorageServer() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    FakeGcsServer server = FakeGcsServer.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    server.pageSize(1000);
    System.out.println(server.host());
    System.out.flush();
    Thread.currentThread().join(); // until SIGTERM
  }
}
