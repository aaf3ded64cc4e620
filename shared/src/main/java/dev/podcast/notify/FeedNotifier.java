package dev.podcast.notify;

import dev.podcast.port.NotificationLog;
import dev.podcast.port.NotificationLog.Entry;
import dev.podcast.port.ObjectStore;
import dev.podcast.port.Pings;
import dev.podcast.show.ShowConfig;
import dev.podcast.site.SitePaths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tells the services of the show's {@code [notify]} that its main feed (or a category feed that
 * {@code [notify] categories} names) changed, after the feed object is written: what the site
 * bucket's event for the feed runs in the cloud, and what {@code serve} runs when it writes it.
 *
 * <p>Coalesced: a write waits until {@value #QUIET_SECONDS} seconds after it, then tells only
 * if it is still the newest write of the feed (a newer write's own event tells of both), so a
 * burst of changes sends one request per service. A feed whose content is what the service was
 * last told of is not told again. Each service's outcome is kept in the {@link NotificationLog}:
 * a service told is not told again when the event comes again, and an attempt in flight on
 * another instance is not doubled.
 *
 * <p>Retries: a 5xx, a 408 or 429, a timeout or a refused connection is {@link Outcome#retry()}
 * (the caller makes the platform deliver the event again, with its backoff: Eventarc's, from
 * 10 seconds up to a day; locally, {@code serve}'s); a 4xx is recorded and not retried. After a
 * day a write is given up on. Never throws for what a service does; publishing never waits for
 * it. Thread-safe.
 */
public final class FeedNotifier {

  /** The main feed's object: the feed apps subscribe to. */
  public static final String MAIN_FEED = "feed.xml";
  static final int QUIET_SECONDS = 3;
  /** How long after a write the burst it belongs to is taken to be over. */
  public static final Duration QUIET = Duration.ofSeconds(QUIET_SECONDS);
  /** How long a write is told of before it is given up on. */
  public static final Duration GIVE_UP = Duration.ofDays(1);
  /** How long another instance's attempt is waited for before this one makes its own. */
  static final Duration CLAIM = Duration.ofMinutes(2);
  /** Podping's reason for a changed feed (the others, live and liveEnd, are for live items). */
  static final String REASON = "update";

  /** How the caller waits: {@link Thread#sleep} but in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * What telling of one write did.
   *
   * @param lines one per service (what it was sent and how it answered), or why none was told
   * @param retry whether a service is to be told again later (the event is to come again)
   */
  public record Outcome(List<String> lines, boolean retry) {
    public Outcome {
      lines = List.copyOf(lines);
    }
  }

  private final ObjectStore site;
  private final Supplier<Optional<ShowConfig>> show;
  private final NotificationLog log;
  private final Pings pings;
  private final String podpingToken;
  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * Tells of writes to {@code site} for the show {@code show} gives (empty while its
   * configuration is invalid), with {@code podpingToken} as Podping's {@code Authorization}.
   */
  public FeedNotifier(ObjectStore site, Supplier<Optional<ShowConfig>> show, NotificationLog log,
      Pings pings, String podpingToken, Clock clock, Sleeper sleeper) {
    this.site = Objects.requireNonNull(site, "site");
    this.show = Objects.requireNonNull(show, "show");
    this.log = Objects.requireNonNull(log, "log");
    this.pings = Objects.requireNonNull(pings, "pings");
    this.podpingToken = Objects.requireNonNull(podpingToken, "podpingToken");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * Whether {@code object} of the site may be a feed that is announced: the main feed, or a
   * category's ({@code categories/<c>/feed.xml}). A cheap look at the name, for the callers'
   * filters; {@link #written} decides with the show's configuration.
   */
  public static boolean mayAnnounce(String object) {
    return object.equals(MAIN_FEED) || object.endsWith("/feed.xml");
  }

  /**
   * Tells the show's services of {@code write}, if it is the newest write of an announced feed:
   * the main feed, or a category feed {@code [notify] categories} names.
   */
  public Outcome written(FeedWrite write) throws InterruptedException {
    if (!mayAnnounce(write.object())) {
      return new Outcome(List.of("not an announced feed: nobody is told"), false);
    }
    Optional<ShowConfig> config = show.get();
    if (config.isEmpty()) {
      return new Outcome(List.of("the show's configuration is invalid: nobody is told"), false);
    }
    if (!new SitePaths(config.get()).announced("/" + write.object())) {
      return new Outcome(List.of("not an announced feed ([notify] categories names the category"
          + " feeds announced): nobody is told"), false);
    }
    List<Target> targets = Target.of(config.get().podcast().notifications());
    if (targets.isEmpty()) {
      return new Outcome(List.of("no service in [notify]: nobody is told"), false);
    }
    Duration wait = Duration.between(clock.instant(), write.written().plus(QUIET));
    if (!wait.isNegative() && !wait.isZero()) {
      sleeper.sleep(wait.compareTo(QUIET) > 0 ? QUIET : wait);
    }
    Optional<Long> newest = site.generation(write.object());
    if (newest.isPresent() && newest.get() > write.generation()) {
      return new Outcome(List.of("a newer write (generation " + newest.get() + ") is told of"
          + " with this one"), false);
    }
    String feedUrl = config.get().absolute("/" + write.object());
    boolean giveUp = clock.instant().isAfter(write.written().plus(GIVE_UP));
    List<String> lines = new ArrayList<>();
    boolean retry = false;
    for (Target target : targets) {
      Told told = tell(target, feedUrl, write, giveUp);
      lines.add(target + ": " + told.line());
      retry |= told.retry();
    }
    return new Outcome(lines, retry);
  }

  private record Told(String line, boolean retry) {}

  private Told tell(Target target, String feedUrl, FeedWrite write, boolean giveUp) {
    String key = target.key(feedUrl);
    long generation = write.generation();
    Instant now = clock.instant();
    Entry claimed = log.update(key, e -> {
      if (e.done() >= generation) {
        return e; // told of it, or of a newer write, already
      }
      if (e.hash().equals(write.hash())) {
        return new Entry(generation, e.hash(), 0, Instant.EPOCH, 0,
            "unchanged since it was told: not told again", now);
      }
      if (giveUp) {
        return new Entry(generation, e.hash(), 0, Instant.EPOCH, e.attempts(),
            "given up: not told within a day (" + e.outcome() + ")", now);
      }
      if (e.claimed() >= generation && e.claimedAt().plus(CLAIM).isAfter(now)) {
        return e; // another instance is telling it
      }
      return new Entry(e.done(), e.hash(), generation, now, e.attempts(), e.outcome(), now);
    });
    if (claimed.done() >= generation) {
      return new Told(claimed.updated().equals(now) ? claimed.outcome()
          : "told already (" + claimed.outcome() + ")", false);
    }
    if (claimed.claimed() != generation || !claimed.claimedAt().equals(now)) {
      return new Told("another instance is telling it (since " + claimed.claimedAt() + ")",
          true);
    }
    Pings.Ping ping = target.ping(feedUrl, REASON, podpingToken);
    Pings.Delivery delivery = pings.send(ping);
    Instant after = clock.instant();
    String said = ping + " answered " + (delivery.status() == 0 ? delivery.detail()
        : delivery.status() + (delivery.detail().isEmpty() ? "" : " " + delivery.detail()));
    Entry recorded = log.update(key, e -> {
      if (e.done() >= generation) {
        return e;
      }
      return switch (delivery.outcome()) {
        case DELIVERED -> new Entry(generation, write.hash(), 0, Instant.EPOCH, 0,
            "told: " + said, after);
        case REFUSED -> new Entry(generation, e.hash(), 0, Instant.EPOCH, e.attempts() + 1,
            "refused, not retried: " + said, after);
        case RETRY -> new Entry(e.done(), e.hash(), 0, Instant.EPOCH, e.attempts() + 1,
            "to be retried (attempt " + (e.attempts() + 1) + "): " + said, after);
      };
    });
    return new Told(recorded.outcome(), delivery.outcome() == Pings.Outcome.RETRY
        && recorded.done() < generation);
  }
}
