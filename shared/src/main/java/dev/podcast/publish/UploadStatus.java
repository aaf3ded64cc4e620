package dev.podcast.publish;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.podcast.episode.EpisodeStatus;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.EpisodeStore.EpisodeRecord;
import dev.podcast.port.ObjectStore;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemJson;
import dev.podcast.text.Html;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the podcaster who uploaded a file is told of it, where they look: beside it in the
 * source, {@code .podcast/status/<object>.json} (for tools) and {@code .txt} (to read), with the
 * outcome (published and where, scheduled for when, rejected with each problem's file, line and
 * message, deleted), and {@code .podcast/status/index.html}, a page of every episode's state
 * and of every file that is rejected (an old feed's import has its report instead,
 * {@link SourceObjects#importReport}). The source is private, and so is the page (its owner opens
 * it in the Cloud console, or in the folder {@code serve} watches). Nothing under
 * {@code .podcast/} is ever published ({@link SourceObjects}), so a status never triggers
 * another. Text is escaped wherever it is written: a title with {@code <script>} stays text.
 */
final class UploadStatus {

  /** Where the statuses are, in the source. */
  static final String FOLDER = SourceObjects.STATUS;
  /** The page of every episode's state. */
  static final String PAGE = FOLDER + "index.html";

  private final ObjectStore source;
  private final EpisodeStore store;

  UploadStatus(ObjectStore source, EpisodeStore store) {
    this.source = source;
    this.store = store;
  }

  /**
   * Writes the status of {@code result} (of generation {@code generation}, at {@code now}) and
   * the page from {@code records}: for what the podcaster changed (an episode published,
   * scheduled, rejected or deleted, a file copied, the configuration), not for an event that
   * changed nothing (a repeat, a stale or ignored one).
   */
  void record(Result result, long generation, Instant now,
      Supplier<List<EpisodeRecord>> records) {
    String state = state(result);
    // An old feed's import writes its own report beside it, where its uploader looks.
    if (state.isEmpty() || SourceObjects.kind(result.object()) == SourceObjects.Kind.IMPORT) {
      return;
    }
    source.put(new ObjectStore.Write(FOLDER + result.object() + ".json",
        json(result, state, generation, now), "application/json; charset=utf-8", "no-store"));
    source.put(new ObjectStore.Write(FOLDER + result.object() + ".txt",
        text(result, state, generation, now), "text/plain; charset=utf-8", "no-store"));
    page(records.get(), now);
  }

  /**
   * A repeat of the event of generation {@code generation} of {@code object} (a delivery again
   * after the work was done): writes its status from the ledger if it is missing, as when the
   * first delivery could not write it.
   */
  void recordIfMissing(String object, long generation, Instant now,
      Supplier<List<EpisodeRecord>> records) {
    if (SourceObjects.kind(object) == SourceObjects.Kind.IMPORT
        || source.generation(FOLDER + object + ".json").isPresent()) {
      return;
    }
    Optional<EpisodeStore.SourceRecord> seen = store.source(object)
        .filter(s -> s.generation() == generation);
    if (seen.isEmpty() || seen.get().outcome() == EpisodeStore.Outcome.PENDING) {
      return;
    }
    List<EpisodeRecord> all = records.get();
    Optional<EpisodeRecord> record = all.stream()
        .filter(r -> r.sourceObject().equals(object)).findFirst();
    Result.Action action = switch (seen.get().outcome()) {
      case REJECTED -> Result.Action.REJECTED;
      case DELETED -> Result.Action.DELETED;
      default -> Result.Action.PUBLISHED;
    };
    List<Problem> problems = seen.get().problems().stream().map(Problem::parse)
        .flatMap(Optional::stream).toList();
    record(new Result(action, object, record.map(EpisodeRecord::slug).orElse(""), problems,
        record.filter(r -> action == Result.Action.PUBLISHED).map(r -> new Result.Placed(
            r.status(), r.publishDate(), r.entry().title(), r.entry().link()))), generation, now,
        () -> all);
  }

  private void page(List<EpisodeRecord> records, Instant now) {
    source.put(new ObjectStore.Write(PAGE, html(records, store.rejected(), now),
        "text/html; charset=utf-8", "no-store"));
  }

  /** The state a status says, or empty for an event that writes none. */
  static String state(Result result) {
    return switch (result.outcome()) {
      case PUBLISHED -> result.placed().map(p -> p.status() == EpisodeStatus.PUBLISHED
          ? "published" : p.status().name().toLowerCase(Locale.ROOT)).orElse("published");
      case REJECTED -> "rejected";
      case DELETED -> "deleted";
      case COPIED -> "copied";
      case REBUILT -> "rebuilt";
      case STALE, DUPLICATE, IGNORED, IMPORTED -> "";
    };
  }

  static byte[] json(Result result, String state, long generation, Instant now) {
    JsonObject status = new JsonObject();
    status.addProperty("object", result.object());
    status.addProperty("generation", generation);
    status.addProperty("state", state);
    status.addProperty("at", now.toString());
    if (!result.slug().isEmpty()) {
      status.addProperty("slug", result.slug());
    }
    result.placed().ifPresent(p -> {
      status.addProperty("title", p.title());
      status.addProperty("url", p.url());
      status.addProperty("publishDate", p.publishDate().toString());
    });
    status.add("problems", ProblemJson.of(result.problems()));
    return (new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(status)
        + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] text(Result result, String state, long generation, Instant now) {
    StringBuilder out = new StringBuilder();
    out.append(result.object()).append(" (generation ").append(generation).append("), ")
        .append(now).append('\n');
    Optional<Result.Placed> placed = result.placed();
    out.append(switch (state) {
      case "published" -> "PUBLISHED: live at " + placed.map(Result.Placed::url).orElse("the site")
          + placed.map(p -> " (\"" + p.title() + "\")").orElse("");
      case "scheduled" -> "SCHEDULED: goes live at " + placed.orElseThrow().publishDate() + ", at "
          + placed.orElseThrow().url();
      case "draft" -> "DRAFT: recorded, not published (draft = true)";
      case "expired" -> "EXPIRED: recorded, not published (its expiryDate has passed)";
      case "rejected" -> "REJECTED: not published; the last good version, if there is one,"
          + " stays live. Fix what follows and upload the file again.";
      case "deleted" -> "DELETED: taken off the site and the feeds";
      case "copied" -> "COPIED to the site";
      default -> "REBUILT: the whole site was published again with it";
    }).append('\n');
    List<Problem> errors = result.problems().stream().filter(Problem::isError).toList();
    List<Problem> warnings = result.problems().stream().filter(p -> !p.isError()).toList();
    if (!errors.isEmpty()) {
      out.append("\nErrors:\n");
      errors.forEach(p -> out.append("  ").append(p.format()).append('\n'));
    }
    if (!warnings.isEmpty()) {
      out.append("\nWarnings:\n");
      warnings.forEach(p -> out.append("  ").append(p.format()).append('\n'));
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] html(List<EpisodeRecord> records, List<EpisodeStore.SourceRecord> rejected,
      Instant now) {
    StringBuilder out = new StringBuilder(4096 + records.size() * 300);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"robots\" content=\"noindex\">\n<title>Status of the show's"
            + " episodes</title>\n<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem}"
            + "table{border-collapse:collapse}th,td{text-align:left;padding:.25rem .75rem;"
            + "border-bottom:1px solid #ccc;vertical-align:top}pre{white-space:pre-wrap}"
            + "</style>\n</head>\n<body>\n<main>\n<h1>Status of the show's episodes</h1>\n")
        .append("<p>As of ").append(now).append(". Each upload's own status is beside this page:"
            + " <code>").append(Html.escape(FOLDER)).append("&lt;file&gt;.txt</code>.</p>\n");
    out.append("<h2>Rejected files (").append(rejected.size()).append(")</h2>\n");
    if (rejected.isEmpty()) {
      out.append("<p>None.</p>\n");
    } else {
      out.append("<table>\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Since</th>"
          + "<th scope=\"col\">Problems</th></tr></thead>\n<tbody>\n");
      for (EpisodeStore.SourceRecord r : rejected) {
        out.append("<tr><td>").append(Html.escape(r.object())).append("</td><td>")
            .append(r.updated()).append("</td><td><pre>")
            .append(Html.escape(String.join("\n", r.problems()))).append("</pre></td></tr>\n");
      }
      out.append("</tbody>\n</table>\n");
    }
    List<EpisodeRecord> sorted = records.stream().sorted(Comparator.comparing(
        (EpisodeRecord r) -> r.publishDate()).reversed()).toList();
    out.append("<h2>Episodes (").append(sorted.size()).append(")</h2>\n<table>\n<thead><tr>"
        + "<th scope=\"col\">Episode</th><th scope=\"col\">State</th><th scope=\"col\">"
        + "Publish date</th><th scope=\"col\">File</th></tr></thead>\n<tbody>\n");
    for (EpisodeRecord r : sorted) {
      String state = r.status().name().toLowerCase(Locale.ROOT);
      out.append("<tr><td>");
      if (r.status() == EpisodeStatus.PUBLISHED) {
        out.append("<a href=\"").append(Html.escape(r.entry().link())).append("\">")
            .append(Html.escape(r.entry().title())).append("</a>");
      } else {
        out.append(Html.escape(r.entry().title()));
      }
      out.append("</td><td>").append(state).append("</td><td>").append(r.publishDate())
          .append("</td><td>").append(Html.escape(r.sourceObject())).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
