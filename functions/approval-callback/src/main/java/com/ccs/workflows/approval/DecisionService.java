package com.ccs.workflows.approval;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.event.JsonText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a click on a signed link into a decision that resumes the waiting execution.
 *
 * <p>Checks, in this order, each refusal changing nothing: shape of the request (400), signature (403, compared
 * in constant time), link expiry (410), approval exists (404), link issued to this approval's approver (403),
 * approval still pending (410 when its window closed; 409 when a decision is in: the same one, from a reused link or a
 * double click, or the other one). A 409 changes nothing and never touches the execution.
 *
 * <p>Recording and resuming are two systems, so the order matters. The decision is first <em>claimed</em> with
 * one conditional update (pending -> approved/rejected, with a claim id): of two concurrent clicks exactly one
 * wins, and only the winner calls SendTaskSuccess. Then:
 * <ul>
 *   <li>success: {@code resumed_at} is set, 200;</li>
 *   <li>the task no longer waits (timed out, stopped): the approval is marked expired, 410;</li>
 *   <li>a transient Step Functions fault: the claim is released (back to pending, decision fields removed) and
 *   the manager gets 503 and can click again, or choose differently. If the release fails too, the approval stays
 *   decided without {@code resumed_at}; the next click with the same decision, once the first invocation must
 *   have ended ({@link #RESUME_GRACE}, longer than the function's timeout), takes the claim over and resends.</li>
 * </ul>
 * Calling SendTaskSuccess before recording would let an approve and a reject race to Step Functions with no
 * record of which one won; claiming first keeps a single decision per approval.
 */
public final class DecisionService {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionService.class);
    static final int MAX_COMMENT = 1000;
    static final int MAX_APPROVER = 200;
    static final Duration RESUME_GRACE = Duration.ofMinutes(2);
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");

    private final ApprovalStore store;
    private final TaskCallback tasks;
    private final LinkSigner signer;
    private final Clock clock;

    public DecisionService(ApprovalStore store, TaskCallback tasks, LinkSigner signer, Clock clock) {
        this.store = store;
        this.tasks = tasks;
        this.signer = signer;
        this.clock = clock;
    }

    public CallbackOutcome handle(CallbackRequest request) {
        Instant now = clock.instant();
        if (!"GET".equals(request.method()) && !"POST".equals(request.method())) {
            return refused(405, "method_not_allowed", "Open the link with GET and confirm with POST.");
        }
        if (!Approval.isWellFormedId(request.approvalId())) {
            return malformed("approval_id: must look like apr_ followed by 22 URL-safe characters");
        }
        Optional<Decision> parsed = Decision.fromSegment(request.decision());
        if (parsed.isEmpty()) {
            return malformed("decision: must be approve or reject");
        }
        if (isBlank(request.approver()) || request.approver().length() > MAX_APPROVER) {
            return malformed("approver: is required (at most " + MAX_APPROVER + " characters)");
        }
        if (isBlank(request.expires())
                || !EPOCH_SECONDS.matcher(request.expires()).matches()) {
            return malformed("expires: is required and must be epoch seconds");
        }
        if (isBlank(request.signature())) {
            return malformed("sig: is required");
        }
        String comment = clean(request.comment());
        if (comment != null && comment.length() > MAX_COMMENT) {
            return malformed("comment: must be at most " + MAX_COMMENT + " characters, got " + comment.length());
        }
        Decision decision = parsed.get();
        long expires = Long.parseLong(request.expires());
        if (!signer.verify(request.approvalId(), decision, expires, request.approver(), request.signature())) {
            LOG.warn(
                    "Refused approval link: bad signature approval_id={} source_ip={}",
                    request.approvalId(),
                    request.sourceIp());
            return refused(
                    403,
                    "invalid_signature",
                    "This link is not valid. Use the link from the approval message as it was sent.");
        }
        if (expires <= now.getEpochSecond()) {
            return new CallbackOutcome.Refused(
                    410,
                    "link_expired",
                    "This link has expired: the approval window is closed.",
                    null,
                    Instant.ofEpochSecond(expires));
        }
        Optional<Approval> found = store.find(request.approvalId());
        if (found.isEmpty()) {
            return refused(404, "unknown_approval", "No such approval request.");
        }
        Approval approval = found.get();
        if (!approval.approver().equals(request.approver())) {
            LOG.warn(
                    "Refused approval link: approver mismatch approval_id={} source_ip={}",
                    approval.approvalId(),
                    request.sourceIp());
            return refused(403, "not_the_approver", "This link was not issued for the approver of this request.");
        }
        return request.confirm()
                ? decide(approval, decision, comment, request, now)
                : preview(approval, decision, request, now);
    }

    private CallbackOutcome preview(Approval approval, Decision decision, CallbackRequest request, Instant now) {
        return switch (approval.statusAt(now)) {
            case PENDING -> {
                long expires = Long.parseLong(request.expires());
                yield new CallbackOutcome.Confirmation(
                        approval,
                        decision,
                        signer.query(approval.approvalId(), decision, expires, request.approver()),
                        signer.query(approval.approvalId(), decision.other(), expires, request.approver()),
                        Instant.ofEpochSecond(expires));
            }
            case EXPIRED -> expired(approval, now);
            case APPROVED, REJECTED -> decided(approval, decision, request, now, false);
        };
    }

    private CallbackOutcome decide(
            Approval approval, Decision decision, String comment, CallbackRequest request, Instant now) {
        ApprovalStatus status = approval.statusAt(now);
        if (status == ApprovalStatus.EXPIRED) {
            return expired(approval, now);
        }
        if (status != ApprovalStatus.PENDING) {
            return decided(approval, decision, request, now, true);
        }
        DecisionRecord record = new DecisionRecord(
                request.approver(), now, comment, UUID.randomUUID().toString());
        AuditEvent event = new AuditEvent(
                decision.outcome().wire(),
                now,
                request.approver(),
                request.sourceIp(),
                truncate(request.userAgent(), 200),
                request.requestId());
        return switch (store.claim(approval.approvalId(), decision, record, now, event)) {
            case ClaimResult.Claimed claimed -> resume(claimed.approval(), decision, record.claimId(), false);
            case ClaimResult.NotPending lost -> decided(lost.current(), decision, request, now, true);
            case ClaimResult.NotFound ignored -> refused(404, "unknown_approval", "No such approval request.");
        };
    }

    /** The approval is no longer pending: a double click, a reused link, a lost race or the other decision. */
    private CallbackOutcome decided(
            Approval current, Decision decision, CallbackRequest request, Instant now, boolean mayRecover) {
        ApprovalStatus status = current.statusAt(now);
        if (status == ApprovalStatus.EXPIRED) {
            return expired(current, now);
        }
        Optional<Decision> recorded = Decision.of(status);
        if (recorded.isEmpty()) {
            // Pending again: a failed resume was just released by another click. Nothing was changed here.
            return refused(
                    503,
                    "busy",
                    "The decision could not be recorded right now. Nothing was changed; please try again.",
                    current);
        }
        if (recorded.get() != decision) {
            LOG.info(
                    "Refused conflicting decision approval_id={} recorded={} requested={}",
                    current.approvalId(),
                    status.wire(),
                    decision.outcome().wire());
            String by = current.decision() == null
                    ? ""
                    : " by " + current.decision().decidedBy() + " at "
                            + current.decision().decidedAt();
            return refused(
                    409,
                    "already_decided",
                    "This request was already " + status.wire() + by + "; it cannot be changed.",
                    current);
        }
        if (mayRecover
                && current.resumedAt() == null
                && current.decision() != null
                && current.decision().decidedAt().plus(RESUME_GRACE).isBefore(now)) {
            String claimId = UUID.randomUUID().toString();
            AuditEvent event = new AuditEvent(
                    "resume_retried",
                    now,
                    request.approver(),
                    request.sourceIp(),
                    truncate(request.userAgent(), 200),
                    request.requestId());
            if (store.retakeClaim(current.approvalId(), current.decision().claimId(), claimId, event)) {
                return resume(current, decision, claimId, true);
            }
        }
        return alreadyRecorded(current);
    }

    /** The same decision again (a reused link, a double click, a replay): it stands, and nothing was changed. */
    private static CallbackOutcome alreadyRecorded(Approval current) {
        String by = current.decision() == null
                ? ""
                : " by " + current.decision().decidedBy() + " at "
                        + current.decision().decidedAt();
        return refused(
                409,
                "already_recorded",
                "This decision was already recorded: the request was "
                        + current.status().wire() + by + ". Nothing was changed.",
                current);
    }

    private CallbackOutcome resume(Approval claimed, Decision decision, String claimId, boolean recovery) {
        Instant now = clock.instant();
        try {
            tasks.succeed(claimed.taskToken(), taskOutput(decision, claimed.decision()));
        } catch (TaskClosedException e) {
            if (recovery) {
                // The first resume may have landed before its owner failed to note it: the decision stands.
                return alreadyRecorded(claimed);
            }
            store.expire(claimed.approvalId(), claimId, AuditEvent.of("expired", now, "system"));
            LOG.info("Approval no longer awaited approval_id={}: {}", claimed.approvalId(), e.getMessage());
            return refused(
                    410,
                    "no_longer_waiting",
                    "This request is no longer waiting for a decision (its window closed or it was cancelled).",
                    claimed);
        } catch (DependencyUnavailableException e) {
            LOG.warn("Resume failed transiently approval_id={}: {}", claimed.approvalId(), e.getMessage());
            if (!recovery) {
                release(claimed.approvalId(), claimId, now);
            }
            return refused(
                    503,
                    "try_again",
                    "The decision could not be delivered right now. Nothing was changed; please try again in a minute.",
                    claimed);
        }
        try {
            store.markResumed(claimed.approvalId(), claimId, AuditEvent.of("resumed", now, "system"));
        } catch (DependencyUnavailableException e) {
            // The execution has its decision; resumed_at is bookkeeping, and the audit trail has the decision.
            LOG.warn("Could not record resumed_at approval_id={}: {}", claimed.approvalId(), e.getMessage());
        }
        LOG.info(
                "Decision recorded approval_id={} execution_id={} decision={} decided_by={}",
                claimed.approvalId(),
                claimed.executionId(),
                decision.outcome().wire(),
                claimed.decision().decidedBy());
        return new CallbackOutcome.Recorded(claimed.withResumedAt(now), decision, recovery);
    }

    private void release(String approvalId, String claimId, Instant now) {
        try {
            store.release(approvalId, claimId, AuditEvent.of("decision_released", now, "system"));
        } catch (DependencyUnavailableException e) {
            LOG.warn(
                    "Could not release claim approval_id={}; the next click resumes it: {}",
                    approvalId,
                    e.getMessage());
        }
    }

    private CallbackOutcome expired(Approval approval, Instant now) {
        if (approval.status() == ApprovalStatus.PENDING) {
            try {
                store.expire(approval.approvalId(), null, AuditEvent.of("expired", now, "system"));
            } catch (DependencyUnavailableException e) {
                LOG.warn("Could not mark approval_id={} expired: {}", approval.approvalId(), e.getMessage());
            }
        }
        return refused(410, "approval_expired", "The approval window for this request has closed.", approval);
    }

    /** The output the waiting "Wait for Approval" state receives: {approved, approver, comment, decided_at}. */
    static String taskOutput(Decision decision, DecisionRecord record) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("approved", decision == Decision.APPROVE);
        output.put("approver", record.decidedBy());
        output.put("comment", record.comment());
        output.put("decided_at", record.decidedAt().toString());
        return JsonText.object(output);
    }

    /** Comments are free text for the audit: control characters become spaces, empty means none. */
    static String clean(String comment) {
        if (comment == null) {
            return null;
        }
        String cleaned = comment.replaceAll("[\\p{Cntrl}&&[^\\n]]", " ").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static CallbackOutcome malformed(String message) {
        return refused(400, "malformed_request", message);
    }

    private static CallbackOutcome refused(int status, String error, String message) {
        return new CallbackOutcome.Refused(status, error, message);
    }

    /** A refusal about {@code approval}, which the page shows (who decided, when the window closed). */
    private static CallbackOutcome refused(int status, String error, String message, Approval approval) {
        return new CallbackOutcome.Refused(status, error, message, approval, null);
    }

    /** The time decisions and pages are judged by. */
    Clock clock() {
        return clock;
    }
}
