package com.ccs.workflows.approval;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.errors.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an approval for a waiting execution and reminds the manager about it.
 *
 * <p>Idempotent per execution: the approval id is recorded under the execution's marker, so a duplicated request
 * (same task token) reuses the pending approval and the manager is notified once: {@code notified_at} is set after
 * the publish, and only an approval without it is published. A crash between publish and that write may notify
 * twice; it can never notify zero times.
 *
 * <p>A new attempt of the waiting task (a retry or redrive: a new token, and the task's timeout starts again)
 * renews the same approval: token and expiry change together, so the links never close before the task times
 * out; the manager gets the links of the new window and a reminder before it closes. Links already sent stay
 * valid until their own, earlier, expiry: they name the same approval and approver.
 */
public final class ApprovalService {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalService.class);
    /** A reminder closer than this to now (or to the deadline) is not worth a schedule. */
    static final Duration MIN_REMINDER_DISTANCE = Duration.ofMinutes(1);

    private static final int ATTEMPTS = 3;
    static final String SUPERSEDED = "superseded";

    private final ApprovalStore store;
    private final ManagerNotifier notifier;
    private final ReminderScheduler scheduler;
    private final ManagerMessages messages;
    private final Clock clock;
    private final String approver;
    private final Duration reminderLead;
    private final Supplier<String> ids;

    public ApprovalService(
            ApprovalStore store,
            ManagerNotifier notifier,
            ReminderScheduler scheduler,
            ManagerMessages messages,
            Clock clock,
            String approver,
            Duration reminderLead,
            Supplier<String> ids) {
        this.store = store;
        this.notifier = notifier;
        this.scheduler = scheduler;
        this.messages = messages;
        this.clock = clock;
        this.approver = approver;
        this.reminderLead = reminderLead;
        this.ids = ids;
    }

    public record RequestResult(String approvalId, Instant expiresAt, boolean notified, boolean reused) {}

    public record ReminderResult(boolean reminded, String status) {}

    public RequestResult request(ApprovalRequest request) {
        Instant now = clock.instant();
        Opened opened = open(request, now);
        Approval approval = opened.approval();
        if (approval.notifiedAt() == null) {
            ManagerMessage message =
                    opened.renewedAfterNotice() ? messages.renewal(approval, now) : messages.request(approval, now);
            String messageId = notifier.publish(message);
            store.markNotified(approval.approvalId(), AuditEvent.of("notified", clock.instant(), "system"));
            LOG.info("Manager notified approval_id={} message_id={}", approval.approvalId(), messageId);
        }
        reminderTime(now, approval.expiresAt())
                .ifPresent(at -> scheduler.schedule(approval.approvalId(), approval.expiresAt(), at));
        return new RequestResult(approval.approvalId(), approval.expiresAt(), true, opened.reused());
    }

    public ReminderResult remind(String approvalId) {
        return remind(approvalId, Optional.empty());
    }

    /**
     * {@code window} is the expiry the reminder was scheduled for; a reminder of a window that was renewed since
     * does nothing (status {@code superseded}): the renewed window has its own.
     */
    public ReminderResult remind(String approvalId, Optional<Instant> window) {
        if (!Approval.isWellFormedId(approvalId)) {
            throw new InvalidInputException("approval_id", "must look like apr_ followed by 22 URL-safe characters");
        }
        Instant now = clock.instant();
        Optional<Approval> found = store.find(approvalId);
        if (found.isEmpty()) {
            return new ReminderResult(false, "not_found");
        }
        Approval approval = found.get();
        ApprovalStatus status = approval.statusAt(now);
        if (status != ApprovalStatus.PENDING) {
            LOG.info("No reminder: approval_id={} is {}", approvalId, status.wire());
            return new ReminderResult(false, status.wire());
        }
        if (window.isPresent() && !window.get().equals(approval.expiresAt())) {
            LOG.info(
                    "No reminder: approval_id={} was renewed, its window now closes at {}",
                    approvalId,
                    approval.expiresAt());
            return new ReminderResult(false, SUPERSEDED);
        }
        if (approval.remindedAt() != null) {
            // The scheduler delivers at least once: one reminder per approval is enough.
            return new ReminderResult(false, status.wire());
        }
        notifier.publish(messages.reminder(approval, now));
        store.markReminded(approvalId, AuditEvent.of("reminded", clock.instant(), "system"));
        LOG.info("Manager reminded approval_id={}", approvalId);
        return new ReminderResult(true, status.wire());
    }

    /** {@code renewedAfterNotice}: a renewed approval whose earlier window the manager had already been told about. */
    private record Opened(Approval approval, boolean reused, boolean renewedAfterNotice) {}

    private Opened open(ApprovalRequest request, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Approval> current = store.findByExecution(request.executionId());
            if (current.isPresent() && current.get().statusAt(now) == ApprovalStatus.PENDING) {
                Approval existing = current.get();
                if (existing.taskToken().equals(request.taskToken())) {
                    return new Opened(existing, true, false);
                }
                // A new task attempt: only its token can resume the execution, and its timeout restarted now.
                Instant expiresAt = now.plusSeconds(request.windowSeconds());
                if (store.renewWait(
                        existing.approvalId(),
                        request.taskToken(),
                        expiresAt,
                        now,
                        AuditEvent.of("token_replaced", now, "state-machine"))) {
                    LOG.info(
                            "Approval renewed for a new task attempt approval_id={} expires_at={}",
                            existing.approvalId(),
                            expiresAt);
                    return new Opened(
                            existing.withRenewedWait(request.taskToken(), expiresAt),
                            true,
                            existing.notifiedAt() != null);
                }
                continue;
            }
            // No approval yet, or the previous one is over (decided or expired): this wait needs a new one.
            Approval fresh = Approval.pending(ids.get(), request, approver, now);
            if (store.create(fresh, current.map(Approval::approvalId))) {
                LOG.info("Approval opened approval_id={} expires_at={}", fresh.approvalId(), fresh.expiresAt());
                return new Opened(fresh, false, false);
            }
        }
        throw new DependencyUnavailableException(
                "approvals table",
                "concurrent requests for execution " + request.executionId() + " kept conflicting",
                null);
    }

    /** {@code lead} before the deadline; half the window when that is already past; none when too close. */
    Optional<Instant> reminderTime(Instant now, Instant expiresAt) {
        Instant at = expiresAt.minus(reminderLead);
        if (!at.isAfter(now.plus(MIN_REMINDER_DISTANCE))) {
            at = now.plus(Duration.between(now, expiresAt).dividedBy(2));
        }
        boolean worthIt =
                at.isAfter(now.plus(MIN_REMINDER_DISTANCE)) && at.isBefore(expiresAt.minus(MIN_REMINDER_DISTANCE));
        return worthIt ? Optional.of(at) : Optional.empty();
    }
}
