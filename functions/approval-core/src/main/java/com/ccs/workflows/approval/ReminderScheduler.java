package com.ccs.workflows.approval;

import java.time.Instant;

/** Arranges one reminder invocation for an approval (EventBridge Scheduler one-time schedule in production). */
public interface ReminderScheduler {

    /**
     * Idempotent per approval window: scheduling the same approval and {@code expiresAt} again is a no-op. A renewed
     * window (new expiresAt) gets its own reminder; the one of the earlier window finds itself superseded.
     */
    void schedule(String approvalId, Instant expiresAt, Instant at);
}
