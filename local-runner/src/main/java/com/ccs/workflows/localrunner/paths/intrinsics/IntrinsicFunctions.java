package com.ccs.workflows.localrunner.paths.intrinsics;

import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.paths.Bindings;
import com.ccs.workflows.localrunner.paths.ReferencePaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The States.* intrinsic functions of the JSONPath query language. */
public final class IntrinsicFunctions {
    /** Stand-ins for escaped braces so States.Format does not treat them as placeholders. */
    static final char ESCAPED_OPEN = '\uE000';

    static final char ESCAPED_CLOSE = '\uE001';
    private static final int MAX_RANGE = 1000;

    private IntrinsicFunctions() {}

    /** Parses (cached) and evaluates {@code text}. */
    public static JsonNode evaluate(String text, Bindings bindings) {
        IntrinsicExpr.Call call;
        try {
            call = IntrinsicParser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new StatesFailure(StatesErrors.INTRINSIC_FAILURE, e.getMessage());
        }
        return evaluate(call, bindings);
    }

    static JsonNode evaluate(IntrinsicExpr expr, Bindings bindings) {
        return switch (expr) {
            case IntrinsicExpr.Literal l -> l.value();
            case IntrinsicExpr.Reference r -> ReferencePaths.read(r.path(), bindings);
            case IntrinsicExpr.Call c -> {
                List<JsonNode> args = new ArrayList<>(c.args().size());
                c.args().forEach(a -> args.add(evaluate(a, bindings)));
                yield apply(c.name(), args);
            }
        };
    }

    public static JsonNode apply(String name, List<JsonNode> args) {
        return switch (name) {
            case "States.Format" -> format(args);
            case "States.StringToJson" -> {
                arity(name, args, 1);
                String s = string(name, args.get(0));
                yield s.isBlank() ? Json.NODES.nullNode() : parseJson(name, s);
            }
            case "States.JsonToString" -> {
                arity(name, args, 1);
                yield Json.text(Json.write(args.get(0)));
            }
            case "States.Array" -> {
                ArrayNode out = Json.array();
                args.forEach(out::add);
                yield out;
            }
            case "States.ArrayPartition" -> arrayPartition(name, args);
            case "States.ArrayContains" -> {
                arity(name, args, 2);
                ArrayNode array = array(name, args.get(0));
                boolean found = false;
                for (JsonNode item : array) {
                    found |= item.equals(args.get(1));
                }
                yield Json.NODES.booleanNode(found);
            }
            case "States.ArrayRange" -> arrayRange(name, args);
            case "States.ArrayGetItem" -> {
                arity(name, args, 2);
                ArrayNode array = array(name, args.get(0));
                int index = integer(name, args.get(1));
                if (index < 0 || index >= array.size()) {
                    throw failure(
                            name, "The index " + index + " is out of range for an array of length " + array.size());
                }
                yield array.get(index);
            }
            case "States.ArrayLength" -> {
                arity(name, args, 1);
                yield Json.NODES.numberNode(array(name, args.get(0)).size());
            }
            case "States.ArrayUnique" -> {
                arity(name, args, 1);
                Set<JsonNode> unique = new LinkedHashSet<>();
                array(name, args.get(0)).forEach(unique::add);
                ArrayNode out = Json.array();
                unique.forEach(out::add);
                yield out;
            }
            case "States.Base64Encode" -> {
                arity(name, args, 1);
                yield Json.text(Base64.getEncoder()
                        .encodeToString(string(name, args.get(0)).getBytes(StandardCharsets.UTF_8)));
            }
            case "States.Base64Decode" -> {
                arity(name, args, 1);
                try {
                    yield Json.text(
                            new String(Base64.getDecoder().decode(string(name, args.get(0))), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw failure(name, "The input is not valid base64: " + e.getMessage());
                }
            }
            case "States.Hash" -> hash(name, args);
            case "States.JsonMerge" -> jsonMerge(name, args);
            case "States.MathRandom" -> mathRandom(name, args);
            case "States.MathAdd" -> {
                arity(name, args, 2);
                long sum = Math.round(number(name, args.get(0))) + Math.round(number(name, args.get(1)));
                yield Json.fromJava(sum >= Integer.MIN_VALUE && sum <= Integer.MAX_VALUE ? (Object) (int) sum : sum);
            }
            case "States.StringSplit" -> {
                arity(name, args, 2);
                String s = string(name, args.get(0));
                String delimiters = string(name, args.get(1));
                ArrayNode out = Json.array();
                StringBuilder part = new StringBuilder();
                for (char c : s.toCharArray()) {
                    if (delimiters.indexOf(c) >= 0) {
                        if (!part.isEmpty()) {
                            out.add(part.toString());
                        }
                        part.setLength(0);
                    } else {
                        part.append(c);
                    }
                }
                if (!part.isEmpty()) {
                    out.add(part.toString());
                }
                yield out;
            }
            case "States.UUID" -> {
                arity(name, args, 0);
                yield Json.text(UUID.randomUUID().toString());
            }
            default -> throw new StatesFailure(StatesErrors.INTRINSIC_FAILURE, "Unknown intrinsic function: " + name);
        };
    }

    private static JsonNode format(List<JsonNode> args) {
        String name = "States.Format";
        if (args.isEmpty()) {
            throw failure(name, "expects at least one argument");
        }
        String template = string(name, args.get(0));
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw failure(name, "The number of arguments does not match the number of placeholders");
                }
                out.append(javaString(args.get(next++)));
                i++;
            } else if (c == ESCAPED_OPEN) {
                out.append('{');
            } else if (c == ESCAPED_CLOSE) {
                out.append('}');
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw failure(name, "The number of arguments does not match the number of placeholders");
        }
        return Json.text(out.toString());
    }

    /** AWS formats arguments with Java's toString of the parsed value: {@code {a=1, b=[]}}. */
    private static String javaString(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isObject()) {
            List<String> parts = new ArrayList<>();
            node.properties().forEach(e -> parts.add(e.getKey() + "=" + javaString(e.getValue())));
            return "{" + String.join(", ", parts) + "}";
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(javaString(n)));
            return "[" + String.join(", ", parts) + "]";
        }
        return node.isNull() ? "null" : node.toString();
    }

    private static JsonNode arrayPartition(String name, List<JsonNode> args) {
        arity(name, args, 2);
        ArrayNode array = array(name, args.get(0));
        int size = integer(name, args.get(1));
        if (size <= 0) {
            throw failure(name, "The chunk size must be greater than 0, but was " + size);
        }
        ArrayNode out = Json.array();
        ArrayNode chunk = null;
        for (int i = 0; i < array.size(); i++) {
            if (i % size == 0) {
                chunk = out.addArray();
            }
            chunk.add(array.get(i));
        }
        return out;
    }

    private static JsonNode arrayRange(String name, List<JsonNode> args) {
        arity(name, args, 3);
        int start = integer(name, args.get(0));
        int end = integer(name, args.get(1));
        int step = integer(name, args.get(2));
        if (step == 0) {
            throw failure(name, "The step must not be 0");
        }
        ArrayNode out = Json.array();
        for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
            if (out.size() == MAX_RANGE) {
                throw failure(name, "The range exceeds the maximum of " + MAX_RANGE + " elements");
            }
            out.add((int) i);
        }
        return out;
    }

    private static JsonNode hash(String name, List<JsonNode> args) {
        arity(name, args, 2);
        String data = args.get(0).isTextual() ? args.get(0).textValue() : Json.write(args.get(0));
        String algorithm = string(name, args.get(1));
        if (!List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(algorithm)) {
            throw failure(
                    name,
                    "The hash algorithm " + algorithm + " is not supported. Supported: MD5, SHA-1, SHA-256,"
                            + " SHA-384, SHA-512");
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return Json.text(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw failure(name, e.getMessage());
        }
    }

    private static JsonNode jsonMerge(String name, List<JsonNode> args) {
        arity(name, args, 3);
        if (!args.get(0).isObject() || !args.get(1).isObject()) {
            throw failure(name, "Both arguments to merge must be JSON objects");
        }
        if (!args.get(2).isBoolean()) {
            throw failure(name, "The third argument must be a boolean");
        }
        if (args.get(2).booleanValue()) {
            throw failure(name, "Deep merge is not supported: the third argument must be false");
        }
        ObjectNode out = ((ObjectNode) args.get(0)).deepCopy();
        args.get(1).properties().forEach(e -> out.set(e.getKey(), e.getValue()));
        return out;
    }

    private static JsonNode mathRandom(String name, List<JsonNode> args) {
        if (args.size() != 2 && args.size() != 3) {
            throw failure(name, "expects 2 or 3 arguments");
        }
        // AWS accepts any number for the bounds and the seed (States.MathRandom(12.5, 44.51) succeeds there) and uses
        // their integer part.
        int start = (int) number(name, args.get(0));
        int end = (int) number(name, args.get(1));
        if (end <= start) {
            throw failure(name, "The end must be greater than the start");
        }
        Random random = args.size() == 3 ? new Random((long) number(name, args.get(2))) : ThreadLocalRandom.current();
        return Json.NODES.numberNode(start + random.nextInt(end - start));
    }

    private static JsonNode parseJson(String name, String s) {
        try {
            return Json.parse(s);
        } catch (IllegalArgumentException e) {
            throw failure(name, "The input string is not valid JSON: " + s);
        }
    }

    private static void arity(String name, List<JsonNode> args, int n) {
        if (args.size() != n) {
            throw failure(name, "expects " + n + " argument" + (n == 1 ? "" : "s") + " but received " + args.size());
        }
    }

    private static String string(String name, JsonNode node) {
        if (!node.isTextual()) {
            throw failure(name, "expected a string argument but received " + Json.typeName(node) + ": " + node);
        }
        return node.textValue();
    }

    private static ArrayNode array(String name, JsonNode node) {
        if (!node.isArray()) {
            throw failure(name, "expected an array argument but received " + Json.typeName(node) + ": " + node);
        }
        return (ArrayNode) node;
    }

    private static double number(String name, JsonNode node) {
        if (!node.isNumber()) {
            throw failure(name, "expected a number argument but received " + Json.typeName(node) + ": " + node);
        }
        return node.doubleValue();
    }

    private static int integer(String name, JsonNode node) {
        if (!node.isNumber() || (!node.isIntegralNumber() && node.doubleValue() != Math.rint(node.doubleValue()))) {
            throw failure(name, "expected an integer argument but received " + Json.typeName(node) + ": " + node);
        }
        return node.intValue();
    }

    private static StatesFailure failure(String name, String message) {
        return new StatesFailure(StatesErrors.INTRINSIC_FAILURE, "Invalid arguments in " + name + ": " + message);
    }
}
