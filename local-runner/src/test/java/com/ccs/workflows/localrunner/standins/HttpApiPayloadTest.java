package com.ccs.workflows.localrunner.standins;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.template.ProjectResources;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiPayloadTest {
    private static final ProjectResources.LambdaRoute DECISION =
            new ProjectResources.LambdaRoute("GET", "/approvals/{approval_id}/{decision}", "ApprovalCallbackFunction");

    @Test
    void aPathMatchesTheRoutesTemplateSegmentBySegment() {
        assertThat(HttpApiPayload.pathParameters(DECISION, "/approvals/APR-1/approve"))
                .containsExactly(Map.entry("approval_id", "APR-1"), Map.entry("decision", "approve"));
        assertThat(HttpApiPayload.pathParameters(DECISION, "/approvals/APR-1")).isNull();
        assertThat(HttpApiPayload.pathParameters(DECISION, "/approvals//approve"))
                .isNull();
        assertThat(HttpApiPayload.pathParameters(DECISION, "/approvals/APR-1/approve/more"))
                .isNull();
        assertThat(HttpApiPayload.pathParameters(DECISION, "/contracts/APR-1/approve"))
                .isNull();
    }

    @Test
    void theEventIsApiGatewaysPayloadTwo() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "text/html");
        headers.put("accept-language", null);
        ObjectNode event = HttpApiPayload.of(
                DECISION,
                Map.of("approval_id", "APR-1", "decision", "approve"),
                URI.create("http://127.0.0.1:8080/approvals/APR-1/approve?expires=1&sig=a%2Bb"),
                "",
                headers,
                "127.0.0.1",
                "000000000000");

        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("GET /approvals/{approval_id}/{decision}");
        assertThat(event.path("rawPath").asText()).isEqualTo("/approvals/APR-1/approve");
        assertThat(event.path("queryStringParameters").path("sig").asText()).isEqualTo("a+b");
        assertThat(event.path("pathParameters").path("decision").asText()).isEqualTo("approve");
        assertThat(event.path("headers").path("accept").asText()).isEqualTo("text/html");
        assertThat(event.path("headers").has("accept-language")).isFalse();
        assertThat(event.path("requestContext").path("http").path("method").asText())
                .isEqualTo("GET");
        assertThat(event.has("body")).isFalse();
    }
}
