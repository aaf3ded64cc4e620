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

  private TermListings() {}

  /** The categories' (or the hosts') groups of {@code all}, live and newest first, by name. */
  public static List<Group> of(SitePaths paths, List<PublishedEpisode> all, boolean categories) {
    Map<String, List<Integer>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < all.size(); i++) {
      Episode e = all.get(i).episode();
      for (String term : categories ? e.categories() : e.hosts()) {
        List<Integer> positions = byName.computeIfAbsent(term, k -> new ArrayList<>());
        if (positions.isEmpty() || positions.get(positions.size() - 1) != i) {
          positions.add(i); // a term named twice by one episode lists it once
        }
      }
    }
    List<Group> groups = new ArrayList<>(byName.size());
    Set<String> taken = new HashSet<>();
    for (Map.Entry<String, List<Integer>> group : byName.entrySet()) {
      String path = categories ? paths.categoryPath(group.getKey())
          : paths.hostPath(group.getKey());
      if (taken.add(path)) {
        groups.add(new Group(group.getKey(), path, group.getValue()));
      }
    }
    return groups;
  }
}
