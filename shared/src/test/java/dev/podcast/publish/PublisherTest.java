package dev.podcast.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.adapter.memory.InMemoryEpisodeStore;
import dev.podcast.adapter.memory.InMemoryObjectStore;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import dev.podcast.testing.ForwardingEpisodeStore;
import dev.podcast.testing.ForwardingObjectStore;
import dev.podcast.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The publish use case under the way Cloud Functions deliver events, on in-memory adapters. */
class PublisherTest {

  private static final Path SITE = Path.of("src/test/resources/site");
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final String EP101 = "content/post/episode-101-iot-core/index.md";
  private static final String BASE = "https://www.gcppodcast.com";

  private final MovableClock clock = new MovableClock(NOW);
  private final InMemoryObjectStore source = new InMemoryObjectStore();
  // The site's times are the publisher's: a rebuild removes what was written before it began.
  private final InMemoryObjectStore site = new InMemoryObjectStore(clock);
  private final InMemoryEpisodeStore store = new InMemoryEpisodeStore();

  PublisherTest() throws Exception {
    // The test show's config, with every item in the main feed.
    upload("config.toml", Files.readString(SITE.resolve("config.toml"))
        .replace("feedItemLimit = 3", "feedItemLimit = 300"));
  }

  private Publisher publisher(ObjectStore siteStore, EpisodeStore episodes) {
    return new Publisher(source, siteStore, episodes, clock);
  }

  private Publisher publisher() {
    return publisher(site, store);
  }

  private long upload(String name, String text) {
    return source.put(new ObjectStore.Write(name, text.getBytes(StandardCharsets.UTF_8),
        "text/markdown", ""));
  }

  private String real(String folder) throws Exception {
    return Files.readString(SITE.resolve("content/post/" + folder + "/index.md"));
  }

  private String feed() {
    return new String(site.get("feed.xml").orElseThrow().content(), StandardCharsets.UTF_8);
  }

  private static int items(String feed) {
    return feed.split("<item>", -1).length - 1;
  }

  private static String episode(int n) {
    return "+++\ntitle = \"Episode " + n + "\"\ndate = \"2020-01-" + String.format("%02d", n % 28
        + 1) + "T" + String.format("%02d", n % 24) + ":00:00Z\"\naudioFile = \"e" + n + ".mp3\"\n"
        + "audioSize = 10\naudioDuration = \"00:01:00\"\ndescription = \"d\"\n"
        + "categories = [\"Go\"]\n+++\nNotes " + n + ".\n";
  }

  @Test
  void anUploadPublishesPageRecordAndFeeds() throws Exception {
    long generation = upload(EP101, real("episode-101-iot-core"));
    Result result = publisher().finalized(EP101, generation);
    assertEquals(Result.Action.PUBLISHED, result.outcome(), result.problems().toString());
    assertTrue(site.get("post/episode-101-iot-core/index.html").isPresent());
    assertTrue(site.get("post/episode-101-iot-core/transcript.json").isPresent());
    assertTrue(feed().contains("<guid isPermaLink=\"true\">" + BASE
        + "/post/episode-101-iot-core/</guid>"));
    assertTrue(site.get("index.html").isPresent());
    assertEquals(EpisodeStore.Outcome.PUBLISHED, store.source(EP101).orElseThrow().outcome());
  }

  @Test
  void aGuidInFrontMatterIsTheItemsGuidFromItsFirstPublicationOn() {
    String object = "content/post/episode-1/index.md";
    String text = episode(1).replace("+++\ntitle", "+++\nguid = \"libsyn-4f2a9\"\ntitle");
    Result first = publisher().finalized(object, upload(object, text));
    assertEquals(Result.Action.PUBLISHED, first.outcome(), first.problems().toString());
    assertTrue(feed().contains("<guid isPermaLink=\"false\">libsyn-4f2a9</guid>"), feed());
    // Another guid later: the first stays (apps know the episode by it), with a warning.
    Result second = publisher().finalized(object, upload(object,
        text.replace("libsyn-4f2a9", "other")));
    assertEquals(Result.Action.PUBLISHED, second.outcome());
    assertTrue(second.problems().stream().anyMatch(p -> p.code() == ProblemCode.GUID_KEPT),
        second.problems().toString());
    assertTrue(feed().contains("<guid isPermaLink=\"false\">libsyn-4f2a9</guid>"), feed());
  }

  /** Timestamp lines in the notes: chapters.json beside the page, podcast:chapters in the feed. */
  @Test
  void chaptersInTheNotesArePublishedBesideThePageAndGoWhenTheyGo() {
    String object = "content/post/episode-3/index.md";
    String text = episode(3).replace("Notes 3.\n", "Notes 3.\n\n00:00 Intro\n00:15 News\n"
        + "(00:40) Questions & answers\n");
    Result result = publisher().finalized(object, upload(object, text));
    assertEquals(Result.Action.PUBLISHED, result.outcome(), result.problems().toString());
    String chapters = new String(site.get("post/episode-3/chapters.json").orElseThrow()
        .content(), StandardCharsets.UTF_8);
    assertEquals("{\"version\":\"1.2.0\",\"chapters\":[{\"startTime\":0,\"title\":\"Intro\"},"
        + "{\"startTime\":15,\"title\":\"News\"},{\"startTime\":40,\"title\":"
        + "\"Questions & answers\"}]}", chapters);
    assertTrue(feed().contains("<podcast:chapters url=\"" + BASE
        + "/post/episode-3/chapters.json\" type=\"application/json+chapters\"/>"), feed());
    Result edited = publisher().finalized(object, upload(object, episode(3)));
    assertEquals(Result.Action.PUBLISHED, edited.outcome());
    assertFalse(site.get("post/episode-3/chapters.json").isPresent(), "gone with the chapters");
    assertFalse(feed().contains("podcast:chapters"));
  }

  @Test
  void anUnusableGuidInFrontMatterRejectsTheUploadNamingTheField() {
    String object = "content/post/episode-2/index.md";
    String text = episode(2).replace("+++\ntitle", "+++\nguid = \"a\\u0007b\"\ntitle");
    Result result = publisher().finalized(object, upload(object, text));
    assertEquals(Result.Action.REJECTED, result.outcome());
    assertTrue(result.problems().stream().anyMatch(p -> p.code() == ProblemCode.BAD_GUID
        && p.line() == 2), result.problems().toString());
  }

  @Test
  void theSameEventTwiceOrThreeTimesHasOneEffect() throws Exception {
    long generation = upload(EP101, real("episode-101-iot-core"));
    publisher().finalized(EP101, generation);
    Map<String, Long> after = generations(site);
    long version = store.version();
    for (int i = 0; i < 2; i++) {
      assertEquals(Result.Action.DUPLICATE, publisher().finalized(EP101, generation).outcome());
    }
    assertEquals(after, generations(site), "nothing rewritten");
    assertEquals(version, store.version());
  }

  @Test
  void anOlderGenerationNeverReplacesANewerOne() {
    long first = upload("content/post/x/index.md", episode(1).replace("Episode 1", "Old"));
    long second = upload("content/post/x/index.md", episode(1).replace("Episode 1", "New"));
    assertEquals(Result.Action.PUBLISHED, publisher().finalized("content/post/x/index.md",
        second).outcome());
    assertEquals(Result.Action.STALE, publisher().finalized("content/post/x/index.md", first)
        .outcome());
    assertTrue(feed().contains("<title>New</title>"));
    assertFalse(feed().contains("<title>Old</title>"));
  }

  @Test
  void aDeleteFollowedByALateFinalizeOfTheDeletedGenerationDoesNotResurrect() {
    long generation = upload("content/post/x/index.md", episode(1));
    publisher().finalized("content/post/x/index.md", generation);
    source.delete("content/post/x/index.md");
    assertEquals(Result.Action.DELETED, publisher().deleted("content/post/x/index.md",
        generation).outcome());
    assertEquals(Result.Action.STALE, publisher().finalized("content/post/x/index.md",
        generation).outcome());
    assertEquals(0, items(feed()));
    assertTrue(site.get("post/x/index.html").isEmpty(), "pages removed");
  }

  @Test
  void anInvalidFileIsRecordedAndTheLastGoodVersionStaysLive() {
    long good = upload("content/post/x/index.md", episode(1));
    publisher().finalized("content/post/x/index.md", good);
    long bad = upload("content/post/x/index.md", "+++\ntitle = \"Broken\"\ndate = \"soon\"\n+++\n");
    Result result = publisher().finalized("content/post/x/index.md", bad);
    assertEquals(Result.Action.REJECTED, result.outcome());
    EpisodeStore.SourceRecord record = store.source("content/post/x/index.md").orElseThrow();
    assertEquals(EpisodeStore.Outcome.REJECTED, record.outcome());
    assertTrue(record.problems().get(0).contains("[bad-date]"), record.problems().toString());
    assertTrue(feed().contains("<title>Episode 1</title>"));
    assertTrue(site.get("post/x/index.html").isPresent());
  }

  @Test
  void fiftyUploadsAtTheSameMomentAllEndUpInTheFeed() throws Exception {
    List<Long> generations = new ArrayList<>();
    for (int n = 1; n <= 50; n++) {
      generations.add(upload("content/post/e" + n + "/index.md", episode(n)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Result>> results = new ArrayList<>();
      for (int n = 1; n <= 50; n++) {
        int k = n;
        results.add(pool.submit(() -> publisher().finalized("content/post/e" + k + "/index.md",
            generations.get(k - 1))));
      }
      for (Future<Result> r : results) {
        assertEquals(Result.Action.PUBLISHED, r.get().outcome());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(50, items(feed()));
    String json = new String(site.get("feed.json").orElseThrow().content(),
        StandardCharsets.UTF_8);
    assertEquals(50, json.split("\"attachments\"", -1).length - 1);
  }

  @Test
  void aFailureAtEachStepThenTheRetryEndsAsTheUndisturbedRun() throws Exception {
    String text = real("episode-101-iot-core");
    // The undisturbed run.
    long generation = upload(EP101, text);
    publisher().finalized(EP101, generation);
    Map<String, String> expected = contents(site);

    for (int failAt = 1; failAt <= 12; failAt++) {
      InMemoryObjectStore freshSite = new InMemoryObjectStore();
      InMemoryEpisodeStore freshStore = new InMemoryEpisodeStore();
      FailingSite failing = new FailingSite(freshSite, failAt);
      Publisher disturbed = publisher(failing, freshStore);
      try {
        disturbed.finalized(EP101, generation);
      } catch (ObjectStore.StoreUnavailableException injected) {
        // the platform retries the event
      }
      failing.failAt = Integer.MAX_VALUE;
      disturbed.finalized(EP101, generation);
      assertEquals(expected.keySet(), contents(freshSite).keySet(), "files after failure at "
          + failAt);
      assertEquals(expected, contents(freshSite), "content after failure at " + failAt);
      assertTrue(failing.violations.isEmpty(), failing.violations.toString());
    }
  }

  @Test
  void aFirestoreFailureAtEachTransactionThenTheRetryEndsAsTheUndisturbedRun() throws Exception {
    long generation = upload(EP101, real("episode-101-iot-core"));
    publisher().finalized(EP101, generation);
    Map<String, String> expected = contents(site);
    for (int failAt = 1; failAt <= 4; failAt++) {
      InMemoryObjectStore freshSite = new InMemoryObjectStore();
      FailingStore failing = new FailingStore(new InMemoryEpisodeStore(), failAt);
      Publisher disturbed = publisher(freshSite, failing);
      try {
        disturbed.finalized(EP101, generation);
      } catch (ObjectStore.StoreUnavailableException injected) {
        // the platform retries the event
      }
      failing.failAt = Integer.MAX_VALUE;
      disturbed.finalized(EP101, generation);
      assertEquals(expected, contents(freshSite), "after a failure at transaction " + failAt);
      assertEquals(EpisodeStore.Outcome.PUBLISHED, failing.source(EP101).orElseThrow()
          .outcome());
    }
  }

  /** An episode store whose {@code failAt}-th transaction fails before committing. */
  private static final class FailingStore extends ForwardingEpisodeStore {
    private final AtomicInteger transactions = new AtomicInteger();
    volatile int failAt;

    FailingStore(EpisodeStore delegate, int failAt) {
      super(delegate);
      this.failAt = failAt;
    }

    @Override
    public <T> T transaction(java.util.function.Function<Transaction, T> work) {
      if (transactions.incrementAndGet() == failAt) {
        throw new ObjectStore.StoreUnavailableException("injected Firestore failure", null);
      }
      return delegate.transaction(work);
    }
  }

  @Test
  void aFeedNeverLinksToAPageThatDoesNotExist() {
    FailingSite checking = new FailingSite(site, Integer.MAX_VALUE);
    long third = 0;
    for (int n = 1; n <= 5; n++) {
      long g = upload("content/post/e" + n + "/index.md", episode(n));
      third = n == 3 ? g : third;
      publisher(checking, store).finalized("content/post/e" + n + "/index.md", g);
    }
    source.delete("content/post/e3/index.md");
    assertEquals(Result.Action.STALE, publisher(checking, store)
        .deleted("content/post/e3/index.md", third - 1).outcome(), "an older generation");
    publisher(checking, store).deleted("content/post/e3/index.md", third);
    assertEquals(4, items(feed()));
    assertTrue(checking.violations.isEmpty(), checking.violations.toString());
  }

  @Test
  void aChangeRewritesWhatListsTheEpisodeBeforeAndAfterAndNothingElse() {
    String a = episode(1).replace("categories = [\"Go\"]", "categories = [\"Alpha\"]");
    String b = episode(2).replace("categories = [\"Go\"]", "categories = [\"Beta\"]");
    publisher().finalized("content/post/e1/index.md", upload("content/post/e1/index.md", a));
    publisher().finalized("content/post/e2/index.md", upload("content/post/e2/index.md", b));
    long beta = site.generation("categories/beta/index.html").orElseThrow();
    long betaFeed = site.generation("categories/beta/feed.xml").orElseThrow();
    String moved = a.replace("categories = [\"Alpha\"]", "categories = [\"Gamma\"]");
    publisher().finalized("content/post/e1/index.md", upload("content/post/e1/index.md", moved));
    assertTrue(site.get("categories/alpha/index.html").isEmpty(),
        "the category that no episode has any more is gone");
    assertTrue(site.get("categories/alpha/feed.xml").isEmpty());
    assertTrue(new String(site.get("categories/gamma/index.html").orElseThrow().content(),
        StandardCharsets.UTF_8).contains("/post/e1/"), "the new category lists it");
    assertTrue(new String(site.get("categories/gamma/feed.xml").orElseThrow().content(),
        StandardCharsets.UTF_8).contains("/post/e1/"));
    assertEquals(beta, site.generation("categories/beta/index.html").orElseThrow(),
        "an unrelated category page is not rewritten");
    assertEquals(betaFeed, site.generation("categories/beta/feed.xml").orElseThrow());
  }

  // ---- Scheduled publication (publishDue) ----

  @Test
  void aScheduledEpisodeGoesLiveWhenPublishDueRunsAfterItsTimeAndNotBefore() {
    publisher().finalized("content/post/e1/index.md", upload("content/post/e1/index.md",
        episode(1)));
    String future = episode(2).replace("date = \"2020-01-03T02:00:00Z\"",
        "date = \"2026-11-25T13:00:00Z\"");
    publisher().finalized("content/post/e2/index.md", upload("content/post/e2/index.md", future));
    assertEquals(1, items(feed()));
    assertTrue(site.get("post/e2/index.html").isEmpty(), "no page before its time");
    assertEquals(0, publisher().publishDue(), "not yet");
    assertTrue(site.get("post/e2/index.html").isEmpty());

    clock.set(Instant.parse("2026-11-25T13:00:00Z"));
    assertEquals(1, publisher().publishDue());
    assertEquals(2, items(feed()));
    assertTrue(feed().contains("<title>Episode 2</title>"));
    assertTrue(site.get("post/e2/index.html").isPresent());
    assertTrue(page("post/e1/index.html").contains("href=\"/post/e2/\" rel=\"next\""),
        "the older neighbour links to it");

    Map<String, Long> after = generations(site);
    long version = store.version();
    for (int i = 0; i < 3; i++) {
      assertEquals(0, publisher().publishDue(), "safe to call again");
    }
    assertEquals(after, generations(site), "nothing rewritten");
    assertEquals(version, store.version());
  }

  @Test
  void anExpiredEpisodeIsTakenDownByPublishDue() {
    String expiring = episode(1).replace("+++\nNotes", "expiryDate = \"2026-11-26T00:00:00Z\"\n"
        + "+++\nNotes");
    publisher().finalized("content/post/e1/index.md", upload("content/post/e1/index.md",
        expiring));
    publisher().finalized("content/post/e2/index.md", upload("content/post/e2/index.md",
        episode(2)));
    assertEquals(2, items(feed()));
    clock.set(Instant.parse("2026-11-26T00:00:00Z"));
    assertEquals(0, publisher().publishDue(), "none went live");
    assertEquals(1, items(feed()));
    assertFalse(feed().contains("/post/e1/"));
    assertTrue(site.get("post/e1/index.html").isEmpty(), "its page is gone");
    assertFalse(page("post/e2/index.html").contains("/post/e1/"), "no link to it is left");
  }

  @Test
  void publishDueLeavesARecordThatChangedSinceItWasFoundDue() {
    String future = episode(1).replace("date = \"2020-01-02T01:00:00Z\"",
        "date = \"2026-11-25T13:00:00Z\"");
    publisher().finalized("content/post/e1/index.md", upload("content/post/e1/index.md", future));
    clock.set(Instant.parse("2026-11-25T14:00:00Z"));
    // A newer version of the file lands after the record was found due, before its event ran.
    upload("content/post/e1/index.md", future.replace("Episode 1", "Episode 1, again"));
    assertEquals(0, publisher().publishDue());
    assertTrue(site.get("post/e1/index.html").isEmpty(), "the newer file's event publishes it");
  }

  // ---- Neighbours, images, configuration ----

  @Test
  void neighboursLinksFollowPublishesAndDeletes() {
    long[] generations = new long[4];
    for (int n = 1; n <= 3; n++) {
      generations[n] = upload("content/post/e" + n + "/index.md", episode(n));
      publisher().finalized("content/post/e" + n + "/index.md", generations[n]);
    }
    assertTrue(page("post/e2/index.html").contains("href=\"/post/e1/\" rel=\"prev\""));
    assertTrue(page("post/e2/index.html").contains("href=\"/post/e3/\" rel=\"next\""));
    assertTrue(page("post/e1/index.html").contains("href=\"/post/e2/\" rel=\"next\""));
    assertTrue(page("post/e3/index.html").contains("href=\"/post/e2/\" rel=\"prev\""));
    source.delete("content/post/e2/index.md");
    publisher().deleted("content/post/e2/index.md", generations[2]);
    assertTrue(page("post/e1/index.html").contains("href=\"/post/e3/\" rel=\"next\""),
        page("post/e1/index.html"));
    assertTrue(page("post/e3/index.html").contains("href=\"/post/e1/\" rel=\"prev\""));
    // A date change moves an episode: its old and new neighbours are re-rendered.
    String moved = episode(1).replace("2020-01-02T01:00:00Z", "2020-02-01T00:00:00Z");
    publisher().finalized("content/post/e1/index.md", upload("content/post/e1/index.md", moved));
    assertFalse(page("post/e3/index.html").contains("rel=\"prev\""), "e3 is now the oldest");
    assertTrue(page("post/e3/index.html").contains("href=\"/post/e1/\" rel=\"next\""));
    assertTrue(page("post/e1/index.html").contains("href=\"/post/e3/\" rel=\"prev\""));
  }

  @Test
  void imagesAndOtherFilesAreCopiedWithTheDerivedSizesAndDeletedWithTheirSource()
      throws Exception {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(1600, 1600,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", png);
    String object = "content/post/My Show/cover.png";
    long generation = source.put(new ObjectStore.Write(object, png.toByteArray(), "image/png",
        ""));
    assertEquals(Result.Action.COPIED, publisher().finalized(object, generation).outcome());
    assertTrue(java.util.Arrays.equals(png.toByteArray(),
        site.get("post/my-show/cover.png").orElseThrow().content()));
    for (String variant : List.of("square", "social", "thumb")) {
      assertEquals("image/jpeg", site.get("post/my-show/cover." + variant + ".jpg").orElseThrow()
          .contentType());
    }
    long pdf = source.put(new ObjectStore.Write("static/files/notes.pdf", new byte[] {1, 2},
        "application/pdf", ""));
    assertEquals(Result.Action.COPIED, publisher().finalized("static/files/notes.pdf", pdf)
        .outcome());
    assertTrue(site.get("files/notes.pdf").isPresent());
    // An older generation never replaces the newer copy.
    long newer = source.put(new ObjectStore.Write("static/files/notes.pdf", new byte[] {3},
        "application/pdf", ""));
    publisher().finalized("static/files/notes.pdf", newer);
    assertEquals(Result.Action.STALE, publisher().finalized("static/files/notes.pdf", pdf)
        .outcome());
    assertEquals(1, site.get("files/notes.pdf").orElseThrow().content().length);

    source.delete(object);
    assertEquals(Result.Action.DELETED, publisher().deleted(object, generation).outcome());
    assertTrue(site.list("post/my-show/").isEmpty(), site.list("post/my-show/").toString());
    assertEquals(Result.Action.IGNORED, publisher().finalized("notes/todo.txt", 1).outcome());
    assertEquals(Result.Action.IGNORED, publisher().finalized("static/../x.png", 1).outcome(),
        "a name that leaves the site is not copied");
  }

  @Test
  void aConfigurationOrLayoutChangeReRendersEverything() throws Exception {
    for (int n = 1; n <= 3; n++) {
      publisher().finalized("content/post/e" + n + "/index.md",
          upload("content/post/e" + n + "/index.md", episode(n)));
    }
    String config = Files.readString(SITE.resolve("config.toml"))
        .replace("feedItemLimit = 3", "feedItemLimit = 300");
    String renamed = config.replaceFirst("title = \"[^\"]*\"", "title = \"Renamed Show\"");
    assertTrue(!renamed.equals(config));
    long generation = upload("config.toml", renamed);
    assertEquals(Result.Action.REBUILT, publisher().finalized("config.toml", generation)
        .outcome());
    assertTrue(feed().contains("<title>Renamed Show</title>"), "the feed");
    for (int n = 1; n <= 3; n++) {
      assertTrue(page("post/e" + n + "/index.html").contains("Renamed Show"), "page " + n);
    }
    assertEquals(3, items(feed()));

    String theme = new String(Publisher.class.getClassLoader().getResourceAsStream(
        "dev/podcast/site/theme/episode.mustache").readAllBytes(), StandardCharsets.UTF_8);
    long layout = upload("layouts/episode.mustache", theme
        + "<p>Custom layout</p>\n");
    assertEquals(Result.Action.REBUILT, publisher().finalized("layouts/episode.mustache",
        layout).outcome());
    assertTrue(page("post/e2/index.html").contains("Custom layout"));
    source.delete("layouts/episode.mustache");
    publisher().deleted("layouts/episode.mustache", layout);
    assertFalse(page("post/e2/index.html").contains("Custom layout"), "back to the theme");
  }

  // ---- The whole site, every time ----

  @Test
  void everySinglePublishLeavesAWholeSite() {
    publisher().finalized("content/post/e1/index.md", upload("content/post/e1/index.md",
        episode(1)));
    for (String name : List.of("sitemap.xml", "robots.txt", "404.html", "css/site.css",
        "index.html", "archive/index.html", "categories/index.html", "categories/go/index.html",
        "categories/go/feed.xml", "hosts/index.html", "feed.xml", "feed.json")) {
      assertTrue(site.get(name).isPresent(), name);
    }
    assertTrue(new String(site.get("sitemap.xml").orElseThrow().content(),
        StandardCharsets.UTF_8).contains(BASE + "/sitemap/episodes-1.xml"), "the index");
    assertTrue(new String(site.get("sitemap/episodes-1.xml").orElseThrow().content(),
        StandardCharsets.UTF_8).contains(BASE + "/post/e1/"));
    publisher().finalized("content/post/e2/index.md", upload("content/post/e2/index.md",
        episode(2)));
    assertTrue(new String(site.get("sitemap/episodes-1.xml").orElseThrow().content(),
        StandardCharsets.UTF_8).contains(BASE + "/post/e2/"), "the sitemap lists the new page");
  }

  @Test
  void fewerHomePagesLeaveNoStaleOneBehind() throws Exception {
    String config = Files.readString(SITE.resolve("config.toml"))
        .replace("feedItemLimit = 3", "feedItemLimit = 300");
    for (int n = 1; n <= 20; n++) {
      publisher().finalized("content/post/e" + n + "/index.md",
          upload("content/post/e" + n + "/index.md", episode(n)));
    }
    assertTrue(site.get("page/3/index.html").isPresent(), "9 a page: 3 pages");
    Result rebuilt = publisher().finalized("config.toml", upload("config.toml",
        config.replace("paginate = 9", "paginate = 15")));
    assertEquals(Result.Action.REBUILT, rebuilt.outcome(), rebuilt.toString());
    assertTrue(site.get("page/2/index.html").isPresent());
    assertTrue(site.get("page/3/index.html").isEmpty(), "the old third page is gone");
    for (int n = 20; n >= 15; n--) {
      source.delete("content/post/e" + n + "/index.md");
      publisher().deleted("content/post/e" + n + "/index.md", 1L << 62);
    }
    assertEquals(14, items(feed()));
    assertTrue(site.get("page/2/index.html").isEmpty(), "14 episodes fit on one page");
  }

  @Test
  void editorsLeftoversAreNeverPublished() {
    for (String leftover : List.of("content/post/e1/.index.md.swp", "content/post/e1/index.md~",
        "content/post/e1/4913", "content/post/e1/.#index.md", "content/post/e1/#index.md#",
        "static/images/.DS_Store", "content/post/e1/index.md.tmp")) {
      long g = source.put(new ObjectStore.Write(leftover, new byte[] {1}, "text/plain", ""));
      assertEquals(Result.Action.IGNORED, publisher().finalized(leftover, g).outcome(), leftover);
    }
    publisher().finalized("content/post/e1/index.md", upload("content/post/e1/index.md",
        episode(1)));
    publisher().publishAll();
    assertEquals(List.of(), site.list("post/e1/").stream()
        .filter(name -> !name.equals("post/e1/index.html")).toList(), "only the page");
  }

  @Test
  void anImageThatArrivesAfterItsEpisodeIsUsedWhenItArrivesAndLeftWhenItGoes()
      throws Exception {
    String withImage = episode(1).replace("+++\nNotes", "image = \"/images/e1.png\"\n+++\nNotes");
    publisher().finalized("content/post/e1/index.md", upload("content/post/e1/index.md",
        withImage));
    assertFalse(page("post/e1/index.html").contains("/images/e1.square.jpg"),
        "no link to an image the site does not have");
    assertFalse(feed().contains("e1.square.jpg"));
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(1400, 1400,
        java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
    long image = source.put(new ObjectStore.Write("static/images/e1.png", png.toByteArray(),
        "image/png", ""));
    assertEquals(Result.Action.COPIED, publisher().finalized("static/images/e1.png", image)
        .outcome());
    assertTrue(page("post/e1/index.html").contains("/images/e1.square.jpg"));
    assertTrue(feed().contains(BASE + "/images/e1.square.jpg"));
    assertTrue(site.get("images/e1.square.jpg").isPresent());
    source.delete("static/images/e1.png");
    publisher().deleted("static/images/e1.png", image);
    assertFalse(page("post/e1/index.html").contains("e1.square.jpg"), "back to the artwork");
    assertFalse(feed().contains("e1.square.jpg"));
    assertTrue(site.get("images/e1.square.jpg").isEmpty());
  }

  // ---- One error policy ----

  @Test
  void anInvalidConfigurationIsRecordedWithItsLineHoldsEpisodesBackAndItsFixPublishesThem()
      throws Exception {
    publisher().finalized("content/post/e1/index.md", upload("content/post/e1/index.md",
        episode(1)));
    String good = feed();
    String config = Files.readString(SITE.resolve("config.toml"));
    long bad = upload("config.toml", config.replace("category = \"Technology\"",
        "category = \"Tech News\""));
    Result rejected = publisher().finalized("config.toml", bad);
    assertEquals(Result.Action.REJECTED, rejected.outcome());
    EpisodeStore.SourceRecord recorded = store.source("config.toml").orElseThrow();
    assertEquals(EpisodeStore.Outcome.REJECTED, recorded.outcome());
    assertTrue(recorded.problems().get(0).matches("config\\.toml:\\d+:\\d+: error: "
        + "\\[config-invalid\\] \\[params\\.podcast\\.category\\].*"), recorded.problems().toString());
    assertEquals(good, feed(), "the last good feed stays");
    Result held = publisher().finalized("content/post/e2/index.md",
        upload("content/post/e2/index.md", episode(2)));
    assertEquals(Result.Action.REJECTED, held.outcome());
    assertTrue(store.source("content/post/e2/index.md").orElseThrow().problems().get(0)
        .startsWith("config.toml:"), "held back by the configuration's problem");
    assertEquals(good, feed());
    assertEquals(Result.Action.REBUILT, publisher().finalized("config.toml",
        upload("config.toml", config.replace("feedItemLimit = 3", "feedItemLimit = 300")))
        .outcome());
    assertEquals(2, items(feed()), "the fix publishes what the problem held back");
    assertEquals(EpisodeStore.Outcome.PUBLISHED,
        store.source("content/post/e2/index.md").orElseThrow().outcome());
  }

  @Test
  void aMissingConfigurationIsAContentProblemNotAnOutage() {
    InMemoryObjectStore empty = new InMemoryObjectStore();
    Publisher publisher = new Publisher(empty, site, store, clock);
    long g = empty.put(new ObjectStore.Write(EP101, episode(1).getBytes(StandardCharsets.UTF_8),
        "text/markdown", ""));
    Result result = publisher.finalized(EP101, g);
    assertEquals(Result.Action.REJECTED, result.outcome());
    assertTrue(result.problems().get(0).message().contains("no config.toml"),
        result.problems().toString());
    assertTrue(site.list("").isEmpty(), "nothing published");
  }

  @Test
  void aTitleOfCharactersFeedsCannotCarryIsRejectedAtItsLine() {
    publisher().finalized("content/post/e1/index.md", upload("content/post/e1/index.md",
        episode(1)));
    String good = feed();
    // A title the TOML reader takes, made only of characters XML 1.0 forbids: the feed's would
    // be empty. The parser rejects it, so the feed check never sees it.
    String bad = episode(2).replace("title = \"Episode 2\"", "title = \"\\u0001\\u0002\"");
    Result result = publisher().finalized("content/post/e2/index.md",
        upload("content/post/e2/index.md", bad));
    assertEquals(Result.Action.REJECTED, result.outcome(), result.toString());
    assertTrue(result.problems().stream().anyMatch(p -> p.format().contains("[missing-title]")
        && p.line() == 2 && p.message().contains("U+0001")), result.problems().toString());
    assertEquals(good, feed(), "the feed is the last good one");
    publisher().finalized("content/post/e3/index.md", upload("content/post/e3/index.md",
        episode(3)));
    assertTrue(feed().contains("<title>Episode 3</title>"), "the next one is not blocked");
  }

  @Test
  void proseAboutJavascriptAndAnAltTextSayingOnerrorArePublished() {
    String prose = episode(1).replace("Notes 1.", "Never type javascript: into the address"
        + " bar.\n\n![a picture onerror=alert(1)](https://example.com/a.png)");
    Result result = publisher().finalized("content/post/e1/index.md",
        upload("content/post/e1/index.md", prose));
    assertEquals(Result.Action.PUBLISHED, result.outcome(), result.problems().toString());
    assertTrue(feed().contains("javascript: into the address bar"));
    assertTrue(feed().contains("alt=\"a picture onerror=alert(1)\""), feed());
  }

  @Test
  void aNewEpisodeAtARenamedOnesOldAddressGetsAGuidOfItsOwn() {
    // Episode a is renamed to slug x and keeps its guid, the old permalink /post/a/; a new
    // episode then takes slug a, whose permalink is that guid. It is given /post/a/#2 instead:
    // two items with one guid would make every feed invalid, so no later episode would reach it.
    publisher().finalized("content/post/a/index.md", upload("content/post/a/index.md",
        episode(1)));
    publisher().finalized("content/post/a/index.md", upload("content/post/a/index.md",
        episode(1).replace("+++\nNotes", "slug = \"x\"\n+++\nNotes")));
    Result result = publisher().finalized("content/post/b/index.md",
        upload("content/post/b/index.md", episode(2).replace("+++\nNotes",
            "slug = \"a\"\n+++\nNotes")));
    assertEquals(Result.Action.PUBLISHED, result.outcome());
    assertTrue(result.problems().stream().anyMatch(p -> p.format().contains("[guid-taken]")
        && p.message().contains("content/post/a/index.md")), result.problems().toString());
    assertTrue(result.problems().stream().noneMatch(Problem::isError),
        result.problems().toString());
    String feed = feed();
    assertTrue(feed.contains("<guid isPermaLink=\"false\">" + BASE + "/post/a/</guid>"), feed);
    assertTrue(feed.contains("<guid isPermaLink=\"false\">" + BASE + "/post/a/#2</guid>"), feed);
    assertTrue(feed.contains("<title>Episode 2</title>"));
    publisher().finalized("content/post/c/index.md", upload("content/post/c/index.md",
        episode(3)));
    assertTrue(feed().contains("<title>Episode 3</title>"), "the next one is not blocked");
    // Its guid is its own for good: an edit keeps it.
    publisher().finalized("content/post/b/index.md", upload("content/post/b/index.md",
        episode(2).replace("+++\nNotes", "slug = \"a\"\n+++\nNew notes")));
    assertTrue(feed().contains(BASE + "/post/a/#2</guid>"));
  }

  @Test
  void anEpisodeFileOverTheLimitIsRejectedUnreadAndTheNextIsPublished() {
    publisher().finalized("content/post/e1/index.md", upload("content/post/e1/index.md",
        episode(1)));
    String good = feed();
    String huge = episode(2) + "x".repeat(6 * 1024 * 1024);
    Result result = publisher().finalized("content/post/e2/index.md",
        upload("content/post/e2/index.md", huge));
    assertEquals(Result.Action.REJECTED, result.outcome());
    assertTrue(result.problems().get(0).format().contains("[file-too-large]"),
        result.problems().toString());
    assertEquals(good, feed());
    publisher().finalized("content/post/e3/index.md", upload("content/post/e3/index.md",
        episode(3)));
    assertTrue(feed().contains("<title>Episode 3</title>"), "the next one is not blocked");
  }

  // ---- Names and numbers that became paths (issue 11) ----

  @Test
  void aTermNamedDotDotStaysInsideItsFolder() {
    publisher().finalized("content/post/e1/index.md", upload("content/post/e1/index.md",
        episode(1)));
    String feed = feed();
    String dots = episode(2).replace("categories = [\"Go\"]",
        "categories = [\"..\"]\nhosts = [\"..\", \".\"]");
    assertEquals(Result.Action.PUBLISHED, publisher().finalized("content/post/e2/index.md",
        upload("content/post/e2/index.md", dots)).outcome());
    assertTrue(site.get("categories/--/index.html").isPresent(), site.list("categories/")
        .toString());
    assertTrue(site.get("categories/--/feed.xml").isPresent());
    assertTrue(site.get("hosts/--/index.html").isPresent());
    assertTrue(site.get("hosts/-/index.html").isPresent());
    assertTrue(feed().contains("<title>Episode 2</title>"), "the main feed is the main feed");
    assertTrue(feed().contains("<title>Episode 1</title>"));
    assertFalse(feed.equals(feed()));
  }

  @Test
  void anEpisodeCannotTakeAListingsPath() {
    String archive = episode(1).replace("+++\nNotes", "url = \"/archive/\"\n+++\nNotes");
    Result result = publisher().finalized("content/post/e1/index.md",
        upload("content/post/e1/index.md", archive));
    assertEquals(Result.Action.REJECTED, result.outcome());
    assertTrue(result.problems().stream().anyMatch(p -> p.format().contains("[unsafe-path]")
        && p.message().contains("/archive/")), result.problems().toString());
    String escaped = episode(2).replace("+++\nNotes", "url = \"/x%2e%2e/?a<b\"\n+++\nNotes");
    assertEquals(Result.Action.REJECTED, publisher().finalized("content/post/e2/index.md",
        upload("content/post/e2/index.md", escaped)).outcome());
    assertTrue(site.list("archive/").stream().noneMatch(n -> n.contains("e1")));
  }

  @Test
  void aNumberNoFieldTakesIsThatFieldsError() {
    String json = "{\"title\": \"J\", \"date\": \"2020-01-01\", \"audioFile\": \"a.mp3\","
        + " \"audioSize\": 1e10000, \"audioDuration\": \"1:00\"}\nNotes.\n";
    Result result = publisher().finalized("content/post/j/index.md",
        upload("content/post/j/index.md", json));
    assertEquals(Result.Action.REJECTED, result.outcome());
    assertTrue(result.problems().stream().anyMatch(p -> p.format().contains("[bad-audio-size]")
        && p.line() == 1), result.problems().toString());
  }

  private String page(String name) {
    return new String(site.get(name).orElseThrow(() -> new AssertionError("no " + name))
        .content(), StandardCharsets.UTF_8);
  }


  @Test
  void versionsAreKeptInObjectMetadataNeverInThePublicBytes() {
    publisher().finalized(EP101, upload(EP101, episode(1)));
    for (String name : site.list("")) {
      String text = new String(site.get(name).orElseThrow().content(), StandardCharsets.UTF_8);
      assertFalse(text.contains("podcast-version"), name);
      assertFalse(text.contains("_podcast"), name);
    }
    ObjectStore.ObjectInfo feedInfo = site.stat("feed.xml").orElseThrow();
    assertEquals(Long.toString(store.version()), feedInfo.metadata().get("podcast-version"));
    String json = new String(site.get("feed.json").orElseThrow().content(),
        StandardCharsets.UTF_8);
    assertTrue(json.startsWith("{\n \"version\": \"https://jsonfeed.org/version/1.1\""), json);
  }

  private static Map<String, Long> generations(ObjectStore store) {
    Map<String, Long> map = new TreeMap<>();
    for (String name : store.list("")) {
      map.put(name, store.generation(name).orElseThrow());
    }
    return map;
  }

  private static Map<String, String> contents(ObjectStore store) {
    Map<String, String> map = new TreeMap<>();
    for (String name : store.list("")) {
      map.put(name, new String(store.get(name).orElseThrow().content(), StandardCharsets.UTF_8));
    }
    return map;
  }

  /**
   * A site bucket that fails the {@code failAt}-th write, and checks on every feed write that
   * each item's page exists.
   */
  private static final class FailingSite extends ForwardingObjectStore {
    private static final Pattern LINK = Pattern.compile("<link>" + Pattern.quote(BASE)
        + "(/post/[^<]+)</link>");
    private final AtomicInteger writes = new AtomicInteger();
    volatile int failAt;
    final List<String> violations = new ArrayList<>();

    FailingSite(ObjectStore delegate, int failAt) {
      super(delegate);
      this.failAt = failAt;
    }

    private void maybeFail() {
      if (writes.incrementAndGet() == failAt) {
        throw new StoreUnavailableException("injected failure", null);
      }
    }

    private void check(Write write) {
      if (write.name().endsWith(".xml")) {
        Matcher m = LINK.matcher(new String(write.content(), StandardCharsets.UTF_8));
        while (m.find()) {
          if (delegate.get(m.group(1).substring(1) + "index.html").isEmpty()) {
            violations.add(write.name() + " links to missing " + m.group(1));
          }
        }
      }
    }

    @Override
    public long put(Write write, long ifGenerationMatch) {
      maybeFail();
      check(write);
      return delegate.put(write, ifGenerationMatch);
    }

    @Override
    public long put(Write write) {
      maybeFail();
      check(write);
      return delegate.put(write);
    }

    @Override
    public boolean delete(String name, long ifGenerationMatch) {
      maybeFail();
      return delegate.delete(name, ifGenerationMatch);
    }

    @Override
    public boolean delete(String name) {
      maybeFail();
      return delegate.delete(name);
    }
  }
}
