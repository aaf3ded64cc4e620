package dev.podcast.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.problem.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading old feeds: what a move keeps, and hostile or broken feeds refused with the line. */
class OldFeedReaderTest {

  private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">\n";

  private static OldFeed read(String xml) throws OldFeedReader.Rejected {
    return OldFeedReader.read("old.xml", xml.getBytes(StandardCharsets.UTF_8));
  }

  private static OldFeedReader.Rejected refused(byte[] bytes) {
    OldFeedReader.Rejected e = assertThrows(OldFeedReader.Rejected.class,
        () -> OldFeedReader.read("old.xml", bytes));
    assertEquals(ProblemCode.FEED_INVALID, e.problem().code());
    assertEquals("old.xml", e.problem().file());
    return e;
  }

  private static OldFeedReader.Rejected refused(String xml) {
    return refused(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheChannelAndEachItemWithItsLine() throws Exception {
    OldFeed feed = read(HEAD + "<channel><title>Show</title><link>https://old.example/</link>\n"
        + "<itunes:owner><itunes:name>Ann</itunes:name><itunes:email>a@x.io</itunes:email>"
        + "</itunes:owner>\n"
        + "<item>\n<title><![CDATA[One & <b>two</b>]]></title>\n"
        + "<guid isPermaLink=\"false\">abc-1</guid>\n"
        + "<pubDate>Tue, 2 Jan 2024 08:00:00 GMT</pubDate>\n"
        + "<link>/ep/1</link>\n"
        + "<enclosure url=\"//cdn.example/1.mp3\" length=\"x\" type=\"audio/mpeg\"/>\n"
        + "</item>\n<item><title>No guid</title>"
        + "<enclosure url=\"https://cdn.example/2.mp3\" length=\"12\" type=\"audio/mpeg\"/>"
        + "<pubDate>Mon, 01 Jan 24 08:00:00 +0100</pubDate></item>\n"
        + "</channel></rss>\n");
    assertEquals("Show", feed.channel().title());
    assertEquals("a@x.io", feed.channel().ownerEmail().text());
    assertEquals(2, feed.items().size());
    OldFeed.Item one = feed.items().get(0);
    assertEquals(5, one.line());
    assertEquals("abc-1", one.identity());
    assertEquals("One & <b>two</b>", one.title());
    assertEquals("https://old.example/ep/1", one.link(), "relative to the channel's link");
    assertEquals("https://cdn.example/1.mp3", one.enclosureUrl(), "protocol-relative");
    assertEquals(0, one.enclosureLength(), "an unreadable length is unknown");
    assertEquals(Optional.of(Instant.parse("2024-01-02T08:00:00Z")), one.date());
    OldFeed.Item two = feed.items().get(1);
    assertEquals("https://cdn.example/2.mp3", two.identity(), "no guid: apps use the URL");
    assertEquals(Optional.of(Instant.parse("2024-01-01T07:00:00Z")), two.date());
  }

  @Test
  void externalEntitiesAreNeverRead(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    OldFeedReader.Rejected e = refused("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
        + "<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<rss><channel><title>&x;</title></channel></rss>");
    assertTrue(!e.getMessage().contains("TOP-SECRET"), e.getMessage());
    assertTrue(e.getMessage().contains("DOCTYPE") || e.getMessage().contains("entity"),
        e.getMessage());
  }

  @Test
  void entityExpansionIsRefused() {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
        + "<!ENTITY a \"aaaaaaaaaa\">\n");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY a").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        dtd.append(i == 1 ? "&a;" : "&a" + (i - 1) + ";");
      }
      dtd.append("\">\n");
    }
    dtd.append("]>\n<rss><channel><title>&a9;</title></channel></rss>");
    long start = System.nanoTime();
    refused(dtd.toString());
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused without expanding");
  }

  @Test
  void aWebPageIsNotAFeed() {
    OldFeedReader.Rejected e = refused("<!DOCTYPE html>\n<html><body>Moved</body></html>");
    assertEquals(1, e.problem().line());
  }

  @Test
  void theDeclaredEncodingIsReadAndBadBytesAreRefusedWithTheirLine() throws Exception {
    byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel>"
        + "<title>Caf\u00e9</title></channel></rss>").getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("Caf\u00e9", OldFeedReader.read("old.xml", latin1).channel().title());
    byte[] undeclared = ("<rss>\n<channel>\n<title>Caf\u00e9</title></channel></rss>")
        .getBytes(StandardCharsets.ISO_8859_1);
    OldFeedReader.Rejected e = refused(undeclared);
    assertEquals(3, e.problem().line());
  }

  @Test
  void sizeDepthAndItemCountAreBounded() {
    refused(new byte[OldFeedReader.MAX_BYTES + 1]);
    StringBuilder deep = new StringBuilder("<rss><channel>");
    deep.append("<x>".repeat(OldFeedReader.MAX_DEPTH)).append("</x>".repeat(
        OldFeedReader.MAX_DEPTH));
    assertTrue(refused(deep + "</channel></rss>").getMessage().contains("nested more than"));
    String many = "<rss><channel>" + "<item><title>t</title></item>\n".repeat(
        OldFeedReader.MAX_ITEMS + 1) + "</channel></rss>";
    assertTrue(refused(many).getMessage().contains("more than " + OldFeedReader.MAX_ITEMS));
  }

  @Test
  void aTruncatedFeedIsRefused() {
    OldFeedReader.Rejected e = refused(HEAD + "<channel><title>Show</title>\n<item>");
    assertTrue(e.problem().line() >= 3, e.getMessage());
  }
}
