package dev.podcast.episode;

import java.util.List;
import java.util.Objects;

/**
 * An episode's other Podcasting 2.0 tags, from its front matter: {@code podcast:season}'s name,
 * {@code podcast:license} and {@code podcast:soundbite}s. Empty values are not written.
 *
 * @param seasonName the name of the episode's season ({@code seasonName}), with its number
 * @param licenseName an SPDX identifier or a licence's name ({@code license})
 * @param licenseUrl the licence's URL ({@code licenseUrl}), or empty
 * @param soundbites the clips apps may play as a preview, in the order written
 */
public record ItemTags(String seasonName, String licenseName, String licenseUrl,
    List<Soundbite> soundbites) {

  /** No tag. */
  public static final ItemTags NONE = new ItemTags("", "", "", List.of());

  public ItemTags {
    Objects.requireNonNull(seasonName, "seasonName");
    Objects.requireNonNull(licenseName, "licenseName");
    Objects.requireNonNull(licenseUrl, "licenseUrl");
    soundbites = List.copyOf(soundbites);
  }

  /**
   * A {@code podcast:soundbite}: {@code duration} seconds from {@code startTime} seconds, with an
   * optional title.
   */
  public record Soundbite(double startTime, double duration, String title) {
    public Soundbite {
      Objects.requireNonNull(title, "title");
    }
  }
}
