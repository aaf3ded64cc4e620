package dev.podcast.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShowConfigReaderTest {

  private static ShowConfigReader.Result read(String config, String podcast) {
    return ShowConfigReader.read(config, "config.toml", Optional.ofNullable(podcast),
        "podcast.toml");
  }

  @Test
  void theRealHugoConfigReadsAsItIs() {
    ShowConfig show = ShowConfigReader.read(Path.of("src/test/resources/corpus")).config()
        .orElseThrow();
    assertEquals("https://www.gcppodcast.com", show.baseUrl());
    assertEquals("Google Cloud Platform Podcast", show.title());
    assertEquals("en-us", show.languageCode());
    assertEquals(9, show.paginate());
    assertEquals("https://traffic.libsyn.com/secure/googlecloudpodcast", show.episodeHostBaseUrl());
    assertEquals("/images/site_logo.png", show.logo());
    assertEquals("https://www.gcppodcast.com/images/site_logo.png", show.artworkUrl());
    assertEquals("Copyright 2021 Google Inc.", show.copyright());
    assertEquals("categories", show.categoryTaxonomy());
    // What Hugo lacks gets defaults a feed can use.
    assertEquals("Technology", show.podcast().category());
    assertEquals("Google Cloud Platform Podcast", show.podcast().author());
    assertEquals(false, show.podcast().explicit());
    assertEquals("episodic", show.podcast().type());
  }

  @Test
  void podcastTableAndPodcastTomlWhichWins() {
    String config = """
        baseURL = "https://pod.example.com/"
        title = "Pod"
        [params.podcast]
        ownerEmail = "a@example.com"
        category = "News"
        subcategory = "Tech News"
        explicit = true
        [[params.podcast.persons]]
        name = "Ann"
        role = "host"
        """;
    ShowConfig show = read(config, "ownerEmail = \"b@example.com\"\ntype = \"serial\"\n")
        .config().orElseThrow();
    assertEquals("https://pod.example.com", show.baseUrl());
    assertEquals("b@example.com", show.podcast().ownerEmail());
    assertEquals("serial", show.podcast().type());
    assertEquals("Tech News", show.podcast().subcategory());
    assertTrue(show.podcast().explicit());
    assertEquals("Ann", show.person("ann").orElseThrow().name());
  }

  @Test
  void invalidValuesAreReportedWithFileLineAndKey() {
    String config = """
        baseURL = "ftp://x"
        title = "Pod"
        paginate = 0
        [params.podcast]
        category = "Tech News"
        """;
    ShowConfigReader.Result result = read(config, "explicit = \"no\"\nguid = \"nope\"\n");
    assertTrue(result.config().isEmpty());
    List<Problem> problems = result.problems();
    assertTrue(problems.stream().allMatch(p -> p.code() == ProblemCode.CONFIG_INVALID));
    assertEquals(List.of("config.toml:1 [baseURL]", "config.toml:3 [paginate]",
        "config.toml:5 [params.podcast.category]", "podcast.toml:2 [guid]",
        "podcast.toml:1 [explicit]"), problems.stream()
        .map(p -> p.file() + ":" + p.line() + " " + p.message().replaceFirst("] .*", "]"))
        .toList());
    assertTrue(problems.get(2).message().contains("did you mean category = \"News\""));
  }

  @Test
  void rawHtmlIsHugosSwitchAndEmbedHostsAreHostNames() {
    ShowConfig plain = read("baseURL = \"https://p.example\"\ntitle = \"P\"\n", null).config()
        .orElseThrow();
    assertEquals(false, plain.unsafeHtml());
    assertEquals(ShowConfig.DEFAULT_EMBED_HOSTS, plain.embedHosts());
    ShowConfig trusting = read("""
        baseURL = "https://p.example"
        title = "P"
        [markup.goldmark.renderer]
        unsafe = true
        """, "embedHosts = [\"www.youtube.com\", \"w.soundcloud.com\"]\n").config()
        .orElseThrow();
    assertEquals(true, trusting.unsafeHtml());
    assertEquals(java.util.List.of("www.youtube.com", "w.soundcloud.com"), trusting.embedHosts());
    ShowConfigReader.Result bad = read("baseURL = \"https://p.example\"\ntitle = \"P\"\n",
        "embedHosts = [\"https://evil.example/\"]\n");
    assertTrue(bad.config().isEmpty());
    assertTrue(bad.problems().get(0).format().contains("[embedHosts]"), bad.problems().toString());
    assertEquals(1, bad.problems().get(0).line());
  }

  @Test
  void tomlSyntaxErrorsNameTheLine() {
    ShowConfigReader.Result result = read("title = \"x\"\nbaseURL = \n", null);
    assertEquals(2, result.problems().get(0).line());
  }

  @Test
  void podcastGuidIsTheV5UuidOfTheFeedUrlWithoutScheme() {
    assertEquals(UUID.fromString("9b024349-ccf0-5f69-a609-6b82873eab3c"),
        PodcastGuid.fromFeedUrl("https://podnews.net/rss"));
    assertEquals(PodcastGuid.fromFeedUrl("https://podnews.net/rss"),
        PodcastGuid.fromFeedUrl("http://podnews.net/rss/"));
    assertEquals(5, PodcastGuid.fromFeedUrl("https://x.io/feed.xml").version());
  }

  @Test
  void appleCategories() {
    assertTrue(AppleCategories.isCategory("Technology"));
    assertTrue(AppleCategories.isSubcategory("News", "Tech News"));
    assertTrue(!AppleCategories.isSubcategory("Technology", "Tech News"));
    assertEquals(Optional.of("News"), AppleCategories.parentOf("Tech News"));
  }

  @Test
  void oldFeedAddressesAndTheNextMoveAreConfigured() {
    String config = "baseURL = \"https://pod.example.com\"\ntitle = \"Pod\"\n";
    ShowConfig plain = read(config, null).config().orElseThrow();
    assertEquals(ShowConfigReader.DEFAULT_OLD_FEED_PATHS, plain.podcast().oldFeedPaths(),
        "a Hugo site's own feeds by default");
    assertEquals("", plain.podcast().newFeedUrl());
    ShowConfig moved = read(config, "oldFeedPaths = [\"/feed/\", \"/podcast.xml\"]\n"
        + "newFeedUrl = \"https://new.example/rss\"\n").config().orElseThrow();
    assertEquals(List.of("/feed/", "/podcast.xml"), moved.podcast().oldFeedPaths());
    assertEquals("https://new.example/rss", moved.podcast().newFeedUrl());
    for (String bad : List.of("feed/", "/../x.xml", "/feed.xml", "/a.html", "/sitemap.xml",
        "/feed/archive/1.xml")) {
      ShowConfigReader.Result r = read(config, "oldFeedPaths = [\"" + bad + "\"]\n");
      assertTrue(r.config().isEmpty(), bad);
      assertTrue(r.problems().get(0).message().contains("cannot be an old feed path"),
          r.problems().toString());
    }
    ShowConfigReader.Result self = read(config,
        "newFeedUrl = \"https://pod.example.com/feed.xml\"\n");
    assertTrue(self.problems().get(0).message().contains("this site's own feed"),
        self.problems().toString());
  }

  @Test
  void theServicesToNotifyAreConfiguredAndCheckedWithTheirLine() {
    String config = "baseURL = \"https://pod.example.com\"\ntitle = \"Pod\"\n";
    assertEquals(ShowConfig.Notify.NONE, read(config, null).config().orElseThrow().podcast()
        .notifications(), "each service off unless named");
    ShowConfig.Notify on = read(config, "[notify]\npodping = \"https://podping.cloud/\"\n"
        + "websub = [\"https://pubsubhubbub.appspot.com/\", \"http://127.0.0.1:8081/hub\"]\n"
        + "podcastIndex = \"https://api.podcastindex.org/api/1.0/hub/pubnotify\"\n").config()
        .orElseThrow().podcast().notifications();
    assertEquals("https://podping.cloud/", on.podping());
    assertEquals(List.of("https://pubsubhubbub.appspot.com/", "http://127.0.0.1:8081/hub"),
        on.websub());
    assertEquals("https://api.podcastindex.org/api/1.0/hub/pubnotify", on.podcastIndex());
    assertEquals(List.of(), on.categories(), "the main feed alone unless categories are named");
    assertEquals(List.of("IoT", "*"), read(config, "[notify]\ncategories = [\"IoT\", \"*\"]\n")
        .config().orElseThrow().podcast().notifications().categories());
    // In Hugo's config too.
    assertEquals("https://podping.cloud/", read(config
        + "[params.podcast.notify]\npodping = \"https://podping.cloud/\"\n", null).config()
        .orElseThrow().podcast().notifications().podping());
    for (String bad : List.of("podping = \"http://podping.cloud/\"",
        "podcastIndex = \"ftp://x.example/\"", "websub = [\"https://user:pw@hub.example/\"]",
        "websub = [\"https://hub.example/\", \"https://hub.example/\"]",
        "podping = \"https://\"", "podping = \"https://x.example/#a\"",
        "categories = [\"IoT\", \" \"]")) {
      ShowConfigReader.Result r = read(config, "# notifications\n[notify]\n" + bad + "\n");
      assertTrue(r.config().isEmpty(), bad);
      Problem p = r.problems().get(0);
      assertEquals("podcast.toml", p.file(), bad);
      assertEquals(3, p.line(), bad + ": " + p);
      assertTrue(p.message().contains("notify."), p.toString());
    }
  }

  @Test
  void oldAppleCategoriesHaveTheir2019Names() {
    assertEquals(Optional.of(List.of("Leisure", "Video Games")),
        AppleCategories.current("Games & Hobbies", "Video Games"));
    assertEquals(Optional.of(List.of("News", "Tech News")),
        AppleCategories.current("Technology", "Tech News"));
    assertEquals(Optional.of(List.of("Technology", "")),
        AppleCategories.current("Technology", "Podcasting"));
    assertEquals(Optional.of(List.of("Health & Fitness", "")),
        AppleCategories.current("Health", ""));
    assertEquals(Optional.of(List.of("Education", "Self-Improvement")),
        AppleCategories.current("Health", "Self-Help"));
    assertEquals(Optional.of(List.of("Arts", "Books")), AppleCategories.current("Arts", "Books"));
    assertEquals(Optional.empty(), AppleCategories.current("Basket Weaving", ""));
  }
}
