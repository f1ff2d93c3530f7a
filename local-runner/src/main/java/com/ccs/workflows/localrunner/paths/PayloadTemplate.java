package com.ccs.workflows.localrunner.paths;

import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.paths.intrinsics.IntrinsicFunctions;
import com.ccs.workflows.localrunner.paths.intrinsics.IntrinsicParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSONPath payload templates (Parameters, ResultSelector, ItemSelector, Assign): a key ending in {@code .$}
 * takes the value of the path or intrinsic function it holds, under the key without the suffix; everything else
 * is copied, recursing into objects and arrays.
 */
public final class PayloadTemplate {
    private PayloadTemplate() {}

    public static JsonNode evaluate(JsonNode template, Bindings bindings) {
        if (template == null) {
            return null;
        }
        if (template.isObject()) {
            ObjectNode out = Json.object();
            Iterator<Map.Entry<String, JsonNode>> it = template.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (key.endsWith(".$") && e.getValue().isTextual()) {
                    out.set(
                            key.substring(0, key.length() - 2),
                            expression(key, e.getValue().textValue(), bindings));
                } else {
                    out.set(key, evaluate(e.getValue(), bindings));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.array();
            template.forEach(item -> out.add(evaluate(item, bindings)));
            return out;
        }
        return template;
    }

    /** The value of one {@code .$} field: an intrinsic function call or a reference path. */
    public static JsonNode expression(String field, String text, Bindings bindings) {
        if (IntrinsicParser.looksLikeCall(text)) {
            try {
                return IntrinsicFunctions.evaluate(text, bindings);
            } catch (PathNotFound e) {
                throw notFound(field, text, bindings);
            }
        }
        try {
            return ReferencePaths.read(text, bindings);
        } catch (PathNotFound e) {
            throw notFound(field, text, bindings);
        }
    }

    private static RuntimeFailure notFound(String field, String path, Bindings bindings) {
        return RuntimeFailure.runtime("The JSONPath '" + path + "' specified for the field '" + field
                + "' could not be found in the input '" + Json.write(bindings.input()) + "'");
    }
}
