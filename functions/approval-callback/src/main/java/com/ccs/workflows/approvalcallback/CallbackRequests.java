package com.ccs.workflows.approvalcallback;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reads a {@link CallbackRequest} out of an HTTP API (payload 2.0) event, leaving validation to the service. */
final class CallbackRequests {
    private static final int MAX_BODY = 16 * 1024;

    private CallbackRequests() {
    }

    static CallbackRequest from(APIGatewayV2HTTPEvent event) {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String method = http == null || http.getMethod() == null ? "" : http.getMethod().toUpperCase(Locale.ROOT);
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        String approvalId = path.get("approval_id");
        String decision = path.get("decision");
        if ((approvalId == null || decision == null) && event.getRawPath() != null) {
            // Without path parameters (e.g. a catch-all route), take the last two segments of the path.
            String[] segments = event.getRawPath().split("/");
            if (segments.length >= 3 && "approvals".equals(segments[segments.length - 3])) {
                approvalId = segments[segments.length - 2];
                decision = segments[segments.length - 1];
            }
        }
        String comment = formField(event, "comment");
        if (comment == null) {
            comment = query.get("comment");
        }
        return new CallbackRequest(method, approvalId, decision, query.get("approver"), query.get("expires"),
                query.get("sig"), comment, http == null ? null : http.getSourceIp(),
                http == null ? null : http.getUserAgent(),
                event.getRequestContext() == null ? null : event.getRequestContext().getRequestId());
    }

    static boolean wantsJson(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = lowerCased(event.getHeaders());
        String accept = headers.getOrDefault("accept", "");
        return accept.contains("application/json") && !accept.contains("text/html");
    }

    /** A field of an application/x-www-form-urlencoded body (what the confirmation form posts). */
    private static String formField(APIGatewayV2HTTPEvent event, String name) {
        String body = event.getBody();
        if (body == null || body.isEmpty() || body.length() > MAX_BODY) {
            return null;
        }
        String contentType = lowerCased(event.getHeaders()).getOrDefault("content-type", "");
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            return null;
        }
        if (event.getIsBase64Encoded()) {
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
            headers.forEach((k, v) -> result.put(k.toLowerCase(Locale.ROOT), v == null ? "" : v.toLowerCase(Locale.ROOT)));
        }
        return result;
    }
}
