package dev.podcast.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.publish.SourceObjects.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What each source object is to the pipeline: episodes, configuration, assets and their site
 * paths, and what is ignored, editors' and desktops' leftovers wherever they are above all;
 * names with {@code ..}, {@code //} or backslashes never give a site path.
 */
class SourceObjectsTest {

  @Test
  void realNamesHaveTheirKinds() {
    Map<String, Kind> kinds = Map.ofEntries(
        Map.entry("content/post/x/index.md", Kind.EPISODE),
        Map.entry("content/post/episode-1.md", Kind.EPISODE),
        Map.entry("content/post/x/_index.md", Kind.IGNORED),
        Map.entry("content/_index.md", Kind.IGNORED),
        Map.entry("config.toml", Kind.CONFIGURATION),
        Map.entry("podcast.toml", Kind.CONFIGURATION),
        Map.entry("layouts/episode.mustache", Kind.CONFIGURATION),
        Map.entry("layouts/partials/a.mustache", Kind.IGNORED),
        Map.entry("layouts/", Kind.IGNORED),
        Map.entry("static/images/a.png", Kind.ASSET),
        Map.entry("content/post/My Show/cover.png", Kind.ASSET),
        Map.entry("content/post/x/transcript.vtt", Kind.SIDECAR),
        Map.entry("content/post/x/transcript.srt", Kind.SIDECAR),
        Map.entry("content/post/x/chapters.json", Kind.SIDECAR),
        Map.entry("content/post/x/other.vtt", Kind.ASSET),
        Map.entry("content/transcript.vtt", Kind.ASSET),
        Map.entry("static/post/x/transcript.vtt", Kind.ASSET),
        Map.entry("content/post/.x/chapters.json", Kind.IGNORED),
        Map.entry("README.md", Kind.IGNORED),
        // Names are case-sensitive, as Cloud Storage's and the IAM conditions on them are.
        Map.entry("Content/post/x.md", Kind.IGNORED),
        Map.entry("Static/a.png", Kind.IGNORED),
        Map.entry("content/post/x.MD", Kind.EPISODE),
        Map.entry(".podcast/cms/contentful/x", Kind.IGNORED),
        Map.entry("themes/x/config.toml", Kind.IGNORED),
        Map.entry("import/libsyn.xml", Kind.IMPORT),
        Map.entry("import/old.RSS", Kind.IMPORT),
        Map.entry("import/libsyn.xml.report.txt", Kind.IGNORED),
        Map.entry("import/a/libsyn.xml", Kind.IGNORED),
        Map.entry("import/.libsyn.xml", Kind.IGNORED),
        Map.entry("Import/libsyn.xml", Kind.IGNORED),
        Map.entry("", Kind.IGNORED));
    kinds.forEach((object, kind) -> assertEquals(kind, SourceObjects.kind(object), object));
  }

  @Test
  void assetsHaveTheirSitePaths() {
    assertEquals(Optional.of("/images/a.png"), SourceObjects.sitePath("static/images/a.png"));
    assertEquals(Optional.of("/post/my-show/cover.png"),
        SourceObjects.sitePath("content/post/My Show/cover.png"));
    assertEquals(Optional.of("/favicon.ico"), SourceObjects.sitePath("static/favicon.ico"));
    assertEquals(Optional.of("/post/x/Cover Art.png"),
        SourceObjects.sitePath("content/post/x/Cover Art.png"), "the file's own name is kept");
    // what is not an asset has none
    for (String object : List.of("content/post/x/index.md", "config.toml",
        "layouts/episode.mustache", "static/images/", "static/", "images/a.png", "")) {
      assertEquals(Optional.empty(), SourceObjects.sitePath(object), object);
    }
  }

  /** Leftovers, by their file name, placed where authors keep their files. */
  private static final List<String> LEFTOVERS = List.of(".#index.md", "#index.md#", "index.md~",
      ".index.md.swp", "4913", ".DS_Store", "Thumbs.db", "index.md.tmp", "cover.png.part",
      "cover.png~", ".cover.png.swp", "desktop.ini", "index.md.bak", "index.md.orig",
      "cover.png.crdownload", "THUMBS.DB", "index.md.swo", "index.md.swx");

  private static final List<String> FOLDERS = List.of("", "content/", "content/post/x/",
      "content/post/My Show/", "static/", "static/images/", "layouts/");

  @Test
  void editorsLeftoversAreIgnoredWhereverTheyAre() {
    for (String folder : FOLDERS) {
      for (String leftover : LEFTOVERS) {
        String object = folder + leftover;
        assertEquals(Kind.IGNORED, SourceObjects.kind(object), object);
        assertTrue(SourceObjects.isLeftover(object), object);
        assertEquals(Optional.empty(), SourceObjects.sitePath(object), object);
      }
    }
    // the real files beside them are not
    for (String object : List.of("content/post/x/index.md", "static/images/cover.png",
        "content/post/x/cover.png", "layouts/episode.mustache", "config.toml")) {
      assertFalse(SourceObjects.isLeftover(object), object);
    }
  }

  @Test
  void filesInHiddenFoldersAreIgnored() {
    for (String object : List.of("content/post/.git/x.md", "content/.obsidian/workspace.md",
        "static/.cache/a.png", "content/post/.drafts/cover.png", ".git/config",
        ".podcast/state.json", "static/images/.thumbnails/a.png")) {
      assertEquals(Kind.IGNORED, SourceObjects.kind(object), object);
      assertEquals(Optional.empty(), SourceObjects.sitePath(object), object);
    }
  }

  @Test
  void unsafeNamesNeverGiveASitePath() {
    for (String object : List.of("static/../secret.png", "static/images/../../x.png",
        "static/..", "content/post/../../x.png", "content/post/x/..png.",
        "static//a.png", "static/images//a.png", "content//post/x/cover.png",
        "static\\images\\a.png", "static/images\\a.png", "content/post\\x/cover.png",
        "static/a\\..\\b.png", "static/images/a.png/", "static/images/\u0000a.png")) {
      assertEquals(Optional.empty(), SourceObjects.sitePath(object), object);
      assertFalse(SourceObjects.kind(object) == Kind.ASSET, object);
    }
  }
}
