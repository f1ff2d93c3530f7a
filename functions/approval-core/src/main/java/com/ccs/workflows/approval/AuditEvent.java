package com.ccs.workflows.approval;

import java.time.Instant;

/**
 * One line of an approval's audit trail (who did what, when, from where), appended to the item's {@code audit}
 * list by every state change. Optional parts are null when they do not apply (a reminder has no source IP).
 */
public record AuditEvent(String event, Instant at, String actor, String sourceIp, String userAgent, String requestId) {

    public static AuditEvent of(String event, Instant at, String actor) {
        return new AuditEvent(event, at, actor, null, null, null);
    }
}
