package dev.podcast.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The hostile files of issue 11, one or more for each class the attack pass found (errors that
 * killed the process, quadratic time, poison pills, unchecked numbers and names, raw HTML), and
 * deterministic mutations of real episodes. Shared by the parser's, the engine's, serve's and the
 * upload function's tests and by {@code dev.podcast.bench.HostileBenchmark}, so that all of them
 * run the same inputs.
 */
public final class HostileInputs {

  /** A file to publish: what it is, the class it belongs to, its object name and its bytes. */
  public record Input(String name, String kind, String object, byte[] bytes) {
    @Override
    public String toString() {
      return kind + ": " + name + " (" + bytes.length + " bytes)";
    }
  }

  /** Dated after every real episode, so that the good ones stay in a feed of the newest. */
  private static final String FRONT = "+++\ntitle = \"%s\"\ndate = \"2026-11-20\"\n"
      + "audioFile = \"a.mp3\"\naudioSize = 1000\naudioDuration = \"1:00\"\ndescription = \"d\"\n"
      + "%s+++\n";

  private HostileInputs() {}

  /** The examples of the issue, each about as large as the attack pass made it (up to 1 MB). */
  public static List<Input> examples() {
    List<Input> out = new ArrayList<>();
    // Errors that killed the process.
    notes(out, "killer", "a line of 2,000 '-'", "-".repeat(2_000));
    notes(out, "killer", "a line of 20,000 '-'", "-".repeat(20_000));
    notes(out, "killer", "20,000 '*'", "*".repeat(20_000));
    notes(out, "killer", "20,000 '_'", "_".repeat(20_000));
    notes(out, "killer", "2,000 quote levels", "> ".repeat(2_000) + "x");
    notes(out, "killer", "2,000 list levels", "- ".repeat(2_000) + "x");
    notes(out, "killer", "lists nested 1,000 deep", nestedLists(1_000));
    notes(out, "killer", "2,000 brackets", "[".repeat(2_000) + "x" + "]".repeat(2_000));
    file(out, "killer", "YAML flow nesting 2,000 deep", "---\ntitle: " + "[".repeat(2_000)
        + "]".repeat(2_000) + "\ndate: 2020-01-01\naudioFile: a.mp3\n---\nNotes.\n");
    file(out, "killer", "a 200 KB YAML alias bomb", aliasBomb());
    // Quadratic time: 1 MB of a repeated construct, on one line and in lines of 10,000.
    for (String unit : List.of("{{<", "<script></script>", "www.", "[a](b", "![[]()", "*a\n",
        "<a ", "&#", "a@b.", "http://", "*_", "`")) {
      notes(out, "quadratic", "1 MB of '" + unit.strip() + "' on one line", repeat(unit,
          1 << 20, 0));
      notes(out, "quadratic", "1 MB of '" + unit.strip() + "' in lines of 10,000",
          repeat(unit, 1 << 20, 10_000));
      notes(out, "quadratic", "200 KB of '" + unit.strip() + "' in lines of 10,000",
          repeat(unit, 200 * 1024, 10_000));
      notes(out, "quadratic", "200 KB of '" + unit.strip() + "' in lines of 1,000",
          repeat(unit, 200 * 1024, 1_000));
      // Just under the notes' 64 KiB bound, so that the Markdown reader sees them.
      notes(out, "quadratic", "63 KB of '" + unit.strip() + "' in lines of 1,000",
          repeat(unit, 63 * 1024, 1_000));
      notes(out, "quadratic", "63 KB of '" + unit.strip() + "' in lines of 100",
          repeat(unit, 63 * 1024, 100));
    }
    file(out, "quadratic", "JSON front matter with 40,000 keys", jsonKeys(40_000));
    file(out, "quadratic", "TOML front matter with 40,000 keys", tomlKeys(40_000));
    // Poison pills: accepted by validate once, then every feed regeneration failed.
    notes(out, "poison", "javascript: in prose", "Never type javascript: into the address bar.");
    notes(out, "poison", "an alt text with onerror=",
        "![a picture onerror=alert(1)](https://example.com/a.png)");
    file(out, "poison", "a title of characters XML forbids", FRONT.formatted("\\u0001\\u0002",
        "") + "Notes.\n");
    file(out, "poison", "an audioSize of 19 digits", FRONT.formatted("Big", "").replace(
        "audioSize = 1000", "audioSize = \"9999999999999999999\"") + "Notes.\n");
    file(out, "poison", "an audioSize of 22 digits", FRONT.formatted("Bigger", "").replace(
        "audioSize = 1000", "audioSize = 1234567890123456789012") + "Notes.\n");
    // Unchecked numbers and names.
    file(out, "names", "a JSON number of 1e10000", "{\"title\": \"J\", \"date\": \"2020-01-01\","
        + " \"audioFile\": \"a.mp3\", \"audioSize\": 1e10000}\nNotes.\n");
    front(out, "names", "a category named '..'", "categories = [\"..\"]\n");
    front(out, "names", "hosts named '..', '.' and 'index.html'",
        "hosts = [\"..\", \".\", \"index.html\"]\n");
    front(out, "names", "a 300-character host", "hosts = [\"" + "h".repeat(300) + "\"]\n");
    front(out, "names", "url = \"/archive/\"", "url = \"/archive/\"\n");
    front(out, "names", "url = \"/feed.xml/\"", "url = \"/feed.xml/\"\n");
    front(out, "names", "a url with %2e%2e", "url = \"/post/%2e%2e/%2e%2e/x/\"\n");
    front(out, "names", "a url with '?' and '<'", "url = \"/post/a?b=<c>/\"\n");
    front(out, "names", "a slug of '..'", "slug = \"..\"\n");
    out.add(new Input("a file name with a newline", "names", "content/post/new\nline/index.md",
        (FRONT.formatted("Newline", "") + "Notes.\n").getBytes(StandardCharsets.UTF_8)));
    // Raw author HTML.
    notes(out, "html", "script, event attributes and javascript: links",
        "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">"
            + "<a href=\"javascript:window.pwned = 3\">x</a><svg onload=\"window.pwned = 4\"></svg>"
            + "<iframe src=\"https://evil.example/\"></iframe>");
    return List.copyOf(out);
  }

  /**
   * {@code count} mutations of {@code episodes} (real files), the same for the same
   * {@code seed}: truncated, a delimiter deleted or doubled, garbage bytes, a huge line of a
   * construct, the front matter's delimiter swapped.
   */
  public static List<Input> mutations(List<Path> episodes, int count, long seed) {
    List<byte[]> files = episodes.stream().map(HostileInputs::read).toList();
    SplittableRandom random = new SplittableRandom(seed);
    List<String> delimiters = List.of("+++", "{{<", ">}}", "\"", "<!--more-->", "\n", "[", "]",
        "=", "{{< /transcript >}}", ":", "<div", "|", "<", "](");
    List<String> huge = List.of("[", "*a", "<", "`", "> ", "- ", "{{<", "\\", "&#", "](", "**_",
        "| a ", "www.", "![[]()", "[a](b");
    List<Input> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] original = files.get(random.nextInt(files.size()));
      String text = new String(original, StandardCharsets.UTF_8);
      int at = random.nextInt(original.length + 1);
      String d = delimiters.get(random.nextInt(delimiters.size()));
      String object = "content/post/mutation-" + i + "/index.md";
      int kind = random.nextInt(6);
      Input input = switch (kind) {
        case 0 -> new Input("truncated at " + at, "mutation", object,
            java.util.Arrays.copyOf(original, at));
        case 1 -> {
          int index = occurrence(text, d, random);
          yield new Input("deleted '" + d + "' at char " + index, "mutation", object,
              index < 0 ? original : (text.substring(0, index) + text.substring(index
                  + d.length())).getBytes(StandardCharsets.UTF_8));
        }
        case 2 -> {
          int index = occurrence(text, d, random);
          yield new Input("doubled '" + d + "' at char " + index, "mutation", object,
              index < 0 ? original : (text.substring(0, index) + d + text.substring(index))
                  .getBytes(StandardCharsets.UTF_8));
        }
        case 3 -> {
          byte[] garbage = new byte[1 + random.nextInt(64)];
          for (int b = 0; b < garbage.length; b++) {
            garbage[b] = (byte) random.nextInt(256);
          }
          yield new Input("garbage bytes at " + at, "mutation", object, splice(original, at,
              garbage));
        }
        case 4 -> {
          String unit = huge.get(random.nextInt(huge.size()));
          int length = 1 + random.nextInt(400_000);
          yield new Input("a line of '" + unit + "' x" + length / unit.length() + " at " + at,
              "mutation", object, splice(original, at, unit.repeat(Math.max(1, length
                  / unit.length())).getBytes(StandardCharsets.UTF_8)));
        }
        default -> new Input("first '+++' replaced by '" + d + "'", "mutation", object,
            text.replaceFirst("\\+\\+\\+", d.equals("+++") ? "---" : java.util.regex.Matcher
                .quoteReplacement(d)).getBytes(StandardCharsets.UTF_8));
      };
      out.add(input);
    }
    return List.copyOf(out);
  }

  /** The examples and {@code count} mutations of {@code episodes}. */
  public static List<Input> all(List<Path> episodes, int count) {
    return Stream.concat(examples().stream(), mutations(episodes, count, 11).stream()).toList();
  }

  /** A good episode, to publish after the hostile ones. */
  public static byte[] goodEpisode(String title) {
    return (FRONT.formatted(title, "") + "Notes of a good episode.\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  // ---- Building the examples ----

  private static void notes(List<Input> out, String kind, String name, String notes) {
    file(out, kind, name, FRONT.formatted(kind + " " + (out.size() + 1), "") + notes + "\n");
  }

  private static void front(List<Input> out, String kind, String name, String keys) {
    file(out, kind, name, FRONT.formatted(kind + " " + (out.size() + 1), keys) + "Notes.\n");
  }

  private static void file(List<Input> out, String kind, String name, String text) {
    out.add(new Input(name, kind, "content/post/hostile-" + (out.size() + 1) + "/index.md",
        text.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code unit} repeated to {@code bytes}, a line break every {@code line} (0: none). */
  private static String repeat(String unit, int bytes, int line) {
    StringBuilder b = new StringBuilder(bytes + bytes / Math.max(1, line) + 16);
    int mark = 0;
    while (b.length() < bytes) {
      b.append(unit);
      if (line > 0 && b.length() - mark >= line) {
        b.append('\n');
        mark = b.length();
      }
    }
    return b.toString();
  }

  private static String nestedLists(int depth) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      out.append("  ".repeat(i)).append("- item\n");
    }
    return out.toString();
  }

  /** Anchors of anchors: each level refers to the one before ten times. */
  private static String aliasBomb() {
    StringBuilder yaml = new StringBuilder("---\ntitle: bomb\ndate: 2020-01-01\naudioFile: a.mp3\n"
        + "a0: &a0 [\"" + "x".repeat(1_000) + "\"]\n");
    for (int level = 1; yaml.length() < 200_000; level++) {
      yaml.append('a').append(level).append(": &a").append(level).append(" [");
      for (int k = 0; k < 10; k++) {
        yaml.append(k == 0 ? "" : ", ").append("*a").append(level - 1);
      }
      yaml.append("]\n");
    }
    return yaml.append("---\nNotes.\n").toString();
  }

  private static String jsonKeys(int keys) {
    StringBuilder json = new StringBuilder("{\"title\": \"J\", \"date\": \"2020-01-01\","
        + " \"audioFile\": \"a.mp3\"");
    for (int i = 0; i < keys; i++) {
      json.append(", \"k").append(i).append("\": ").append(i);
    }
    return json.append("}\nNotes.\n").toString();
  }

  private static String tomlKeys(int keys) {
    StringBuilder toml = new StringBuilder(FRONT.formatted("T", ""));
    toml.setLength(toml.length() - 4); // before the closing +++
    for (int i = 0; i < keys; i++) {
      toml.append('k').append(i).append(" = ").append(i).append('\n');
    }
    return toml.append("+++\nNotes.\n").toString();
  }

  private static int occurrence(String text, String needle, SplittableRandom random) {
    List<Integer> at = new ArrayList<>();
    for (int i = text.indexOf(needle); i >= 0 && at.size() < 10_000;
        i = text.indexOf(needle, i + 1)) {
      at.add(i);
    }
    return at.isEmpty() ? -1 : at.get(random.nextInt(at.size()));
  }

  private static byte[] splice(byte[] original, int at, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + insert.length);
    out.write(original, 0, at);
    out.write(insert, 0, insert.length);
    out.write(original, at, original.length - at);
    return out.toByteArray();
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
