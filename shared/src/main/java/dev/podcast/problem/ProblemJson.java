package dev.podcast.problem;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * Problems as JSON, the one shape every JSON report uses ({@code podcast validate --format
 * json}, an upload's status): {@code {file, line, column, severity, code, message}}, the
 * severity and code as {@link Problem#format} spells them. Stateless.
 */
public final class ProblemJson {

  private ProblemJson() {}

  /** {@code problems} as an array of objects, in order. */
  public static JsonArray of(List<Problem> problems) {
    JsonArray array = new JsonArray();
    for (Problem problem : problems) {
      JsonObject o = new JsonObject();
      o.addProperty("file", problem.file());
      o.addProperty("line", problem.line());
      o.addProperty("column", problem.column());
      o.addProperty("severity", problem.severity().word());
      o.addProperty("code", problem.code().code());
      o.addProperty("message", problem.message());
      array.add(o);
    }
    return array;
  }
}
