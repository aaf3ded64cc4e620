package dev.podcast.site;

import dev.podcast.show.ShowConfig;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Renders {@code /sitemap.xml}: every HTML page of the site. Immutable and thread-safe. */
public final class SitemapRenderer {

  // The JDK's own StAX, not whichever one the classpath offers (google-cloud-storage brings
  // Woodstox, which writes the XML declaration and empty elements differently).
  private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();

  private final ShowConfig show;

  public SitemapRenderer(ShowConfig show) {
    this.show = show;
  }

  /** The sitemap of {@code pages}, the site folders of the HTML pages ({@code /post/x/}). */
  public OutputFile render(List<String> pages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("urlset");
      w.writeDefaultNamespace("http://www.sitemaps.org/schemas/sitemap/0.9");
      for (String page : pages) {
        w.writeCharacters("\n");
        w.writeStartElement("url");
        w.writeStartElement("loc");
        w.writeCharacters(show.absolute(page));
        w.writeEndElement();
        w.writeEndElement();
      }
      w.writeCharacters("\n");
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return new OutputFile(SitePaths.SITEMAP, out.toByteArray(), "listing");
  }
}
