package dev.podcast.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.show.ShowConfig;
import dev.podcast.show.ShowConfigReader;
import org.junit.jupiter.api.Test;

/** Where terms and episodes may live: never over the site's own files, never outside it. */
class SitePathsTest {

  private final SitePaths paths = new SitePaths(show());

  private static ShowConfig show() {
    return ShowConfigReader.read(TestSite.SOURCE).config().orElseThrow();
  }

  @Test
  void termsKeepHugosSlugsWhereTheyAreSafe() {
    assertEquals("/categories/iot/", paths.categoryPath("IoT"));
    assertEquals("/categories/.net/", paths.categoryPath(".NET"));
    assertEquals("/hosts/mark-mandel/", paths.hostPath("Mark Mandel"));
  }

  @Test
  void theMainFeedAndTheCategoryFeedsNotifyNamesAreAnnounced() {
    ShowConfig show = ShowConfigReader.read("baseURL = \"https://pod.example.com\"\ntitle = \"P\"\n",
        "config.toml", java.util.Optional.of("[notify]\ncategories = [\"IoT\", \"Wrap Up\"]\n"),
        "podcast.toml").config().orElseThrow();
    SitePaths named = new SitePaths(show);
    assertTrue(named.announced("/feed.xml"));
    assertTrue(named.announced("/categories/iot/feed.xml"));
    assertTrue(named.announced("/categories/wrap-up/feed.xml"));
    assertFalse(named.announced("/categories/go/feed.xml"));
    assertFalse(named.announced("/categories/iot/index.html"));
    assertFalse(named.announced("/feed/archive/1.xml"));
    assertFalse(paths.announced("/categories/iot/feed.xml"), "the main feed alone by default");
    SitePaths all = new SitePaths(ShowConfigReader.read("baseURL = \"https://p.example\"\n"
        + "title = \"P\"\n", "config.toml", java.util.Optional.of("[notify]\ncategories ="
        + " [\"*\"]\n"), "podcast.toml").config().orElseThrow());
    assertTrue(all.announced("/categories/go/feed.xml"));
    assertFalse(all.announced("/categories/go/x/feed.xml"));
    assertFalse(all.announced("/categories//feed.xml"));
  }

  @Test
  void termsThatWouldMakeAPathOfTheirOwnOrNoneGetASafeOne() {
    assertEquals("/categories/--/", paths.categoryPath(".."));
    assertEquals("/hosts/-/", paths.hostPath("."));
    assertEquals("/hosts/-/", paths.hostPath("!!!"));
    assertEquals("/categories/index-html/", paths.categoryPath("index.html"));
    String longName = "a".repeat(300);
    String slug = paths.hostPath(longName);
    assertTrue(slug.length() <= "/hosts/".length() + SitePaths.MAX_TERM_SLUG + 1, slug);
    assertTrue(slug.matches("/hosts/a+-[0-9a-f]{8}/"), slug);
    assertFalse(paths.hostPath(longName + "b").equals(slug), "two long names, two pages");
  }

  @Test
  void anEpisodeCannotTakeThePathsTheSiteMakes() {
    for (String page : java.util.List.of("/archive/", "/page/2/", "/feed/archive/", "/css/x/",
        "/categories/iot/", "/hosts/x/", "/feed.xml/", "/sitemap.xml/", "/404.html/",
        "/index.html/", "/robots.txt/", "/feed.json/")) {
      assertTrue(paths.reserved(page).isPresent(), page);
    }
    for (String page : java.util.List.of("/post/x/", "/episode-1/", "/archives/", "/pages/")) {
      assertFalse(paths.reserved(page).isPresent(), page);
    }
  }
}
