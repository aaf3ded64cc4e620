package dev.podcast.parse;

import java.util.OptionalInt;

/**
 * The bracket nesting of a front matter, measured before a parser sees it: TOML arrays and
 * inline tables, YAML flow collections and JSON nest with {@code [} and {@code {}, and each
 * parser reads a level by recursion. Real files nest two levels deep; {@link #MAX_DEPTH} levels
 * are allowed.
 *
 * <p>Brackets inside a quoted string ({@code "..."} with backslash escapes, {@code '...'}
 * without) do not count. The scan is one pass; YAML's block nesting by indentation is not
 * measured here (it stays within the parse thread's stack, or is that file's {@code too-complex}).
 */
final class FrontMatterNesting {

  /** The deepest bracket nesting a front matter may have. */
  static final int MAX_DEPTH = 64;

  private FrontMatterNesting() {}

  /** The offset in {@code text} of the first bracket past {@link #MAX_DEPTH}, if any. */
  static OptionalInt tooDeep(CharSequence text, int from, int to) {
    int depth = 0;
    char quote = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote || c == '\n' && quote == '\'') {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[' || c == '{') {
        depth++;
        if (depth > MAX_DEPTH) {
          return OptionalInt.of(i);
        }
      } else if ((c == ']' || c == '}') && depth > 0) {
        depth--;
      }
    }
    return OptionalInt.empty();
  }
}
