package dev.podcast.site;

import dev.podcast.show.ShowConfig;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders the sitemap's files ({@link Sitemaps}): the index {@code /sitemap.xml} and the files
 * that list the HTML pages. Immutable and thread-safe.
 */
public final class SitemapRenderer {

  // The JDK's own StAX, not whichever one the classpath offers (google-cloud-storage brings
  // Woodstox, which writes the XML declaration and empty elements differently).
  private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();

  private final ShowConfig show;

  public SitemapRenderer(ShowConfig show) {
    this.show = show;
  }

  /**
   * Sitemap file {@code path} listing {@code entries}: for the index, the paths of the other
   * files; for the others, the site folders of their pages ({@code /post/x/}).
   */
  public OutputFile render(String path, List<String> entries) {
    boolean index = path.equals(SitePaths.SITEMAP);
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024 + entries.size() * 96);
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement(index ? "sitemapindex" : "urlset");
      w.writeDefaultNamespace("http://www.sitemaps.org/schemas/sitemap/0.9");
      for (String entry : entries) {
        w.writeCharacters("\n");
        w.writeStartElement(index ? "sitemap" : "url");
        w.writeStartElement("loc");
        w.writeCharacters(show.absolute(entry));
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
    return new OutputFile(path, out.toByteArray(), "listing");
  }
}
