package dev.podcast.feed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The feed check's detector of active HTML (elements and attributes, not prose) in item descriptions. */
class ActiveHtmlTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "<script>alert(1)</script>",
      "<p>x</p><SCRIPT src=x>",
      "<a href=\" &#106;ava&#x09;script:alert(1)\">x</a>",
      "<iframe src=\"data:text/html,x\"></iframe>",
      "<iframe src=\"https://example.com\"></iframe>",
      "<img src=x onerror=alert(1)>",
      "<a href=\"/x\" onClick = \"go()\">x</a>",
      "<a\nonmouseover=\"x\">y</a>",
      "<a href=\"JavaScript:alert(1)\">x</a>",
      "<p>fine</p><style>p{}</style>",
      "<embed src=x>",
      "<object data=x></object>"})
  void findsActiveContent(String html) {
    assertTrue(FeedCheck.hasActiveHtml(html), html);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<p>We talk on the show about on = off and one=two</p>",
      "<p>Read on: the description ends</p>",
      "<a href=\"https://example.com/online\">online = yes</a> on =",
      "<p>scripts and styles, iframes, objects</p>",
      "<b>Bold</b> once = twice",
      "<scripture>not a script tag</scripture>",
      "<p>Never type javascript: into the address bar; onerror= is an attribute</p>",
      "<img src=\"https://example.com/a.png\" alt=\"a picture onerror=alert(1)\">",
      "<p>x</p>< script>: text, not a tag</p>",
      "<a href=\"https://example.com/?q=javascript:x\">a search</a>",
      ""})
  void acceptsInactiveContent(String html) {
    assertFalse(FeedCheck.hasActiveHtml(html), html);
  }
}
