package com.ccs.workflows.approval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of an HTTP API (payload format 2.0) event the callback reads, taken from the event's plain maps. A
 * part that is missing or of the wrong type is absent (null, empty map): the service then answers 400 or 405 for
 * what it needs, as it does for any incomplete request.
 */
record HttpApiEvent(
        String method,
        String rawPath,
        Map<String, String> headers,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        String body,
        boolean base64Encoded,
        String sourceIp,
        String userAgent,
        String requestId) {

    static HttpApiEvent from(Map<String, Object> event) {
        Map<?, ?> context = event.get("requestContext") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> http = context.get("http") instanceof Map<?, ?> m ? m : Map.of();
        return new HttpApiEvent(
                text(http.get("method")),
                text(event.get("rawPath")),
                strings(event.get("headers")),
                strings(event.get("pathParameters")),
                strings(event.get("queryStringParameters")),
                text(event.get("body")),
                Boolean.TRUE.equals(event.get("isBase64Encoded")),
                text(http.get("sourceIp")),
                text(http.get("userAgent")),
                text(context.get("requestId")));
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    /** A map of strings; members whose value is not a string are left out. */
    private static Map<String, String> strings(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k instanceof String key && v instanceof String s) {
                result.put(key, s);
            }
        });
        return result;
    }
}
