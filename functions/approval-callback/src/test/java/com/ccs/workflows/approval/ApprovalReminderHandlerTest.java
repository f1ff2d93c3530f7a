package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.MutableClock;
import com.ccs.workflows.testing.TestLambdaContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalReminderHandlerTest {
    private static final String SAMPLE_ID = "apr_SampleApproval-0000001";
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
    /** The window the sample reminder was scheduled for (its expires_at). */
    private static final Instant SAMPLE_WINDOW = Instant.ofEpochSecond(4_102_444_800L);

    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final Fakes.RecordingNotifier notifier = new Fakes.RecordingNotifier();
    private final ApprovalReminderHandler handler = new ApprovalReminderHandler(new ApprovalService(
            store,
            notifier,
            new Fakes.RecordingScheduler(),
            new ManagerMessages(Fakes.signer(), ApprovalLanguage.EN),
            new MutableClock(NOW),
            Fakes.MANAGER,
            Duration.ofHours(2),
            Approval::newId));

    private Map<String, Object> sample() throws Exception {
        return SimpleJson.parseObject(
                Files.readString(Path.of("../../events/functions/approval-reminder/reminder.json")));
    }

    private void store(ApprovalStatus status) {
        store(status, SAMPLE_WINDOW);
    }

    private void store(ApprovalStatus status, Instant expiresAt) {
        store.put(new Approval(
                SAMPLE_ID,
                "exec-12345",
                "TOKEN-x",
                new RequestSummary("CUST-98765", "Transportes ABC S.A.S.", 75, "premium", 1),
                Fakes.MANAGER,
                status,
                NOW.minus(Duration.ofHours(22)),
                expiresAt,
                NOW.minus(Duration.ofHours(22)),
                null,
                status == ApprovalStatus.PENDING
                        ? null
                        : new DecisionRecord(Fakes.MANAGER, NOW.minusSeconds(60), null, "c"),
                null,
                List.of()));
    }

    @Test
    void thePendingSampleApprovalIsReminded() throws Exception {
        store(ApprovalStatus.PENDING);

        Map<String, Object> output = handler.handle(sample(), new TestLambdaContext("approval-reminder"));

        assertThat(output).isEqualTo(Map.of("reminded", true, "status", "pending"));
        assertThat(notifier.messages)
                .singleElement()
                .satisfies(m -> assertThat(m.body())
                        .contains("/approvals/" + SAMPLE_ID + "/approve?")
                        .doesNotContain("TOKEN-x"));
    }

    @Test
    void aDecidedApprovalIsNotReminded() throws Exception {
        store(ApprovalStatus.APPROVED);

        Map<String, Object> output = handler.handle(sample(), new TestLambdaContext("approval-reminder"));

        assertThat(output).isEqualTo(Map.of("reminded", false, "status", "approved"));
        assertThat(notifier.messages).isEmpty();
    }

    @Test
    void aReminderForAWindowTheApprovalNoLongerHasIsSuperseded() throws Exception {
        store(ApprovalStatus.PENDING, NOW.plus(Duration.ofHours(2)));

        Map<String, Object> output = handler.handle(sample(), new TestLambdaContext("approval-reminder"));

        assertThat(output).isEqualTo(Map.of("reminded", false, "status", "superseded"));
        assertThat(notifier.messages).isEmpty();
    }

    @Test
    void aReminderWithoutItsWindowStillRemindsAPendingApproval() {
        store(ApprovalStatus.PENDING, NOW.plus(Duration.ofHours(2)));

        Map<String, Object> output =
                handler.handle(Map.of("approval_id", SAMPLE_ID), new TestLambdaContext("approval-reminder"));

        assertThat(output).isEqualTo(Map.of("reminded", true, "status", "pending"));
    }

    @Test
    void anImpossibleWindowIsInvalidInputNamingIt() {
        assertThatThrownBy(() -> handler.handle(
                        Map.of("approval_id", SAMPLE_ID, "expires_at", Long.MAX_VALUE),
                        new TestLambdaContext("approval-reminder")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("expires_at:");
    }

    @Test
    void aMissingApprovalIdIsInvalidInput() {
        assertThatThrownBy(() -> handler.handle(Map.of(), new TestLambdaContext("approval-reminder")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("approval_id:");
    }
}
