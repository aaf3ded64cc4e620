package dev.podcast.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.port.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: one new episode rewrites the same site files whatever the size of the show: its page,
 * its neighbour's, the home page, the newest listing page (listings are numbered from the
 * oldest), the feeds that include it and the newest pages of their archives, its category's
 * and host's newest pages, the archive's index, the term indexes and the newest sitemap file.
 * Counted as the site objects written or deleted, at 100 and at 400 episodes.
 */
class OneUploadWritesTest {

  /** The number, and so the date, of the episode uploaded last: after every other one. */
  private static final int NEWEST = 4_000;
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"),
      ZoneOffset.UTC);

  @Test
  void aNewEpisodeWritesTheSameFilesAt100And400Episodes() throws Exception {
    Set<String> small = writtenByTheNextEpisode(100);
    Set<String> large = writtenByTheNextEpisode(400);
    assertEquals(small.size(), large.size(), "at 100: " + small + "\nat 400: " + large);
    assertTrue(large.size() <= 40, large.size() + " files: " + large);
    assertTrue(large.contains("index.html") && large.contains("archive/45/index.html"), large
        .toString());
    assertTrue(large.stream().noneMatch(p -> p.startsWith("page/")), "Hugo's old pages stay");
    // Of the feeds' RFC 5005 archives (3 items a page here), only the newest pages change.
    assertTrue(large.contains("feed/archive/133.xml") && !large.contains("feed/archive/1.xml"),
        large.toString());
    // Category and host pages are numbered from the oldest too: the newest page changes.
    for (String term : new String[] {"categories/tech/", "hosts/ada/"}) {
      assertTrue(large.contains(term + "index.html") && large.contains(term
          + "archive/45/index.html") && !large.contains(term + "archive/1/index.html"),
          large.toString());
    }
    // So is the sitemap: the index names the files, the newest file lists the new page.
    assertTrue(large.contains("sitemap/episodes-1.xml") && !large.contains("sitemap.xml")
        && !large.contains("sitemap/pages-1.xml"), large.toString());
    System.out.println("one new episode at 400 writes " + large.size() + " files: " + large);
  }

  @Test
  void anEditInPlaceWritesOnlyItsListingPage() throws Exception {
    InMemoryObjectStore source = source();
    InMemoryObjectStore site = new InMemoryObjectStore(CLOCK);
    Publisher publisher = new Publisher(source, site, new InMemoryEpisodeStore(), CLOCK);
    for (int i = 0; i < 100; i++) {
      put(source, i, "Episode " + i);
    }
    publisher.publishAll();
    Map<String, Long> before = generations(site);
    String object = "content/post/episode-5/index.md";
    publisher.finalized(object, put(source, 5, "Episode 5, retitled"));
    Set<String> written = changed(before, generations(site));
    assertTrue(written.contains("archive/1/index.html"), written.toString());
    assertTrue(written.stream().noneMatch(p -> p.startsWith("archive/") && !p.equals(
        "archive/1/index.html") && !p.equals("archive/index.html")), written.toString());
    assertTrue(!written.contains("index.html"), "an old episode is not on the home page");
    // Its term pages' numbered page, not their first pages, the indexes or the sitemap.
    assertTrue(written.contains("categories/tech/archive/1/index.html")
        && !written.contains("categories/tech/index.html")
        && !written.contains("categories/index.html") && !written.contains("archive/index.html")
        && written.stream().noneMatch(p -> p.startsWith("sitemap")), written.toString());
  }

  @Test
  void aSiteKeptByChangesEqualsTheSiteBuiltAfresh() throws Exception {
    InMemoryObjectStore source = source();
    InMemoryObjectStore site = new InMemoryObjectStore(CLOCK);
    Publisher publisher = new Publisher(source, site, new InMemoryEpisodeStore(), CLOCK);
    for (int i = 0; i < 63; i++) { // 7 full pages of 9: the next episode starts an eighth
      put(source, i, "Episode " + i);
    }
    publisher.publishAll();
    // A new newest, a backdated one, an edit in place in the archive, a date moved, a delete.
    publisher.finalized(object(NEWEST), put(source, NEWEST, "Added " + NEWEST));
    // An eighth page: the seventh links to it now.
    FreshBuild.assertSiteIsAsBuiltAfresh(source, site, CLOCK);
    publisher.finalized(object(1_500), put(source, 1_500, "Added " + 1_500));
    publisher.finalized(object(3), put(source, 3, "Episode 3, retitled"));
    publisher.finalized(object(1_500), put(source, 1_500, 2, "Episode 1500, now older"));
    long generation = source.generation(object(20)).orElseThrow();
    source.delete(object(20));
    publisher.deleted(object(20), generation);
    FreshBuild.assertSiteIsAsBuiltAfresh(source, site, CLOCK);
  }

  private static String object(int n) {
    return "content/post/episode-" + n + "/index.md";
  }

  private Set<String> writtenByTheNextEpisode(int episodes) throws Exception {
    InMemoryObjectStore source = source();
    InMemoryObjectStore site = new InMemoryObjectStore(CLOCK);
    Publisher publisher = new Publisher(source, site, new InMemoryEpisodeStore(), CLOCK);
    for (int i = 0; i < episodes; i++) {
      put(source, i, "Episode " + i);
    }
    Publisher.Rebuilt rebuilt = publisher.publishAll();
    assertTrue(rebuilt.published() && rebuilt.errors() == 0, rebuilt.problems().toString());
    Map<String, Long> before = generations(site);
    long generation = put(source, NEWEST, "The newest");
    assertEquals(Result.Action.PUBLISHED, publisher.finalized(
        "content/post/episode-" + NEWEST + "/index.md", generation).outcome());
    return changed(before, generations(site));
  }

  private static InMemoryObjectStore source() throws Exception {
    InMemoryObjectStore source = new InMemoryObjectStore();
    source.put(new ObjectStore.Write("config.toml", Files.readAllBytes(
        Path.of("src/test/resources/site/config.toml")), "application/toml", ""));
    return source;
  }

  /** Episode {@code n}, dated {@code n} days after 2010-01-01, in category Tech with host Ada. */
  private static long put(InMemoryObjectStore source, int n, String title) {
    return put(source, n, n, title);
  }

  /** Episode {@code n} dated as episode {@code day} would be. */
  private static long put(InMemoryObjectStore source, int n, int day, String title) {
    String text = "+++\ntitle = \"" + title + "\"\ndate = \"" + LocalDate.of(2010, 1, 1)
        .plusDays(day % 5_000) + "\"\naudioFile = \"e" + n + ".mp3\"\naudioSize = 1000\n"
        + "audioDuration = \"1:00\"\ndescription = \"d\"\ncategories = [\"Tech\"]\n"
        + "hosts = [\"Ada\"]\n+++\nNotes of episode " + n + ".\n";
    return source.put(new ObjectStore.Write("content/post/episode-" + n + "/index.md",
        text.getBytes(StandardCharsets.UTF_8), "text/markdown", ""));
  }

  private static Map<String, Long> generations(InMemoryObjectStore site) {
    Map<String, Long> out = new HashMap<>();
    for (String name : site.list("")) {
      out.put(name, site.generation(name).orElseThrow());
    }
    return out;
  }

  /** The names written (new or a new generation) or deleted between {@code a} and {@code b}. */
  private static Set<String> changed(Map<String, Long> a, Map<String, Long> b) {
    Set<String> out = new TreeSet<>();
    b.forEach((name, generation) -> {
      if (!generation.equals(a.get(name))) {
        out.add(name);
      }
    });
    a.keySet().stream().filter(name -> !b.containsKey(name)).forEach(out::add);
    return out;
  }
}
