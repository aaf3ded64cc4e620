package dev.podcast.parse;

import dev.podcast.problem.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where an episode's page lives, decided as Hugo decided it, because the old URLs and so the old
 * feed guids depend on it: {@code content/post/<name>/index.md} and {@code content/post/<name>.md}
 * are {@code /post/<name>/}, lower-cased with spaces as hyphens; front matter {@code slug} replaces
 * the name, {@code url} replaces the whole path.
 *
 * @param slug the last segment of the page path
 * @param pagePath the page path, starting and ending with '/'
 */
record PageIdentity(String slug, String pagePath) {

  private static final String DEFAULT_SECTION = "post";

  /** The identity of {@code file}; null, with an error reported, when a name is unsafe. */
  static PageIdentity of(String file, EpisodeParser.Fields fields) {
    Optional<String> url = fields.string("url").map(String::strip).filter(s -> !s.isEmpty());
    if (url.isPresent()) {
      Optional<String> unsafe = Slugs.unsafeSitePath(url.get());
      if (unsafe.isPresent()) {
        fields.error(ProblemCode.UNSAFE_PATH, "url", "url cannot be used because " + unsafe.get());
        return null;
      }
      List<String> segments = new ArrayList<>();
      for (String segment : url.get().split("/")) {
        if (!segment.isEmpty()) {
          segments.add(segment.replace(' ', '-'));
        }
      }
      for (String segment : segments) {
        // What a page's URL and an object's name can hold as it is: no escapes (%2e%2e), no
        // query or fragment, no markup.
        Optional<Integer> bad = segment.codePoints().filter(cp -> !Character.isLetterOrDigit(cp)
            && "-_.~+".indexOf(cp) < 0).boxed().findFirst();
        if (bad.isPresent() || segment.chars().allMatch(c -> c == '.')) {
          fields.error(ProblemCode.UNSAFE_PATH, "url", "url cannot be used because "
              + (bad.isPresent() ? "it holds '" + printable(new String(Character.toChars(
                  bad.get()))) + "'; a page's url is letters, digits and - _ . ~ +"
              : "a segment is only dots") + ": '" + printable(url.get()) + "'");
          return null;
        }
      }
      if (segments.isEmpty()) {
        fields.error(ProblemCode.UNSAFE_PATH, "url", "url cannot be the site's home page");
        return null;
      }
      return new PageIdentity(segments.get(segments.size() - 1),
          "/" + String.join("/", segments) + "/");
    }

    List<String> dirs = new ArrayList<>(List.of(file.replace('\\', '/').split("/")));
    dirs.removeIf(String::isEmpty);
    int content = dirs.lastIndexOf("content");
    String name = dirs.isEmpty() ? "" : dirs.remove(dirs.size() - 1);
    if (name.equalsIgnoreCase("index.md") && !dirs.isEmpty()) {
      name = dirs.remove(dirs.size() - 1);
    } else if (name.toLowerCase().endsWith(".md")) {
      name = name.substring(0, name.length() - 3);
    }
    List<String> sections = content >= 0 && content < dirs.size()
        ? new ArrayList<>(dirs.subList(content + 1, dirs.size()))
        : new ArrayList<>(List.of(DEFAULT_SECTION));
    if (sections.isEmpty()) {
      sections.add(DEFAULT_SECTION);
    }

    Optional<String> slugOverride = fields.string("slug").map(String::strip)
        .filter(s -> !s.isEmpty());
    String slugKey = slugOverride.isPresent() ? "slug" : null;
    String rawSlug = slugOverride.orElse(name);
    List<String> raw = new ArrayList<>(sections);
    raw.add(rawSlug);
    for (String segment : raw) {
      Optional<String> unsafe = Slugs.unsafeSegment(segment);
      if (unsafe.isPresent()) {
        String message = (slugKey != null && segment.equals(rawSlug) ? "slug" : "the file's path")
            + " cannot name a page because " + unsafe.get() + ": '" + printable(segment) + "'";
        fields.error(ProblemCode.UNSAFE_PATH, slugKey == null ? "title" : slugKey, message);
        return null;
      }
    }
    StringBuilder path = new StringBuilder("/");
    String slug = "";
    for (String segment : raw) {
      String normal = Slugs.normalise(segment);
      if (normal.isEmpty() || normal.equals(".")) {
        fields.error(ProblemCode.UNSAFE_PATH, slugKey == null ? "title" : slugKey,
            "the page name '" + printable(segment) + "' has no letters or digits left once"
                + " normalised");
        return null;
      }
      path.append(normal).append('/');
      slug = normal;
    }
    return new PageIdentity(slug, path.toString());
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().limit(80).forEach(cp -> {
      if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }
}
