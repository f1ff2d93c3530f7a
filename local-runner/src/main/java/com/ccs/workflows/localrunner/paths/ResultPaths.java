package com.ccs.workflows.localrunner.paths;

import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The InputPath / ResultPath / OutputPath steps of JSONPath input and output processing. */
public final class ResultPaths {
    private ResultPaths() {}

    /** InputPath or OutputPath: null gives {@code {}}, otherwise the selected value (it must exist). */
    public static JsonNode select(String path, Bindings bindings) {
        if (path == null) {
            return Json.object();
        }
        try {
            return ReferencePaths.read(path, bindings);
        } catch (PathNotFound e) {
            throw RuntimeFailure.runtime("Invalid path '" + path + "' : " + e.getMessage());
        }
    }

    /**
     * ResultPath: null keeps the input, {@code $} takes the result, {@code $.a.b} puts the result into a copy of
     * the input, creating the objects on the way.
     */
    public static JsonNode merge(JsonNode input, JsonNode result, String resultPath) {
        if (resultPath == null) {
            return input;
        }
        if (resultPath.equals("$")) {
            return result;
        }
        List<String> keys = segments(resultPath);
        if (!input.isObject()) {
            throw new StatesFailure(
                    StatesErrors.RESULT_PATH_MATCH_FAILURE,
                    "Unable to apply ResultPath \"" + resultPath + "\" to input " + Json.write(input));
        }
        ObjectNode root = ((ObjectNode) input).deepCopy();
        ObjectNode current = root;
        for (int i = 0; i < keys.size() - 1; i++) {
            JsonNode child = current.get(keys.get(i));
            if (child == null || child instanceof NullNode) {
                child = current.putObject(keys.get(i));
            } else if (!child.isObject()) {
                throw new StatesFailure(
                        StatesErrors.RESULT_PATH_MATCH_FAILURE,
                        "Unable to apply ResultPath \"" + resultPath + "\" to input " + Json.write(input));
            }
            current = (ObjectNode) child;
        }
        current.set(keys.get(keys.size() - 1), result == null ? NullNode.getInstance() : result);
        return root;
    }

    /** Field names of a definite ResultPath such as {@code $.a.b} or {@code $['a']['b']}. */
    static List<String> segments(String path) {
        List<String> keys = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                keys.add(path.substring(i + 1, end));
                i = end;
            } else if (c == '[' && i + 1 < path.length() && (path.charAt(i + 1) == '\'' || path.charAt(i + 1) == '"')) {
                char quote = path.charAt(i + 1);
                int end = path.indexOf(quote, i + 2);
                keys.add(path.substring(i + 2, end));
                i = end + 2;
            } else {
                throw RuntimeFailure.runtime("Unsupported ResultPath: " + path);
            }
        }
        return keys;
    }
}
