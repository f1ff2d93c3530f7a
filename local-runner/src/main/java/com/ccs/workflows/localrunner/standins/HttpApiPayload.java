package com.ccs.workflows.localrunner.standins;

import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.template.ProjectResources;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The payload 2.0 event API Gateway's HTTP API hands a function for a request to one of its routes. */
final class HttpApiPayload {
    private HttpApiPayload() {}

    /**
     * The path parameters of {@code path} under the route's template ({@code /approvals/{approval_id}/{decision}}),
     * or null when the path does not match it.
     */
    static Map<String, String> pathParameters(ProjectResources.LambdaRoute route, String path) {
        String[] template = route.path().split("/", -1);
        String[] actual = path.split("/", -1);
        if (template.length != actual.length) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}") && !actual[i].isEmpty()) {
                parameters.put(t.substring(1, t.length() - 1), actual[i]); // as the path has it
            } else if (!t.equals(actual[i])) {
                return null;
            }
        }
        return parameters;
    }

    /**
     * The event of a request: {@code headers} as the browser sent them (lower-cased names, null values left out),
     * the path parameters from {@link #pathParameters}.
     */
    static ObjectNode of(
            ProjectResources.LambdaRoute route,
            Map<String, String> pathParameters,
            URI link,
            String body,
            Map<String, String> headers,
            String sourceIp,
            String accountId) {
        String routeKey = route.method() + " " + route.path();
        ObjectNode event = Json.object();
        event.put("version", "2.0")
                .put("routeKey", routeKey)
                .put("rawPath", link.getRawPath())
                .put("rawQueryString", link.getRawQuery() == null ? "" : link.getRawQuery());
        ObjectNode headerNode =
                event.putObject("headers").put("host", link.getHost()).put("user-agent", "ccs-local-runner");
        headers.forEach((name, value) -> {
            if (value != null) {
                headerNode.put(name, value);
            }
        });
        ObjectNode query = event.putObject("queryStringParameters");
        if (link.getRawQuery() != null) {
            for (String pair : link.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(
                        URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", accountId)
                .put("apiId", "local")
                .put("domainName", link.getHost())
                .put("requestId", UUID.randomUUID().toString())
                .put("routeKey", routeKey)
                .put("stage", "$default")
                .put("timeEpoch", Instant.now().toEpochMilli());
        context.putObject("http")
                .put("method", route.method())
                .put("path", link.getRawPath())
                .put("protocol", "HTTP/1.1")
                .put("sourceIp", sourceIp)
                .put("userAgent", "ccs-local-runner");
        event.put("isBase64Encoded", false);
        if (body != null && !body.isEmpty()) {
            event.put("body", body);
        }
        return event;
    }
}
