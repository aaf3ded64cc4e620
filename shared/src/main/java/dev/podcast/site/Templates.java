package dev.podcast.site;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The page templates (Mustache): the built-in theme, each file of which a podcaster can override
 * by placing a file of the same name in the source's {@code layouts/} folder, as Hugo themes
 * allow, without rebuilding the code. {@code {{x}}} escapes HTML; only {@code {{{x}}}} (used for
 * the author's Markdown HTML and JSON-LD) does not.
 *
 * <p>Templates are compiled once and cached; thread-safe.
 */
public final class Templates {

  private static final String THEME = "dev/podcast/site/theme/";

  private final DefaultMustacheFactory factory;
  private final ConcurrentMap<String, Mustache> compiled = new ConcurrentHashMap<>();
  private final Function<String, Optional<byte[]>> layouts;

  /** @param layouts the podcaster's {@code layouts/} folder, if the source has one */
  public Templates(Optional<Path> layouts) {
    this(name -> layouts.map(folder -> folder.resolve(name)).filter(Files::isRegularFile)
        .map(Templates::read));
  }

  /**
   * @param layouts the podcaster's {@code layouts/} files by name ({@code episode.mustache},
   *     {@code site.css}), as the source bucket holds them
   */
  public Templates(Map<String, byte[]> layouts) {
    this(name -> Optional.ofNullable(layouts.get(name)).map(byte[]::clone));
  }

  private Templates(Function<String, Optional<byte[]>> layouts) {
    this.layouts = layouts;
    this.factory = new DefaultMustacheFactory(new Resolver(layouts));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders template {@code name} (without {@code .mustache}) with {@code scope}. */
  public String render(String name, Object scope) {
    Mustache mustache = compiled.computeIfAbsent(name, n -> factory.compile(n + ".mustache"));
    StringWriter out = new StringWriter(16 * 1024);
    mustache.execute(out, scope);
    return out.toString();
  }

  /** A theme file that is not a template (the stylesheet), overridable the same way. */
  public byte[] asset(String name) {
    try {
      Optional<byte[]> own = layouts.apply(name);
      if (own.isPresent()) {
        return own.get();
      }
      try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(THEME + name)) {
        if (in == null) {
          throw new IllegalArgumentException("no theme asset " + name);
        }
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Looks in {@code layouts/} first, then in the built-in theme; never outside either. */
  private static final class Resolver implements MustacheResolver {
    private final Function<String, Optional<byte[]>> layouts;

    Resolver(Function<String, Optional<byte[]>> layouts) {
      this.layouts = layouts;
    }

    @Override
    public Reader getReader(String resourceName) {
      String name = resourceName.endsWith(".mustache") ? resourceName : resourceName + ".mustache";
      if (name.contains("..") || name.contains("/") || name.contains("\\")) {
        return null;
      }
      Optional<byte[]> own = layouts.apply(name);
      if (own.isPresent()) {
        return new InputStreamReader(new java.io.ByteArrayInputStream(own.get()),
            StandardCharsets.UTF_8);
      }
      InputStream in = Templates.class.getClassLoader().getResourceAsStream(THEME + name);
      return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
    }
  }
}
