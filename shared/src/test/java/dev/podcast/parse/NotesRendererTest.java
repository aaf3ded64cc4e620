package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.podcast.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The renderer's quicker autolink post-processor makes exactly the HTML that flexmark's
 * AutolinkExtension makes: on the corpus's show notes, on cases at the edge of its pre-check, and
 * on random Markdown built from link-like pieces.
 */
class NotesRendererTest {

  private static final NotesRenderer QUICK = new NotesRenderer();
  private static final NotesRenderer REFERENCE = new NotesRenderer(false);

  private static void assertSame(String markdown) {
    assertEquals(REFERENCE.render(markdown), QUICK.render(markdown), markdown);
  }

  @Test
  void corpusNotesRenderAsWithAutolinkExtension() throws IOException {
    Path root = TestCorpus.full().orElse(TestCorpus.bundled());
    for (Path file : TestCorpus.episodes(root)) {
      List<Problem> problems = new ArrayList<>();
      String text = SourceDecoder.decode(Files.readAllBytes(file), "f", problems).orElseThrow();
      FrontMatterReader.Split split = FrontMatterReader.read(text, "f", problems).orElseThrow();
      assertSame(BodySplitter.split(split.text(), split.bodyStart(), split.bodyLine(), "f",
          problems).notes());
    }
  }

  @Test
  void edgesOfThePreCheck() {
    for (String markdown : List.of(
        "see https://example.com/x?a=1 now", "ftp://host/file", "x://", "a://b", "mailto:a@b.co",
        "write to someone@example.com.", "@handle", "www.example.com and WWW.EXAMPLE.COM",
        "Www.example.com", "wWw.x.y", "www.", "http&#58;//example.com", "http&colon;//x.y",
        "https\\://example.com", "www\\.example.com", "a&#64;b.com", "&amp; www.x.io",
        "[link](https://x.y) and https://z.w", "`https://code.span`", "<https://angle.brackets>",
        "*https://em.x*", "**www.bold.io**", "~~http://strike.io~~", "| a | b |\n|---|---|\n"
            + "| https://in.table | c@d.ef |", "<div>https://in.html</div>",
        "http:/one/slash", "http:/\n/x", "text: more: colons", "no links at all.")) {
      assertSame(markdown);
    }
  }

  @Property(tries = 2000)
  void randomMarkdownRendersAsWithAutolinkExtension(@ForAll("markdown") String markdown) {
    assertSame(markdown);
  }

  @Provide
  Arbitrary<String> markdown() {
    return Arbitraries.of("http", "https", "://", ":", "/", "//", "www", "WWW", ".", "@", "&",
        "&#58;", "&amp;", "&#64;", "\\", "\\.", "a", "example", "com", " ", "\n", "\n\n", "*", "_",
        "`", "[", "](", ")", "<", ">", "~~", "|", "-", "#", "mailto", "x.y")
        .list().ofMaxSize(30).map(parts -> String.join("", parts));
  }
}
