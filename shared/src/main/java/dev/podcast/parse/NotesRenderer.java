package dev.podcast.parse;

import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.data.MutableDataSet;
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
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(
        TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create()));
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
}
