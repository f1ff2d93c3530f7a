package com.ccs.workflows.localrunner.definition;

import com.ccs.workflows.localrunner.paths.ReferencePaths;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of a definition that must hold a valid path, integer, timeout or query language, and keeps
 * every problem found (worded and located as AWS reports them) instead of throwing at the first.
 */
final class FieldReader {
    private final List<String> problems = new ArrayList<>();

    /** The problems so far; the validator appends its own to the same list. */
    List<String> problems() {
        return problems;
    }

    void problem(String message, String at) {
        problems.add(message + " at " + (at.isEmpty() ? "/" : at));
    }

    /** Reads a JSONPath field: default when absent, null for JSON null, validated otherwise. */
    String path(JsonNode node, String field, String at, String absent) {
        if (!node.has(field)) {
            return absent;
        }
        JsonNode value = node.get(field);
        if (value.isNull()) {
            return null;
        }
        checkPath(value.asText(), at + "/" + field);
        return value.asText();
    }

    String pathOrIntrinsic(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value != null && value.isTextual() && value.textValue().startsWith("States.")) {
            return value.textValue();
        }
        return path(node, field, at, null);
    }

    void checkPath(String path, String at) {
        String error = ReferencePaths.syntaxError(path);
        if (error != null) {
            problem("INVALID_JSON_PATH: " + error, at);
        }
    }

    /** Every {@code "key.$"} of a payload template must hold a valid path or intrinsic function. */
    void checkTemplate(JsonNode template, String at) {
        if (template.isObject()) {
            template.properties().forEach(e -> {
                if (e.getKey().endsWith(".$") && e.getValue().isTextual()) {
                    String text = e.getValue().textValue();
                    if (!text.startsWith("States.")) {
                        checkPath(text, at + "/" + e.getKey());
                    }
                } else {
                    checkTemplate(e.getValue(), at + "/" + e.getKey());
                }
            });
        } else if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                checkTemplate(template.get(i), at + "[" + i + "]");
            }
        }
    }

    Integer optionalInt(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToInt()) {
            problem(
                    "SCHEMA_VALIDATION_FAILED: The value for the field '" + field + "' must be an integer",
                    at + "/" + field);
            return null;
        }
        return value.intValue();
    }

    TimeoutSpec timeout(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        String path = path(node, field + "Path", at, null);
        if (value != null && path != null) {
            problem("SCHEMA_VALIDATION_FAILED: Only one of '" + field + "' and '" + field + "Path' may be set", at);
        }
        if (value != null && value.isNumber() && value.asLong() <= 0) {
            problem(
                    "SCHEMA_VALIDATION_FAILED: The value for the field '" + field + "' must be positive",
                    at + "/" + field);
        }
        return value == null && path == null ? TimeoutSpec.NONE : new TimeoutSpec(value, path);
    }

    QueryLanguage queryLanguage(JsonNode node, String at, QueryLanguage fallback) {
        try {
            return QueryLanguage.parse(node.asText());
        } catch (IllegalArgumentException e) {
            problem(
                    "SCHEMA_VALIDATION_FAILED: The value for the field 'QueryLanguage' must be one of [JSONPath, JSONata]",
                    at);
            return fallback;
        }
    }
}
