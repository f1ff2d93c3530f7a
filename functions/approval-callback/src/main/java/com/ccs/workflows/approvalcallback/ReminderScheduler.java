package com.ccs.workflows.approvalcallback;

import java.time.Instant;

/** Arranges one reminder invocation for an approval (EventBridge Scheduler one-time schedule in production). */
public interface ReminderScheduler {

    /** Idempotent per approval: scheduling the same approval again is a no-op. */
    void schedule(String approvalId, Instant at);
}
