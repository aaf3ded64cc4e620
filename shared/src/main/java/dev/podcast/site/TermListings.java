package dev.podcast.site;

import dev.podcast.episode.Episode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The episodes each category's or host's page lists, as Hugo grouped them: by name, two
 * spellings of a name ({@code IoT}, {@code iot}) in one group, and a group whose page another
 * group took already left out. What {@link ListingRenderer} renders and what a change looks up
 * to know which of those pages it alters. Pure.
 */
public final class TermListings {

  /**
   * One term's page: its name, the folder of its first page, and the positions (0: the newest)
   * of its episodes among all the live ones, newest first.
   */
  public record Group(String name, String path, List<Integer> positions) {
    public Group {
      positions = List.copyOf(positions);
    }
  }

  /** The categories' and the hosts' groups of one list of live episodes. */
  public record Terms(List<Group> categories, List<Group> hosts) {
    public Terms {
      categories = List.copyOf(categories);
      hosts = List.copyOf(hosts);
    }

    /** The groups of {@code all}, live and newest first. */
    public static Terms of(SitePaths paths, List<PublishedEpisode> all) {
      return new Terms(TermListings.of(paths, all, true), TermListings.of(paths, all, false));
    }

    /** Both kinds of groups, categories first. */
    public List<Group> all() {
      List<Group> all = new ArrayList<>(categories);
      all.addAll(hosts);
      return all;
    }
  }

  private TermListings() {}

  /** The categories' (or the hosts') groups of {@code all}, live and newest first, by name. */
  public static List<Group> of(SitePaths paths, List<PublishedEpisode> all, boolean categories) {
    // Each spelling first (one hash lookup per term an episode names), in the order first seen,
    // then the spellings of one name together: a few hundred comparisons, not one per episode.
    Map<String, List<Integer>> bySpelling = new java.util.LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      Episode e = all.get(i).episode();
      for (String term : categories ? e.categories() : e.hosts()) {
        List<Integer> positions = bySpelling.computeIfAbsent(term, k -> new ArrayList<>());
        if (positions.isEmpty() || positions.get(positions.size() - 1) != i) {
          positions.add(i); // a term named twice by one episode lists it once
        }
      }
    }
    Map<String, List<Integer>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Set<String> merged = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, List<Integer>> spelling : bySpelling.entrySet()) {
      List<Integer> known = byName.putIfAbsent(spelling.getKey(), spelling.getValue());
      if (known != null) {
        List<Integer> both = new ArrayList<>(known);
        both.addAll(spelling.getValue());
        byName.put(spelling.getKey(), both);
        merged.add(spelling.getKey());
      }
    }
    List<Group> groups = new ArrayList<>(byName.size());
    Set<String> taken = new HashSet<>();
    for (Map.Entry<String, List<Integer>> group : byName.entrySet()) {
      String path = categories ? paths.categoryPath(group.getKey())
          : paths.hostPath(group.getKey());
      if (taken.add(path)) {
        List<Integer> positions = group.getValue();
        if (merged.contains(group.getKey())) {
          positions = positions.stream().distinct().sorted().toList();
        }
        groups.add(new Group(group.getKey(), path, positions));
      }
    }
    return groups;
  }
}
