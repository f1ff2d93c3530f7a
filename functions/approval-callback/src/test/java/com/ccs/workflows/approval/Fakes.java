package com.ccs.workflows.approval;

import com.ccs.workflows.errors.DependencyUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test doubles for the adapters and a clock tests can move. */
final class Fakes {
    /** The documented test secret the sample events are signed with (documented in the module README). */
    static final String TEST_SECRET = "ccs-local-approval-signing-secret-not-for-production";

    static final String MANAGER = "manager@ccs.example";
    static final String BASE_URL = "https://approvals.example.test";

    private Fakes() {}

    /** An approval waiting for {@link #MANAGER}'s decision: no reminder, decision or audit yet. */
    static Approval pendingApproval(
            String approvalId,
            String executionId,
            String taskToken,
            RequestSummary request,
            Instant createdAt,
            Instant expiresAt,
            Instant notifiedAt) {
        return new Approval(
                approvalId,
                executionId,
                taskToken,
                request,
                MANAGER,
                ApprovalStatus.PENDING,
                createdAt,
                expiresAt,
                notifiedAt,
                null,
                null,
                null,
                List.of());
    }

    static LinkSigner signer() {
        return new LinkSigner(() -> TEST_SECRET.getBytes(StandardCharsets.UTF_8), BASE_URL);
    }

    static final class RecordingNotifier implements ManagerNotifier {
        final List<ManagerMessage> messages = new ArrayList<>();
        int failuresLeft;

        @Override
        public String publish(ManagerMessage message) {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new DependencyUnavailableException("SNS", "injected failure", null);
            }
            messages.add(message);
            return "msg-" + messages.size();
        }
    }

    /** Schedules by their EventBridge name (approval and window), as Scheduler would keep them. */
    static final class RecordingScheduler implements ReminderScheduler {
        final Map<String, Instant> schedules = new LinkedHashMap<>();
        int calls;

        @Override
        public void schedule(String approvalId, Instant expiresAt, Instant at) {
            calls++;
            schedules.putIfAbsent(EventBridgeReminderScheduler.scheduleName(approvalId, expiresAt), at);
        }
    }

    /** Step Functions as far as task tokens go: each token completes once; faults can be queued. */
    static final class FakeTasks implements TaskCallback {
        final Map<String, String> completed = new LinkedHashMap<>();
        final AtomicInteger calls = new AtomicInteger();
        final List<RuntimeException> faults = new ArrayList<>();

        @Override
        public synchronized void succeed(String taskToken, String outputJson) {
            calls.incrementAndGet();
            if (!faults.isEmpty()) {
                throw faults.remove(0);
            }
            if (completed.containsKey(taskToken)) {
                throw new TaskClosedException("TaskTimedOut");
            }
            completed.put(taskToken, outputJson);
        }
    }
}
