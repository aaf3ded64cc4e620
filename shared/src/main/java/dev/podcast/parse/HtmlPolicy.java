package dev.podcast.parse;

import dev.podcast.show.ShowConfig;
import java.util.List;
import java.util.Objects;

/**
 * What author HTML in show notes may keep.
 *
 * @param unsafe Hugo's {@code markup.goldmark.renderer.unsafe}: keep raw HTML as written, in files
 *     that do not say {@code cms = true} (a CMS never gets it); otherwise cleaned to an allow-list
 * @param embedHosts the hosts whose {@code https} {@code iframe}s stay
 */
public record HtmlPolicy(boolean unsafe, List<String> embedHosts) {

  public HtmlPolicy {
    embedHosts = List.copyOf(Objects.requireNonNull(embedHosts, "embedHosts"));
  }

  /** Cleaned to the allow-list, with YouTube and Vimeo players. */
  public static HtmlPolicy defaults() {
    return new HtmlPolicy(false, ShowConfig.DEFAULT_EMBED_HOSTS);
  }
}
