package dev.podcast.site;

import dev.podcast.artwork.Artwork;
import dev.podcast.artwork.DerivedImages;
import dev.podcast.episode.Episode;
import dev.podcast.episode.EpisodeStatus;
import dev.podcast.feed.FeedEntry;
import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParseResult;
import dev.podcast.parse.ParserSettings;
import dev.podcast.parse.Slugs;
import dev.podcast.parse.SourceFiles;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.show.PodcastGuid;
import dev.podcast.show.ShowConfig;
import dev.podcast.show.ShowConfigReader;
import dev.podcast.text.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code podcast build}: renders a whole site and all feeds from a folder laid out like the source
 * bucket ({@code config.toml}, {@code content/post/...}, {@code static/}, optional
 * {@code layouts/}). The recipe: read the configuration → parse every episode → copy assets →
 * render pages, transcripts and listings → render and check feeds → write what changed.
 *
 * <p>Errors in one episode are collected, not fatal to the others; but any error makes the result
 * unpublishable, and then no feed is written (the last good feeds stay). Thread-safe; one build at
 * a time per output.
 */
public final class SiteBuilder {

  private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"#?]*)[^\"]*\"");

  private final Clock clock;
  private final long maxFileBytes;

  public SiteBuilder(Clock clock, long maxFileBytes) {
    this.clock = clock;
    this.maxFileBytes = maxFileBytes;
  }

  /**
   * Builds the site in {@code source} into {@code out}.
   *
   * @param progress receives a line now and then on long runs
   * @throws IOException when reading the source or writing the output fails
   */
  public BuildReport build(Path source, FolderOutput out, Consumer<String> progress)
      throws IOException {
    long lap = System.nanoTime();
    List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    Map<String, List<String>> written = new ConcurrentHashMap<>();
    AtomicInteger unchanged = new AtomicInteger();

    ShowConfigReader.Result config = ShowConfigReader.read(source);
    problems.addAll(config.problems());
    if (config.config().isEmpty()) {
      return new BuildReport(0, 0, Map.of(), 0, false, problems);
    }
    ShowConfig show = config.config().get();

    lap = timing(progress, "config", lap);
    // Parse every episode, in parallel: each file is independent.
    List<Path> files = episodeFiles(source);
    EpisodeParser parser = new EpisodeParser(ParserSettings.defaults()
        .withEpisodeHostBaseUrl(show.episodeHostBaseUrl()).withMaxFileBytes(maxFileBytes));
    AtomicInteger parsed = new AtomicInteger();
    List<ParseResult> results = files.parallelStream().map(file -> {
      ParseResult result = parser.parse(file, relative(source, file));
      int n = parsed.incrementAndGet();
      if (n % 100 == 0) {
        progress.accept("parsed " + n + "/" + files.size() + " episodes");
      }
      return result;
    }).toList();
    results.forEach(r -> problems.addAll(r.problems()));

    lap = timing(progress, "parse", lap);
    Instant now = clock.instant();
    List<Episode> live = results.stream()
        .flatMap(r -> r.episode().stream())
        .filter(e -> e.statusAt(now) == EpisodeStatus.PUBLISHED)
        .sorted(Comparator.comparing(Episode::date).reversed().thenComparing(Episode::slug))
        .toList();
    duplicatePages(live, problems);

    lap = timing(progress, "(sort)", lap);
    // Assets: static/ at the site root, page bundle files beside their page.
    Map<String, Path> assets = assets(source);
    for (Map.Entry<String, Path> asset : assets.entrySet()) {
      record(written, unchanged, "asset", asset.getKey(),
          out.write(asset.getKey(), Files.readAllBytes(asset.getValue())));
    }

    lap = timing(progress, "assets", lap);
    BuildState state = BuildState.fromJson(out.read(BuildState.PATH));
    String podcastGuid = show.podcast().guid().isEmpty()
        ? state.podcastGuid(PodcastGuid.fromFeedUrl(show.feedUrl()).toString())
        : show.podcast().guid();
    List<PublishedEpisode> published = live.parallelStream().map(e -> {
      String image = image(e, show, assets.keySet(), problems);
      String guid = state.episodeGuid(e.sourcePath(), show.absolute(e.pagePath()));
      String imageUrl = image.isEmpty() ? ""
          : show.absolute(image.startsWith("/") ? Artwork.derivedName(image, "square") : image);
      return new PublishedEpisode(e, FeedEntry.of(e, show, guid, imageUrl), image);
    }).toList();

    lap = timing(progress, "feed entries", lap);
    images(published, show, assets, state, out, written, unchanged, problems);

    lap = timing(progress, "images", lap);
    Templates templates = new Templates(Optional.of(source.resolve("layouts"))
        .filter(Files::isDirectory));
    SiteRenderer renderer = new SiteRenderer(show, templates, podcastGuid);
    // Episode pages are written as they are rendered: only their paths stay in memory.
    Set<String> paths = ConcurrentHashMap.newKeySet();
    AtomicInteger rendered = new AtomicInteger();
    java.util.stream.IntStream.range(0, published.size()).parallel().forEach(i -> {
      for (OutputFile file : renderer.episodeFiles(published.get(i),
          i + 1 < published.size() ? published.get(i + 1) : null,
          i > 0 ? published.get(i - 1) : null)) {
        write(out, file, written, unchanged);
        paths.add(file.path());
      }
      int n = rendered.incrementAndGet();
      if (n % 100 == 0) {
        progress.accept("rendered " + n + "/" + published.size() + " episode pages");
      }
    });
    lap = timing(progress, "episode pages", lap);
    List<OutputFile> outputs = new ArrayList<>(renderer.listings(published));
    outputs.forEach(file -> paths.add(file.path()));

    lap = timing(progress, "listings", lap);
    boolean publishable = problems.stream().noneMatch(Problem::isError);
    List<OutputFile> feeds = List.of();
    if (publishable) {
      List<Problem> feedProblems = new ArrayList<>();
      feeds = renderer.feeds(published, feedProblems::add);
      problems.addAll(feedProblems);
      publishable = feedProblems.stream().noneMatch(Problem::isError);
    }
    lap = timing(progress, "feeds", lap);
    List<String> pages = paths.stream()
        .filter(p -> p.endsWith("index.html"))
        .map(p -> p.substring(0, p.length() - "index.html".length()))
        .sorted().toList();
    outputs.add(renderer.sitemap(pages));
    lap = timing(progress, "sitemap", lap);
    paths.add("/sitemap.xml");
    feeds.forEach(file -> paths.add(file.path()));
    brokenLinks(published, paths, assets.keySet(), show.baseUrl(), problems);

    lap = timing(progress, "broken links", lap);
    outputs.parallelStream().forEach(file -> write(out, file, written, unchanged));
    if (publishable) {
      for (OutputFile feed : feeds) {
        record(written, unchanged, feed.kind(), feed.path(), out.write(feed.path(),
            feed.content()));
      }
      out.write(BuildState.PATH, state.toJson());
    }
    lap = timing(progress, "write", lap);
    Map<String, List<String>> sorted = new TreeMap<>();
    written.forEach((kind, list) -> sorted.put(kind, list.stream().sorted().toList()));
    return new BuildReport(files.size(), published.size(), sorted, unchanged.get(), publishable,
        sortProblems(problems));
  }

  /** Reports how long the step that just ended took; returns the new lap start. */
  private static long timing(Consumer<String> progress, String step, long since) {
    long now = System.nanoTime();
    progress.accept("timing: " + step + " " + (now - since) / 1_000_000 + " ms");
    return now;
  }

  private static List<Problem> sortProblems(List<Problem> problems) {
    List<Problem> copy = new ArrayList<>(problems);
    copy.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
    return copy;
  }

  private static void write(FolderOutput out, OutputFile file,
      Map<String, List<String>> written, AtomicInteger unchanged) {
    try {
      record(written, unchanged, file.kind(), file.path(), out.write(file.path(),
          file.content()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void record(Map<String, List<String>> written, AtomicInteger unchanged,
      String kind, String path, boolean changed) {
    if (changed) {
      written.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()))
          .add(path);
    } else {
      unchanged.incrementAndGet();
    }
  }

  /**
   * Checks the show artwork and every episode image in the source against Apple's rules, and
   * derives the sizes pages and feeds use (square, social, thumbnail) beside each, redoing them
   * only when the image changed.
   */
  private static void images(List<PublishedEpisode> published, ShowConfig show,
      Map<String, Path> assets, BuildState state, FolderOutput out,
      Map<String, List<String>> written, AtomicInteger unchanged, List<Problem> problems)
      throws IOException {
    Map<String, Boolean> images = new TreeMap<>();
    String art = show.podcast().artwork().isEmpty() ? show.logo() : show.podcast().artwork();
    if (!art.isEmpty() && !art.startsWith("http")) {
      if (assets.containsKey(art)) {
        images.put(art, true);
      } else {
        problems.add(new Problem(ProblemCode.ARTWORK_MISSING, ShowConfigReader.CONFIG_FILE, 0, 0,
            "the show artwork " + art + " is not in the source (static/); podcast apps need it"));
      }
    }
    for (PublishedEpisode ep : published) {
      if (ep.image().startsWith("/")) {
        images.putIfAbsent(ep.image(), false);
      }
    }
    List<String> failed = Collections.synchronizedList(new ArrayList<>());
    images.entrySet().parallelStream().forEach(image -> {
      try {
        String path = image.getKey();
        byte[] bytes = Files.readAllBytes(assets.get(path));
        problems.addAll(Artwork.check(bytes, relativeSource(path, assets), image.getValue()));
        if (state.imageUpToDate(path, Hashes.sha256(bytes))
            && out.read(Artwork.derivedName(path, "square")).isPresent()) {
          unchanged.addAndGet(3);
          return;
        }
        for (Map.Entry<String, byte[]> size : Artwork.derive(bytes).byPath(path).entrySet()) {
          record(written, unchanged, "image", size.getKey(),
              out.write(size.getKey(), size.getValue()));
        }
      } catch (IllegalArgumentException e) {
        failed.add(image.getKey());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    for (String path : failed) {
      problems.add(new Problem(ProblemCode.ARTWORK_UNREADABLE, relativeSource(path, assets), 0,
          0, "the image cannot be read as JPEG, PNG or GIF; no sizes were derived from it"));
    }
  }

  private static String relativeSource(String sitePath, Map<String, Path> assets) {
    Path file = assets.get(sitePath);
    return file == null ? sitePath : file.toString().replace('\\', '/');
  }

  /** Two files that publish to the same page: the second would overwrite the first. */
  private static void duplicatePages(List<Episode> live, List<Problem> problems) {
    Map<String, Episode> byPage = new LinkedHashMap<>();
    for (Episode e : live) {
      Episode other = byPage.putIfAbsent(e.pagePath(), e);
      if (other != null) {
        problems.add(new Problem(ProblemCode.UNSAFE_PATH, e.sourcePath(), 1, 1, "this episode's"
            + " page " + e.pagePath() + " is also the page of " + other.sourcePath()
            + "; give one of them another slug"));
      }
    }
  }

  /** The episode's image as a site path or URL; empty (with a warning) when it is missing. */
  private static String image(Episode e, ShowConfig show, Set<String> assets,
      List<Problem> problems) {
    String image = e.image();
    if (image.isEmpty() || image.startsWith("https://") || image.startsWith("http://")) {
      return image;
    }
    if (assets.contains(image)) {
      return image;
    }
    problems.add(new Problem(ProblemCode.ARTWORK_MISSING, e.sourcePath(), 1, 1, "the image "
        + image + " is not in the source (static/ or the episode's folder); the show artwork is"
        + " used instead"));
    return "";
  }

  /** Warns about links in show notes to site paths that nothing publishes. */
  private static void brokenLinks(List<PublishedEpisode> published, Set<String> outputs,
      Set<String> assets, String baseUrl, List<Problem> problems) {
    Set<String> paths = new HashSet<>(assets);
    for (String path : outputs) {
      paths.add(path);
      if (path.endsWith("/index.html")) {
        paths.add(path.substring(0, path.length() - "index.html".length()));
      }
    }
    for (PublishedEpisode ep : published) {
      Matcher m = LINK.matcher(ep.episode().notesHtml());
      Set<String> reported = new HashSet<>();
      while (m.find()) {
        String url = m.group(1);
        String path = url.startsWith(baseUrl + "/") ? url.substring(baseUrl.length()) : url;
        if (path.startsWith("/") && !path.startsWith("//") && !paths.contains(path)
            && !paths.contains(path + "/") && reported.add(path)) {
          problems.add(new Problem(ProblemCode.BROKEN_LINK, ep.episode().sourcePath(), 1, 1,
              "the show notes link to " + path + ", which is not in the source or the site"));
          if (!url.equals(path)) {
            reported.add(url);
          }
        }
      }
    }
  }

  /** Episode files under {@code content/}, sorted; {@code _index.md} list pages excluded. */
  public static List<Path> episodeFiles(Path source) throws IOException {
    Path content = source.resolve("content");
    return Files.isDirectory(content) ? SourceFiles.episodeFiles(content) : List.of();
  }

  /** Site path → file for {@code static/**} and the non-Markdown files under {@code content/}. */
  static Map<String, Path> assets(Path source) throws IOException {
    Map<String, Path> assets = new TreeMap<>();
    Path statics = source.resolve("static");
    if (Files.isDirectory(statics)) {
      try (Stream<Path> walk = Files.walk(statics)) {
        for (Path file : walk.filter(Files::isRegularFile).toList()) {
          sitePath(statics.relativize(file), false).ifPresent(p -> assets.put(p, file));
        }
      }
    }
    Path content = source.resolve("content");
    if (Files.isDirectory(content)) {
      try (Stream<Path> walk = Files.walk(content)) {
        for (Path file : walk.filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))
            .toList()) {
          sitePath(content.relativize(file), true).ifPresent(p -> assets.put(p, file));
        }
      }
    }
    return assets;
  }

  /**
   * The site path of a source object that is copied as it is: {@code static/x/y.png} gives
   * {@code /x/y.png}, {@code content/post/My Show/cover.png} gives {@code /post/my-show/cover.png}
   * (page-bundle folders normalised as their pages are). Empty for anything else, for episode
   * files, and for names with an unsafe or hidden segment.
   */
  public static Optional<String> assetPath(String object) {
    String lower = object.toLowerCase(Locale.ROOT);
    if (object.isEmpty() || object.endsWith("/") || lower.endsWith(".md")
        || object.contains("\\") || object.contains("//")) {
      return Optional.empty();
    }
    if (object.startsWith("static/")) {
      return sitePath(List.of(object.substring("static/".length()).split("/", -1)), false);
    }
    if (object.startsWith("content/")) {
      return sitePath(List.of(object.substring("content/".length()).split("/", -1)), true);
    }
    return Optional.empty();
  }

  /** The site path of a source file; folders of page bundles normalised as their pages are. */
  private static Optional<String> sitePath(Path relative, boolean bundle) {
    List<String> segments = new ArrayList<>();
    relative.forEach(segment -> segments.add(segment.toString()));
    return sitePath(segments, bundle);
  }

  private static Optional<String> sitePath(List<String> segments, boolean bundle) {
    StringBuilder path = new StringBuilder();
    int count = segments.size();
    for (int i = 0; i < count; i++) {
      String segment = segments.get(i);
      if (Slugs.unsafeSegment(segment).isPresent() || segment.startsWith(".")) {
        return Optional.empty();
      }
      boolean folder = i < count - 1;
      path.append('/').append(bundle && folder ? Slugs.normalise(segment) : segment);
    }
    return Optional.of(path.toString());
  }

  private static String relative(Path source, Path file) {
    return source.relativize(file).toString().replace('\\', '/');
  }
}
