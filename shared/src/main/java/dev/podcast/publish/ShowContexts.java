package dev.podcast.publish;

import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParserSettings;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.show.PodcastGuid;
import dev.podcast.show.ShowConfig;
import dev.podcast.show.ShowConfigReader;
import dev.podcast.site.FeedRenderer;
import dev.podcast.site.Renderers;
import dev.podcast.site.Templates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The show's context, read from the source's {@code config.toml}, {@code podcast.toml} and
 * {@code layouts/} and kept until one of them has a new generation: parsing the configuration
 * and compiling the templates on every event would be wasted work. Shared by the publisher and
 * the CMS webhook of one source. Thread-safe.
 */
public final class ShowContexts {

  /** Gives the show its {@code podcast:guid}: the registered one, or one assigned now. */
  @FunctionalInterface
  public interface PodcastGuids {
    String podcastGuid(ShowConfig show);
  }

  private static final String LAYOUTS = SourceObjects.LAYOUTS;

  private final ObjectStore source;
  private final PodcastGuids guids;
  private final ParserSettings settings;
  private final boolean readsLayouts;
  /** Where the deployment serves the site ({@link #servedAt}); empty: not checked. */
  private final String siteAddress;
  /** The old feed addresses the deployment routes to the feed function; null: not checked. */
  private final List<String> routedOldFeeds;
  private volatile Cached cached;

  private record Cached(String generations, ShowContext context) {}

  /**
   * @param settings the parser's settings; the show's {@code episodeHostBaseURL} is added
   */
  public ShowContexts(ObjectStore source, PodcastGuids guids, ParserSettings settings) {
    this(source, guids, settings, true);
  }

  private ShowContexts(ObjectStore source, PodcastGuids guids, ParserSettings settings,
      boolean readsLayouts) {
    this(source, guids, settings, readsLayouts, "", null);
  }

  private ShowContexts(ObjectStore source, PodcastGuids guids, ParserSettings settings,
      boolean readsLayouts, String siteAddress, List<String> routedOldFeeds) {
    this.source = source;
    this.guids = guids;
    this.settings = settings;
    this.readsLayouts = readsLayouts;
    this.siteAddress = siteAddress;
    this.routedOldFeeds = routedOldFeeds == null ? null : List.copyOf(routedOldFeeds);
  }

  /**
   * These contexts, for a deployment that serves the site at {@code address} (Terraform's
   * domain, given to the functions as {@code SITE_BASE_URL}; empty for none): a
   * {@code config.toml} whose {@code baseURL} is another address is invalid, with an error
   * naming both, so nothing is published with links and feed guids on an address the site is
   * not at.
   */
  public ShowContexts servedAt(String address) {
    return new ShowContexts(source, guids, settings, readsLayouts, trimSlash(address),
        routedOldFeeds);
  }

  /**
   * These contexts, for a deployment whose load balancer sends {@code oldFeedPaths} to the feed
   * function (Terraform's {@code old_feed_paths}, given as {@code OLD_FEED_PATHS}): a
   * {@code podcast.toml} whose {@code oldFeedPaths} are others is invalid, naming both, for
   * the old subscribers would then be answered {@code 404}, or not by the feed function.
   */
  public ShowContexts routingOldFeeds(List<String> oldFeedPaths) {
    return new ShowContexts(source, guids, settings, readsLayouts, siteAddress, oldFeedPaths);
  }

  private static String trimSlash(String address) {
    return address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
  }

  /**
   * The contexts of a caller that renders no page and only checks episodes with the show's
   * parser (the CMS webhook): read from {@code config.toml} and {@code podcast.toml} alone.
   * {@code layouts/} is never listed or read, so such a caller needs no listing of the source
   * and no access to the templates; its contexts' renderers use the built-in theme, and are not
   * to render with. Whether a configuration is ready does not depend on the templates (the
   * channel check renders the feed, which has none).
   */
  public static ShowContexts withoutLayouts(ObjectStore source, PodcastGuids guids,
      ParserSettings settings) {
    return new ShowContexts(source, guids, settings, false);
  }

  /**
   * The context last read, without looking at the configuration's generations again: for a
   * caller on every request (the old feed addresses {@code serve} answers), where each event
   * has read the current one already. Empty before the first read.
   */
  public Optional<ShowContext> lastRead() {
    Cached current = cached;
    return current == null ? Optional.empty() : Optional.of(current.context());
  }

  /** The context at the configuration's current generations. */
  public ShowContext current() {
    StringBuilder generations = new StringBuilder();
    generations.append(source.generation(ShowConfigReader.CONFIG_FILE).orElse(0L)).append(',')
        .append(source.generation(ShowConfigReader.PODCAST_FILE).orElse(0L));
    List<String> layouts = !readsLayouts ? List.of() : source.list(LAYOUTS).stream()
        .filter(o -> SourceObjects.kind(o) == SourceObjects.Kind.CONFIGURATION).toList();
    for (String layout : layouts) {
      generations.append(',').append(layout).append('=')
          .append(source.generation(layout).orElse(0L));
    }
    Cached current = cached;
    if (current != null && current.generations().contentEquals(generations)) {
      return current.context();
    }
    ShowContext fresh = load(layouts);
    cached = new Cached(generations.toString(), fresh);
    return fresh;
  }

  /**
   * The parser episodes are checked with: the show's when its configuration is readable, else
   * one without the show's audio host (an episode is then checked on its own).
   */
  public EpisodeParser parser() {
    return current() instanceof ShowContext.Ready ready ? ready.parser()
        : new EpisodeParser(settings);
  }

  /** The text of {@code podcast.toml}, if the source has one (and it is not over the limit). */
  public Optional<String> podcastToml() {
    try {
      return text(ShowConfigReader.PODCAST_FILE);
    } catch (ObjectStore.ObjectTooLargeException tooLarge) {
      return Optional.empty();
    }
  }

  /** The most an episode file may have: what is larger is never read. */
  public long maxFileBytes() {
    return settings.maxFileBytes();
  }

  private Optional<String> text(String object) {
    return source.get(object, ShowConfigReader.MAX_BYTES)
        .map(o -> new String(o.content(), StandardCharsets.UTF_8));
  }

  private ShowContext load(List<String> layoutObjects) {
    Optional<ObjectStore.StoredObject> config;
    Optional<String> podcast;
    Map<String, byte[]> layouts = new HashMap<>();
    try {
      config = source.get(ShowConfigReader.CONFIG_FILE, ShowConfigReader.MAX_BYTES);
      podcast = text(ShowConfigReader.PODCAST_FILE);
      for (String object : layoutObjects) {
        source.get(object, ShowConfigReader.MAX_BYTES).ifPresent(o -> layouts.put(
            object.substring(LAYOUTS.length()), o.content()));
      }
    } catch (ObjectStore.ObjectTooLargeException tooLarge) {
      return new ShowContext.Invalid(List.of(new Problem(ProblemCode.CONFIG_INVALID,
          ShowConfigReader.CONFIG_FILE, 0, 0, tooLarge.getMessage() + " bytes: a configuration"
              + " or layout file that large is not read")));
    }
    if (config.isEmpty()) {
      return new ShowContext.Invalid(List.of(new Problem(ProblemCode.CONFIG_INVALID,
          ShowConfigReader.CONFIG_FILE, 0, 0, "the source has no config.toml: nothing is"
              + " published until it is there")));
    }
    ShowConfigReader.Result result = ShowConfigReader.read(
        new String(config.get().content(), StandardCharsets.UTF_8), ShowConfigReader.CONFIG_FILE,
        podcast, ShowConfigReader.PODCAST_FILE);
    if (result.config().isEmpty() || result.problems().stream().anyMatch(Problem::isError)) {
      return new ShowContext.Invalid(result.problems().isEmpty() ? List.of(new Problem(
          ProblemCode.CONFIG_INVALID, ShowConfigReader.CONFIG_FILE, 0, 0,
          "config.toml cannot be read")) : result.problems());
    }
    ShowConfig show = result.config().get();
    Optional<Problem> notServed = notServedAsDeployed(show,
        new String(config.get().content(), StandardCharsets.UTF_8), podcast);
    if (notServed.isPresent()) {
      return new ShowContext.Invalid(List.of(notServed.get()));
    }
    String podcastGuid = guids.podcastGuid(show);
    Renderers renderers = Renderers.of(show, new Templates(layouts), podcastGuid, true);
    List<Problem> problems = new ArrayList<>(result.problems());
    // The channel alone must pass the feed check, or no feed could ever be written.
    List<Problem> channel = channelProblems(renderers.feeds());
    if (channel.stream().anyMatch(Problem::isError)) {
      problems.addAll(channel);
      return new ShowContext.Invalid(problems);
    }
    return new ShowContext.Ready(show, new EpisodeParser(settings.forShow(show)), renderers,
        podcastGuid, problems);
  }

  /**
   * Why the deployment cannot publish {@code show} as configured, if it cannot: its
   * {@code baseURL} is not the address the site is served at ({@link #servedAt}), or its
   * {@code oldFeedPaths} are not the ones routed to the feed function ({@link #routingOldFeeds}).
   */
  private Optional<Problem> notServedAsDeployed(ShowConfig show, String configText,
      Optional<String> podcast) {
    if (!siteAddress.isEmpty() && !show.baseUrl().equals(siteAddress)) {
      return Optional.of(new Problem(ProblemCode.CONFIG_INVALID, ShowConfigReader.CONFIG_FILE,
          lineOf(configText, "baseURL"), 1, "config.toml's baseURL is " + show.baseUrl()
              + ", but this deployment serves the site at " + siteAddress + " (Terraform's"
              + " domains, SITE_BASE_URL): nothing is published until they agree;"
              + " set baseURL = \"" + siteAddress + "\" in config.toml, or the domain in"
              + " infra/terraform.tfvars"));
    }
    if (routedOldFeeds != null && !new java.util.HashSet<>(show.podcast().oldFeedPaths())
        .equals(new java.util.HashSet<>(routedOldFeeds))) {
      return Optional.of(new Problem(ProblemCode.CONFIG_INVALID,
          ShowConfigReader.PODCAST_FILE, podcast.map(t -> lineOf(t, "oldFeedPaths")).orElse(1),
          1, "podcast.toml's oldFeedPaths are " + show.podcast().oldFeedPaths() + ", but this"
              + " deployment sends " + routedOldFeeds + " to the feed function (Terraform's"
              + " old_feed_paths, OLD_FEED_PATHS): nothing is published until they agree, or"
              + " the old feeds' subscribers would lose the show"));
    }
    return Optional.empty();
  }

  /** The 1-based line of {@code text} where {@code key} is set (in any case, as Hugo's), else 1. */
  private static int lineOf(String text, String key) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.regionMatches(true, 0, key, 0, key.length())
          && line.substring(key.length()).stripLeading().startsWith("=")) {
        return i + 1;
      }
    }
    return 1;
  }

  /** The feed check's errors on an empty main feed, reported against config.toml. */
  private static List<Problem> channelProblems(FeedRenderer feeds) {
    List<Problem> problems = new ArrayList<>();
    feeds.render(List.of(), problems::add, path -> path.equals("/feed.xml"));
    return problems.stream().filter(Problem::isError)
        .map(p -> new Problem(ProblemCode.CONFIG_INVALID, ShowConfigReader.CONFIG_FILE, 0, 0,
            "the feed's channel breaks a rule (" + p.message() + "): fix the show's settings"))
        .toList();
  }

  /**
   * The contexts of {@code source}, whose {@code podcast:guid} is registered in {@code store} the
   * first time it is needed (the configured one, else one derived from the feed URL then) and
   * kept from then on, whatever the show's address becomes.
   */
  public static ShowContexts registered(ObjectStore source, EpisodeStore store,
      ParserSettings settings) {
    return new ShowContexts(source, show -> {
      if (!show.podcast().guid().isEmpty()) {
        return show.podcast().guid();
      }
      return store.podcastGuid().orElseGet(() -> store.transaction(tx -> {
        Optional<String> registered = tx.podcastGuid();
        if (registered.isPresent()) {
          return registered.get();
        }
        String derived = PodcastGuid.fromFeedUrl(show.feedUrl()).toString();
        tx.putPodcastGuid(derived);
        return derived;
      }));
    }, settings);
  }
}
