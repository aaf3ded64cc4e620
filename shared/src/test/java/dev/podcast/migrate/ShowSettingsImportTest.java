package dev.podcast.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.show.ShowConfig;
import dev.podcast.show.ShowConfigReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an old feed's channel carries into podcast.toml, and what it may not. */
class ShowSettingsImportTest {

  private static final String CONFIG = "baseURL = \"https://show.example\"\ntitle = \"Show\"\n";

  private static OldFeed.Channel channel(String extra) throws Exception {
    String xml = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\""
        + " xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
        + " xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"><channel>\n"
        + "<title>Show</title>\n<link>https://old.example/</link>\n" + extra
        + "</channel></rss>\n";
    return OldFeedReader.read("old.xml", xml.getBytes(StandardCharsets.UTF_8)).channel();
  }

  private static ShowConfig read(String podcastToml) {
    ShowConfigReader.Result r = ShowConfigReader.read(CONFIG, "config.toml",
        Optional.of(podcastToml), "podcast.toml");
    assertTrue(r.problems().isEmpty(), r.problems().toString());
    return r.config().orElseThrow();
  }

  private static ShowSettingsImport.Change change(ShowSettingsImport.Outcome o, String key) {
    return o.changes().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow(
        () -> new AssertionError(key + " not reported: " + o.changes()));
  }

  @Test
  void aShowWithoutPodcastTomlGetsEveryValueTheChannelHas() throws Exception {
    OldFeed.Channel channel = channel("<language>de-DE</language>\n"
        + "<copyright>2020 Someone</copyright>\n"
        + "<itunes:author>The Author</itunes:author>\n"
        + "<itunes:owner><itunes:name>Owner</itunes:name>\n"
        + "<itunes:email>owner@show.example</itunes:email></itunes:owner>\n"
        + "<itunes:category text=\"Games &amp; Hobbies\"><itunes:category"
        + " text=\"Video Games\"/></itunes:category>\n"
        + "<itunes:explicit>yes</itunes:explicit>\n<itunes:type>Serial</itunes:type>\n"
        + "<itunes:image href=\"//cdn.example/art.jpg\"/>\n"
        + "<podcast:guid>9b024349-ccf0-5f69-a609-6b82873eab3c</podcast:guid>\n"
        + "<podcast:locked owner=\"owner@show.example\">yes</podcast:locked>\n"
        + "<podcast:funding url=\"https://pay.example/\">Tip</podcast:funding>\n"
        + "<podcast:person role=\"Host\" href=\"https://a.example/\">Ann</podcast:person>\n");
    ShowSettingsImport.Outcome o = ShowSettingsImport.merge(channel, CONFIG, Optional.empty());
    assertTrue(o.written());
    ShowConfig show = read(o.podcastToml());
    ShowConfig.Podcast p = show.podcast();
    assertEquals("The Author", p.author());
    assertEquals("Owner", p.ownerName());
    assertEquals("owner@show.example", p.ownerEmail());
    assertEquals("Leisure", p.category(), "the 2019 name of Games & Hobbies");
    assertEquals("Video Games", p.subcategory());
    assertTrue(p.explicit());
    assertEquals("serial", p.type());
    assertEquals("https://cdn.example/art.jpg", p.artwork());
    assertEquals("9b024349-ccf0-5f69-a609-6b82873eab3c", p.guid(), "kept, never re-derived");
    assertTrue(p.locked());
    assertEquals(List.of(new ShowConfig.Funding("https://pay.example/", "Tip")), p.funding());
    assertEquals("Ann", p.persons().get(0).name());
    assertEquals("host", p.persons().get(0).role());
    assertEquals("de-de", show.languageCode());
    assertEquals("2020 Someone", show.copyright());
    assertEquals(ShowSettingsImport.Kind.ADDED, change(o, "ownerEmail").kind());
    assertEquals(10, change(o, "category").line(), "the old feed's line");
  }

  @Test
  void theUsersValuesWinAndEveryDifferenceIsReported() throws Exception {
    String mine = "# my settings\nauthor = \"Me\"  # keep this comment\ncategory = \"News\"\n\n"
        + "[[persons]]\n  name = \"Bo\"\n";
    OldFeed.Channel channel = channel("<itunes:author>Them</itunes:author>\n"
        + "<itunes:category text=\"Technology\"><itunes:category text=\"Podcasting\"/>"
        + "</itunes:category>\n<itunes:owner><itunes:email>o@show.example</itunes:email>"
        + "</itunes:owner>\n<podcast:person>Ann</podcast:person>\n");
    ShowSettingsImport.Outcome o = ShowSettingsImport.merge(channel, CONFIG, Optional.of(mine));
    assertEquals(ShowSettingsImport.Kind.DIFFERS, change(o, "author").kind());
    assertEquals("Me", change(o, "author").existing());
    assertEquals("Technology", change(o, "category").value(), "Podcasting is gone since 2019");
    assertEquals(ShowSettingsImport.Kind.DIFFERS, change(o, "category").kind());
    assertEquals(ShowSettingsImport.Kind.DIFFERS, change(o, "persons").kind());
    assertTrue(o.podcastToml().startsWith("# my settings\nauthor = \"Me\"  # keep this comment\n"
        + "category = \"News\"\n"), o.podcastToml());
    assertTrue(o.podcastToml().endsWith("[[persons]]\n  name = \"Bo\"\n"), "tables untouched");
    ShowConfig show = read(o.podcastToml());
    assertEquals("Me", show.podcast().author());
    assertEquals("News", show.podcast().category());
    assertEquals("o@show.example", show.podcast().ownerEmail(), "what the user lacked is added");
  }

  @Test
  void valuesTheRulesRejectAreReportedWithTheirLineAndNotWritten() throws Exception {
    OldFeed.Channel channel = channel("<itunes:explicit>maybe</itunes:explicit>\n"
        + "<itunes:owner><itunes:email>not an address</itunes:email></itunes:owner>\n"
        + "<itunes:image href=\"http://cdn.example/art.jpg\"/>\n"
        + "<itunes:category text=\"Underwater Basket Weaving\"/>\n"
        + "<podcast:guid>not-a-uuid</podcast:guid>\n"
        + "<itunes:type>miniseries</itunes:type>\n");
    ShowSettingsImport.Outcome o = ShowSettingsImport.merge(channel, CONFIG, Optional.empty());
    for (String key : List.of("explicit", "ownerEmail", "artwork", "category", "guid", "type")) {
      assertEquals(ShowSettingsImport.Kind.REJECTED, change(o, key).kind(), key);
      assertFalse(change(o, key).why().isEmpty(), key);
      assertTrue(change(o, key).line() > 2, key);
    }
    assertEquals(7, change(o, "artwork").line());
    assertTrue(change(o, "artwork").why().contains("https"), change(o, "artwork").why());
    assertFalse(o.written(), "nothing acceptable to write");
  }

  @Test
  void nothingNewLeavesTheFileAsItWas() throws Exception {
    String mine = "author = \"Show\"\n";
    ShowSettingsImport.Outcome o = ShowSettingsImport.merge(
        channel("<itunes:author>Show</itunes:author>\n"), CONFIG, Optional.of(mine));
    assertFalse(o.written());
    assertEquals(mine, o.podcastToml());
    assertEquals(ShowSettingsImport.Kind.SAME, change(o, "author").kind());
  }
}
