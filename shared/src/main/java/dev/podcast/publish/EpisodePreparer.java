package dev.podcast.publish;

import dev.podcast.artwork.Artwork;
import dev.podcast.episode.Episode;
import dev.podcast.feed.FeedEntry;
import dev.podcast.parse.ParseResult;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.show.ShowConfig;
import dev.podcast.site.PublishedEpisode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one parsed episode file into the record the store keeps and feeds list, after the checks
 * that need the rest of the site: its image (in the source? usable as artwork?), the links in its
 * notes (to something the site publishes?) and its feed item (does it pass the feed check, so
 * that no feed listing it is ever refused?). Stateless and thread-safe.
 */
final class EpisodePreparer {

  /** What became of an episode file. */
  sealed interface Preparation {
    String object();

    long generation();

    List<Problem> problems();

    /** Ready to commit: the parsed episode, its record (with a provisional guid), warnings. */
    record Prepared(String object, long generation, Episode episode, EpisodeRecord record,
        List<Problem> problems) implements Preparation {}

    /** Not publishable: the errors (and warnings) to show the author. */
    record Rejected(String object, long generation, List<Problem> problems)
        implements Preparation {}
  }

  private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"#?]*)[^\"]*\"");

  private EpisodePreparer() {}

  /**
   * The episode as far as where it is listed goes, with no text and no image: what the plan of
   * the site needs to know of it before it is prepared.
   */
  static PublishedEpisode provisional(ShowConfig show, Episode e) {
    return new PublishedEpisode(e, FeedEntry.outline(e, show), "");
  }

  /**
   * Prepares generation {@code generation} of {@code object}, parsed as {@code parsed}, whose
   * version is {@code contentHash} ({@link EpisodeFile#contentHash}): its checks, its feed
   * item's included.
   */
  static Preparation prepare(ShowContext.Ready context, String object, long generation,
      String contentHash, ParseResult parsed, SiteIndex index, Instant now) {
    return checkItems(context, List.of(prepareUnchecked(context, object, generation,
        contentHash, parsed, index, now))).get(0);
  }

  /**
   * The feed check on the items of the prepared ones of {@code preparations} (together, then
   * one by one if anything is found): an episode whose item the check refuses is rejected, so
   * that no feed listing it is ever refused. The same preparations, in order.
   */
  static List<Preparation> checkItems(ShowContext.Ready context,
      List<Preparation> preparations) {
    List<Preparation.Prepared> prepared = preparations.stream()
        .filter(p -> p instanceof Preparation.Prepared).map(p -> (Preparation.Prepared) p)
        .toList();
    List<List<Problem>> found = context.renderers().feeds().checkItems(
        prepared.stream().map(p -> p.record().entry()).toList(),
        prepared.stream().map(Preparation.Prepared::object).toList());
    java.util.Map<Preparation, List<Problem>> byPreparation = new java.util.IdentityHashMap<>();
    for (int i = 0; i < prepared.size(); i++) {
      byPreparation.put(prepared.get(i), found.get(i));
    }
    return preparations.stream().map(p -> {
      List<Problem> item = byPreparation.getOrDefault(p, List.of());
      if (item.isEmpty() || !(p instanceof Preparation.Prepared ready)) {
        return p;
      }
      List<Problem> problems = new ArrayList<>(ready.problems());
      problems.addAll(item);
      return item.stream().anyMatch(Problem::isError)
          ? new Preparation.Rejected(ready.object(), ready.generation(), problems)
          : new Preparation.Prepared(ready.object(), ready.generation(), ready.episode(),
              ready.record(), problems);
    }).toList();
  }

  /**
   * {@link #prepare} without the check of the feed item; {@code contentHash} is the version
   * ({@link EpisodeFile#contentHash}).
   */
  static Preparation prepareUnchecked(ShowContext.Ready context, String object, long generation,
      String contentHash, ParseResult parsed, SiteIndex index, Instant now) {
    if (parsed.hasErrors() || parsed.episode().isEmpty()) {
      return new Preparation.Rejected(object, generation, parsed.problems());
    }
    Episode e = parsed.episode().get();
    ShowConfig show = context.show();
    List<Problem> problems = new ArrayList<>(parsed.problems());
    Optional<String> reserved = context.renderers().paths().reserved(e.pagePath());
    if (reserved.isPresent()) {
      problems.add(new Problem(ProblemCode.UNSAFE_PATH, object, 1, 1, "this episode's page "
          + e.pagePath() + " cannot be: " + reserved.get() + "; give it another url or slug"));
      return new Preparation.Rejected(object, generation, problems);
    }
    String wanted = e.image();
    String image = "";
    String missing = "";
    if (wanted.startsWith("https://") || wanted.startsWith("http://")) {
      image = wanted;
    } else if (wanted.startsWith("/")) {
      Optional<SiteIndex.Image> found = index.image(wanted, object, false);
      if (found.isEmpty()) {
        missing = wanted;
        problems.add(new Problem(ProblemCode.ARTWORK_MISSING, object, 1, 1, "the image " + wanted
            + " is not in the source (static/ or the episode's folder); the show artwork is"
            + " used instead"));
      } else {
        problems.addAll(found.get().problems());
        if (found.get().readable()) {
          image = wanted;
        } else {
          missing = wanted;
          problems.add(new Problem(ProblemCode.ARTWORK_FORMAT, object, 1, 1, "the image "
              + wanted + " cannot be read as JPEG, PNG or GIF; the show artwork is used"
              + " instead"));
        }
      }
    }
    problems.addAll(brokenLinks(e, object, show.baseUrl(), index));
    String imageUrl = image.isEmpty() ? ""
        : show.absolute(image.startsWith("/") ? Artwork.derivedName(image, "square") : image);
    // The guid the old feed gave it (front matter, from an import), else its page's address.
    FeedEntry entry = FeedEntry.of(e, show, e.guid().isEmpty() ? show.absolute(e.pagePath())
        : e.guid(), imageUrl);
    EpisodeRecord record = new EpisodeRecord(e.slug(), e.sourcePath(), generation,
        contentHash, e.statusAt(now), e.publishDate(), e.expiryDate(), entry,
        e.pagePath(), e.summaryHtml(), image, e.hosts(), missing);
    return new Preparation.Prepared(object, generation, e, record, problems);
  }

  /** Links in the notes to site paths that nothing publishes: one warning per path. */
  private static List<Problem> brokenLinks(Episode e, String object, String baseUrl,
      SiteIndex index) {
    List<Problem> problems = new ArrayList<>();
    Matcher m = LINK.matcher(e.notesHtml());
    Set<String> reported = new HashSet<>();
    while (m.find()) {
      String url = m.group(1);
      String path = url.startsWith(baseUrl + "/") ? url.substring(baseUrl.length()) : url;
      if (path.startsWith("/") && !path.startsWith("//") && !reported.contains(path)
          && !index.publishes(path, object)) {
        reported.add(path);
        problems.add(new Problem(ProblemCode.BROKEN_LINK, object, 1, 1,
            "the show notes link to " + path + ", which is not in the source or the site"));
      }
    }
    return problems;
  }
}
