package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.testing.CapturedLogs;
import com.ccs.workflows.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
    private static final String ID = "apr_DecisionTestId-0000001";
    private static final String OTHER_ID = "apr_DecisionTestId-0000002";
    private static final String TOKEN = "TOKEN-for-decision-tests";

    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final Fakes.FakeTasks tasks = new Fakes.FakeTasks();
    private final MutableClock clock = new MutableClock(NOW);
    private final LinkSigner signer = Fakes.signer();
    private final DecisionService service = new DecisionService(store, tasks, signer, clock);

    DecisionServiceTest() {
        store.put(pending(ID, "exec-1", TOKEN));
        store.put(pending(OTHER_ID, "exec-2", "TOKEN-other"));
    }

    static Approval pending(String id, String executionId, String token) {
        return Fakes.pendingApproval(
                id,
                executionId,
                token,
                new RequestSummary("CUST-1", "Transportes ABC S.A.S.", 75, "premium", 15_000_000),
                NOW.minusSeconds(600),
                NOW.plus(Duration.ofHours(24)),
                NOW.minusSeconds(590));
    }

    /** What a click on the link the manager received sends. */
    private CallbackRequest click(String method, String id, Decision decision, String comment) {
        long expires = store.get(id).expiresAt().getEpochSecond();
        return new CallbackRequest(
                method,
                id,
                decision.segment(),
                Fakes.MANAGER,
                Long.toString(expires),
                signer.sign(id, decision, expires, Fakes.MANAGER),
                comment,
                "203.0.113.10",
                "Mozilla/5.0",
                "req-1");
    }

    private CallbackRequest post(Decision decision) {
        return click("POST", ID, decision, null);
    }

    private static CallbackRequest with(CallbackRequest r, UnaryOperator<CallbackRequest> change) {
        return change.apply(r);
    }

    private static int status(CallbackOutcome outcome) {
        return switch (outcome) {
            case CallbackOutcome.Refused refused -> refused.status();
            default -> 200;
        };
    }

    @Test
    void approvingResumesTheExecutionWithTheDecisionAndRecordsWhoWhenAndWhat() {
        CallbackOutcome outcome = service.handle(click("POST", ID, Decision.APPROVE, "Fleet verified"));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        CallbackOutcome.Recorded.class,
                        r -> assertThat(r.resent()).isFalse());
        assertThat(tasks.completed).containsOnlyKeys(TOKEN);
        assertThat(tasks.completed.get(TOKEN))
                .isEqualTo("{\"approved\":true,\"approver\":\"manager@ccs.example\","
                        + "\"comment\":\"Fleet verified\",\"decided_at\":\"2026-11-25T18:00:00Z\"}");
        Approval stored = store.get(ID);
        assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(stored.decision().decidedBy()).isEqualTo(Fakes.MANAGER);
        assertThat(stored.decision().decidedAt()).isEqualTo(NOW);
        assertThat(stored.decision().comment()).isEqualTo("Fleet verified");
        assertThat(stored.resumedAt()).isEqualTo(NOW);
        assertThat(stored.audit()).extracting(AuditEvent::event).containsExactly("approved", "resumed");
        assertThat(stored.audit().get(0))
                .isEqualTo(new AuditEvent("approved", NOW, Fakes.MANAGER, "203.0.113.10", "Mozilla/5.0", "req-1"));
    }

    @Test
    void rejectingResumesWithApprovedFalse() {
        CallbackOutcome outcome = service.handle(post(Decision.REJECT));

        assertThat(status(outcome)).isEqualTo(200);
        assertThat(tasks.completed.get(TOKEN))
                .startsWith("{\"approved\":false,")
                .contains("\"comment\":null");
        assertThat(store.get(ID).status()).isEqualTo(ApprovalStatus.REJECTED);
    }

    @Test
    void openingALinkWithGetShowsAConfirmationAndChangesNothing() {
        CallbackOutcome outcome = service.handle(click("GET", ID, Decision.APPROVE, null));

        assertThat(outcome).isInstanceOfSatisfying(CallbackOutcome.Confirmation.class, c -> {
            assertThat(c.decision()).isEqualTo(Decision.APPROVE);
            assertThat(c.formQuery())
                    .contains("sig="
                            + signer.sign(
                                    ID,
                                    Decision.APPROVE,
                                    store.get(ID).expiresAt().getEpochSecond(),
                                    Fakes.MANAGER));
        });
        assertThat(store.get(ID).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(tasks.calls).hasValue(0);
    }

    @Test
    void aDoubleClickIsAConflictSayingTheDecisionIsAlreadyRecordedAndChangesNothing() {
        service.handle(post(Decision.APPROVE));
        Approval before = store.get(ID);

        CallbackOutcome second = service.handle(post(Decision.APPROVE));

        assertThat(second).isInstanceOfSatisfying(CallbackOutcome.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.error()).isEqualTo("already_recorded");
            assertThat(r.message())
                    .startsWith("This decision was already recorded: the request was approved by " + Fakes.MANAGER)
                    .endsWith("Nothing was changed.");
        });
        assertThat(store.get(ID)).isEqualTo(before);
        assertThat(tasks.calls).hasValue(1);
    }

    @Test
    void openingAReusedLinkAfterTheDecisionIsTheSameConflict() {
        service.handle(post(Decision.APPROVE));

        assertThat(service.handle(click("GET", ID, Decision.APPROVE, null)))
                .isInstanceOfSatisfying(
                        CallbackOutcome.Refused.class,
                        r -> assertThat(r)
                                .extracting(CallbackOutcome.Refused::status, CallbackOutcome.Refused::error)
                                .containsExactly(409, "already_recorded"));
        assertThat(tasks.calls).hasValue(1);
    }

    @Test
    void theOtherDecisionAfterADecisionIsAConflictAndChangesNothing() {
        service.handle(post(Decision.APPROVE));
        Approval before = store.get(ID);

        CallbackOutcome outcome = service.handle(post(Decision.REJECT));

        assertThat(outcome).isInstanceOfSatisfying(CallbackOutcome.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.message()).contains("already approved");
        });
        assertThat(store.get(ID)).isEqualTo(before);
        assertThat(tasks.calls).hasValue(1);
    }

    @Test
    void aReplayedLinkAfterTheDecisionNeverResumesAgain() {
        CallbackRequest approve = post(Decision.APPROVE);
        service.handle(approve);
        clock.advance(Duration.ofHours(3));

        assertThat(status(service.handle(approve))).isEqualTo(409);
        assertThat(status(service.handle(post(Decision.REJECT)))).isEqualTo(409);
        assertThat(tasks.calls).hasValue(1);
        assertThat(store.get(ID).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void aForgedSignatureIsForbidden() {
        LinkSigner attacker = new LinkSigner(() -> "attacker-guessed-secret-with-32-bytes!!".getBytes(), "");
        long expires = store.get(ID).expiresAt().getEpochSecond();
        CallbackRequest forged = with(
                post(Decision.APPROVE),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        r.decision(),
                        r.approver(),
                        r.expires(),
                        attacker.sign(ID, Decision.APPROVE, expires, Fakes.MANAGER),
                        null,
                        null,
                        null,
                        null));

        assertRefusedWithoutChange(forged, 403);
    }

    static Stream<UnaryOperator<CallbackRequest>> tamperings() {
        return Stream.of(
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        "reject",
                        r.approver(),
                        r.expires(),
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        r.decision(),
                        r.approver(),
                        Long.toString(Long.parseLong(r.expires()) + 3600),
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        r.decision(),
                        "intruder@ccs.example",
                        r.expires(),
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        r.decision(),
                        r.approver(),
                        r.expires(),
                        r.signature().substring(1) + "A",
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        r.decision(),
                        r.approver(),
                        r.expires(),
                        "A" + r.signature(),
                        null,
                        null,
                        null,
                        null));
    }

    @ParameterizedTest
    @MethodSource("tamperings")
    void aLinkWithAnyFieldTamperedIsForbidden(UnaryOperator<CallbackRequest> tamper) {
        assertRefusedWithoutChange(tamper.apply(post(Decision.APPROVE)), 403);
    }

    @Test
    void aSignatureForOneApprovalDoesNotWorkOnAnother() {
        CallbackRequest forA = post(Decision.APPROVE);
        CallbackRequest onB = new CallbackRequest(
                "POST",
                OTHER_ID,
                forA.decision(),
                forA.approver(),
                forA.expires(),
                forA.signature(),
                null,
                null,
                null,
                null);

        assertRefusedWithoutChange(onB, 403);
        assertThat(store.get(OTHER_ID).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void aValidLinkForAnotherApproverIsForbidden() {
        long expires = store.get(ID).expiresAt().getEpochSecond();
        CallbackRequest r = new CallbackRequest(
                "POST",
                ID,
                "approve",
                "other-manager",
                Long.toString(expires),
                signer.sign(ID, Decision.APPROVE, expires, "other-manager"),
                null,
                null,
                null,
                null);

        assertRefusedWithoutChange(r, 403);
    }

    @Test
    void anExpiredLinkIsGone() {
        CallbackRequest click = post(Decision.APPROVE);
        clock.advance(Duration.ofHours(25));

        assertRefusedWithoutChange(click, 410);
    }

    @Test
    void aLinkOfAnApprovalWhoseWindowClosedIsGoneAndTheApprovalIsMarkedExpired() {
        // The link's own expiry is later than the stored window (e.g. a link signed with a longer expiry).
        Approval short1 = pending(ID, "exec-1", TOKEN);
        store.put(new Approval(
                ID,
                "exec-1",
                TOKEN,
                short1.summary(),
                Fakes.MANAGER,
                ApprovalStatus.PENDING,
                short1.createdAt(),
                NOW.minusSeconds(1),
                short1.notifiedAt(),
                null,
                null,
                null,
                List.of()));
        long expires = NOW.plus(Duration.ofHours(1)).getEpochSecond();
        CallbackRequest click = new CallbackRequest(
                "POST",
                ID,
                "approve",
                Fakes.MANAGER,
                Long.toString(expires),
                signer.sign(ID, Decision.APPROVE, expires, Fakes.MANAGER),
                null,
                null,
                null,
                null);

        assertThat(status(service.handle(click))).isEqualTo(410);
        assertThat(store.get(ID).status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(tasks.calls).hasValue(0);
    }

    @Test
    void aValidlySignedLinkToAnUnknownApprovalIsNotFound() {
        long expires = NOW.plus(Duration.ofHours(1)).getEpochSecond();
        String unknown = "apr_UnknownApproval0000001";
        CallbackRequest click = new CallbackRequest(
                "POST",
                unknown,
                "approve",
                Fakes.MANAGER,
                Long.toString(expires),
                signer.sign(unknown, Decision.APPROVE, expires, Fakes.MANAGER),
                null,
                null,
                null,
                null);

        assertRefusedWithoutChange(click, 404);
    }

    static Stream<UnaryOperator<CallbackRequest>> malformations() {
        return Stream.of(
                r -> new CallbackRequest(
                        r.method(),
                        null,
                        r.decision(),
                        r.approver(),
                        r.expires(),
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        "EXECUTION#exec-1",
                        r.decision(),
                        r.approver(),
                        r.expires(),
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        "apr_short",
                        r.decision(),
                        r.approver(),
                        r.expires(),
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        "maybe",
                        r.approver(),
                        r.expires(),
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        "APPROVE",
                        r.approver(),
                        r.expires(),
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        r.decision(),
                        null,
                        r.expires(),
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        r.decision(),
                        r.approver(),
                        null,
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        r.decision(),
                        r.approver(),
                        "tomorrow",
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        r.decision(),
                        r.approver(),
                        "-5",
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        r.decision(),
                        r.approver(),
                        "99999999999999999999",
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        r.decision(),
                        r.approver(),
                        r.expires(),
                        null,
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        r.decision(),
                        r.approver(),
                        r.expires(),
                        " ",
                        null,
                        null,
                        null,
                        null),
                r -> new CallbackRequest(
                        r.method(),
                        r.approvalId(),
                        r.decision(),
                        r.approver(),
                        r.expires(),
                        r.signature(),
                        "x".repeat(1001),
                        null,
                        null,
                        null));
    }

    @ParameterizedTest
    @MethodSource("malformations")
    void aMalformedRequestIsABadRequest(UnaryOperator<CallbackRequest> malform) {
        assertRefusedWithoutChange(malform.apply(post(Decision.APPROVE)), 400);
    }

    @Test
    void onlyGetAndPostAreAccepted() {
        CallbackRequest r = post(Decision.APPROVE);
        assertRefusedWithoutChange(
                new CallbackRequest(
                        "DELETE",
                        r.approvalId(),
                        r.decision(),
                        r.approver(),
                        r.expires(),
                        r.signature(),
                        null,
                        null,
                        null,
                        null),
                405);
    }

    @Test
    void whenTheExecutionNoLongerWaitsTheApprovalIsMarkedExpired() {
        tasks.faults.add(new TaskClosedException("TaskTimedOut"));

        CallbackOutcome outcome = service.handle(post(Decision.APPROVE));

        assertThat(status(outcome)).isEqualTo(410);
        assertThat(store.get(ID).status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(store.get(ID).audit()).extracting(AuditEvent::event).containsExactly("approved", "expired");
    }

    @Test
    void aTransientStepFunctionsFaultLeavesTheApprovalPendingSoTheNextClickWorks() {
        tasks.faults.add(new DependencyUnavailableException("Step Functions", "ThrottlingException", null));

        CallbackOutcome first = service.handle(post(Decision.APPROVE));

        assertThat(status(first)).isEqualTo(503);
        Approval afterFault = store.get(ID);
        assertThat(afterFault.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(afterFault.decision()).isNull();
        assertThat(afterFault.audit()).extracting(AuditEvent::event).containsExactly("approved", "decision_released");
        assertThat(tasks.completed).isEmpty();

        // After a failed attempt the manager may still choose either way.
        CallbackOutcome second = service.handle(post(Decision.REJECT));

        assertThat(status(second)).isEqualTo(200);
        assertThat(store.get(ID).status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(tasks.completed.get(TOKEN)).startsWith("{\"approved\":false");
    }

    @Test
    void whenTheReleaseAlsoFailsALaterClickWithTheSameDecisionResumesTheExecution() {
        tasks.faults.add(new DependencyUnavailableException("Step Functions", "ServiceUnavailable", null));
        store.failRelease = true;

        assertThat(status(service.handle(post(Decision.APPROVE)))).isEqualTo(503);
        assertThat(store.get(ID).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(store.get(ID).resumedAt()).isNull();

        // Within the grace period the first invocation may still be running: do not send twice.
        clock.advance(Duration.ofSeconds(30));
        assertThat(status(service.handle(post(Decision.APPROVE)))).isEqualTo(409);
        assertThat(tasks.calls).hasValue(1);
        // The other decision can never sneak in.
        assertThat(status(service.handle(post(Decision.REJECT)))).isEqualTo(409);

        clock.advance(DecisionService.RESUME_GRACE);
        CallbackOutcome recovered = service.handle(post(Decision.APPROVE));

        assertThat(recovered)
                .isInstanceOfSatisfying(
                        CallbackOutcome.Recorded.class,
                        r -> assertThat(r.resent()).isTrue());
        assertThat(tasks.completed.get(TOKEN))
                .startsWith("{\"approved\":true")
                .contains("\"decided_at\":\"2026-11-25T18:00:00Z\"");
        assertThat(store.get(ID).resumedAt()).isNotNull();
        assertThat(store.get(ID).audit())
                .extracting(AuditEvent::event)
                .containsExactly("approved", "resume_retried", "resumed");
    }

    @Test
    void concurrentApproveAndRejectProduceExactlyOneDecision() throws Exception {
        List<CallbackRequest> clicks =
                List.of(post(Decision.APPROVE), post(Decision.REJECT), post(Decision.APPROVE), post(Decision.REJECT));
        List<Thread> threads = clicks.stream()
                .map(c -> Thread.ofPlatform().unstarted(() -> service.handle(c)))
                .toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(tasks.completed).hasSize(1);
        assertThat(tasks.calls).hasValue(1);
        ApprovalStatus status = store.get(ID).status();
        assertThat(tasks.completed.get(TOKEN)).startsWith("{\"approved\":" + (status == ApprovalStatus.APPROVED));
    }

    @Test
    void theTokenNeverAppearsInOutcomesOrLogs() {
        try (CapturedLogs logs = new CapturedLogs()) {
            List<CallbackOutcome> outcomes = List.of(
                    service.handle(post(Decision.APPROVE)),
                    service.handle(post(Decision.REJECT)),
                    service.handle(click("GET", OTHER_ID, Decision.APPROVE, null)));
            tasks.faults.add(new TaskClosedException("InvalidToken"));
            CallbackRequest other = click("POST", OTHER_ID, Decision.APPROVE, null);

            String all = outcomes + " " + service.handle(other) + " " + store.get(ID) + " " + logs.text();

            assertThat(logs.text()).contains("Decision recorded");
            assertThat(all).doesNotContain(TOKEN).doesNotContain("TOKEN-other");
        }
    }

    private void assertRefusedWithoutChange(CallbackRequest request, int expectedStatus) {
        Approval before = store.find(request.approvalId() == null ? ID : request.approvalId())
                .orElse(null);

        CallbackOutcome outcome = service.handle(request);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        CallbackOutcome.Refused.class,
                        r -> assertThat(r.status()).isEqualTo(expectedStatus));
        assertThat(tasks.calls).hasValue(0);
        if (before != null) {
            assertThat(store.get(before.approvalId())).isEqualTo(before);
        }
    }
}
