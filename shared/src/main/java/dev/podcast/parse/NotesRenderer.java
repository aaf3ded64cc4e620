package dev.podcast.parse;

import com.vladsch.flexmark.ast.HtmlEntity;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.autolink.internal.AutolinkNodePostProcessor;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.NodePostProcessor;
import com.vladsch.flexmark.parser.block.NodePostProcessorFactory;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.NodeTracker;
import com.vladsch.flexmark.util.ast.TypographicText;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.List;

/**
 * Renders show notes from Markdown to HTML with flexmark: CommonMark plus GFM tables,
 * strikethrough and autolinks; raw HTML kept as the author wrote it; heading ids made the way
 * Hugo's default (GitHub-style) generator makes them, so old {@code #anchors} keep working.
 *
 * <p>Built once; immutable and thread-safe (flexmark's parser and renderer are).
 */
final class NotesRenderer {

  private final Parser parser;
  private final HtmlRenderer renderer;

  NotesRenderer() {
    this(true);
  }

  /**
   * @param quickAutolinks false for flexmark's own {@link AutolinkExtension}: the reference that
   *     tests compare {@link QuickAutolinks} with
   */
  NotesRenderer(boolean quickAutolinks) {
    MutableDataSet options = new MutableDataSet();
    // Autolinks as AutolinkExtension makes them, but only text that can hold one is examined:
    // the extension's own check costs more than the rest of the parse of a show note.
    options.set(Parser.EXTENSIONS, List.of(
        TablesExtension.create(), StrikethroughExtension.create(),
        quickAutolinks ? new QuickAutolinks() : AutolinkExtension.create()));
    // GitHub-flavoured tables: header row required, no column spans, no captions.
    options.set(TablesExtension.COLUMN_SPANS, false);
    options.set(TablesExtension.APPEND_MISSING_COLUMNS, true);
    options.set(TablesExtension.DISCARD_EXTRA_COLUMNS, true);
    options.set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, true);
    options.set(TablesExtension.WITH_CAPTION, false);
    // Heading ids as Hugo makes them: lower case, spaces to '-', punctuation dropped, dupes -1.
    options.set(HtmlRenderer.GENERATE_HEADER_ID, true);
    options.set(HtmlRenderer.RENDER_HEADER_ID, true);
    options.set(HtmlRenderer.HEADER_ID_GENERATOR_RESOLVE_DUPES, true);
    options.set(HtmlRenderer.HEADER_ID_GENERATOR_TO_DASH_CHARS, " ");
    options.set(HtmlRenderer.HEADER_ID_GENERATOR_NON_DASH_CHARS, "_-");
    options.set(HtmlRenderer.HEADER_ID_GENERATOR_NO_DUPED_DASHES, false);
    options.set(HtmlRenderer.HEADER_ID_GENERATOR_NON_ASCII_TO_LOWERCASE, true);
    options.set(HtmlRenderer.SOFT_BREAK, "\n");
    // Nothing here is needed to render, and each costs time on every file.
    options.set(Parser.BLANK_LINES_IN_AST, false);
    options.set(HtmlRenderer.SOURCE_POSITION_ATTRIBUTE, "");
    this.parser = Parser.builder(options).build();
    this.renderer = HtmlRenderer.builder(options).build();
  }

  /** Renders {@code markdown} to an HTML fragment. */
  String render(String markdown) {
    Document document = parser.parse(markdown);
    return renderer.render(document);
  }

  /**
   * {@link AutolinkExtension}, with its post-processor run only on text that can hold a link. It
   * turns into links, in each {@link Text} node's text with backslash escapes and entities
   * resolved, what {@code org.nibor.autolink} finds (a URL needs "://", an e-mail address '@', a
   * www link "www.") and anything matching "scheme://"; when it finds nothing it leaves the node
   * alone. So a node whose text has none of "://", '@', "www." (in any case), '\\' and '&' is
   * skipped, unless the next node is one that the post-processor joins to it (typographic text or
   * an entity). The output is the same; most text nodes are prose and are no longer examined.
   */
  private static final class QuickAutolinks implements Parser.ParserExtension {

    @Override
    public void parserOptions(MutableDataHolder options) {}

    @Override
    public void extend(Parser.Builder builder) {
      builder.postProcessorFactory(new NodePostProcessorFactory(false) {
        {
          addNodes(Text.class);
        }

        @Override
        public NodePostProcessor apply(Document document) {
          AutolinkNodePostProcessor autolinks = new AutolinkNodePostProcessor(document);
          return new NodePostProcessor() {
            @Override
            public void process(NodeTracker state, Node node) {
              Node next = node.getNext();
              if (next instanceof TypographicText || next instanceof HtmlEntity
                  || mayHoldLink(node.getChars())) {
                autolinks.process(state, node);
              }
            }
          };
        }
      });
    }

    static boolean mayHoldLink(BasedSequence s) {
      int n = s.length();
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c == '@' || c == '\\' || c == '&') {
          return true;
        }
        if (c == ':' && i + 2 < n && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') {
          return true;
        }
        if ((c == 'w' || c == 'W') && i + 3 < n && (s.charAt(i + 1) | 0x20) == 'w'
            && (s.charAt(i + 2) | 0x20) == 'w' && s.charAt(i + 3) == '.') {
          return true;
        }
      }
      return false;
    }
  }
}
