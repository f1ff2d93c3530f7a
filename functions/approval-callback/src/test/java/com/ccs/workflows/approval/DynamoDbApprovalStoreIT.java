package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DynamoDB approvals store against the AWS emulator: item round trip, idempotency marker, conditions. */
class DynamoDbApprovalStoreIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static EmulatorResources aws;
    private static DynamoDbApprovalStore store;
    private static String table;

    @BeforeAll
    static void createTable() {
        aws = new EmulatorResources();
        table = aws.approvalsTable();
        store = new DynamoDbApprovalStore(aws.dynamo, table);
    }

    @AfterAll
    static void deleteTable() {
        if (aws != null) {
            aws.close();
        }
    }

    private static Approval fresh(String executionId) {
        ApprovalRequest request = new ApprovalRequest(
                "TOKEN-" + executionId,
                executionId,
                new RequestSummary("CUST-1", "Transportes Ñandú S.A.S.", 75, "premium", 15_000_000),
                86_400);
        return Approval.pending(Approval.newId(), request, Fakes.MANAGER, NOW);
    }

    private static DecisionRecord decision(String claim) {
        return new DecisionRecord(Fakes.MANAGER, NOW, "ok", claim);
    }

    private static AuditEvent event(String what) {
        return new AuditEvent(what, NOW, Fakes.MANAGER, "203.0.113.10", "it", "req");
    }

    @Test
    void anApprovalRoundTripsAndIsFoundThroughItsExecution() {
        Approval approval = fresh("exec-roundtrip-" + aws.suffix);

        assertThat(store.create(approval, Optional.empty())).isTrue();

        assertThat(store.find(approval.approvalId())).contains(approval);
        assertThat(store.findByExecution(approval.executionId())).contains(approval);
        var item = aws.dynamo
                .getItem(r -> r.tableName(table).key(ApprovalItems.key(approval.approvalId())))
                .item();
        assertThat(item.get("status").s()).isEqualTo("pending");
        assertThat(item.get("expires_at").n())
                .isEqualTo(Long.toString(NOW.plusSeconds(86_400).getEpochSecond()));
        assertThat(Long.parseLong(item.get("ttl").n()))
                .isGreaterThan(NOW.plusSeconds(86_400).getEpochSecond());
    }

    @Test
    void theDocumentAndThePlatesTheManagerIsShownRoundTripAndAnOlderItemReadsWithout() {
        ApprovalRequest request = new ApprovalRequest(
                "TOKEN-doc-" + aws.suffix,
                "exec-doc-" + aws.suffix,
                new RequestSummary(
                        "CUST-1",
                        "Transportes Ñandú S.A.S.",
                        75,
                        "premium",
                        15_000_000,
                        "RUT",
                        "900123456-8",
                        List.of("ABC123", "DEF456")),
                86_400);
        Approval approval = Approval.pending(Approval.newId(), request, Fakes.MANAGER, NOW);

        assertThat(store.create(approval, Optional.empty())).isTrue();

        assertThat(store.find(approval.approvalId())).contains(approval);
        var item = aws.dynamo
                .getItem(r -> r.tableName(table).key(ApprovalItems.key(approval.approvalId())))
                .item();
        assertThat(item.get("document_id").s()).isEqualTo("900123456-8");
        assertThat(item.get("plates").l()).extracting(v -> v.s()).containsExactly("ABC123", "DEF456");
        // An item written before the summary had them: no document, no plates.
        Approval older = fresh("exec-older-" + aws.suffix);
        store.create(older, Optional.empty());
        assertThat(store.find(older.approvalId()).orElseThrow().summary())
                .satisfies(s -> assertThat(s.documentId()).isNull())
                .satisfies(s -> assertThat(s.plates()).isEmpty());
    }

    @Test
    void aSecondApprovalForTheSameExecutionNeedsToReplaceTheCurrentOne() {
        Approval first = fresh("exec-marker-" + aws.suffix);
        Approval second = fresh(first.executionId());
        store.create(first, Optional.empty());

        assertThat(store.create(second, Optional.empty())).as("marker exists").isFalse();
        assertThat(store.create(second, Optional.of("apr_NotTheCurrentOne000000")))
                .as("stale replacement")
                .isFalse();
        assertThat(store.find(second.approvalId())).as("nothing half-written").isEmpty();
        assertThat(store.create(second, Optional.of(first.approvalId()))).isTrue();
        assertThat(store.findByExecution(first.executionId()))
                .map(Approval::approvalId)
                .contains(second.approvalId());
    }

    @Test
    void claimingRecordsTheDecisionOnceAndReturnsTheTokenToTheWinner() {
        Approval approval = fresh("exec-claim-" + aws.suffix);
        store.create(approval, Optional.empty());

        ClaimResult won =
                store.claim(approval.approvalId(), Decision.APPROVE, decision("claim-1"), NOW, event("approved"));
        ClaimResult lost =
                store.claim(approval.approvalId(), Decision.REJECT, decision("claim-2"), NOW, event("rejected"));

        assertThat(won).isInstanceOfSatisfying(ClaimResult.Claimed.class, c -> {
            assertThat(c.approval().status()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(c.approval().taskToken()).isEqualTo(approval.taskToken());
            assertThat(c.approval().decision()).isEqualTo(decision("claim-1"));
            assertThat(c.approval().audit()).extracting(AuditEvent::event).containsExactly("requested", "approved");
        });
        assertThat(lost)
                .isInstanceOfSatisfying(
                        ClaimResult.NotPending.class,
                        n -> assertThat(n.current().decision().claimId()).isEqualTo("claim-1"));
        assertThat(store.claim("apr_DoesNotExist-000000000", Decision.APPROVE, decision("c"), NOW, event("approved")))
                .isInstanceOf(ClaimResult.NotFound.class);
    }

    @Test
    void anApprovalPastItsWindowCannotBeClaimed() {
        Approval approval = fresh("exec-late-" + aws.suffix);
        store.create(approval, Optional.empty());

        ClaimResult late = store.claim(
                approval.approvalId(),
                Decision.APPROVE,
                decision("c"),
                NOW.plus(Duration.ofDays(2)),
                event("approved"));

        assertThat(late)
                .isInstanceOfSatisfying(
                        ClaimResult.NotPending.class,
                        n -> assertThat(n.current().status()).isEqualTo(ApprovalStatus.PENDING));
    }

    @Test
    void ofTwoConcurrentDecisionsExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Approval approval = fresh("exec-race-" + round + "-" + aws.suffix);
                store.create(approval, Optional.empty());
                CyclicBarrier start = new CyclicBarrier(2);
                List<Callable<ClaimResult>> clicks = new ArrayList<>();
                for (Decision d : List.of(Decision.APPROVE, Decision.REJECT)) {
                    clicks.add(() -> {
                        start.await();
                        return store.claim(
                                approval.approvalId(),
                                d,
                                decision("claim-" + d),
                                NOW,
                                event(d.outcome().wire()));
                    });
                }
                List<ClaimResult> results = new ArrayList<>();
                for (Future<ClaimResult> f : pool.invokeAll(clicks)) {
                    results.add(f.get());
                }

                assertThat(results)
                        .filteredOn(r -> r instanceof ClaimResult.Claimed)
                        .hasSize(1);
                assertThat(results)
                        .filteredOn(r -> r instanceof ClaimResult.NotPending)
                        .hasSize(1);
                Approval stored = store.find(approval.approvalId()).orElseThrow();
                ClaimResult.Claimed winner = (ClaimResult.Claimed) results.stream()
                        .filter(r -> r instanceof ClaimResult.Claimed)
                        .findFirst()
                        .orElseThrow();
                assertThat(stored.status()).isEqualTo(winner.approval().status());
                assertThat(stored.audit()).hasSize(2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyTheClaimOwnerCanReleaseResumeOrExpire() {
        Approval approval = fresh("exec-owner-" + aws.suffix);
        store.create(approval, Optional.empty());
        store.claim(approval.approvalId(), Decision.APPROVE, decision("owner"), NOW, event("approved"));

        assertThat(store.release(approval.approvalId(), "intruder", event("decision_released")))
                .isFalse();
        assertThat(store.markResumed(approval.approvalId(), "intruder", event("resumed")))
                .isFalse();
        assertThat(store.expire(approval.approvalId(), "intruder", event("expired")))
                .isFalse();
        assertThat(store.expire(approval.approvalId(), null, event("expired")))
                .as("not pending any more")
                .isFalse();

        assertThat(store.release(approval.approvalId(), "owner", event("decision_released")))
                .isTrue();
        Approval released = store.find(approval.approvalId()).orElseThrow();
        assertThat(released.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(released.decision()).isNull();
        Instant renewedUntil = approval.expiresAt().plus(Duration.ofHours(1));
        assertThat(store.renewWait(approval.approvalId(), "TOKEN-new", renewedUntil, NOW, event("token_replaced")))
                .isTrue();
        Approval renewed = store.find(approval.approvalId()).orElseThrow();
        assertThat(renewed.taskToken()).isEqualTo("TOKEN-new");
        assertThat(renewed.expiresAt()).isEqualTo(renewedUntil);
        assertThat(renewed.notifiedAt()).isNull();
        assertThat(store.renewWait(
                        approval.approvalId(),
                        "TOKEN-after-window",
                        renewedUntil.plusSeconds(60),
                        renewedUntil,
                        event("token_replaced")))
                .as("window already closed")
                .isFalse();

        store.claim(approval.approvalId(), Decision.REJECT, decision("second"), NOW, event("rejected"));
        assertThat(store.renewWait(approval.approvalId(), "TOKEN-late", renewedUntil, NOW, event("token_replaced")))
                .isFalse();
        assertThat(store.retakeClaim(approval.approvalId(), "second", "third", event("resume_retried")))
                .isTrue();
        assertThat(store.markResumed(approval.approvalId(), "third", event("resumed")))
                .isTrue();
        assertThat(store.release(approval.approvalId(), "third", event("decision_released")))
                .as("already resumed")
                .isFalse();

        Approval last = store.find(approval.approvalId()).orElseThrow();
        assertThat(last.status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(last.taskToken()).isEqualTo("TOKEN-new");
        assertThat(last.resumedAt()).isEqualTo(NOW);
        assertThat(last.audit())
                .extracting(AuditEvent::event)
                .containsExactly(
                        "requested",
                        "approved",
                        "decision_released",
                        "token_replaced",
                        "rejected",
                        "resume_retried",
                        "resumed");
        assertThat(last.audit().get(1)).isEqualTo(event("approved"));
    }

    @Test
    void aPendingApprovalCanBeExpiredAndThenNotClaimed() {
        Approval approval = fresh("exec-expire-" + aws.suffix);
        store.create(approval, Optional.empty());
        store.markNotified(approval.approvalId(), event("notified"));
        store.markReminded(approval.approvalId(), event("reminded"));

        assertThat(store.expire(approval.approvalId(), null, event("expired"))).isTrue();

        assertThat(store.claim(approval.approvalId(), Decision.APPROVE, decision("c"), NOW, event("approved")))
                .isInstanceOf(ClaimResult.NotPending.class);
        Approval stored = store.find(approval.approvalId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(stored.notifiedAt()).isEqualTo(NOW);
        assertThat(stored.remindedAt()).isEqualTo(NOW);
    }
}
