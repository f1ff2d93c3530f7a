package com.ccs.workflows.approvalcallback;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.errors.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens an approval for a waiting execution and reminds the manager about it.
 *
 * <p>Idempotent per execution: the approval id is recorded under the execution's marker, so a retried or
 * duplicated request reuses the pending approval (taking the newest task token) and the manager is notified
 * once: {@code notified_at} is set after the publish, and only an approval without it is published. A crash
 * between publish and that write may notify twice; it can never notify zero times.
 */
public final class ApprovalService {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalService.class);
    /** A reminder closer than this to now (or to the deadline) is not worth a schedule. */
    static final Duration MIN_REMINDER_DISTANCE = Duration.ofMinutes(1);
    private static final int ATTEMPTS = 3;

    private final ApprovalStore store;
    private final ManagerNotifier notifier;
    private final ReminderScheduler scheduler;
    private final ManagerMessages messages;
    private final Clock clock;
    private final String approver;
    private final Duration reminderLead;
    private final Supplier<String> ids;

    public ApprovalService(ApprovalStore store, ManagerNotifier notifier, ReminderScheduler scheduler,
                           ManagerMessages messages, Clock clock, String approver, Duration reminderLead,
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

    public record RequestResult(String approvalId, Instant expiresAt, boolean notified, boolean reused) {
    }

    public record ReminderResult(boolean reminded, String status) {
    }

    public RequestResult request(ApprovalRequest request) {
        Instant now = clock.instant();
        Opened opened = open(request, now);
        Approval approval = opened.approval();
        if (approval.notifiedAt() == null) {
            String messageId = notifier.publish(messages.request(approval));
            store.markNotified(approval.approvalId(), AuditEvent.of("notified", clock.instant(), "system"));
            LOG.info("Manager notified approval_id={} message_id={}", approval.approvalId(), messageId);
        }
        reminderTime(now, approval.expiresAt()).ifPresent(at -> scheduler.schedule(approval.approvalId(), at));
        return new RequestResult(approval.approvalId(), approval.expiresAt(), true, opened.reused());
    }

    public ReminderResult remind(String approvalId) {
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
        if (approval.remindedAt() != null) {
            // The scheduler delivers at least once: one reminder per approval is enough.
            return new ReminderResult(false, status.wire());
        }
        notifier.publish(messages.reminder(approval, now));
        store.markReminded(approvalId, AuditEvent.of("reminded", clock.instant(), "system"));
        LOG.info("Manager reminded approval_id={}", approvalId);
        return new ReminderResult(true, status.wire());
    }

    private record Opened(Approval approval, boolean reused) {
    }

    private Opened open(ApprovalRequest request, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Approval> current = store.findByExecution(request.executionId());
            if (current.isPresent() && current.get().statusAt(now) == ApprovalStatus.PENDING) {
                Approval existing = current.get();
                if (existing.taskToken().equals(request.taskToken())) {
                    return new Opened(existing, true);
                }
                // A retried task attempt carries a new token; only the newest one can resume the execution.
                if (store.replaceTaskToken(existing.approvalId(), request.taskToken(), AuditEvent.of("token_replaced", now, "state-machine"))) {
                    return new Opened(existing.withTaskToken(request.taskToken()), true);
                }
                continue;
            }
            // No approval yet, or the previous one is over (decided or expired): this wait needs a new one.
            Approval fresh = Approval.pending(ids.get(), request, approver, now);
            if (store.create(fresh, current.map(Approval::approvalId))) {
                LOG.info("Approval opened approval_id={} expires_at={}", fresh.approvalId(), fresh.expiresAt());
                return new Opened(fresh, false);
            }
        }
        throw new DependencyUnavailableException("approvals table", "concurrent requests for execution " + request.executionId()
                + " kept conflicting", null);
    }

    /** {@code lead} before the deadline; half the window when that is already past; none when too close. */
    Optional<Instant> reminderTime(Instant now, Instant expiresAt) {
        Instant at = expiresAt.minus(reminderLead);
        if (!at.isAfter(now.plus(MIN_REMINDER_DISTANCE))) {
            at = now.plus(Duration.between(now, expiresAt).dividedBy(2));
        }
        boolean worthIt = at.isAfter(now.plus(MIN_REMINDER_DISTANCE)) && at.isBefore(expiresAt.minus(MIN_REMINDER_DISTANCE));
        return worthIt ? Optional.of(at) : Optional.empty();
    }
}
