package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP side, driven by the sample events a user would send with {@code sam local invoke -e}. */
class ApprovalCallbackHandlerTest {
    private static final String EVENTS = "../../events/functions/approval-callback/";
    private static final String SAMPLE_ID = "apr_SampleApproval-0000001";
    private static final String TOKEN = "TOKEN-sample-execution";
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");

    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final Fakes.FakeTasks tasks = new Fakes.FakeTasks();
    private final ApprovalCallbackHandler handler = new ApprovalCallbackHandler(
            new DecisionService(store, tasks, Fakes.signer(), new MutableClock(NOW)),
            LanguageSetting.of(ApprovalLanguage.EN));

    ApprovalCallbackHandlerTest() {
        // The sample links expire at 4102444800 (2100-01-01); so does this approval's window.
        store.put(Fakes.pendingApproval(
                SAMPLE_ID,
                "exec-12345",
                TOKEN,
                new RequestSummary("CUST-98765", "Transportes <b>ABC</b> & Cía", 75, "premium", 15_000_000),
                NOW.minus(Duration.ofHours(1)),
                Instant.ofEpochSecond(4102444800L),
                NOW));
    }

    private HttpApiResponse send(String file) {
        return send(HttpEvents.load(file));
    }

    private HttpApiResponse send(Map<String, Object> event) {
        return HttpEvents.send(handler, event);
    }

    @Test
    void theSampleApproveEventResumesTheExecutionWithTheCommentFromTheForm() {
        HttpApiResponse response = send("approve.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers())
                .containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("Cache-Control", "no-store")
                .containsEntry("Referrer-Policy", "no-referrer");
        assertThat(response.body()).contains("Decision recorded", "approved");
        assertThat(tasks.completed.get(TOKEN))
                .isEqualTo("{\"approved\":true,\"approver\":\"manager@ccs.example\","
                        + "\"comment\":\"Fleet size verified with sales\",\"decided_at\":\"2026-11-25T18:00:00Z\"}");
        Approval stored = store.get(SAMPLE_ID);
        assertThat(stored.audit().get(0))
                .isEqualTo(new AuditEvent(
                        "approved", NOW, Fakes.MANAGER, "203.0.113.10", "Mozilla/5.0 (sample)", "req-approve-0001"));
    }

    @Test
    void theSampleRejectEventResumesWithApprovedFalseAndADoubleClickIsAHarmlessConflict() {
        assertThat(send("reject.json").statusCode()).isEqualTo(200);
        Approval decided = store.get(SAMPLE_ID);
        HttpApiResponse again = send("reject.json");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body())
                .contains(
                        "<h1>Decision already recorded</h1>",
                        "already recorded: the request was rejected by " + Fakes.MANAGER,
                        "Nothing was changed.");
        assertThat(store.get(SAMPLE_ID)).isEqualTo(decided);
        assertThat(tasks.calls).hasValue(1);
        assertThat(tasks.completed.get(TOKEN)).startsWith("{\"approved\":false").contains("Credit limit exceeded");
        assertThat(send("approve.json").statusCode()).isEqualTo(409);
    }

    @Test
    void theSampleReusedLinkIsAConflictThatChangesNothing() {
        assertThat(send("approve.json").statusCode()).isEqualTo(200);
        Approval decided = store.get(SAMPLE_ID);

        Map<String, Object> reused = HttpEvents.load("reused-approve-link.json");
        reused.put("headers", new HashMap<>(Map.of("accept", "application/json")));
        HttpApiResponse response = send(reused);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body())
                .startsWith("{\"error\":\"already_recorded\",\"message\":\"This decision was already recorded");
        assertThat(store.get(SAMPLE_ID)).isEqualTo(decided);
        assertThat(tasks.calls).hasValue(1);
        assertThat(tasks.completed.get(TOKEN))
                .contains("Fleet size verified with sales")
                .doesNotContain("again");
    }

    @Test
    void theSampleExpiredLinkIsGoneAndChangesNothing() {
        Approval before = store.get(SAMPLE_ID);

        HttpApiResponse response = send("expired-link.json");

        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.body()).contains("This link has expired");
        assertThat(store.get(SAMPLE_ID)).isEqualTo(before);
        assertThat(tasks.calls).hasValue(0);
    }

    @Test
    void theSampleMalformedLinkIsABadRequestNamingThePartAndChangesNothing() {
        Approval before = store.get(SAMPLE_ID);

        HttpApiResponse response = send("malformed-decision.json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("decision: must be approve or reject");
        assertThat(store.get(SAMPLE_ID)).isEqualTo(before);
        assertThat(tasks.calls).hasValue(0);
    }

    @Test
    void theExpiredAndReusedSamplesAreSignedWithTheTestSecretSoOnlyTheirExpiryOrReuseIsWrong() {
        for (String sample : List.of("expired-link.json", "reused-approve-link.json")) {
            Map<String, Object> event = HttpEvents.load(sample);
            Map<String, String> query = HttpEvents.query(event);
            assertThat(Fakes.signer()
                            .verify(
                                    SAMPLE_ID,
                                    Decision.APPROVE,
                                    Long.parseLong(query.get("expires")),
                                    query.get("approver"),
                                    query.get("sig")))
                    .as(sample)
                    .isTrue();
        }
    }

    @Test
    void theSampleForgedEventIsForbiddenAndChangesNothing() {
        Approval before = store.get(SAMPLE_ID);

        HttpApiResponse response = send("forged.json");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(store.get(SAMPLE_ID)).isEqualTo(before);
        assertThat(tasks.calls).hasValue(0);
    }

    @Test
    void openingTheLinkShowsAnEscapedConfirmationFormThatPostsBackTheSignedQuery() {
        HttpApiResponse response = send("open-approve-link.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "<form method=\"post\" action=\"approve?approver=manager%40ccs.example&amp;expires=4102444800&amp;sig=-cLEc9Xx4OuX1yFqXq1vQUnBMGCZ9lG-8304pwrr2VE\">")
                .contains("Transportes &lt;b&gt;ABC&lt;/b&gt; &amp; Cía")
                .doesNotContain("<b>ABC</b>")
                .doesNotContain(TOKEN);
        assertThat(store.get(SAMPLE_ID).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void jsonIsReturnedWhenAskedFor() {
        Map<String, Object> event = HttpEvents.load("forged.json");
        event.put("headers", new HashMap<>(Map.of("accept", "application/json")));

        HttpApiResponse response = send(event);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json");
        assertThat(response.body()).startsWith("{\"error\":\"invalid_signature\",\"message\":");
    }

    @Test
    void aBase64EncodedFormBodyIsRead() {
        Map<String, Object> event = HttpEvents.load("approve.json");
        event.put(
                "body", Base64.getEncoder().encodeToString("comment=Sent+as+base64".getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);

        assertThat(send(event).statusCode()).isEqualTo(200);
        assertThat(tasks.completed.get(TOKEN)).contains("\"comment\":\"Sent as base64\"");
    }

    @Test
    void withoutPathParametersTheIdAndDecisionComeFromThePath() {
        Map<String, Object> event = HttpEvents.load("approve.json");
        event.remove("pathParameters");
        event.put("rawPath", "/prod/approvals/" + SAMPLE_ID + "/approve");

        assertThat(send(event).statusCode()).isEqualTo(200);
    }

    @Test
    void anEmptyEventIsABadRequestNotACrash() {
        HttpApiResponse response = send(new HashMap<>());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(send(withoutQuery()).statusCode()).isEqualTo(400);
    }

    private static Map<String, Object> withoutQuery() {
        Map<String, Object> event = HttpEvents.load("approve.json");
        event.remove("queryStringParameters");
        return event;
    }

    @Test
    void anUnreachableTableIsAServiceUnavailablePageWithoutDetails() {
        store.failReads = true;
        ApprovalCallbackHandler failing = handler;

        HttpApiResponse response = HttpEvents.send(failing, HttpEvents.load("approve.json"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("Retry-After", "60");
        assertThat(response.body()).doesNotContain("Provisioned").doesNotContain("Exception");
    }
}
