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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed and adversarial "Wait for Approval" requests (see {@link HostileEvents}) through the
 * request handler over in-memory fakes. Each either opens one approval and notifies the manager once, without the
 * task token in the message, or fails with InvalidInputException naming the changed field, never echoing the task
 * token, with nothing stored, published or scheduled.
 */
class ApprovalRequestHostileInputTest {
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");

    @Test
    void hostileRequestsOpenOneApprovalOrFailWithoutSideEffects() {
        Map<String, Object> sample = SampleEvents.load("approval-request", "request.json");
        Set<String> fields = new LinkedHashSet<>(HostileEvents.pathShapes(sample));
        fields.add("request.company_info");
        HostileEvents events = HostileEvents.seeded();
        HostileRun run = new HostileRun("approval-request", events);

        run.run(events.cases(sample, 2000), c -> {
            InMemoryApprovalStore store = new InMemoryApprovalStore();
            Fakes.RecordingNotifier notifier = new Fakes.RecordingNotifier();
            Fakes.RecordingScheduler scheduler = new Fakes.RecordingScheduler();
            ApprovalRequestHandler handler = new ApprovalRequestHandler(new ApprovalService(
                    store,
                    notifier,
                    scheduler,
                    new ManagerMessages(Fakes.signer(), ApprovalLanguage.ES_CO),
                    new MutableClock(NOW),
                    Fakes.MANAGER,
                    Duration.ofHours(2),
                    Approval::newId));
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) c.event();
            List<String> tokens = tokensIn(event, sample);
            try {
                Map<String, Object> output =
                        StreamInvocation.invoke(handler, event, new TestLambdaContext("approval-request"));
                if (!(output.get("approval_id") instanceof String id)
                        || !Approval.isWellFormedId(id)
                        || !Boolean.TRUE.equals(output.get("notified"))
                        || notifier.messages.size() != 1
                        || store.size() != 1) {
                    throw new AssertionError("unexpected output " + output);
                }
                String message = notifier.messages.get(0).toString();
                tokens.forEach(token -> {
                    if (message.contains(token) || output.toString().contains(token)) {
                        throw new AssertionError("the task token reached the manager's message or the output");
                    }
                });
            } catch (InvalidInputException e) {
                run.rejected();
                HostileRun.assertCleanInvalidInput(e, c, fields, Set.of("request.number_of_vehicles~request.vehicles"));
                tokens.forEach(token -> {
                    if (e.getMessage().contains(token)) {
                        throw new AssertionError("the exception echoes the task token");
                    }
                });
                if (store.size() != 0 || !notifier.messages.isEmpty() || scheduler.calls != 0) {
                    throw new AssertionError("side effect despite invalid input");
                }
            }
        });
        run.report();
    }

    /** The sample's task token, and the case's if it is long enough to be recognisable in a message. */
    private static List<String> tokensIn(Map<String, Object> event, Map<String, Object> sample) {
        Object token = event == null ? null : event.get("task_token");
        return token instanceof String s && s.strip().length() >= 16 && !s.equals(sample.get("task_token"))
                ? List.of((String) sample.get("task_token"), s.strip())
                : List.of((String) sample.get("task_token"));
    }
}
