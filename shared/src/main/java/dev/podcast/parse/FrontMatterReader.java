package dev.podcast.parse;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Splits a Hugo content file into front matter and body, and parses the front matter: TOML between
 * {@code +++} lines, YAML between {@code ---} lines, or a JSON object at the start of the file.
 * Stateless and thread-safe.
 */
final class FrontMatterReader {

  /**
   * The front matter and the body that follows it: the body is {@code text} from {@code
   * bodyStart} on (kept as an offset so that the body, most of the file, is not copied), and
   * {@code bodyLine} is its first line.
   */
  record Split(FrontMatter frontMatter, String text, int bodyStart, int bodyLine) {
    /** The body as a string of its own (a copy). */
    String body() {
      return text.substring(bodyStart);
    }
  }

  private static final int MAX_SYNTAX_ERRORS = 3;
  private static final Pattern GSON_POSITION = Pattern.compile("line (\\d+) column (\\d+)");
  private static final Gson GSON = new Gson();

  private FrontMatterReader() {}

  /** The most top-level keys a front matter may have: real files have about 20. */
  static final int MAX_KEYS = 1_000;

  /** Reads {@code text}; empty, with errors added to {@code problems}, when it cannot. */
  static Optional<Split> read(String text, String file, List<Problem> problems) {
    Optional<Split> split = readAny(text, file, problems);
    if (split.isPresent() && split.get().frontMatter().size() > MAX_KEYS) {
      problems.add(new Problem(ProblemCode.TOO_COMPLEX, file, 1, 1, String.format(Locale.ROOT,
          "the front matter has %,d keys; at most %,d are read", split.get().frontMatter()
              .size(), MAX_KEYS)));
      return Optional.empty();
    }
    return split;
  }

  private static Optional<Split> readAny(String text, String file, List<Problem> problems) {
    int start = 0;
    int line = 1;
    // Hugo tolerates blank lines before the front matter.
    while (true) {
      int eol = text.indexOf('\n', start);
      if (eol < 0 || !text.substring(start, eol).isBlank()) {
        break;
      }
      start = eol + 1;
      line++;
    }
    if (text.startsWith("+++", start) && restOfLineBlank(text, start + 3)) {
      return delimited(text, file, start, line, "+++", FrontMatter.Format.TOML, problems);
    }
    if (text.startsWith("---", start) && restOfLineBlank(text, start + 3)) {
      return delimited(text, file, start, line, "---", FrontMatter.Format.YAML, problems);
    }
    if (text.startsWith("{", start)) {
      return json(text, file, start, line, problems);
    }
    problems.add(new Problem(ProblemCode.FRONT_MATTER_MISSING, file, line, 1,
        "the file has no front matter: it must start with a line '+++' (TOML), '---' (YAML) or"
            + " '{' (JSON) followed by title, date and the other fields"));
    return Optional.empty();
  }

  private static boolean restOfLineBlank(String text, int from) {
    int eol = text.indexOf('\n', from);
    return text.substring(from, eol < 0 ? text.length() : eol).isBlank();
  }

  private static Optional<Split> delimited(String text, String file, int start, int openLine,
      String delimiter, FrontMatter.Format format, List<Problem> problems) {
    int contentStart = text.indexOf('\n', start);
    if (contentStart < 0) {
      return unclosed(file, openLine, delimiter, problems);
    }
    contentStart++;
    int pos = contentStart;
    int line = openLine + 1;
    while (pos < text.length()) {
      int eol = text.indexOf('\n', pos);
      int end = eol < 0 ? text.length() : eol;
      if (text.startsWith(delimiter, pos) && text.substring(pos + 3, end).isBlank()) {
        String content = text.substring(contentStart, pos);
        if (nestedTooDeep(content, file, openLine + 1, problems)) {
          return Optional.empty();
        }
        int bodyStart = eol < 0 ? text.length() : eol + 1;
        Optional<FrontMatter> parsed = format == FrontMatter.Format.TOML
            ? toml(content, file, openLine + 1, problems)
            : yaml(content, file, openLine + 1, problems);
        int bodyLine = line + 1;
        return parsed.map(fm -> new Split(fm, text, bodyStart, bodyLine));
      }
      if (eol < 0) {
        break;
      }
      pos = eol + 1;
      line++;
    }
    return unclosed(file, openLine, delimiter, problems);
  }

  /** Adds {@code too-complex} at the bracket past the nesting bound, when there is one. */
  private static boolean nestedTooDeep(String content, String file, int firstLine,
      List<Problem> problems) {
    OptionalInt offset = FrontMatterNesting.tooDeep(content, 0, content.length());
    if (offset.isEmpty()) {
      return false;
    }
    int line = firstLine;
    int lineStart = 0;
    for (int i = 0; i < offset.getAsInt(); i++) {
      if (content.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    problems.add(new Problem(ProblemCode.TOO_COMPLEX, file, line,
        offset.getAsInt() - lineStart + 1, String.format(Locale.ROOT,
            "the front matter nests brackets more than %d levels deep",
            FrontMatterNesting.MAX_DEPTH)));
    return true;
  }

  private static Optional<Split> unclosed(String file, int line, String delimiter,
      List<Problem> problems) {
    problems.add(new Problem(ProblemCode.FRONT_MATTER_UNCLOSED, file, line, 1,
        "the front matter opened here is never closed: add a line '" + delimiter
            + "' after the last field"));
    return Optional.empty();
  }

  // ---- TOML ----

  private static Optional<FrontMatter> toml(String content, String file, int firstLine,
      List<Problem> problems) {
    TomlParseResult result = Toml.parse(content);
    if (result.hasErrors()) {
      List<TomlParseError> errors = result.errors();
      for (int i = 0; i < Math.min(errors.size(), MAX_SYNTAX_ERRORS); i++) {
        TomlParseError error = errors.get(i);
        TomlPosition position = error.position();
        problems.add(new Problem(ProblemCode.FRONT_MATTER_SYNTAX, file,
            firstLine - 1 + position.line(), position.column(),
            "the TOML front matter cannot be read: " + stripPosition(error.getMessage())));
      }
      return Optional.empty();
    }
    Map<String, FrontMatter.Entry> entries = new LinkedHashMap<>();
    for (String key : result.keySet()) {
      List<String> path = List.of(key);
      TomlPosition position = result.inputPositionOf(path);
      int line = position == null ? 0 : firstLine - 1 + position.line();
      int column = position == null ? 0 : position.column();
      put(entries, new FrontMatter.Entry(key, tomlValue(result.get(path)), line, column), file,
          problems);
    }
    return Optional.of(new FrontMatter(FrontMatter.Format.TOML, entries));
  }

  private static String stripPosition(String message) {
    // tomlj ends its messages with " (line L, column C)"; the report already has them.
    return message.replaceFirst("\\s*\\(line \\d+, column \\d+\\)$", "");
  }

  private static Object tomlValue(Object value) {
    if (value instanceof TomlArray array) {
      List<Object> list = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        list.add(tomlValue(array.get(i)));
      }
      return list;
    }
    if (value instanceof TomlTable table) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (String key : table.keySet()) {
        map.put(key, tomlValue(table.get(List.of(key))));
      }
      return map;
    }
    return value;
  }

  // ---- YAML ----

  private static Optional<FrontMatter> yaml(String content, String file, int firstLine,
      List<Problem> problems) {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(file)
        .setAllowDuplicateKeys(false)
        .setMaxAliasesForCollections(20)
        .setCodePointLimit(6 * 1024 * 1024)
        .build();
    Object loaded;
    Optional<Node> root;
    try {
      loaded = new Load(settings).loadFromString(content);
      root = new Compose(settings).composeString(content);
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark();
      problems.add(new Problem(ProblemCode.FRONT_MATTER_SYNTAX, file,
          mark.map(m -> firstLine + m.getLine()).orElse(firstLine),
          mark.map(m -> m.getColumn() + 1).orElse(1),
          "the YAML front matter cannot be read: " + e.getProblem()));
      return Optional.empty();
    } catch (YamlEngineException e) {
      problems.add(new Problem(ProblemCode.FRONT_MATTER_SYNTAX, file, firstLine, 1,
          "the YAML front matter cannot be read: " + e.getMessage()));
      return Optional.empty();
    }
    if (loaded == null) {
      return Optional.of(new FrontMatter(FrontMatter.Format.YAML, Map.of()));
    }
    if (!(loaded instanceof Map<?, ?> map)) {
      problems.add(new Problem(ProblemCode.FRONT_MATTER_SYNTAX, file, firstLine, 1,
          "the YAML front matter must be a set of 'key: value' lines"));
      return Optional.empty();
    }
    Map<String, int[]> positions = new LinkedHashMap<>();
    if (root.isPresent() && root.get() instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key && key.getStartMark().isPresent()) {
          Mark mark = key.getStartMark().get();
          positions.putIfAbsent(key.getValue(),
              new int[] {firstLine + mark.getLine(), mark.getColumn() + 1});
        }
      }
    }
    Map<String, FrontMatter.Entry> entries = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      int[] position = positions.getOrDefault(key, new int[] {firstLine, 1});
      put(entries, new FrontMatter.Entry(key, yamlValue(e.getValue()), position[0], position[1]),
          file, problems);
    }
    return Optional.of(new FrontMatter(FrontMatter.Format.YAML, entries));
  }

  private static Object yamlValue(Object value) {
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof java.math.BigInteger b) {
      return new BigDecimal(b).doubleValue();
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(yamlValue(v)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), yamlValue(v)));
      return out;
    }
    return value;
  }

  // ---- JSON ----

  private static Optional<Split> json(String text, String file, int start, int firstLine,
      List<Problem> problems) {
    int end = jsonObjectEnd(text, start);
    if (end < 0) {
      problems.add(new Problem(ProblemCode.FRONT_MATTER_UNCLOSED, file, firstLine, 1,
          "the JSON front matter opened here is never closed: add the closing '}'"));
      return Optional.empty();
    }
    String content = text.substring(start, end + 1);
    if (nestedTooDeep(content, file, firstLine, problems)) {
      return Optional.empty();
    }
    JsonElement element;
    try {
      JsonReader reader = new JsonReader(new StringReader(content));
      reader.setStrictness(Strictness.LEGACY_STRICT);
      element = GSON.getAdapter(JsonElement.class).read(reader);
    } catch (IOException | RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      Matcher m = GSON_POSITION.matcher(message);
      int line = firstLine;
      int column = 1;
      if (m.find()) {
        line = firstLine - 1 + Integer.parseInt(m.group(1));
        column = Integer.parseInt(m.group(2));
      }
      problems.add(new Problem(ProblemCode.FRONT_MATTER_SYNTAX, file, line, column,
          "the JSON front matter cannot be read: "
              + message.replaceFirst("\\s*at line \\d+ column \\d+.*$", "")
                  .replaceFirst("\\s*See https?://\\S+$", "")));
      return Optional.empty();
    }
    JsonObject object = element.getAsJsonObject();
    Map<String, FrontMatter.Entry> entries = new LinkedHashMap<>();
    // Keys come in the order they are written: each is looked for after the one before, and
    // the lines counted on the way, so that positions cost one pass over the text.
    int from = 0;
    int newlines = 0;
    int counted = 0;
    int lineStart = 0;
    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
      int offset = content.indexOf('"' + e.getKey() + '"', from);
      int line = firstLine;
      int column = 1;
      if (offset >= 0) {
        for (int i = counted; i < offset; i++) {
          if (content.charAt(i) == '\n') {
            newlines++;
            lineStart = i + 1;
          }
        }
        counted = offset;
        from = offset + e.getKey().length() + 2;
        line = firstLine + newlines;
        column = offset - lineStart + 1;
      }
      put(entries, new FrontMatter.Entry(e.getKey(), jsonValue(e.getValue()), line, column), file,
          problems);
    }
    int afterObject = end + 1;
    int eol = text.indexOf('\n', afterObject);
    int bodyStart = eol < 0 ? text.length() : eol + 1;
    int bodyLine = firstLine
        + (int) text.substring(start, eol < 0 ? text.length() : eol).chars().filter(c -> c == '\n')
            .count() + 1;
    return Optional.of(new Split(new FrontMatter(FrontMatter.Format.JSON, entries), text,
        bodyStart, bodyLine));
  }

  /** The index of the '}' that closes the object opening at {@code start}, or -1. */
  private static int jsonObjectEnd(String text, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return c == '}' ? i : -1;
        }
      }
    }
    return -1;
  }

  private static Object jsonValue(JsonElement element) {
    if (element.isJsonNull()) {
      return null;
    }
    if (element instanceof JsonArray array) {
      List<Object> list = new ArrayList<>(array.size());
      array.forEach(v -> list.add(jsonValue(v)));
      return list;
    }
    if (element instanceof JsonObject object) {
      Map<String, Object> map = new LinkedHashMap<>();
      object.entrySet().forEach(e -> map.put(e.getKey(), jsonValue(e.getValue())));
      return map;
    }
    JsonPrimitive primitive = element.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return primitive.getAsBoolean();
    }
    if (primitive.isNumber()) {
      BigDecimal number;
      try {
        number = primitive.getAsBigDecimal();
      } catch (NumberFormatException unreadable) {
        return primitive.getAsString(); // 1e10000: no number a field takes; its check says so
      }
      if (number.precision() - number.scale() > 19) {
        return number.doubleValue();
      }
      try {
        return number.longValueExact();
      } catch (ArithmeticException notAnInteger) {
        return number.doubleValue();
      }
    }
    return primitive.getAsString();
  }

  private static void put(Map<String, FrontMatter.Entry> entries, FrontMatter.Entry entry,
      String file, List<Problem> problems) {
    if (entry.value() == null) {
      return;
    }
    String lower = entry.key().toLowerCase(Locale.ROOT);
    FrontMatter.Entry earlier = entries.get(lower);
    if (earlier != null) {
      problems.add(new Problem(ProblemCode.DUPLICATE_KEY, file, entry.line(), entry.column(),
          "'" + entry.key() + "' repeats '" + earlier.key() + "' (line " + earlier.line()
              + "): keys are case-insensitive; this one is ignored"));
      return;
    }
    entries.put(lower, entry);
  }
}
