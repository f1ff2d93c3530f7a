package com.ccs.workflows.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.shared.config.FunctionClock;
import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.event.EventFields;
import com.ccs.workflows.shared.event.JsonEventHandler;
import com.ccs.workflows.shared.observability.Observability;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Invoked by the one-time EventBridge schedule the request handler creates. Input {@code {"approval_id",
 * "expires_at"}} (epoch seconds of the window the reminder was scheduled for; optional); output
 * {@code {"reminded": bool, "status"}}. Sends the links again while the approval is pending and does nothing once
 * it is decided, expired, or renewed with a later window (status {@code superseded}: that window has its own).
 */
public final class ApprovalReminderHandler extends JsonEventHandler {
    /** Year 5138: far beyond any approval window, well inside what Instant holds. */
    private static final long MAX_EPOCH_SECONDS = 99_999_999_999L;
    /** A reminder never schedules another: each window has the one its request created. */
    static final ReminderScheduler NO_FURTHER_REMINDERS = (approvalId, expiresAt, at) -> {
        throw new UnsupportedOperationException("the reminder handler does not schedule reminders");
    };

    private final ApprovalService service;

    public ApprovalReminderHandler() {
        this(fromEnvironment(new Env(FunctionEnvironment.variables())));
        ReminderPriming.register();
    }

    public ApprovalReminderHandler(ApprovalService service) {
        this.service = service;
    }

    private static ApprovalService fromEnvironment(Env env) {
        LinkSigner signer = ApprovalAdapters.signer(env, env.required("APPROVAL_BASE_URL"));
        return new ApprovalService(
                ApprovalAdapters.store(env),
                new SnsManagerNotifier(AwsClients.build(SnsClient.builder()), env.required("MANAGER_TOPIC_ARN")),
                NO_FURTHER_REMINDERS,
                new ManagerMessages(signer, env.language().forMessages()),
                FunctionClock.clock(),
                null,
                Env.DEFAULT_REMINDER_LEAD,
                Approval::newId);
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        return Observability.handle(context, "RemindApprover", Map.of(), () -> {
            EventFields fields = EventFields.of(event);
            String approvalId = fields.requiredString("approval_id");
            Observability.correlate("approval_id", approvalId);
            Optional<Instant> window = fields.optionalLong("expires_at").map(seconds -> {
                if (seconds < 0 || seconds > MAX_EPOCH_SECONDS) {
                    throw new InvalidInputException("expires_at", "must be epoch seconds, got " + seconds);
                }
                return Instant.ofEpochSecond(seconds);
            });
            ApprovalService.ReminderResult result = service.remind(approvalId, window);
            if (result.reminded()) {
                Observability.count("ApprovalReminded");
            }
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("reminded", result.reminded());
            output.put("status", result.status());
            return output;
        });
    }
}
