package dev.podcast.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tests run one Jetty: the Functions Framework invoker's jar bundles Jetty 12.1.3
 * unrelocated, and {@code jetty-server} is declared before it so that serve's Jetty, with its
 * {@code jetty-http}, {@code jetty-io} and {@code jetty-util}, comes first on the classpath. Were
 * the order to change, a class of one version could meet a class of the other.
 */
class OneJettyTest {

  @Test
  void everyJettyClassComesFromJettysOwnJarsNotTheInvokers() throws Exception {
    for (String name : List.of("org.eclipse.jetty.server.Server",
        "org.eclipse.jetty.http.HttpParser", "org.eclipse.jetty.io.EndPoint",
        "org.eclipse.jetty.util.Jetty")) {
      String jar = Class.forName(name).getProtectionDomain().getCodeSource().getLocation()
          .getPath();
      String module = name.split("\\.")[3]; // server, http, io, util
      assertTrue(jar.contains("/jetty-" + module + "-") && !jar.contains("invoker"),
          name + " is loaded from " + jar);
    }
  }
}
