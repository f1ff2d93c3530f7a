package com.ccs.workflows.approval;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.HostileRun;
import com.ccs.workflows.testing.MutableClock;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.StreamInvocation;
import com.ccs.workflows.testing.TestLambdaContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed and adversarial reminder events (see {@link HostileEvents}) through the reminder handler,
 * with the sample's approval pending in the in-memory store. Only the sample's own approval id, for the sample's
 * window (or none), may send a reminder; anything else answers {@code reminded: false} or fails with
 * InvalidInputException on a field of the event, leaving the stored approval as it was and sending nothing.
 */
class ApprovalReminderHostileInputTest {
    private static final String SAMPLE_ID = "apr_SampleApproval-0000001";
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
    private static final Set<String> STATUSES =
            Set.of("pending", "approved", "rejected", "expired", "not_found", "superseded");
    /** The sample's expires_at: the window of the pending approval. */
    private static final long WINDOW = 4_102_444_800L;

    @Test
    void hostileRemindersRemindOnlyThePendingApprovalOrChangeNothing() {
        Map<String, Object> sample = SampleEvents.load("approval-reminder", "reminder.json");
        Set<String> fields = HostileEvents.pathShapes(sample);
        HostileEvents events = HostileEvents.seeded();
        HostileRun run = new HostileRun("approval-reminder", events);

        run.run(events.cases(sample, 2000), c -> {
            InMemoryApprovalStore store = new InMemoryApprovalStore();
            Approval pending = Fakes.pendingApproval(
                    SAMPLE_ID,
                    "exec-12345",
                    "TOKEN-reminder-sample",
                    new RequestSummary("CUST-98765", "Transportes ABC S.A.S.", 75, "premium", 15_000_000),
                    NOW.minus(Duration.ofHours(22)),
                    Instant.ofEpochSecond(WINDOW),
                    NOW.minus(Duration.ofHours(22)));
            store.put(pending);
            Fakes.RecordingNotifier notifier = new Fakes.RecordingNotifier();
            ApprovalReminderHandler handler = new ApprovalReminderHandler(new ApprovalService(
                    store,
                    notifier,
                    new Fakes.RecordingScheduler(),
                    new ManagerMessages(Fakes.signer(), ApprovalLanguage.ES_CO),
                    new MutableClock(NOW),
                    Fakes.MANAGER,
                    Duration.ofHours(2),
                    Approval::newId));
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) c.event();
            try {
                Map<String, Object> output =
                        StreamInvocation.invoke(handler, event, new TestLambdaContext("approval-reminder"));
                boolean reminded = Boolean.TRUE.equals(output.get("reminded"));
                boolean sampleId = event != null
                        && SAMPLE_ID.equals(
                                String.valueOf(event.get("approval_id")).strip());
                Object window = event == null ? null : event.get("expires_at");
                boolean sampleWindow = window == null || window instanceof Number n && n.doubleValue() == WINDOW;
                if (!STATUSES.contains(String.valueOf(output.get("status")))
                        || reminded != (sampleId && sampleWindow)
                        || notifier.messages.size() != (reminded ? 1 : 0)) {
                    throw new AssertionError("unexpected output " + output + " for approval_id "
                            + (event == null ? null : event.get("approval_id")));
                }
                if (reminded && notifier.messages.get(0).toString().contains("TOKEN-reminder-sample")) {
                    throw new AssertionError("the task token reached the reminder");
                }
                if (!reminded && !store.get(SAMPLE_ID).equals(pending)) {
                    throw new AssertionError("the approval changed without a reminder");
                }
            } catch (InvalidInputException e) {
                run.rejected();
                HostileRun.assertCleanInvalidInput(e, c, fields);
                if (!store.get(SAMPLE_ID).equals(pending) || !notifier.messages.isEmpty()) {
                    throw new AssertionError("side effect despite invalid input");
                }
            }
        });
        run.report();
    }
}
