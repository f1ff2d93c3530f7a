package com.ccs.workflows.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.shared.config.FunctionClock;
import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.event.JsonEventHandler;
import com.ccs.workflows.shared.observability.Observability;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * "Send Manager Notification" + "Wait for Approval": invoked by the business state machine with
 * lambda:invoke.waitForTaskToken. Input {@code {"task_token","execution_id","request":{...},
 * "approval_window_seconds"}}; output {@code {"approval_id","expires_at","notified":true}}. The execution then
 * waits until approval-callback's {@code ApprovalCallbackHandler} resumes it.
 */
public final class ApprovalRequestHandler extends JsonEventHandler {
    private final ApprovalService service;

    public ApprovalRequestHandler() {
        this(fromEnvironment(new Env(FunctionEnvironment.variables())));
        RequestPriming.register();
    }

    public ApprovalRequestHandler(ApprovalService service) {
        this.service = service;
    }

    private static ApprovalService fromEnvironment(Env env) {
        LinkSigner signer = ApprovalAdapters.signer(env, env.required("APPROVAL_BASE_URL"));
        return new ApprovalService(
                ApprovalAdapters.store(env),
                new SnsManagerNotifier(AwsClients.build(SnsClient.builder()), env.required("MANAGER_TOPIC_ARN")),
                new EventBridgeReminderScheduler(
                        AwsClients.build(SchedulerClient.builder()),
                        env.optional("REMINDER_SCHEDULE_GROUP", "default"),
                        env.required("REMINDER_TARGET_ARN"),
                        env.required("REMINDER_ROLE_ARN"),
                        env.required("REMINDER_DEAD_LETTER_QUEUE_ARN")),
                new ManagerMessages(signer, env.language().forMessages()),
                FunctionClock.clock(),
                env.required("MANAGER_ID"),
                env.reminderLead(),
                Approval::newId);
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        return Observability.handle(context, "RequestApproval", Map.of(), () -> {
            ApprovalRequest request = ApprovalRequest.from(event);
            Observability.correlate(Observability.EXECUTION_ID, request.executionId());
            ApprovalService.RequestResult result = service.request(request);
            Observability.count(result.reused() ? "ApprovalRequestRepeated" : "ApprovalRequested");
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("approval_id", result.approvalId());
            output.put("expires_at", result.expiresAt().getEpochSecond());
            output.put("notified", result.notified());
            return output;
        });
    }
}
