package com.ccs.workflows.approval;

import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.HostileRun;
import com.ccs.workflows.testing.MutableClock;
import com.ccs.workflows.testing.SampleEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Thousands of hostile HTTP API requests (see {@link HostileEvents}: paths, path parameters, query strings, bodies,
 * headers, method, request context) against the sample approval links (POST approve, GET confirmation page, and POST
 * asking for JSON), each with a fresh pending approval in the in-memory store.
 *
 * <p>Per case: never a 5xx (with in-memory collaborators nothing is unavailable); a body with no stack trace, no task
 * token, no signing secret and no unescaped markup from the request; a JSON body that parses. The approval may only
 * change, and Step Functions only be resumed, when the request still carries the link's own approval id, decision,
 * approver, expiry and signature, and then only with that decision by that approver. Any refusal (4xx) leaves the
 * approval exactly as it was.
 *
 * <p>Every case is sent, also those API Gateway cannot produce (a header that is an array, a path that is a number):
 * the handler reads the event's maps itself and treats a part of the wrong type as absent.
 */
class ApprovalCallbackHostileInputTest {
    private static final String SAMPLE_ID = "apr_SampleApproval-0000001";
    private static final String TOKEN = "TOKEN-callback-hostile-sample";
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");

    @Test
    void hostileRequestsAreRefusedCleanlyAndOnlyTheSignedLinkDecides() throws Exception {
        Map<String, Object> approve = SampleEvents.load("approval-callback", "approve.json");
        Map<String, Object> open = SampleEvents.load("approval-callback", "open-approve-link.json");
        Map<String, Object> approveJson = HostileEvents.copy(approve);
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) approveJson.get("headers");
        headers.put("accept", "application/json");

        HostileEvents events = HostileEvents.seeded();
        HostileRun run = new HostileRun("approval-callback", events);
        for (Map<String, Object> sample : List.of(approve, open, approveJson)) {
            CallbackRequest signed = CallbackRequests.from(HttpApiEvent.from(sample));
            // API Gateway always sends an object: a case replacing the whole event with null is not a request.
            run.run(
                    events.cases(sample, 500).stream()
                            .filter(c -> c.event() != null)
                            .toList(),
                    c -> check(c, asEvent(c.event()), signed, run));
        }
        run.report();
    }

    private static void check(HostileEvents.Case c, Map<String, Object> event, CallbackRequest signed, HostileRun run) {
        InMemoryApprovalStore store = new InMemoryApprovalStore();
        Approval pending = Fakes.pendingApproval(
                SAMPLE_ID,
                "exec-12345",
                TOKEN,
                new RequestSummary("CUST-98765", "Transportes ABC S.A.S.", 75, "premium", 15_000_000),
                NOW.minus(Duration.ofHours(1)),
                Instant.ofEpochSecond(4102444800L),
                NOW);
        store.put(pending);
        Fakes.FakeTasks tasks = new Fakes.FakeTasks();
        ApprovalCallbackHandler handler =
                new ApprovalCallbackHandler(new DecisionService(store, tasks, Fakes.signer(), new MutableClock(NOW)));

        HttpApiResponse response = HttpEvents.send(handler, event);

        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 500 || status < 200) {
            throw new AssertionError("status " + status + ": " + HostileEvents.escape(body, 200));
        }
        if (body.contains(TOKEN) || body.contains(Fakes.TEST_SECRET)) {
            throw new AssertionError("the body carries the task token or the signing secret");
        }
        if (body.contains("<script")
                || body.contains("<img")
                || body.contains("\tat com.")
                || body.contains("Exception")) {
            throw new AssertionError(
                    "unescaped markup or a stack trace in the body: " + HostileEvents.escape(body, 300));
        }
        if (String.valueOf(response.headers().get("Content-Type")).startsWith("application/json")) {
            SampleEvents.parseJson(body);
        }
        Approval after = store.get(SAMPLE_ID);
        if (status >= 400) {
            run.rejected();
            if (!after.equals(pending) || tasks.calls.get() != 0) {
                throw new AssertionError(
                        "a refused request (" + status + ") changed the approval or resumed the execution");
            }
            return;
        }
        if (after.equals(pending) && tasks.calls.get() == 0) {
            return; // a confirmation page (GET): nothing decided
        }
        CallbackRequest received = CallbackRequests.from(HttpApiEvent.from(event));
        boolean sameLink = signed.approvalId().equals(received.approvalId())
                && signed.decision().equals(received.decision())
                && signed.approver().equals(received.approver())
                && signed.expires().equals(received.expires())
                && signed.signature().equals(received.signature())
                && "POST".equals(received.method());
        if (!sameLink
                || after.status() != ApprovalStatus.APPROVED
                || !Fakes.MANAGER.equals(after.decision().decidedBy())
                || !tasks.completed.containsKey(TOKEN)
                || !tasks.completed.get(TOKEN).startsWith("{\"approved\":true")) {
            throw new AssertionError("a request that is not the signed link decided: " + after + " after " + c);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asEvent(Object event) {
        return (Map<String, Object>) event;
    }
}
