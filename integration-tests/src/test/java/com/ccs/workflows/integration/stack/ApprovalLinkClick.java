package com.ccs.workflows.integration.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The HTTP API event (payload format 2.0) API Gateway hands the approval-callback function when a manager submits
 * the decision page of a signed link: a POST to the link with a form body. For an emulator whose API Gateway does
 * not route to functions, a test invokes the deployed function with it directly.
 */
public final class ApprovalLinkClick {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApprovalLinkClick() {}

    /** The POST to {@code link} with {@code formBody} (application/x-www-form-urlencoded). */
    public static ObjectNode post(URI link, String formBody) {
        String[] segments = link.getRawPath().split("/");
        ObjectNode event = JSON.createObjectNode();
        String route = "POST /approvals/{approval_id}/{decision}";
        event.put("version", "2.0")
                .put("routeKey", route)
                .put("rawPath", link.getRawPath())
                .put("rawQueryString", link.getRawQuery());
        event.putObject("headers")
                .put("content-type", "application/x-www-form-urlencoded")
                .put("accept", "application/json")
                .put("user-agent", "ccs-integration-tests");
        ObjectNode query = event.putObject("queryStringParameters");
        for (String pair : link.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        event.putObject("pathParameters")
                .put("approval_id", segments[segments.length - 2])
                .put("decision", segments[segments.length - 1]);
        ObjectNode context = event.putObject("requestContext")
                .put("accountId", "000000000000")
                .put("apiId", "local")
                .put("requestId", UUID.randomUUID().toString())
                .put("routeKey", route)
                .put("stage", "$default")
                .put("timeEpoch", System.currentTimeMillis());
        context.putObject("http")
                .put("method", "POST")
                .put("path", link.getRawPath())
                .put("protocol", "HTTP/1.1")
                .put("sourceIp", "127.0.0.1")
                .put("userAgent", "ccs-integration-tests");
        event.put("isBase64Encoded", false).put("body", formBody);
        return event;
    }
}
