package dev.podcast.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM condition, as Google evaluates it, for the part of the Common Expression Language that
 * {@code infra/iam.tf} uses: string literals, the attributes {@code resource.name},
 * {@code resource.type} and {@code resource.service}, {@code ==}, {@code !=}, {@code &&},
 * {@code ||}, {@code !}, parentheses, and the string functions {@code startsWith} and
 * {@code endsWith}. Anything else is an error, so a condition that uses more must be taught here
 * before a test can pass with it. Parsed once; immutable.
 */
final class IamCondition {

  /** What a condition is evaluated against: attribute name ({@code resource.name}) to value. */
  record Request(Map<String, String> attributes) {
    Request {
      attributes = Map.copyOf(attributes);
    }

    static Request resource(String name, String type) {
      return new Request(Map.of("resource.name", name, "resource.type", type,
          "resource.service", "storage.googleapis.com"));
    }
  }

  private sealed interface Node permits Literal, Attribute, Call, Not, Binary {}

  private record Literal(String value) implements Node {}

  private record Attribute(String name) implements Node {}

  private record Call(Node target, String function, Node argument) implements Node {}

  private record Not(Node operand) implements Node {}

  private record Binary(String operator, Node left, Node right) implements Node {}

  private final String text;
  private final Node root;

  private IamCondition(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /** Parses {@code expression}; {@link IllegalArgumentException} naming what is not understood. */
  static IamCondition parse(String expression) {
    Parser parser = new Parser(tokens(expression), expression);
    Node root = parser.or();
    parser.end();
    return new IamCondition(expression, root);
  }

  /** Whether the condition holds for {@code request}. */
  boolean test(Request request) {
    Object value = evaluate(root, request);
    if (!(value instanceof Boolean b)) {
      throw new IllegalArgumentException("the condition is not a boolean: " + text);
    }
    return b;
  }

  @Override
  public String toString() {
    return text;
  }

  private Object evaluate(Node node, Request request) {
    if (node instanceof Literal l) {
      return l.value();
    }
    if (node instanceof Attribute a) {
      String value = request.attributes().get(a.name());
      if (value == null) {
        throw new IllegalArgumentException("unknown attribute " + a.name() + " in " + text);
      }
      return value;
    }
    if (node instanceof Not n) {
      return !bool(evaluate(n.operand(), request));
    }
    if (node instanceof Call c) {
      String target = string(evaluate(c.target(), request));
      String argument = string(evaluate(c.argument(), request));
      return switch (c.function()) {
        case "startsWith" -> target.startsWith(argument);
        case "endsWith" -> target.endsWith(argument);
        default -> throw new IllegalArgumentException("unknown function " + c.function()
            + " in " + text);
      };
    }
    Binary b = (Binary) node;
    return switch (b.operator()) {
      case "&&" -> bool(evaluate(b.left(), request)) & bool(evaluate(b.right(), request));
      case "||" -> bool(evaluate(b.left(), request)) | bool(evaluate(b.right(), request));
      case "==" -> string(evaluate(b.left(), request)).equals(string(evaluate(b.right(),
          request)));
      case "!=" -> !string(evaluate(b.left(), request)).equals(string(evaluate(b.right(),
          request)));
      default -> throw new IllegalStateException(b.operator());
    };
  }

  private boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException("a string where a boolean is needed in " + text);
  }

  private String string(Object value) {
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("a boolean where a string is needed in " + text);
  }

  // ---- Tokens ----

  private record Token(String kind, String text, int at) {}

  private static List<Token> tokens(String expression) {
    Objects.requireNonNull(expression, "expression");
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < expression.length()) {
      char c = expression.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'') {
        StringBuilder value = new StringBuilder();
        int start = i++;
        while (true) {
          if (i >= expression.length()) {
            throw new IllegalArgumentException("unclosed string at " + start + ": "
                + expression);
          }
          char d = expression.charAt(i++);
          if (d == c) {
            break;
          }
          if (d == '\\') {
            if (i >= expression.length()) {
              throw new IllegalArgumentException("a lone \\ at the end: " + expression);
            }
            char e = expression.charAt(i++);
            value.append(switch (e) {
              case '\\', '"', '\'' -> e;
              case 'n' -> '\n';
              case 't' -> '\t';
              default -> throw new IllegalArgumentException("escape \\" + e
                  + " is not understood here: " + expression);
            });
          } else {
            value.append(d);
          }
        }
        out.add(new Token("string", value.toString(), start));
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < expression.length() && (Character.isLetterOrDigit(expression.charAt(i))
            || expression.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token("name", expression.substring(start, i), start));
      } else {
        String two = i + 1 < expression.length() ? expression.substring(i, i + 2) : "";
        if (List.of("&&", "||", "==", "!=").contains(two)) {
          out.add(new Token(two, two, i));
          i += 2;
        } else if ("().,!".indexOf(c) >= 0) {
          out.add(new Token(String.valueOf(c), String.valueOf(c), i));
          i++;
        } else {
          throw new IllegalArgumentException("'" + c + "' at " + i + " is not understood: "
              + expression);
        }
      }
    }
    return out;
  }

  // ---- Grammar: or := and ('||' and)*; and := unary ('&&' unary)*; unary := '!' unary |
  // comparison; comparison := value (('==' | '!=') value)?; value := string | '(' or ')' |
  // name ('.' name)* ('(' or ')')? ----

  private static final class Parser {
    private final List<Token> tokens;
    private final String text;
    private int next;

    Parser(List<Token> tokens, String text) {
      this.tokens = tokens;
      this.text = text;
    }

    Node or() {
      Node left = and();
      while (accept("||")) {
        left = new Binary("||", left, and());
      }
      return left;
    }

    private Node and() {
      Node left = unary();
      while (accept("&&")) {
        left = new Binary("&&", left, unary());
      }
      return left;
    }

    private Node unary() {
      if (accept("!")) {
        return new Not(unary());
      }
      Node left = value();
      if (peek("==") || peek("!=")) {
        String operator = tokens.get(next++).kind();
        return new Binary(operator, left, value());
      }
      return left;
    }

    private Node value() {
      if (next >= tokens.size()) {
        throw new IllegalArgumentException("the condition ends too soon: " + text);
      }
      Token token = tokens.get(next++);
      if (token.kind().equals("string")) {
        return new Literal(token.text());
      }
      if (token.kind().equals("(")) {
        Node inner = or();
        expect(")");
        return inner;
      }
      if (!token.kind().equals("name")) {
        throw new IllegalArgumentException("'" + token.text() + "' at " + token.at()
            + " is not understood: " + text);
      }
      List<String> path = new ArrayList<>(List.of(token.text()));
      while (accept(".")) {
        path.add(expectName());
      }
      if (accept("(")) {
        if (path.size() < 2) {
          throw new IllegalArgumentException("a function without its target: " + text);
        }
        String function = path.remove(path.size() - 1);
        Node argument = or();
        expect(")");
        return new Call(new Attribute(String.join(".", path)), function, argument);
      }
      return new Attribute(String.join(".", path));
    }

    void end() {
      if (next != tokens.size()) {
        Token extra = tokens.get(next);
        throw new IllegalArgumentException("'" + extra.text() + "' at " + extra.at()
            + " is left over: " + text);
      }
    }

    private boolean peek(String kind) {
      return next < tokens.size() && tokens.get(next).kind().equals(kind);
    }

    private boolean accept(String kind) {
      if (peek(kind)) {
        next++;
        return true;
      }
      return false;
    }

    private void expect(String kind) {
      if (!accept(kind)) {
        throw new IllegalArgumentException("'" + kind + "' expected at token " + next + ": "
            + text);
      }
    }

    private String expectName() {
      if (!peek("name")) {
        throw new IllegalArgumentException("a name expected after '.': " + text);
      }
      return tokens.get(next++).text();
    }
  }
}
