package com.ccs.workflows.approval;

import com.ccs.workflows.shared.aws.SdkFaults;
import com.ccs.workflows.shared.event.JsonText;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;

/**
 * One EventBridge Scheduler one-time schedule per approval window ({@code at(...)} in UTC) that invokes the
 * reminder function with {@code {"approval_id", "expires_at"}} and deletes itself after running. The name derives
 * from the approval id and the window's expiry, so a retried request finds the schedule already there
 * (ConflictException) and changes nothing, while a renewed window gets a schedule of its own. A reminder that
 * Scheduler could not deliver after its retries goes to the dead-letter queue, where an alarm sees it.
 */
public final class EventBridgeReminderScheduler implements ReminderScheduler {
    static final String NAME_PREFIX = "approval-reminder-";
    private static final DateTimeFormatter AT_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final SchedulerClient scheduler;
    private final String group;
    private final String targetArn;
    private final String roleArn;
    private final String deadLetterArn;

    /**
     * {@code group} is the schedule group (the project's own, so IAM can be scoped to it; "default" otherwise);
     * {@code deadLetterArn} the SQS queue that receives a reminder Scheduler could not deliver.
     */
    public EventBridgeReminderScheduler(
            SchedulerClient scheduler, String group, String targetArn, String roleArn, String deadLetterArn) {
        this.scheduler = scheduler;
        this.group = group;
        this.targetArn = targetArn;
        this.roleArn = roleArn;
        this.deadLetterArn = deadLetterArn;
    }

    /** {@code approval-reminder-<approval_id>-<expires epoch s>}: 55 characters, within Scheduler's 64. */
    public static String scheduleName(String approvalId, Instant expiresAt) {
        return NAME_PREFIX + approvalId + "-" + expiresAt.getEpochSecond();
    }

    static String expression(Instant at) {
        return "at(" + AT_FORMAT.format(LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC))
                + ")";
    }

    @Override
    public void schedule(String approvalId, Instant expiresAt, Instant at) {
        java.util.Map<String, Object> target = new java.util.LinkedHashMap<>();
        target.put("approval_id", approvalId);
        target.put("expires_at", expiresAt.getEpochSecond());
        String input = JsonText.object(target);
        try {
            scheduler.createSchedule(r -> r.name(scheduleName(approvalId, expiresAt))
                    .groupName(group)
                    .scheduleExpression(expression(at))
                    .scheduleExpressionTimezone("UTC")
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .description("Reminds the manager about approval " + approvalId)
                    .target(t -> t.arn(targetArn)
                            .roleArn(roleArn)
                            .input(input)
                            .retryPolicy(p -> p.maximumRetryAttempts(3).maximumEventAgeInSeconds(3600))
                            .deadLetterConfig(d -> d.arn(deadLetterArn))));
        } catch (ConflictException e) {
            // Already scheduled by an earlier attempt of the same request.
        } catch (SdkException e) {
            throw SdkFaults.translate("EventBridge Scheduler", e);
        }
    }
}
