package com.ccs.workflows.approval;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reads a {@link CallbackRequest} out of an HTTP API (payload 2.0) event, leaving validation to the service. */
final class CallbackRequests {
    private static final int MAX_BODY = 16 * 1024;

    private CallbackRequests() {}

    static CallbackRequest from(HttpApiEvent event) {
        String method = event.method() == null ? "" : event.method().toUpperCase(Locale.ROOT);
        Map<String, String> path = event.pathParameters();
        Map<String, String> query = event.queryParameters();
        String approvalId = path.get("approval_id");
        String decision = path.get("decision");
        if ((approvalId == null || decision == null) && event.rawPath() != null) {
            // Without path parameters (e.g. a catch-all route), take the last two segments of the path.
            String[] segments = event.rawPath().split("/");
            if (segments.length >= 3 && "approvals".equals(segments[segments.length - 3])) {
                approvalId = segments[segments.length - 2];
                decision = segments[segments.length - 1];
            }
        }
        String comment = formField(event, "comment");
        if (comment == null) {
            comment = query.get("comment");
        }
        return new CallbackRequest(
                method,
                approvalId,
                decision,
                query.get("approver"),
                query.get("expires"),
                query.get("sig"),
                comment,
                event.sourceIp(),
                event.userAgent(),
                event.requestId());
    }

    static boolean wantsJson(HttpApiEvent event) {
        Map<String, String> headers = lowerCased(event.headers());
        String accept = headers.getOrDefault("accept", "");
        return accept.contains("application/json") && !accept.contains("text/html");
    }

    /** The browser's {@code Accept-Language} as sent (null when absent). */
    static String acceptLanguage(HttpApiEvent event) {
        if (event.headers() == null) {
            return null;
        }
        for (Map.Entry<String, String> header : event.headers().entrySet()) {
            if ("accept-language".equalsIgnoreCase(header.getKey())) {
                return header.getValue();
            }
        }
        return null;
    }

    /** A field of an application/x-www-form-urlencoded body (what the confirmation form posts). */
    private static String formField(HttpApiEvent event, String name) {
        String body = event.body();
        if (body == null || body.isEmpty() || body.length() > MAX_BODY) {
            return null;
        }
        String contentType = lowerCased(event.headers()).getOrDefault("content-type", "");
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            return null;
        }
        if (event.base64Encoded()) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (decode(key).equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static Map<String, String> lowerCased(Map<String, String> headers) {
        Map<String, String> result = new HashMap<>();
        if (headers != null) {
            headers.forEach(
                    (k, v) -> result.put(k.toLowerCase(Locale.ROOT), v == null ? "" : v.toLowerCase(Locale.ROOT)));
        }
        return result;
    }
}
