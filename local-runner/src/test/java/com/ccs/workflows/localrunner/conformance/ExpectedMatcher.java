package com.ccs.workflows.localrunner.conformance;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares an actual value with a recorded one: redaction tokens in the recording match any text, numbers
 * compare strictly (an integer never equals a float), objects ignore member order.
 */
final class ExpectedMatcher {
    private final List<String> tokens;

    ExpectedMatcher(JsonNode tokens) {
        List<String> list = new ArrayList<>();
        if (tokens != null) {
            tokens.forEach(t -> list.add(t.asText()));
        }
        this.tokens = list;
    }

    /** Null when equal, otherwise where they differ. */
    String difference(JsonNode expected, JsonNode actual, String at) {
        if (expected == null || expected.isNull()) {
            return actual == null || actual.isNull() ? null : at + ": expected null, was " + Json.write(actual);
        }
        if (actual == null) {
            return at + ": expected " + Json.write(expected) + ", was nothing";
        }
        if (expected.isTextual()) {
            if (actual.isTextual() && textMatches(expected.textValue(), actual.textValue())) {
                return null;
            }
            if (isToken(expected.textValue())) {
                return null; // a redacted value of any type
            }
            return at + ": expected " + Json.write(expected) + ", was " + Json.write(actual);
        }
        if (expected.isNumber()) {
            boolean same = actual.isNumber()
                    && expected.isIntegralNumber() == actual.isIntegralNumber()
                    && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
            return same ? null : at + ": expected " + expected + ", was " + Json.write(actual);
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return at + ": expected an object, was " + Json.write(actual);
            }
            if (expected.size() != actual.size()) {
                return at + ": expected members " + names(expected) + ", was " + names(actual);
            }
            Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String d = difference(e.getValue(), actual.get(e.getKey()), at + "." + e.getKey());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return at + ": expected " + Json.write(expected) + ", was " + Json.write(actual);
            }
            for (int i = 0; i < expected.size(); i++) {
                String d = difference(expected.get(i), actual.get(i), at + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null : at + ": expected " + expected + ", was " + Json.write(actual);
    }

    /** Text equality where each redaction token inside the expected text stands for any run of characters. */
    boolean textMatches(String expected, String actual) {
        if (expected.equals(actual) || isToken(expected)) {
            return true;
        }
        List<String> present = tokens.stream().filter(expected::contains).toList();
        if (present.isEmpty() && !expected.contains("<")) {
            return false;
        }
        String regex = Pattern.quote(expected);
        for (String token : present) {
            regex = regex.replace(token, "\\E.*?\\Q");
        }
        // Generic placeholders such as <region> or <uuid:3> in recorded text.
        regex = regex.replaceAll("<[A-Za-z0-9_:\\-]+>", "\\\\E.*?\\\\Q");
        return Pattern.compile(regex, Pattern.DOTALL).matcher(actual).matches();
    }

    private boolean isToken(String text) {
        return tokens.contains(text);
    }

    /** Compares the names of entered states, as a sequence or as a multiset. */
    static String statesDifference(List<String> expected, List<String> actual, boolean ordered) {
        if (ordered) {
            return expected.equals(actual) ? null : "states entered: expected " + expected + ", was " + actual;
        }
        return counts(expected).equals(counts(actual))
                ? null
                : "states entered (any order): expected " + expected + ", was " + actual;
    }

    private static Map<String, Integer> counts(Collection<String> names) {
        Map<String, Integer> counts = new HashMap<>();
        names.forEach(n -> counts.merge(n, 1, Integer::sum));
        return counts;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }
}
