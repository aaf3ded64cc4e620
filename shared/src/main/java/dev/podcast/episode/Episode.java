package dev.podcast.episode;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed episode: everything the pages and feeds need. Immutable.
 *
 * @param sourcePath the path of the source file relative to the site root, with forward slashes
 *     ({@code content/post/episode-1-x/index.md})
 * @param slug the page slug ({@code episode-1-x}), already normalised as Hugo did it
 * @param pagePath the page's path on the site, starting and ending with a slash
 *     ({@code /post/episode-1-x/})
 * @param title the title, plain text
 * @param description the front matter {@code description}, plain text, possibly empty
 * @param date the episode date
 * @param publishDate when it becomes public; equal to {@code date} when not set
 * @param expiryDate when it stops being public, if ever
 * @param draft the front matter {@code draft} flag
 * @param episodeNumber {@code episodeNumber}, if given
 * @param seasonNumber {@code season}, if given
 * @param episodeType {@code full}, {@code trailer} or {@code bonus}
 * @param hosts host names in order
 * @param categories category names in order
 * @param image the episode image: an absolute URL or a site path starting with a slash; empty when
 *     none
 * @param audio the enclosure
 * @param summaryHtml the summary as HTML
 * @param notesHtml the show notes as HTML (never the transcript)
 * @param transcript the transcript, {@link Transcript#NONE} when there is none
 * @param links front matter links by key ({@code redditLink} to its URL), in source order
 * @param guid the front matter {@code guid}: the item guid the episode had in the feed its
 *     subscribers read before the show moved here ({@code podcast import} writes it), which its
 *     item carries from its first publication; empty for the page's address
 * @param tags the episode's other Podcasting 2.0 tags (season name, licence, soundbites)
 */
public record Episode(
    String sourcePath,
    String slug,
    String pagePath,
    String title,
    String description,
    Instant date,
    Instant publishDate,
    Optional<Instant> expiryDate,
    boolean draft,
    OptionalInt episodeNumber,
    OptionalInt seasonNumber,
    String episodeType,
    List<String> hosts,
    List<String> categories,
    String image,
    Audio audio,
    String summaryHtml,
    String notesHtml,
    Transcript transcript,
    Map<String, String> links,
    String guid,
    ItemTags tags) {

  /** An episode whose item guid is its page's address (no {@code guid} in its front matter). */
  public Episode(String sourcePath, String slug, String pagePath, String title,
      String description, Instant date, Instant publishDate, Optional<Instant> expiryDate,
      boolean draft, OptionalInt episodeNumber, OptionalInt seasonNumber, String episodeType,
      List<String> hosts, List<String> categories, String image, Audio audio,
      String summaryHtml, String notesHtml, Transcript transcript, Map<String, String> links) {
    this(sourcePath, slug, pagePath, title, description, date, publishDate, expiryDate, draft,
        episodeNumber, seasonNumber, episodeType, hosts, categories, image, audio, summaryHtml,
        notesHtml, transcript, links, "");
  }

  /** An episode without the other Podcasting 2.0 tags ({@link ItemTags#NONE}). */
  public Episode(String sourcePath, String slug, String pagePath, String title,
      String description, Instant date, Instant publishDate, Optional<Instant> expiryDate,
      boolean draft, OptionalInt episodeNumber, OptionalInt seasonNumber, String episodeType,
      List<String> hosts, List<String> categories, String image, Audio audio,
      String summaryHtml, String notesHtml, Transcript transcript, Map<String, String> links,
      String guid) {
    this(sourcePath, slug, pagePath, title, description, date, publishDate, expiryDate, draft,
        episodeNumber, seasonNumber, episodeType, hosts, categories, image, audio, summaryHtml,
        notesHtml, transcript, links, guid, ItemTags.NONE);
  }

  public Episode {
    Objects.requireNonNull(sourcePath, "sourcePath");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(pagePath, "pagePath");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(publishDate, "publishDate");
    Objects.requireNonNull(expiryDate, "expiryDate");
    Objects.requireNonNull(episodeNumber, "episodeNumber");
    Objects.requireNonNull(seasonNumber, "seasonNumber");
    Objects.requireNonNull(episodeType, "episodeType");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(audio, "audio");
    Objects.requireNonNull(summaryHtml, "summaryHtml");
    Objects.requireNonNull(notesHtml, "notesHtml");
    Objects.requireNonNull(transcript, "transcript");
    Objects.requireNonNull(guid, "guid");
    Objects.requireNonNull(tags, "tags");
    if (slug.isEmpty()) {
      throw new IllegalArgumentException("slug must not be empty");
    }
    if (!pagePath.startsWith("/") || !pagePath.endsWith("/")) {
      throw new IllegalArgumentException("pagePath must start and end with '/': " + pagePath);
    }
    hosts = List.copyOf(hosts);
    categories = List.copyOf(categories);
    links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
  }

  /**
   * This episode with another transcript and other tags: what the files beside the episode file
   * ({@code transcript.vtt}, {@code chapters.json}) replace.
   */
  public Episode withSidecars(Transcript newTranscript, ItemTags newTags) {
    return new Episode(sourcePath, slug, pagePath, title, description, date, publishDate,
        expiryDate, draft, episodeNumber, seasonNumber, episodeType, hosts, categories, image,
        audio, summaryHtml, notesHtml, newTranscript, links, guid, newTags);
  }

  /**
   * The episode's status at {@code now}, by Hugo's rules: drafts are never published, a future
   * publish date means scheduled, a past expiry date means expired.
   */
  public EpisodeStatus statusAt(Instant now) {
    if (draft) {
      return EpisodeStatus.DRAFT;
    }
    if (expiryDate.isPresent() && !expiryDate.get().isAfter(now)) {
      return EpisodeStatus.EXPIRED;
    }
    if (publishDate.isAfter(now)) {
      return EpisodeStatus.SCHEDULED;
    }
    return EpisodeStatus.PUBLISHED;
  }
}
