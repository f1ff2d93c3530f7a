package com.ccs.workflows.approvalcallback;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.ccs.workflows.testing.MutableClock;
import com.ccs.workflows.testing.TestLambdaContext;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP side, driven by the sample events a user would send with {@code sam local invoke -e}. */
class ApprovalCallbackHandlerTest {
    private static final String EVENTS = "../../events/functions/approval-callback/";
    private static final String SAMPLE_ID = "apr_SampleApproval-0000001";
    private static final String TOKEN = "TOKEN-sample-execution";
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");

    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final Fakes.FakeTasks tasks = new Fakes.FakeTasks();
    private final ApprovalCallbackHandler handler = new ApprovalCallbackHandler(
            new DecisionService(store, tasks, Fakes.signer(), new MutableClock(NOW)));

    ApprovalCallbackHandlerTest() {
        // The sample links expire at 4102444800 (2100-01-01); so does this approval's window.
        store.put(new Approval(SAMPLE_ID, "exec-12345", TOKEN,
                new RequestSummary("CUST-98765", "Transportes <b>ABC</b> & Cía", 75, "premium", 15_000_000), Fakes.MANAGER,
                ApprovalStatus.PENDING, NOW.minus(Duration.ofHours(1)), Instant.ofEpochSecond(4102444800L), NOW, null, null, null, List.of()));
    }

    private APIGatewayV2HTTPResponse send(String file) {
        return send(EventLoader.loadApiGatewayHttpEvent(EVENTS + file));
    }

    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new TestLambdaContext("approval-callback"));
    }

    @Test
    void theSampleApproveEventResumesTheExecutionWithTheCommentFromTheForm() {
        APIGatewayV2HTTPResponse response = send("approve.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("Cache-Control", "no-store").containsEntry("Referrer-Policy", "no-referrer");
        assertThat(response.getBody()).contains("Decision recorded", "approved");
        assertThat(tasks.completed.get(TOKEN)).isEqualTo("{\"approved\":true,\"approver\":\"manager@ccs.example\","
                + "\"comment\":\"Fleet size verified with sales\",\"decided_at\":\"2026-11-25T18:00:00Z\"}");
        Approval stored = store.get(SAMPLE_ID);
        assertThat(stored.audit().get(0)).isEqualTo(new AuditEvent("approved", NOW, Fakes.MANAGER, "203.0.113.10",
                "Mozilla/5.0 (sample)", "req-approve-0001"));
    }

    @Test
    void theSampleRejectEventResumesWithApprovedFalseAndADoubleClickIsAHarmlessConflict() {
        assertThat(send("reject.json").getStatusCode()).isEqualTo(200);
        Approval decided = store.get(SAMPLE_ID);
        APIGatewayV2HTTPResponse again = send("reject.json");

        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(again.getBody()).contains("<h1>Decision already recorded</h1>", "already recorded: the request was rejected by "
                + Fakes.MANAGER, "Nothing was changed.");
        assertThat(store.get(SAMPLE_ID)).isEqualTo(decided);
        assertThat(tasks.calls).hasValue(1);
        assertThat(tasks.completed.get(TOKEN)).startsWith("{\"approved\":false").contains("Credit limit exceeded");
        assertThat(send("approve.json").getStatusCode()).isEqualTo(409);
    }

    @Test
    void theSampleReusedLinkIsAConflictThatChangesNothing() {
        assertThat(send("approve.json").getStatusCode()).isEqualTo(200);
        Approval decided = store.get(SAMPLE_ID);

        APIGatewayV2HTTPEvent reused = EventLoader.loadApiGatewayHttpEvent(EVENTS + "reused-approve-link.json");
        reused.setHeaders(new HashMap<>(Map.of("accept", "application/json")));
        APIGatewayV2HTTPResponse response = send(reused);

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(response.getBody()).startsWith("{\"error\":\"already_recorded\",\"message\":\"This decision was already recorded");
        assertThat(store.get(SAMPLE_ID)).isEqualTo(decided);
        assertThat(tasks.calls).hasValue(1);
        assertThat(tasks.completed.get(TOKEN)).contains("Fleet size verified with sales").doesNotContain("again");
    }

    @Test
    void theSampleExpiredLinkIsGoneAndChangesNothing() {
        Approval before = store.get(SAMPLE_ID);

        APIGatewayV2HTTPResponse response = send("expired-link.json");

        assertThat(response.getStatusCode()).isEqualTo(410);
        assertThat(response.getBody()).contains("This link has expired");
        assertThat(store.get(SAMPLE_ID)).isEqualTo(before);
        assertThat(tasks.calls).hasValue(0);
    }

    @Test
    void theSampleMalformedLinkIsABadRequestNamingThePartAndChangesNothing() {
        Approval before = store.get(SAMPLE_ID);

        APIGatewayV2HTTPResponse response = send("malformed-decision.json");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("decision: must be approve or reject");
        assertThat(store.get(SAMPLE_ID)).isEqualTo(before);
        assertThat(tasks.calls).hasValue(0);
    }

    @Test
    void theExpiredAndReusedSamplesAreSignedWithTheTestSecretSoOnlyTheirExpiryOrReuseIsWrong() {
        for (String sample : List.of("expired-link.json", "reused-approve-link.json")) {
            APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(EVENTS + sample);
            Map<String, String> query = event.getQueryStringParameters();
            assertThat(Fakes.signer().verify(SAMPLE_ID, Decision.APPROVE, Long.parseLong(query.get("expires")),
                    query.get("approver"), query.get("sig"))).as(sample).isTrue();
        }
    }

    @Test
    void theSampleForgedEventIsForbiddenAndChangesNothing() {
        Approval before = store.get(SAMPLE_ID);

        APIGatewayV2HTTPResponse response = send("forged.json");

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(store.get(SAMPLE_ID)).isEqualTo(before);
        assertThat(tasks.calls).hasValue(0);
    }

    @Test
    void openingTheLinkShowsAnEscapedConfirmationFormThatPostsBackTheSignedQuery() {
        APIGatewayV2HTTPResponse response = send("open-approve-link.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody())
                .contains("<form method=\"post\" action=\"approve?approver=manager%40ccs.example&amp;expires=4102444800&amp;sig=-cLEc9Xx4OuX1yFqXq1vQUnBMGCZ9lG-8304pwrr2VE\">")
                .contains("Transportes &lt;b&gt;ABC&lt;/b&gt; &amp; Cía")
                .doesNotContain("<b>ABC</b>")
                .doesNotContain(TOKEN);
        assertThat(store.get(SAMPLE_ID).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void jsonIsReturnedWhenAskedFor() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(EVENTS + "forged.json");
        event.setHeaders(new HashMap<>(Map.of("accept", "application/json")));

        APIGatewayV2HTTPResponse response = send(event);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(response.getBody()).startsWith("{\"error\":\"invalid_signature\",\"message\":");
    }

    @Test
    void aBase64EncodedFormBodyIsRead() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(EVENTS + "approve.json");
        event.setBody(Base64.getEncoder().encodeToString("comment=Sent+as+base64".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertThat(send(event).getStatusCode()).isEqualTo(200);
        assertThat(tasks.completed.get(TOKEN)).contains("\"comment\":\"Sent as base64\"");
    }

    @Test
    void withoutPathParametersTheIdAndDecisionComeFromThePath() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(EVENTS + "approve.json");
        event.setPathParameters(null);
        event.setRawPath("/prod/approvals/" + SAMPLE_ID + "/approve");

        assertThat(send(event).getStatusCode()).isEqualTo(200);
    }

    @Test
    void anEmptyEventIsABadRequestNotACrash() {
        APIGatewayV2HTTPResponse response = send(new APIGatewayV2HTTPEvent());

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(send(withoutQuery()).getStatusCode()).isEqualTo(400);
    }

    private static APIGatewayV2HTTPEvent withoutQuery() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(EVENTS + "approve.json");
        event.setQueryStringParameters(null);
        return event;
    }

    @Test
    void anUnreachableTableIsAServiceUnavailablePageWithoutDetails() {
        store.failReads = true;
        ApprovalCallbackHandler failing = handler;

        APIGatewayV2HTTPResponse response = failing.handleRequest(EventLoader.loadApiGatewayHttpEvent(EVENTS + "approve.json"),
                new TestLambdaContext("approval-callback"));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "60");
        assertThat(response.getBody()).doesNotContain("Provisioned").doesNotContain("Exception");
    }
}
