package dev.podcast.feed;

import dev.podcast.show.ShowConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A show's cadence read from its latest episodes: the {@code podcast:updateFrequency} a feed
 * carries when {@code podcast.toml} names none. Only a clear one: at least
 * {@value #MIN_EPISODES} episodes, and most of the gaps between the latest
 * {@value #LOOKED_AT} within a third of their median, which is a day, a week, two weeks or a
 * month. From the episodes' dates alone, never the clock, so an unchanged show gives the same
 * feed.
 */
final class Cadence {

  static final int MIN_EPISODES = 4;
  static final int LOOKED_AT = 10;

  /** A cadence: its gap in days, its label and its RFC 5545 rule. */
  private record Rule(double days, String label, String rrule) {}

  private static final List<Rule> RULES = List.of(
      new Rule(1, "Daily", "FREQ=DAILY"),
      new Rule(7, "Weekly", "FREQ=WEEKLY"),
      new Rule(14, "Every two weeks", "FREQ=WEEKLY;INTERVAL=2"),
      new Rule(30.4, "Monthly", "FREQ=MONTHLY"));

  private Cadence() {}

  /** The cadence of {@code newestFirst}'s latest episodes, if it is a clear one. */
  static Optional<ShowConfig.UpdateFrequency> of(Iterable<FeedEntry> newestFirst) {
    List<Instant> dates = new ArrayList<>(LOOKED_AT);
    Iterator<FeedEntry> it = newestFirst.iterator();
    while (it.hasNext() && dates.size() < LOOKED_AT) {
      dates.add(it.next().date());
    }
    if (dates.size() < MIN_EPISODES) {
      return Optional.empty();
    }
    List<Double> gaps = new ArrayList<>();
    for (int i = 1; i < dates.size(); i++) {
      gaps.add(Duration.between(dates.get(i), dates.get(i - 1)).toMinutes() / (24.0 * 60));
    }
    List<Double> sorted = gaps.stream().sorted().toList();
    double median = sorted.get(sorted.size() / 2);
    long near = gaps.stream().filter(g -> Math.abs(g - median) <= median / 3).count();
    if (median <= 0 || near * 3 < gaps.size() * 2) {
      return Optional.empty(); // irregular: no cadence is claimed
    }
    for (Rule rule : RULES) {
      if (Math.abs(median - rule.days()) <= rule.days() / 4) {
        return Optional.of(new ShowConfig.UpdateFrequency(rule.label(), rule.rrule(), false, ""));
      }
    }
    return Optional.empty();
  }
}
