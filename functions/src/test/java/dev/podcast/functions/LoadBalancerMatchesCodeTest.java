package dev.podcast.functions;

import static dev.podcast.functions.TerraformConfig.block;
import static dev.podcast.functions.TerraformConfig.blocksOf;
import static dev.podcast.functions.TerraformConfig.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.podcast.cli.LocalSites;
import dev.podcast.cli.PodcastCli;
import dev.podcast.serve.FeedPaths;
import dev.podcast.webhook.WebhookHandler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS load balancer of {@code infra/lb.tf} against the code: every route it sends to a
 * function is one that function answers, every feed the feed function answers is routed to it,
 * every path the built site links to is served (by the bucket, or the feed function), the CDN
 * keeps nothing longer than a feed's max-age, and HTTP goes to HTTPS. Offline: the HCL is read
 * by HashiCorp's parser, as in {@link TerraformMatchesCodeTest}.
 */
class LoadBalancerMatchesCodeTest {

  private static final Path EXAMPLE = TerraformConfig.REPO.resolve("examples/site");
  private static TerraformConfig tf;

  @BeforeAll
  static void read() throws Exception {
    tf = TerraformConfig.load();
  }

  /** A route: the backend it goes to and how it matches. */
  private record Route(String service, String full, Pattern template) {
    boolean matches(String path) {
      return full != null ? full.equals(path) : template.matcher(path).matches();
    }
  }

  /** The url map's routes, with the category root's default put in. */
  private static List<Route> routes() {
    String root = string(tf.named("variable").get("category_root"), "default");
    JsonObject matcher = block(tf.resources("google_compute_url_map").get("site"),
        "path_matcher").orElseThrow();
    List<Route> routes = new ArrayList<>();
    for (JsonObject rule : blocksOf(matcher, "route_rules")) {
      for (JsonObject match : blocksOf(rule, "match_rules")) {
        String service = string(rule, "service");
        if (match.has("full_path_match")) {
          String full = string(match, "full_path_match").replace("${local.webhook_path}",
              string(tf.locals(), "webhook_path"));
          routes.add(new Route(service, full, null));
        } else {
          String template = string(match, "path_template_match")
              .replace("${var.category_root}", root);
          routes.add(new Route(service, null, Pattern.compile(Pattern.quote(template)
              .replaceAll("\\{[a-z]+}", "\\\\E[^/]+\\\\Q"))));
        }
      }
    }
    // The old feed addresses: one rule of a match for each of var.old_feed_paths.
    JsonObject old = block(matcher.getAsJsonObject("dynamic"), "route_rules").orElseThrow();
    assertEquals("${length(var.old_feed_paths) > 0 ? [var.old_feed_paths] : []}",
        string(old, "for_each"));
    JsonObject content = block(old, "content").orElseThrow();
    JsonObject each = block(content.getAsJsonObject("dynamic"), "match_rules").orElseThrow();
    assertEquals("${route_rules.value}", string(each, "for_each"));
    assertEquals("${match_rules.value}", string(block(each, "content").orElseThrow(),
        "full_path_match"));
    for (com.google.gson.JsonElement path : tf.named("variable").get("old_feed_paths")
        .getAsJsonArray("default")) {
      routes.add(new Route(string(content, "service"), path.getAsString(), null));
    }
    return routes;
  }

  private static final String FEED = "${google_compute_backend_service.feed[0].id}";

  /** Terraform's default old feed addresses: the show's by default, Hugo's. */
  private static List<String> oldFeedPaths() {
    List<String> paths = new ArrayList<>();
    tf.named("variable").get("old_feed_paths").getAsJsonArray("default")
        .forEach(p -> paths.add(p.getAsString()));
    return paths;
  }

  @Test
  void theOldFeedAddressesAreHugosAsPodcastTomlsAreAndReachTheFeedFunction() {
    assertEquals(dev.podcast.show.ShowConfigReader.DEFAULT_OLD_FEED_PATHS, oldFeedPaths(),
        "Terraform's default is podcast.toml's: they agree unless one is changed");
    for (String path : oldFeedPaths()) {
      assertTrue(routes().stream().anyMatch(r -> r.service().equals(FEED) && r.matches(path)),
          path);
    }
    for (String name : List.of("upload", "publish_due", "feed", "webhook", "notify")) {
      JsonObject env = block(tf.resources("google_cloudfunctions2_function").get(name),
          "service_config").orElseThrow().getAsJsonObject("environment_variables");
      assertEquals("${join(\",\", var.old_feed_paths)}", string(env, "OLD_FEED_PATHS"), name);
    }
  }
  private static final String WEBHOOK = "${google_compute_backend_service.webhook[0].id}";

  @Test
  void everyRouteToAFunctionIsOneItAnswersAndEveryFeedIsRouted() {
    List<Route> routes = routes();
    FeedConfig config = FeedConfig.fromEnvironment(Map.of("OLD_FEED_PATHS", String.join(",",
        oldFeedPaths())));
    for (Route route : routes) {
      if (route.service().equals(FEED) && route.full() != null
          && config.oldFeedPaths().contains(route.full())) {
        continue; // an old feed address: the function answers it (FeedResponderTest)
      }
      if (route.service().equals(FEED)) {
        String sample = route.full() != null ? route.full()
            : route.template().pattern().replace("\\Q", "").replace("\\E", "")
                .replace("[^/]+", "x").replace("/x/feed.xml", "/iot/feed.xml")
                .replaceAll("/archive/x$", "/archive/2.xml");
        assertTrue(FeedPaths.isFeed(sample), "the feed function does not answer " + sample);
      } else {
        assertEquals(WEBHOOK, route.service());
        assertEquals(WebhookHandler.PATH, route.full(), "the webhook's path");
      }
    }
    for (String feed : List.of("/feed.xml", "/feed.json", "/feed/archive/1.xml",
        "/categories/iot/feed.xml", "/categories/iot/feed/archive/12.xml")) {
      assertTrue(FeedPaths.isFeed(feed), feed);
      assertTrue(routes.stream().anyMatch(r -> r.service().equals(FEED) && r.matches(feed)),
          feed + " is not routed to the feed function");
    }
    assertTrue(routes.stream().noneMatch(r -> r.matches("/post/x/") || r.matches("/")),
        "pages are the bucket's");
  }

  @Test
  void everyPathTheSiteLinksToIsServed(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    StringWriter printed = new StringWriter();
    int built = PodcastCli.execute(new PrintWriter(printed, true), new PrintWriter(printed, true),
        "build", "--source", EXAMPLE.toString(), "--out", out.toString());
    assertTrue(built == 0 || built == 1, printed.toString());
    Map<String, byte[]> files = LocalSites.files(out);
    List<Route> routes = routes();
    String base = "https://www.gcppodcast.com";
    TreeSet<String> unserved = new TreeSet<>();
    int links = 0;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      if (!file.getKey().endsWith(".html")) {
        continue;
      }
      Document page = Jsoup.parse(new String(file.getValue(), StandardCharsets.UTF_8),
          base + "/" + file.getKey());
      for (Element link : page.select("a[href], link[href], img[src], audio[src], source[src],"
          + " script[src]")) {
        String url = link.hasAttr("href") ? link.absUrl("href") : link.absUrl("src");
        if (!url.startsWith(base + "/")) {
          continue; // another site's
        }
        String path = URI.create(url).getPath();
        links++;
        boolean routed = routes.stream().anyMatch(r -> r.matches(path));
        String object = path.substring(1);
        boolean inBucket = files.containsKey(object) || (path.endsWith("/")
            && files.containsKey(object + "index.html"));
        if (routed ? !FeedPaths.isFeed(path) && !path.equals(WebhookHandler.PATH)
            : !inBucket) {
          unserved.add(path + " (on " + file.getKey() + ")");
        }
      }
    }
    assertTrue(links > 100, links + " links");
    // What the example's notes link to and the show does not hold (other episodes of the real
    // show, images not copied) is what build reports as broken: nothing else may be unserved.
    unserved.removeIf(u -> printed.toString().contains(u.substring(0, u.indexOf(" (on "))));
    assertEquals(new TreeSet<>(), unserved, printed.toString());
  }

  @Test
  void theCdnKeepsNothingLongerThanAFeedAndHttpGoesToHttps() {
    JsonObject bucket = tf.resources("google_compute_backend_bucket").get("site");
    assertEquals("${google_storage_bucket.site.name}", string(bucket, "bucket_name"));
    assertEquals("true", string(bucket, "enable_cdn"));
    JsonObject cdn = block(bucket, "cdn_policy").orElseThrow();
    for (String ttl : List.of("default_ttl", "max_ttl", "client_ttl")) {
      assertEquals("${var.feed_max_age_seconds}", string(cdn, ttl), ttl);
    }
    assertEquals("FORCE_CACHE_ALL", string(cdn, "cache_mode"), "all of the site is public");
    JsonObject feed = tf.resources("google_compute_backend_service").get("feed");
    assertEquals("USE_ORIGIN_HEADERS", string(block(feed, "cdn_policy").orElseThrow(),
        "cache_mode"), "the feed function's Cache-Control, ETag and Last-Modified decide");
    assertEquals("false", string(tf.resources("google_compute_backend_service").get("webhook"),
        "enable_cdn"));
    JsonObject redirect = block(tf.resources("google_compute_url_map").get("redirect"),
        "default_url_redirect").orElseThrow();
    assertEquals("true", string(redirect, "https_redirect"));
    Map<String, JsonObject> rules = tf.resources("google_compute_global_forwarding_rule");
    assertEquals("443", string(rules.get("https"), "port_range"));
    assertEquals("${google_compute_target_https_proxy.site[0].id}",
        string(rules.get("https"), "target"));
    assertEquals("80", string(rules.get("http"), "port_range"));
    assertEquals("${google_compute_target_http_proxy.redirect[0].id}",
        string(rules.get("http"), "target"));
    assertEquals("${var.domains}", string(block(tf.resources(
        "google_compute_managed_ssl_certificate").get("site"), "managed").orElseThrow(),
        "domains"));
    // Everything of it exists only with the load balancer on.
    for (String type : List.of("google_compute_global_address",
        "google_compute_managed_ssl_certificate", "google_compute_backend_bucket",
        "google_compute_backend_service", "google_compute_region_network_endpoint_group",
        "google_compute_url_map", "google_compute_target_https_proxy",
        "google_compute_target_http_proxy", "google_compute_global_forwarding_rule")) {
      tf.resources(type).forEach((name, r) -> assertEquals("${local.lb_count}",
          string(r, "count"), type + "." + name));
    }
  }

  /** One address: the functions that read config.toml are given it, and check it. */
  @Test
  void theFunctionsThatReadTheShowAreGivenItsOneAddress() {
    Map<String, JsonObject> functions = tf.resources("google_cloudfunctions2_function");
    for (String name : List.of("upload", "publish_due", "notify")) {
      JsonObject env = block(functions.get(name), "service_config").orElseThrow()
          .getAsJsonObject().getAsJsonObject("environment_variables");
      assertEquals("${local.base_url}", string(env, "SITE_BASE_URL"), name);
    }
    assertTrue(string(tf.locals(), "base_url").contains("https://${var.domains[0]}"));
  }
}
