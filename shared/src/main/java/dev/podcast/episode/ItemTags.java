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
 * @param alternates other files of the episode (another bitrate, a video), as
 *     {@code podcast:alternateEnclosure}s
 * @param chapters the episode's chapters, in order: its {@code chapters.json} (JSON Chapters
 *     1.2) beside the page, and {@code podcast:chapters}
 */
public record ItemTags(String seasonName, String licenseName, String licenseUrl,
    List<Soundbite> soundbites, List<Alternate> alternates, List<Chapter> chapters) {

  /** No tag. */
  public static final ItemTags NONE = new ItemTags("", "", "", List.of(), List.of(), List.of());

  /** Tags without chapters. */
  public ItemTags(String seasonName, String licenseName, String licenseUrl,
      List<Soundbite> soundbites, List<Alternate> alternates) {
    this(seasonName, licenseName, licenseUrl, soundbites, alternates, List.of());
  }

  /** Tags without alternate enclosures. */
  public ItemTags(String seasonName, String licenseName, String licenseUrl,
      List<Soundbite> soundbites) {
    this(seasonName, licenseName, licenseUrl, soundbites, List.of());
  }

  public ItemTags {
    Objects.requireNonNull(seasonName, "seasonName");
    Objects.requireNonNull(licenseName, "licenseName");
    Objects.requireNonNull(licenseUrl, "licenseUrl");
    soundbites = List.copyOf(soundbites);
    alternates = List.copyOf(alternates);
    chapters = List.copyOf(chapters);
  }

  /** These tags with {@code newChapters} instead of their chapters. */
  public ItemTags withChapters(List<Chapter> newChapters) {
    return new ItemTags(seasonName, licenseName, licenseUrl, soundbites, alternates,
        newChapters);
  }

  /**
   * A chapter of JSON Chapters 1.2: where it starts, in seconds, its title, and optionally an
   * image and a web page (absolute http(s) URLs, or empty), whether apps list it in the table of
   * contents ({@code toc}; false for a silent one such as an ad marker), and where it ends
   * (seconds; negative for not given).
   */
  public record Chapter(double startTime, String title, String img, String url, boolean toc,
      double endTime) {

    /** A chapter with a start and a title only. */
    public Chapter(double startTime, String title) {
      this(startTime, title, "", "", true, -1);
    }

    public Chapter {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(img, "img");
      Objects.requireNonNull(url, "url");
    }
  }

  /**
   * A {@code podcast:alternateEnclosure} with one {@code podcast:source}: the file's URL, MIME
   * type, size in bytes (0: unknown), bitrate in bits per second (0: unknown), a title such as
   * "Video", and whether apps should take it by default.
   */
  public record Alternate(String url, String type, long length, double bitrate, String title,
      boolean preferred) {
    public Alternate {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(title, "title");
    }
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
