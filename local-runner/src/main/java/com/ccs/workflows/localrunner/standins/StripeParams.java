package com.ccs.workflows.localrunner.standins;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Stripe's request parameters: form bodies and query strings, and the checks Stripe makes on them. */
final class StripeParams {
    private StripeParams() {}

    static ObjectNode list(String url, List<ObjectNode> items, int limit) {
        ObjectNode list = Json.object().put("object", "list").put("url", url).put("has_more", items.size() > limit);
        ArrayNode data = list.putArray("data");
        items.stream().limit(limit).forEach(data::add);
        return list;
    }

    static int limit(Map<String, List<String>> query) {
        String value = first(query, "limit");
        long limit = value == null ? 10 : integer(value, "limit");
        if (limit < 1 || limit > 100) {
            throw new StripeRefusal(
                    400, "parameter_invalid_integer", "limit", "Invalid limit: must be between 1 and 100");
        }
        return (int) limit;
    }

    static long integer(String value, String param) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new StripeRefusal(400, "parameter_invalid_integer", param, "Invalid integer: " + value);
        }
    }

    /** Whether {@code expand[]} (or {@code expand[0]}...) names {@code field}. */
    static boolean expands(Map<String, List<String>> query, String field) {
        return query.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("expand[") && e.getValue().contains(field));
    }

    static Map<String, String> metadata(Map<String, String> params) {
        Map<String, String> meta = new TreeMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]")) {
                meta.put(k.substring(9, k.length() - 1), v);
            }
        });
        return meta;
    }

    static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** A form body or query string: each name with its values in order ({@code expand[]} repeats). */
    static Map<String, List<String>> params(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded == null) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new TreeMap<>();
        params(body).forEach((k, v) -> form.put(k, v.getLast()));
        return form;
    }
}
