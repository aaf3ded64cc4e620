package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Author HTML in show notes, cleaned to the allow-list for pages (issue 11). */
class AuthorHtmlTest {

  private final AuthorHtml html = new AuthorHtml(HtmlPolicy.defaults().embedHosts());

  @ParameterizedTest
  @ValueSource(strings = {
      "<p>x</p><script>alert(1)</script>",
      "<p>x</p><SCRIPT SRC=//evil.example/x.js></SCRIPT>",
      "<img src=x onerror=alert(1)>",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<a href=\" &#106;avascript:alert(1)\">x</a>",
      "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
      "<iframe src=\"https://evil.example/\"></iframe>",
      "<iframe src=\"http://www.youtube.com/embed/x\"></iframe>",
      "<iframe srcdoc=\"<script>alert(1)</script>\" src=\"https://www.youtube.com/embed/x\">"
          + "</iframe>",
      "<object data=x></object><embed src=x>",
      "<style>body{display:none}</style><p>x</p>",
      "<form action=https://evil.example/><input name=p></form>",
      "<svg><script>alert(1)</script></svg>",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
      "<p style=\"background:url(javascript:alert(1))\">x</p>",
      "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%\">x</div>",
      "<a href=\"https://example.com\" onmouseover=\"x()\">x</a>",
      "<base href=\"https://evil.example/\"><meta http-equiv=refresh content=0>"})
  void nothingThatRunsOrTakesOverThePageIsKept(String dirty) {
    AuthorHtml.Cleaned cleaned = html.clean(dirty);
    Element body = Jsoup.parseBodyFragment(cleaned.html()).body();
    for (Element e : body.getAllElements()) {
      assertFalse(List.of("script", "style", "object", "embed", "form", "input", "svg", "math",
          "base", "meta").contains(e.normalName()), cleaned.html());
      e.attributes().forEach(a -> {
        assertFalse(a.getKey().startsWith("on"), cleaned.html());
        assertFalse(a.getKey().equals("srcdoc"), cleaned.html());
        assertFalse(a.getValue().replaceAll("\\s", "").toLowerCase().startsWith("javascript:"),
            cleaned.html());
        assertFalse(a.getValue().toLowerCase().contains("url("), cleaned.html());
        assertFalse(a.getValue().toLowerCase().contains("position"), cleaned.html());
      });
      if (e.normalName().equals("iframe")) {
        assertTrue(e.attr("src").startsWith("https://www.youtube.com/"), cleaned.html());
      }
    }
  }

  @Test
  void whatWasTakenOutIsNamedForTheAuthor() {
    AuthorHtml.Cleaned cleaned = html.clean("<p onclick=\"x()\">a</p><script>x</script>"
        + "<iframe src=\"https://evil.example/p\"></iframe><a href=\"javascript:x\">b</a>");
    assertEquals(List.of("on" + "click on <p>", "<script>", "<iframe> from evil.example",
        "the href 'javascript:x' of <a>"), cleaned.removed());
    assertEquals("<p>a</p><a>b</a>", cleaned.html());
  }

  @Test
  void whatTheCorpusWritesIsKept() {
    // Real notes: a centred picture, a YouTube player, a table, relative links, heading ids.
    String notes = "<h5 id=\"whats-new\">What's new</h5>\n"
        + "<div style=\"text-align: center\"><img src=\"/images/post/jupyter.png\""
        + " style=\"margin: auto; max-width: 40%;\"></div>\n"
        + "<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/Lr0_ieJPkj4\""
        + " frameborder=\"0\" allowfullscreen></iframe>\n"
        + "<table><tr><td align=\"left\">1B</td></tr></table>\n"
        + "<p><a href=\"/post/episode-1/\">one</a>, <a href=\"#whats-new\">new</a>,"
        + " <a href=\"mailto:a@example.com\">mail</a>, <code class=\"language-go\">x</code></p>\n"
        + "<figure><img src=\"images/a.png\" alt=\"a\" width=\"640\"><figcaption>A</figcaption>"
        + "</figure>";
    AuthorHtml.Cleaned cleaned = html.clean(notes);
    assertEquals(notes, cleaned.html(), "inside the allow-list: kept as written");
    assertEquals(List.of(), cleaned.removed());
  }

  @Test
  void cleanNotesAreReturnedByteForByte() {
    String notes = "<p>Hello &amp; <em>welcome</em><br />\n<a href=\"https://example.com/?a=1&amp;b=2\">"
        + "x</a> &quot;quoted&quot;</p>\n<ul>\n<li>one</li>\n</ul>";
    assertEquals(notes, html.clean(notes).html());
  }

  @Test
  void aStyleKeepsOnlyLayoutWithoutFunctions() {
    assertEquals("text-align: center", AuthorHtml.style("text-align: center"));
    assertEquals("margin: auto; max-width: 40%;", AuthorHtml.style("margin: auto; max-width: 40%;"));
    assertEquals("width: 30%;", AuthorHtml.style("width: 30%; position: absolute"));
    assertEquals("", AuthorHtml.style("background-image: url(x)"));
    assertEquals("", AuthorHtml.style("color: expression(alert(1))"));
    assertEquals("", AuthorHtml.style("color: re\\64"));
  }

  @Test
  void theParserCleansUnlessTheSiteOptsInAndNeverForACms() {
    String file = "+++\ntitle = \"T\"\ndate = 2020-01-01\naudioFile = \"a.mp3\"\n%s+++\n"
        + "Notes <script>window.x = 1</script><b onclick=\"y()\">bold</b>\n";
    ParserSettings cleaning = ParserSettings.defaults();
    ParserSettings unsafe = cleaning.withHtml(new HtmlPolicy(true, List.of()));

    ParseResult cleaned = parse(cleaning, file.formatted(""));
    assertFalse(cleaned.episode().orElseThrow().notesHtml().contains("<script"));
    assertFalse(cleaned.episode().orElseThrow().notesHtml().contains("onclick"));
    Problem warning = cleaned.problems().stream()
        .filter(p -> p.format().contains("[html-removed]")).findFirst().orElseThrow();
    assertEquals(6, warning.line(), warning.format());
    assertTrue(warning.message().contains("<script>") && warning.message().contains("onclick"));

    ParseResult raw = parse(unsafe, file.formatted(""));
    assertTrue(raw.episode().orElseThrow().notesHtml().contains("<script>window.x = 1</script>"));
    assertTrue(raw.problems().stream().noneMatch(p -> p.format().contains("[html-removed]")));

    ParseResult cms = parse(unsafe, file.formatted("cms = true\n"));
    assertFalse(cms.episode().orElseThrow().notesHtml().contains("<script"));
    assertFalse(cms.episode().orElseThrow().summaryHtml().contains("onclick"));
  }

  private static ParseResult parse(ParserSettings settings, String text) {
    return new EpisodeParser(settings).parse("content/post/t/index.md",
        text.getBytes(StandardCharsets.UTF_8));
  }
}
