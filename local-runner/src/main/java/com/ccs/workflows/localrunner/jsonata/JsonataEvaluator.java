package com.ccs.workflows.localrunner.jsonata;

import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates {@code {% ... %}} JSONata expressions with com.dashjoin:jsonata. JSON null is passed in as
 * {@link Jsonata#NULL_VALUE} so that a null result stays distinguishable from "undefined", which AWS rejects.
 */
public final class JsonataEvaluator {
    private static final ConcurrentHashMap<String, Jsonata> CACHE = new ConcurrentHashMap<>();

    /** Sees every evaluation: tests compare the workflows' own expressions with the JSONata reference. */
    private static volatile BiConsumer<String, JsonataScope> observer;

    private JsonataEvaluator() {}

    public static boolean isExpression(JsonNode node) {
        return node != null && node.isTextual() && isExpression(node.textValue());
    }

    /**
     * Whether a string is a JSONata expression: it starts with {@code {%} and ends with {@code %}}. A string with
     * anything around them (" {% $x %} ") is a literal, as on AWS.
     */
    public static boolean isExpression(String text) {
        return text.length() >= 4 && text.startsWith("{%") && text.endsWith("%}");
    }

    /** The expression text between the delimiters. */
    public static String body(String text) {
        return text.substring(2, text.length() - 2).strip();
    }

    /**
     * Evaluates a JSONata-mode field: literals stay as they are, {@code {% %}} strings anywhere inside objects and
     * arrays are evaluated. {@code field} names the field for error messages (e.g. "Arguments/FunctionName").
     */
    public static JsonNode template(JsonNode template, JsonataScope scope, String field) {
        if (template == null) {
            return null;
        }
        if (isExpression(template)) {
            return required(template.textValue(), scope, field);
        }
        if (template.isObject()) {
            ObjectNode out = Json.object();
            Iterator<Map.Entry<String, JsonNode>> it = template.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), template(e.getValue(), scope, field + "/" + e.getKey()));
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.array();
            for (JsonNode item : template) {
                out.add(template(item, scope, field));
            }
            return out;
        }
        return template;
    }

    /** Evaluates {@code {% expr %}}; a result of "undefined" is a States.QueryEvaluationError. */
    public static JsonNode required(String text, JsonataScope scope, String field) {
        JsonNode value = evaluate(text, scope, field);
        if (value == null) {
            throw RuntimeFailure.query(
                    "The JSONata expression '" + body(text) + "' specified for the field '" + field
                            + "' returned nothing (undefined).",
                    field);
        }
        return value;
    }

    /**
     * What AWS refuses in a definition about the expression {@code {% expr %}}, as "CODE: message" lines: one that
     * does not parse (INVALID_JSONATA_EXPRESSION), one reading a name at its top level, where there is no context,
     * or {@code $states.errorOutput} outside a catcher (UNSUPPORTED_JSONATA_EXPRESSION).
     */
    public static List<String> definitionProblems(String text, boolean inCatcher) {
        Jsonata jsonata;
        try {
            jsonata = CACHE.computeIfAbsent(body(text), JsonataEvaluator::compile);
        } catch (JException e) {
            return List.of("INVALID_JSONATA_EXPRESSION: " + e.getMessage());
        } catch (PatternSyntaxException e) {
            return List.of("INVALID_JSONATA_EXPRESSION: Invalid regular expression: /" + e.getPattern() + "/: "
                    + e.getDescription());
        }
        List<String> problems = new ArrayList<>();
        TopLevelReferences.of(jsonata)
                .forEach(name -> problems.add("UNSUPPORTED_JSONATA_EXPRESSION: Reference to '" + name
                        + "' at the top level is not supported."));
        if (!inCatcher && TopLevelReferences.readsErrorOutput(jsonata)) {
            problems.add("UNSUPPORTED_JSONATA_EXPRESSION: Field '$states.errorOutput' does not exist.");
        }
        return problems;
    }

    /** Evaluates {@code {% expr %}}; null means undefined. */
    public static JsonNode evaluate(String text, JsonataScope scope, String field) {
        String expression = body(text);
        BiConsumer<String, JsonataScope> seen = observer;
        if (seen != null) {
            seen.accept(expression, scope);
        }
        Jsonata jsonata;
        try {
            jsonata = CACHE.computeIfAbsent(expression, JsonataEvaluator::compile);
        } catch (JException | PatternSyntaxException e) {
            throw RuntimeFailure.query(
                    "The JSONata expression '" + expression + "' specified for the field '" + field
                            + "' could not be parsed: " + e.getMessage(),
                    field);
        }
        Object result;
        // The library keeps per-evaluation state in the compiled expression: evaluate one at a time per expression.
        synchronized (jsonata) {
            Jsonata.Frame frame = jsonata.createFrame();
            // Only what the expression names is converted: a machine written in JSONata evaluates many short
            // expressions, each reading one or two variables (and $eval, which could name any, is not available).
            if (expression.contains("$states")) {
                frame.bind("states", toJsonata(scope.states()));
            }
            scope.variables().forEach((name, value) -> {
                if (expression.contains("$" + name)) {
                    frame.bind(name, toJsonata(value));
                }
            });
            AwsFunctions.bind(frame, scope.now());
            try {
                result = jsonata.evaluate(null, frame);
            } catch (StatesFailure e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                // whatever the library throws is the expression's failure, which a Catch can handle, as on AWS
                throw RuntimeFailure.query(EvaluationFailureCause.of(expression, field, e), field);
            }
        }
        return result == null ? null : fromJsonata(result);
    }

    /** Until {@code null} is set, every expression evaluated and its scope go to {@code consumer}. */
    static void observe(BiConsumer<String, JsonataScope> consumer) {
        observer = consumer;
    }

    private static Jsonata compile(String expression) {
        Jsonata jsonata = JavaScriptRegex.parse(expression);
        jsonata.setOutputConvertNulls(false);
        JavaScriptFunctions.register(jsonata);
        return jsonata;
    }

    static Object toJsonata(JsonNode node) {
        if (node == null || node.isNull()) {
            return Jsonata.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), toJsonata(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(n -> list.add(toJsonata(n)));
            return list;
        }
        return Json.toJava(node);
    }

    static JsonNode fromJsonata(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return Json.NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = Json.object();
            map.forEach((k, v) -> {
                if (v != null) { // undefined members vanish, as in JavaScript's JSON.stringify
                    out.set(String.valueOf(k), fromJsonata(v));
                }
            });
            return out;
        }
        if (value instanceof Iterable<?> list) {
            ArrayNode out = Json.array();
            list.forEach(v -> out.add(fromJsonata(v)));
            return out;
        }
        if (value instanceof Jsonata.JFunction || value instanceof Jsonata.JLambda) {
            return Json.object();
        }
        return Json.fromJsonata(value);
    }
}
