package dev.podcast.migrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The guid written into front matter, every other byte kept. */
class FrontMatterGuidTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String written(String file, String guid) {
    FrontMatterGuid.Outcome o = FrontMatterGuid.write(bytes(file), guid);
    return new String(assertInstanceOf(FrontMatterGuid.Outcome.Written.class, o).content(),
        StandardCharsets.UTF_8);
  }

  @Test
  void tomlAndYamlGetTheLineAfterTheOpeningOne() {
    assertEquals("+++\nguid = \"a\\\"b\"\ntitle = \"T\"\n+++\nBody\n",
        written("+++\ntitle = \"T\"\n+++\nBody\n", "a\"b"));
    assertEquals("---\r\nguid: \"x\\\\y\"\r\ntitle: T\r\n---\r\n",
        written("---\r\ntitle: T\r\n---\r\n", "x\\y"));
  }

  @Test
  void otherBytesAreKeptWhateverTheirEncoding() {
    byte[] latin1 = "+++\ntitle = \"Caf\u00e9\"\n+++\nna\u00efve\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = assertInstanceOf(FrontMatterGuid.Outcome.Written.class,
        FrontMatterGuid.write(latin1, "g")).content();
    byte[] expected = "+++\nguid = \"g\"\ntitle = \"Caf\u00e9\"\n+++\nna\u00efve\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    assertArrayEquals(expected, out);
  }

  @Test
  void anExistingGuidIsKept() {
    assertInstanceOf(FrontMatterGuid.Outcome.Unchanged.class,
        FrontMatterGuid.write(bytes("+++\ntitle = \"T\"\nguid = \"g-1\"\n+++\n"), "g-1"));
    FrontMatterGuid.Outcome o = FrontMatterGuid.write(
        bytes("+++\ntitle = \"T\"\nguid = \"mine\"\n+++\n"), "theirs");
    FrontMatterGuid.Outcome.Conflict c = assertInstanceOf(FrontMatterGuid.Outcome.Conflict.class,
        o);
    assertEquals("mine", c.existing());
    assertEquals(3, c.line());
  }

  @Test
  void aFileWithoutFrontMatterIsLeftAlone() {
    assertInstanceOf(FrontMatterGuid.Outcome.NoFrontMatter.class,
        FrontMatterGuid.write(bytes("Just notes\n"), "g"));
    assertInstanceOf(FrontMatterGuid.Outcome.NoFrontMatter.class,
        FrontMatterGuid.write(bytes("---\ntitle: T\n"), "g"));
  }
}
