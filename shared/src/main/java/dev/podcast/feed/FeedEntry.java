package dev.podcast.feed;

import dev.podcast.episode.Captions;
import dev.podcast.episode.Episode;
import dev.podcast.episode.ItemTags;
import dev.podcast.show.ShowConfig;
import dev.podcast.text.Html;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One episode as every feed shows it, computed once when the episode is published (sanitising
 * HTML is the costly part) and then streamed into any number of feeds. Immutable.
 *
 * @param guid the item guid: assigned once, never changed
 * @param link the page's absolute URL
 * @param date the item date ({@code pubDate})
 * @param descriptionHtml the notes, sanitised to the tags apps render, at most 4,000 bytes
 * @param contentHtml the notes, sanitised, whole ({@code content:encoded})
 * @param summaryText the notes as plain text, at most 4,000 characters ({@code itunes:summary})
 * @param subtitle a short plain-text line, at most 255 characters
 * @param author the hosts, at most 255 characters
 * @param imageUrl the episode image as an https URL, or empty
 * @param transcripts the transcript files: absolute URL and MIME type
 * @param persons the hosts as {@code podcast:person}
 * @param tags the other Podcasting 2.0 tags of the item (season name, licence, soundbites)
 */
public record FeedEntry(
    String slug,
    String guid,
    String title,
    String link,
    Instant date,
    String enclosureUrl,
    long enclosureLength,
    String enclosureType,
    long durationSeconds,
    OptionalInt episodeNumber,
    OptionalInt seasonNumber,
    String episodeType,
    String descriptionHtml,
    String contentHtml,
    String summaryText,
    String subtitle,
    String author,
    String imageUrl,
    List<String> categories,
    List<Transcript> transcripts,
    List<ShowConfig.Person> persons,
    ItemTags tags) {

  public FeedEntry {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(guid, "guid");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(enclosureUrl, "enclosureUrl");
    Objects.requireNonNull(enclosureType, "enclosureType");
    Objects.requireNonNull(episodeNumber, "episodeNumber");
    Objects.requireNonNull(seasonNumber, "seasonNumber");
    Objects.requireNonNull(episodeType, "episodeType");
    Objects.requireNonNull(descriptionHtml, "descriptionHtml");
    Objects.requireNonNull(contentHtml, "contentHtml");
    Objects.requireNonNull(summaryText, "summaryText");
    Objects.requireNonNull(subtitle, "subtitle");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(imageUrl, "imageUrl");
    categories = List.copyOf(categories);
    transcripts = List.copyOf(transcripts);
    persons = List.copyOf(persons);
    Objects.requireNonNull(tags, "tags");
  }

  /** An entry without the other Podcasting 2.0 tags ({@link ItemTags#NONE}). */
  public FeedEntry(String slug, String guid, String title, String link, Instant date,
      String enclosureUrl, long enclosureLength, String enclosureType, long durationSeconds,
      OptionalInt episodeNumber, OptionalInt seasonNumber, String episodeType,
      String descriptionHtml, String contentHtml, String summaryText, String subtitle,
      String author, String imageUrl, List<String> categories, List<Transcript> transcripts,
      List<ShowConfig.Person> persons) {
    this(slug, guid, title, link, date, enclosureUrl, enclosureLength, enclosureType,
        durationSeconds, episodeNumber, seasonNumber, episodeType, descriptionHtml, contentHtml,
        summaryText, subtitle, author, imageUrl, categories, transcripts, persons, ItemTags.NONE);
  }

  /**
   * The entry of {@code e} as far as where it is listed goes (its guid, link, date, categories
   * and transcripts), with no text: cheap, for planning what a site holds, never for a feed.
   */
  public static FeedEntry outline(Episode e, ShowConfig show) {
    String link = show.absolute(e.pagePath());
    List<Transcript> transcripts = transcripts(e, link);
    return new FeedEntry(e.slug(), link, e.title(), link, e.date(), e.audio().url(),
        e.audio().sizeBytes(), e.audio().mimeType(), e.audio().durationSeconds(),
        e.episodeNumber(), e.seasonNumber(), e.episodeType(), "", "", "", "", "", "",
        e.categories(), transcripts, List.of(), e.tags());
  }

  /** This entry with item guid {@code newGuid}. */
  public FeedEntry withGuid(String newGuid) {
    return new FeedEntry(slug, newGuid, title, link, date, enclosureUrl, enclosureLength,
        enclosureType, durationSeconds, episodeNumber, seasonNumber, episodeType, descriptionHtml,
        contentHtml, summaryText, subtitle, author, imageUrl, categories, transcripts, persons,
        tags);
  }

  /**
   * This entry without its notes (description, content and summary text, the bulk of an item):
   * what listings and plans need, and what an instance keeps of every episode; completed again
   * before a feed is written.
   */
  public FeedEntry withoutNotes() {
    return new FeedEntry(slug, guid, title, link, date, enclosureUrl, enclosureLength,
        enclosureType, durationSeconds, episodeNumber, seasonNumber, episodeType, "", "", "",
        subtitle, author, imageUrl, categories, transcripts, persons, tags);
  }

  /**
   * A {@code podcast:transcript}: absolute URL, MIME type, and {@code rel}: {@link #CAPTIONS}
   * for a timed file (WebVTT, SubRip) apps may show as captions, else empty.
   */
  public record Transcript(String url, String type, String rel) {

    public static final String CAPTIONS = "captions";

    /** A transcript that is not captions. */
    public Transcript(String url, String type) {
      this(url, type, "");
    }

    public Transcript {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(rel, "rel");
    }
  }

  /** The transcript files written beside each page, in the order the feed lists them. */
  public static final List<String[]> TRANSCRIPT_FILES = List.of(
      new String[] {"transcript.html", "text/html"},
      new String[] {"transcript.txt", "text/plain"},
      new String[] {"transcript.json", "application/json"});

  /**
   * The transcript files of {@code e}, whose page is {@code link}: its timed file first (the one
   * Apple and the apps that show captions read), then the HTML, text and JSON ones.
   */
  private static List<Transcript> transcripts(Episode e, String link) {
    List<Transcript> transcripts = new ArrayList<>(4);
    if (e.transcript().isEmpty()) {
      return transcripts;
    }
    Captions captions = e.transcript().captions();
    if (!captions.isEmpty()) {
      transcripts.add(new Transcript(link + captions.file(), captions.type(),
          Transcript.CAPTIONS));
    }
    for (String[] file : TRANSCRIPT_FILES) {
      transcripts.add(new Transcript(link + file[0], file[1]));
    }
    return transcripts;
  }

  /**
   * The feed entry of a published episode.
   *
   * @param guid the episode's guid (see the guid registry)
   * @param imageUrl the episode image as an absolute https URL, or empty to leave it out
   */
  public static FeedEntry of(Episode e, ShowConfig show, String guid, String imageUrl) {
    String link = show.absolute(e.pagePath());
    List<Transcript> transcripts = transcripts(e, link);
    List<ShowConfig.Person> persons = new ArrayList<>();
    for (String host : e.hosts()) {
      persons.add(show.person(host).orElse(new ShowConfig.Person(host, "host", "cast", "", "")));
    }
    String summarySource = e.description().isBlank() ? e.summaryHtml()
        : "<p>" + Html.escape(e.description()) + "</p>";
    FeedHtml.Notes notes = FeedHtml.notes(e.notesHtml(), link);
    return new FeedEntry(
        e.slug(),
        guid,
        e.title(),
        link,
        e.date(),
        e.audio().url(),
        e.audio().sizeBytes(),
        e.audio().mimeType(),
        e.audio().durationSeconds(),
        e.episodeNumber(),
        e.seasonNumber(),
        e.episodeType(),
        notes.description(),
        notes.content(),
        FeedHtml.plainText(notes.content(), FeedHtml.MAX_SUMMARY_CHARS),
        FeedHtml.plainText(summarySource, 255),
        FeedHtml.plainText(Html.escape(String.join(", ", e.hosts())), 255),
        imageUrl.startsWith("https://") ? imageUrl : "",
        e.categories(),
        transcripts,
        persons,
        e.tags());
  }
}
