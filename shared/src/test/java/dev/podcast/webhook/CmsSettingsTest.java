package dev.podcast.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CmsSettingsTest {

  @Test
  void withoutACmsTableTheDefaultsMapEveryKeyFromItsNamesake() {
    CmsSettings defaults = CmsSettings.defaults();
    assertEquals(defaults, CmsSettings.read(Optional.empty(), "podcast.toml"));
    assertEquals(defaults, CmsSettings.read(Optional.of("author = \"A\"\n"), "podcast.toml"));
    assertEquals("episode", defaults.strapi().model());
    assertEquals("en-US", defaults.contentful().locale());
    for (String key : CmsSettings.DEFAULT_KEYS) {
      assertEquals(key, defaults.strapi().fields().get(key));
      assertEquals(key, defaults.contentful().fields().get(key));
    }
  }

  @Test
  void givenKeysReplaceAddOrRemoveMappings() {
    CmsSettings s = CmsSettings.read(Optional.of("""
        author = "A"
        [cms.strapi]
        model = "podcast-episode"
        [cms.strapi.fields]
        audioFile = "audio.url"
        guest = "guest_name"
        transcript = ""
        [cms.contentful]
        locale = "de-DE"
        contentType = "podcastEpisode"
        [cms.contentful.fields]
        notes = "showNotes"
        """), "podcast.toml");
    assertEquals("podcast-episode", s.strapi().model());
    assertEquals("audio.url", s.strapi().fields().get("audioFile"));
    assertEquals("guest_name", s.strapi().fields().get("guest"));
    assertFalse(s.strapi().fields().containsKey("transcript"));
    assertEquals("title", s.strapi().fields().get("title"));
    assertEquals("de-DE", s.contentful().locale());
    assertEquals("podcastEpisode", s.contentful().contentType());
    assertEquals("showNotes", s.contentful().fields().get("notes"));
  }

  @Test
  void badSettingsNameTheFileLineAndKey() {
    String[][] cases = {
        {"[cms]\nstrapy = 1\n", "podcast.toml:2:1: [cms.strapy]"},
        {"[cms.strapi]\nmodle = \"x\"\n", "podcast.toml:2:1: [cms.strapi.modle]"},
        {"[cms.strapi.fields]\ndraft = \"published\"\n", "[cms.strapi.fields.draft]"},
        {"[cms.strapi.fields]\nslug = \"\"\n", "[cms.strapi.fields.slug]"},
        {"[cms.strapi.fields]\ntitle = \"../x\"\n", "[cms.strapi.fields.title]"},
        {"[cms.contentful.fields]\ntitle = \"a.b\"\n", "[cms.contentful.fields.title]"},
        {"[cms.contentful]\nlocale = \"en US\"\n", "[cms.contentful.locale]"},
        {"[cms.contentful.fields]\ntitle = 3\n", "[cms.contentful.fields.title]"},
        {"[cms]\nstrapi = 3\n", "[strapi]"},
        {"[cms\n", "podcast.toml: cannot be read"}};
    for (String[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> CmsSettings.read(Optional.of(c[0]), "podcast.toml"), c[0]);
      assertTrue(e.getMessage().contains(c[1]), e.getMessage());
    }
  }
}
