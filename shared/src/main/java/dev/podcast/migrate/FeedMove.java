package dev.podcast.migrate;

import dev.podcast.port.EpisodeStore.EpisodeRecord;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What moving a show from its old feed to this site's does to its subscribers: each old item
 * matched to an episode file (by enclosure URL first, then by link, then by title and date),
 * with the guid the new feed gives it; the items no file has (lost to subscribers) and the
 * episodes the old feed lacks (new to them). Immutable.
 */
public record FeedMove(List<Match> matches, List<OldFeed.Item> lost,
    List<EpisodeRecord> added) {

  public FeedMove {
    matches = List.copyOf(matches);
    lost = List.copyOf(lost);
    added = List.copyOf(added);
  }

  /** How an item was matched to its episode. */
  public enum By { ENCLOSURE, LINK, TITLE_AND_DATE }

  /**
   * An old item and the episode that is it here.
   *
   * @param record the episode's record as this site would publish it now
   */
  public record Match(OldFeed.Item item, EpisodeRecord record, By by) {
    public Match {
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(by, "by");
    }

    /** Whether the new feed gives the item another guid: apps would download it again. */
    public boolean guidChanges() {
      return !item.identity().equals(record.entry().guid());
    }

    /** Whether the enclosure's URL changes (apps that key by it download it again). */
    public boolean enclosureChanges() {
      return !item.enclosureUrl().isEmpty()
          && !item.enclosureUrl().equals(record.entry().enclosureUrl());
    }
  }

  /** Matches the items of {@code feed} to {@code records}, each to at most one. */
  public static FeedMove of(OldFeed feed, List<EpisodeRecord> records) {
    Map<String, List<EpisodeRecord>> byEnclosure = new HashMap<>();
    Map<String, List<EpisodeRecord>> byFile = new HashMap<>();
    Map<String, List<EpisodeRecord>> byPath = new HashMap<>();
    Map<String, List<EpisodeRecord>> byTitleDay = new HashMap<>();
    for (EpisodeRecord r : records) {
      add(byEnclosure, withoutQuery(r.entry().enclosureUrl()), r);
      add(byFile, fileName(r.entry().enclosureUrl()), r);
      add(byPath, path(r.entry().link()), r);
      add(byTitleDay, titleDay(r.entry().title(), r.entry().date()), r);
    }
    Set<String> taken = new HashSet<>();
    List<Match> matches = new ArrayList<>();
    List<OldFeed.Item> unmatched = new ArrayList<>();
    for (OldFeed.Item item : feed.items()) {
      Optional<Match> match = one(byEnclosure, withoutQuery(item.enclosureUrl()), taken)
          .or(() -> one(byFile, fileName(item.enclosureUrl()), taken))
          .map(r -> new Match(item, r, By.ENCLOSURE))
          .or(() -> one(byPath, path(item.link()), taken).map(r -> new Match(item, r, By.LINK)))
          .or(() -> item.date().flatMap(d -> one(byTitleDay, titleDay(item.title(), d), taken))
              .map(r -> new Match(item, r, By.TITLE_AND_DATE)));
      if (match.isPresent()) {
        taken.add(match.get().record().slug());
        matches.add(match.get());
      } else {
        unmatched.add(item);
      }
    }
    List<EpisodeRecord> added = records.stream().filter(r -> !taken.contains(r.slug())).toList();
    return new FeedMove(matches, unmatched, added);
  }

  private static void add(Map<String, List<EpisodeRecord>> index, String key, EpisodeRecord r) {
    if (!key.isEmpty()) {
      index.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
  }

  /** The only record under {@code key} not taken yet; none when it is not the only one. */
  private static Optional<EpisodeRecord> one(Map<String, List<EpisodeRecord>> index, String key,
      Set<String> taken) {
    List<EpisodeRecord> found = key.isEmpty() ? List.of() : index.getOrDefault(key, List.of())
        .stream().filter(r -> !taken.contains(r.slug())).toList();
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  private static String withoutQuery(String url) {
    String u = url.strip();
    int cut = u.length();
    for (char c : new char[] {'?', '#'}) {
      int at = u.indexOf(c);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    u = u.substring(0, cut);
    return u.replaceFirst("^https?://", "").toLowerCase(Locale.ROOT);
  }

  /** The file name an enclosure URL ends in (hosts move files, the names stay). */
  private static String fileName(String url) {
    String u = withoutQuery(url);
    int slash = u.lastIndexOf('/');
    String name = slash >= 0 ? u.substring(slash + 1) : "";
    return name.contains(".") ? name : "";
  }

  /** The path of a page's URL, with one trailing slash. */
  private static String path(String url) {
    try {
      String p = URI.create(url.strip().replace(" ", "%20")).getPath();
      if (p == null || p.isEmpty() || p.equals("/")) {
        return "";
      }
      return (p.endsWith("/") ? p : p + "/").toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String titleDay(String title, java.time.Instant date) {
    String t = title.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    return t.isEmpty() ? "" : t + "|" + date.atZone(ZoneOffset.UTC).toLocalDate();
  }
}
