package dev.podcast.migrate;

import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import dev.podcast.parse.Slugs;
import dev.podcast.parse.Values;
import dev.podcast.webhook.EpisodeFileWriter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the episode file for an old feed's item that has none (for {@code import
 * --create-missing}): title, date, the notes as Markdown from the item's HTML, the enclosure's
 * URL and length, duration, episode and season numbers, episode type and image, and the item's
 * guid, so that the new feed gives the episode the guid apps know. The notes' HTML is converted,
 * not trusted: the site cleans it as any author's when it renders. Stateless and thread-safe.
 */
public final class EpisodeFileFromItem {

  /** The longest slug made from a title. */
  static final int MAX_SLUG = 80;

  /** The longest description taken from the notes (Apple shows 255 characters). */
  static final int MAX_DESCRIPTION = 250;

  private static final Pattern WHOLE = Pattern.compile("\\d{1,6}");
  private static final Set<String> TYPES = Set.of("full", "trailer", "bonus");
  private static final FlexmarkHtmlConverter MARKDOWN = FlexmarkHtmlConverter.builder().build();

  /** The file: where it goes under the section folder, and its text. */
  public record File(String folder, String text) {
    public File {
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(text, "text");
    }
  }

  private EpisodeFileFromItem() {}

  /**
   * The episode file for {@code item}, in a folder named from its title ({@code taken} holds
   * the folder names already used, which it avoids with a number).
   */
  public static File of(OldFeed.Item item, Set<String> taken) {
    return of(item, folder(item, taken));
  }

  /** The episode file for {@code item}, in {@code folder}. */
  public static File of(OldFeed.Item item, String folder) {
    Map<String, Object> fm = new LinkedHashMap<>();
    OldFeed.Details d = item.details();
    fm.put("title", item.title());
    item.date().ifPresent(date -> fm.put("date", date.truncatedTo(ChronoUnit.SECONDS)
        .toString()));
    fm.put("draft", false);
    if (!item.identity().isEmpty()) {
      fm.put("guid", item.identity());
    }
    if (!item.enclosureUrl().isEmpty()) {
      fm.put("audioFile", item.enclosureUrl());
    }
    if (item.enclosureLength() > 0) {
      fm.put("audioSize", item.enclosureLength());
    }
    duration(d.duration()).ifPresent(v -> fm.put("audioDuration", v));
    whole(d.episode()).ifPresent(v -> fm.put("episodeNumber", v));
    whole(d.season()).ifPresent(v -> fm.put("season", v));
    String type = d.episodeType().toLowerCase(Locale.ROOT);
    if (TYPES.contains(type) && !type.equals("full")) {
      fm.put("episodeType", type);
    }
    if (d.image().startsWith("https://") || d.image().startsWith("http://")) {
      fm.put("image", d.image());
    }
    String notes = d.notesHtml().isEmpty() ? "" : MARKDOWN.convert(d.notesHtml()).strip();
    String description = plain(d.summary().isEmpty() ? d.notesHtml() : d.summary());
    if (!description.isEmpty()) {
      fm.put("description", description);
    }
    String written = EpisodeFileWriter.write(fm, notes, "").text();
    return new File(folder, written);
  }

  /** The item's text without markup, cut at a word near {@value #MAX_DESCRIPTION}. */
  private static String plain(String html) {
    String text = org.jsoup.Jsoup.parse(html).text().strip();
    if (text.length() <= MAX_DESCRIPTION) {
      return text;
    }
    int cut = text.lastIndexOf(' ', MAX_DESCRIPTION - 1);
    return text.substring(0, cut > MAX_DESCRIPTION / 2 ? cut : MAX_DESCRIPTION - 1) + "\u2026";
  }

  /** {@code HH:MM:SS} from seconds, MM:SS or HH:MM:SS, read as episode files are. */
  static Optional<String> duration(String written) {
    return Values.duration(written).map(d -> String.format(Locale.ROOT, "%02d:%02d:%02d",
        d.toHours(), d.toMinutesPart(), d.toSecondsPart()));
  }

  private static Optional<Long> whole(String written) {
    String t = written.strip();
    return WHOLE.matcher(t).matches() && Long.parseLong(t) > 0
        ? Optional.of(Long.parseLong(t)) : Optional.empty();
  }

  /** A slug from the title (else the item's line), unique among {@code taken}. */
  public static String folder(OldFeed.Item item, Set<String> taken) {
    String slug = Slugs.normalise(item.title().replaceAll("[./\\\\]", " "))
        .replaceAll("-{2,}", "-").replaceAll("^[-_.~+]+|[-_.~+]+$", "");
    if (slug.length() > MAX_SLUG) {
      slug = slug.substring(0, MAX_SLUG).replaceAll("-[^-]*$", "");
    }
    if (slug.isEmpty() || Slugs.unsafeSegment(slug).isPresent()) {
      slug = "episode-at-line-" + item.line();
    }
    String candidate = slug;
    for (int n = 2; taken.contains(candidate); n++) {
      candidate = slug + "-" + n;
    }
    return candidate;
  }
}
