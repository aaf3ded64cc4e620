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

  /**
   * How many times flexmark may read each character of the notes, plus a constant: the corpus
   * needs at most 22 per character; inputs that make the parser go back over a paragraph for each
   * bracket or "www." (quadratic) need thousands.
   */
  static final int READS_PER_CHAR = 64;
  static final long READS_CONSTANT = 4_000_000;
  /**
   * The shape the notes may have, each far beyond the corpus's (2,353 characters on a line, 70
   * lines without a blank one, one list or quote marker at a line's start): the longest line, the
   * most lines a paragraph may run without a blank line or a list or quote marker (for each line
   * flexmark looks back over the paragraph: its cost grows with the square of its lines), and
   * the most quote or list markers that open a line (each one a level of nesting). A line's
   * bound is also what keeps flexmark's unescaping of a line of backslashes (quadratic in the
   * line) short: 20,000 take about 0.1 s, 144,000 took 4 s.
   */
  static final int MAX_LINE_CHARS = 20_000;
  static final int MAX_BLOCK_LINES = 500;
  static final int MAX_LINE_NESTING = 50;

  /** The notes need more work than their size allows; {@code offset} is where it ran out. */
  static final class TooComplex extends RuntimeException {
    final int offset;

    TooComplex(int offset, String message) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }

  /** Renders {@code markdown} to an HTML fragment, within a budget linear in its length. */
  String render(String markdown) {
    checkShape(markdown);
    Document document = parser.parse(BasedSequence.of(new Budgeted(markdown)));
    return renderer.render(document);
  }

  /** Throws {@link TooComplex} at the first line past one of the shape's limits. */
  private static void checkShape(String markdown) {
    int run = 0;
    int start = 0;
    int n = markdown.length();
    while (start < n) {
      int end = markdown.indexOf('\n', start);
      end = end < 0 ? n : end;
      if (end - start > MAX_LINE_CHARS) {
        throw new TooComplex(start, String.format(java.util.Locale.ROOT, "a line is %,d"
            + " characters long; at most %,d are read", end - start, MAX_LINE_CHARS));
      }
      int nesting = nesting(markdown, start, end);
      run = nesting > 0 || markdown.substring(start, end).isBlank() ? 0 : run + 1;
      if (run > MAX_BLOCK_LINES) {
        throw new TooComplex(start, String.format(java.util.Locale.ROOT, "a paragraph runs over"
            + " more than %,d lines: break it with blank lines", MAX_BLOCK_LINES));
      }
      if (nesting > MAX_LINE_NESTING) {
        throw new TooComplex(start, String.format(java.util.Locale.ROOT, "a line opens more than"
            + " %d quotes or lists inside each other", MAX_LINE_NESTING));
      }
      start = end + 1;
    }
  }

  /** How many quote ({@code >}) and list ({@code -}, {@code 1.}) markers open the line. */
  private static int nesting(String s, int from, int to) {
    int depth = 0;
    int i = from;
    while (i < to) {
      while (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      if (i >= to) {
        break;
      }
      char c = s.charAt(i);
      if (c == '>') {
        i++;
      } else if ((c == '-' || c == '*' || c == '+') && i + 1 < to
          && (s.charAt(i + 1) == ' ' || s.charAt(i + 1) == '\t')) {
        i += 2;
      } else if (Character.isDigit(c)) {
        int j = i;
        while (j < to && j - i < 10 && Character.isDigit(s.charAt(j))) {
          j++;
        }
        if (j + 1 < to && (s.charAt(j) == '.' || s.charAt(j) == ')')
            && (s.charAt(j + 1) == ' ' || s.charAt(j + 1) == '\t')) {
          i = j + 2;
        } else {
          break;
        }
      } else {
        break;
      }
      if (++depth > MAX_LINE_NESTING) {
        break;
      }
    }
    return depth;
  }

  /**
   * The notes as flexmark reads them, counting its reads: past the budget the parse stops with
   * {@link TooComplex}. The count, not a clock, decides, so a file is accepted or refused the same
   * way on every machine and under any load.
   */
  private static final class Budgeted implements CharSequence {
    private final String text;
    private final long budget;
    private long reads;

    Budgeted(String text) {
      this.text = text;
      this.budget = READS_CONSTANT + (long) READS_PER_CHAR * text.length();
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if (++reads > budget) {
        throw new TooComplex(index, String.format(java.util.Locale.ROOT, "reading them takes more"
            + " than %,d steps for %,d characters: a construct such as '[a](b', '![[]()' or"
            + " 'www.' is repeated thousands of times in one paragraph", budget, text.length()));
      }
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
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
