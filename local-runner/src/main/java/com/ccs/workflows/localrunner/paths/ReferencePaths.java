package com.ccs.workflows.localrunner.paths;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates ASL reference paths. AWS evaluates JSONPath with Jayway (its error texts are Jayway's, e.g.
 * "Missing property in path $['no']"), so Jayway is used as is; this class adds the ASL prefixes
 * {@code $$} (context object) and {@code $var} (variables).
 */
public final class ReferencePaths {
  private static final Pattern VARIABLE = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)(.*)$", Pattern.DOTALL);
  private static final Configuration CONFIG = Configuration.builder()
      .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
      .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
      .build();
  private static final ConcurrentHashMap<String, JsonPath> CACHE = new ConcurrentHashMap<>();
  private static final Pattern PLAIN = Pattern.compile("\\$(\\.[A-Za-z_][A-Za-z0-9_]*)+");
  private static final ConcurrentHashMap<String, String[]> FIELDS = new ConcurrentHashMap<>();

  private ReferencePaths() {}

  /** Null when the text is a usable reference path, else why not. */
  public static String syntaxError(String path) {
    if (path == null || !path.startsWith("$")) {
      return "The value '" + path + "' is not a valid JSONPath";
    }
    try {
      compile(target(path).path());
      return null;
    } catch (RuntimeException e) { // Jayway also fails with index errors on some malformed paths
      return "The value '" + path + "' is not a valid JSONPath: " + e.getMessage();
    }
  }

  /**
   * Value selected by {@code path}; throws {@link PathNotFound} when a definite path selects nothing or names an
   * undefined variable. Indefinite paths ({@code [*]}, slices, filters) yield an array, possibly empty.
   */
  public static JsonNode read(String path, Bindings bindings) {
    Target target = target(path);
    JsonNode document = switch (target.root()) {
      case INPUT -> bindings.input();
      case CONTEXT -> bindings.context();
      case VARIABLE -> {
        JsonNode value = bindings.variables().apply(target.variable());
        if (value == null) {
          throw new PathNotFound("Undefined variable: $" + target.variable());
        }
        yield value;
      }
    };
    return read(document, target.path());
  }

  /** Evaluates a plain {@code $...} JSONPath against a document. */
  public static JsonNode read(JsonNode document, String path) {
    if (path.equals("$")) {
      return document;
    }
    JsonNode found = readFields(document, path);
    if (found != null) {
      return found;
    }
    try {
      Object result = compile(path).read(document, CONFIG);
      return Json.fromJava(result);
    } catch (PathNotFoundException e) {
      if (!compile(path).isDefinite()) {
        return Json.array(); // AWS: a wildcard or slice over a missing member selects nothing
      }
      throw new PathNotFound(e.getMessage());
    }
  }

  /**
   * The common case without Jayway: {@code $.a.b} (plain names) over objects that have them. Null when the path
   * has another form or does not resolve, so that Jayway answers (and words the error) as AWS does.
   */
  private static JsonNode readFields(JsonNode document, String path) {
    String[] names = FIELDS.computeIfAbsent(path, ReferencePaths::fieldNames);
    if (names.length == 0) {
      return null;
    }
    JsonNode node = document;
    for (String name : names) {
      JsonNode child = node.isObject() ? node.get(name) : null;
      if (child == null) {
        return null;
      }
      node = child;
    }
    return node;
  }

  private static String[] fieldNames(String path) {
    return PLAIN.matcher(path).matches() ? path.substring(2).split("\\.") : new String[0];
  }

  private static JsonPath compile(String path) {
    return CACHE.computeIfAbsent(path, p -> JsonPath.compile(literalBackslashes(p)));
  }

  /**
   * AWS reads a backslash inside a quoted name ({@code $['a\"b']}) literally, where Jayway would take it as an
   * escape: doubling it makes Jayway read it literally too (an escaped quote {@code \'} is left alone).
   */
  static String literalBackslashes(String path) {
    if (path.indexOf('\\') < 0) {
      return path;
    }
    StringBuilder sb = new StringBuilder(path.length() + 8);
    boolean quoted = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == '\\' && quoted) {
        if (i + 1 < path.length() && path.charAt(i + 1) == '\'') {
          sb.append(c).append('\'');
          i++;
          continue;
        }
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  enum Root { INPUT, CONTEXT, VARIABLE }

  record Target(Root root, String variable, String path) {}

  static Target target(String path) {
    if (path.startsWith("$$")) {
      return new Target(Root.CONTEXT, null, "$" + path.substring(2));
    }
    Matcher m = VARIABLE.matcher(path);
    if (m.matches()) {
      return new Target(Root.VARIABLE, m.group(1), "$" + m.group(2));
    }
    return new Target(Root.INPUT, null, path);
  }
}
