package com.ccs.workflows.approval;

import com.ccs.workflows.shared.priming.RestoreSafeRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A manager approval as stored in the approvals table. The task token lives only here and in the table: it is
 * excluded from {@link #toString()} so no log line or exception message can carry it by accident.
 */
public record Approval(
        String approvalId,
        String executionId,
        String taskToken,
        RequestSummary summary,
        String approver,
        ApprovalStatus status,
        Instant createdAt,
        Instant expiresAt,
        Instant notifiedAt,
        Instant remindedAt,
        DecisionRecord decision,
        Instant resumedAt,
        List<AuditEvent> audit) {

    /** {@code apr_} and 128 random bits in URL-safe Base64: unguessable, and safe in a path segment. */
    public static final Pattern ID_FORMAT = Pattern.compile("apr_[A-Za-z0-9_-]{22}");

    public Approval {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(status, "status");
        audit = List.copyOf(audit == null ? List.of() : audit);
    }

    public static String newId() {
        byte[] bytes = new byte[16];
        RestoreSafeRandom.secure().nextBytes(bytes);
        return "apr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean isWellFormedId(String value) {
        return value != null && ID_FORMAT.matcher(value).matches();
    }

    /** A fresh pending approval for {@code request}, waiting for {@code approver} until the window closes. */
    public static Approval pending(String approvalId, ApprovalRequest request, String approver, Instant now) {
        return new Approval(
                approvalId,
                request.executionId(),
                request.taskToken(),
                request.summary(),
                approver,
                ApprovalStatus.PENDING,
                now,
                now.plusSeconds(request.windowSeconds()),
                null,
                null,
                null,
                null,
                List.of(AuditEvent.of("requested", now, "state-machine")));
    }

    /** The status as of {@code now}: a pending approval whose window has closed counts as expired. */
    public ApprovalStatus statusAt(Instant now) {
        return status == ApprovalStatus.PENDING && !now.isBefore(expiresAt) ? ApprovalStatus.EXPIRED : status;
    }

    /**
     * The same approval for a new attempt of the waiting task: its token, a window restarted at the new expiry, and
     * no notification or reminder yet for that window.
     */
    public Approval withRenewedWait(String token, Instant newExpiresAt) {
        return new Approval(
                approvalId,
                executionId,
                token,
                summary,
                approver,
                status,
                createdAt,
                newExpiresAt,
                null,
                null,
                decision,
                resumedAt,
                audit);
    }

    public Approval withStatus(ApprovalStatus newStatus, DecisionRecord newDecision) {
        return new Approval(
                approvalId,
                executionId,
                taskToken,
                summary,
                approver,
                newStatus,
                createdAt,
                expiresAt,
                notifiedAt,
                remindedAt,
                newDecision,
                resumedAt,
                audit);
    }

    public Approval withNotifiedAt(Instant at) {
        return new Approval(
                approvalId,
                executionId,
                taskToken,
                summary,
                approver,
                status,
                createdAt,
                expiresAt,
                at,
                remindedAt,
                decision,
                resumedAt,
                audit);
    }

    public Approval withRemindedAt(Instant at) {
        return new Approval(
                approvalId,
                executionId,
                taskToken,
                summary,
                approver,
                status,
                createdAt,
                expiresAt,
                notifiedAt,
                at,
                decision,
                resumedAt,
                audit);
    }

    public Approval withResumedAt(Instant at) {
        return new Approval(
                approvalId,
                executionId,
                taskToken,
                summary,
                approver,
                status,
                createdAt,
                expiresAt,
                notifiedAt,
                remindedAt,
                decision,
                at,
                audit);
    }

    public Approval withAudit(AuditEvent event) {
        List<AuditEvent> events = new ArrayList<>(audit);
        events.add(event);
        return new Approval(
                approvalId,
                executionId,
                taskToken,
                summary,
                approver,
                status,
                createdAt,
                expiresAt,
                notifiedAt,
                remindedAt,
                decision,
                resumedAt,
                events);
    }

    @Override
    public String toString() {
        return "Approval[approvalId=" + approvalId + ", executionId=" + executionId + ", status=" + status.wire()
                + ", approver=" + approver + ", expiresAt=" + expiresAt + ", taskToken=<redacted>]";
    }
}
