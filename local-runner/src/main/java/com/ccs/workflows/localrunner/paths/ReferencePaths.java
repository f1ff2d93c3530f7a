package com.ccs.workflows.localrunner.paths;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
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
    /** Member names and array indexes only, e.g. {@code $.a.b} or {@code $[0].body}. */
    private static final Pattern PLAIN = Pattern.compile("\\$(\\.[A-Za-z_][A-Za-z0-9_]*|\\[[0-9]{1,9}])+");

    private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\[([0-9]{1,9})]");
    /** Per plain path, its segments: a String names a member, an Integer indexes an array. */
    private static final ConcurrentHashMap<String, Object[]> SEGMENTS = new ConcurrentHashMap<>();

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
        return read(document(target, bindings), target.path());
    }

    /**
     * As {@link #read}, null where it would throw {@link PathNotFound}: Choice rules (IsPresent, a rule on an
     * optional field) ask this on every evaluation, and a plain path answers without an exception.
     */
    public static JsonNode find(String path, Bindings bindings) {
        Target target = target(path);
        if (target.root() == Root.VARIABLE && bindings.variables().apply(target.variable()) == null) {
            return null;
        }
        JsonNode document = document(target, bindings);
        Object[] segments = segments(target.path());
        if (segments.length > 0) {
            JsonNode found = walk(document, segments);
            // A plain path fails only on a missing member or a non-container; an index past the end is Jayway's to say.
            if (found != null || !pastTheEnd(document, segments)) {
                return found;
            }
        }
        try {
            return read(document, target.path());
        } catch (PathNotFound e) {
            return null;
        }
    }

    private static JsonNode document(Target target, Bindings bindings) {
        return switch (target.root()) {
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
     * The common case without Jayway: a plain path ({@code $.a.b}, {@code $[0].body}) over members and elements that
     * exist. Null when the path has another form or does not resolve, so that Jayway answers (and words the error)
     * as AWS does.
     */
    private static JsonNode readFields(JsonNode document, String path) {
        Object[] segments = segments(path);
        return segments.length == 0 ? null : walk(document, segments);
    }

    private static JsonNode walk(JsonNode document, Object[] segments) {
        JsonNode node = document;
        for (Object segment : segments) {
            JsonNode child = segment instanceof String name
                    ? (node.isObject() ? node.get(name) : null)
                    : (node.isArray() ? node.get((Integer) segment) : null);
            if (child == null) {
                return null;
            }
            node = child;
        }
        return node;
    }

    /** Whether walking the segments stops at an array index past the array's end (Jayway reads that as null). */
    private static boolean pastTheEnd(JsonNode document, Object[] segments) {
        JsonNode node = document;
        for (Object segment : segments) {
            if (segment instanceof Integer && node.isArray() && (Integer) segment >= node.size()) {
                return true;
            }
            JsonNode child = segment instanceof String name
                    ? (node.isObject() ? node.get(name) : null)
                    : (node.isArray() ? node.get((Integer) segment) : null);
            if (child == null) {
                return false;
            }
            node = child;
        }
        return false;
    }

    private static Object[] segments(String path) {
        return SEGMENTS.computeIfAbsent(path, ReferencePaths::parseSegments);
    }

    private static Object[] parseSegments(String path) {
        if (!PLAIN.matcher(path).matches()) {
            return new Object[0];
        }
        List<Object> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(path);
        while (m.find()) {
            segments.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
        }
        return segments.toArray();
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

    enum Root {
        INPUT,
        CONTEXT,
        VARIABLE
    }

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
