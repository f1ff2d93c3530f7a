package com.ccs.workflows.approval;

import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.Priming;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** SnapStart priming of approval-request: opening approvals in memory (see {@link ApprovalPriming}). */
final class RequestPriming {
    private RequestPriming() {}

    /** Registers the priming with the snapshot; called by the handler Lambda constructs. */
    static void register() {
        Priming.register("approval request", RequestPriming::prime);
    }

    static ApprovalPriming.Report prime(int rounds) {
        InMemorySdkHttpClient http = ApprovalPriming.http();
        try (DynamoDbClient dynamo = http.client(DynamoDbClient.builder());
                SnsClient sns = http.client(SnsClient.builder());
                SchedulerClient scheduler = http.client(SchedulerClient.builder())) {
            ApprovalService approvals = new ApprovalService(
                    ApprovalPriming.store(dynamo),
                    new SnsManagerNotifier(sns, ApprovalPriming.topicArn()),
                    new EventBridgeReminderScheduler(
                            scheduler,
                            "ccs-priming",
                            "arn:aws:lambda:us-east-1:000000000000:function:ccs-priming",
                            "arn:aws:iam::000000000000:role/ccs-priming",
                            "arn:aws:sqs:us-east-1:000000000000:ccs-priming"),
                    new ManagerMessages(ApprovalPriming.signer(http.secrets()), ApprovalLanguage.ES_CO),
                    Clock.systemUTC(),
                    ApprovalPriming.MANAGER,
                    Env.DEFAULT_REMINDER_LEAD,
                    Approval::newId);
            for (int round = 0; round < rounds; round++) {
                ApprovalPriming.check(
                        approvals
                                .request(ApprovalRequest.from(requestEvent(round)))
                                .notified(),
                        "the request");
            }
        }
        return new ApprovalPriming.Report(rounds, http.requests());
    }

    static Map<String, Object> requestEvent(int round) {
        return Map.of(
                "task_token",
                "priming-task-token",
                "execution_id",
                "priming-" + round,
                "request",
                Map.of(
                        "customer_id",
                        "CUST-PRIMING",
                        "document_type",
                        "NIT",
                        "document_id",
                        "900123456-8",
                        "company_info",
                        Map.of("name", "Priming S.A.S.", "tax_id", "900123456-8"),
                        "number_of_vehicles",
                        75,
                        "contract_type",
                        "premium",
                        "estimated_value",
                        15000000,
                        "payment_method",
                        "credit_card",
                        "vehicles",
                        List.of(Map.of("plate", "ABC-123", "model", "Priming"))),
                "approval_window_seconds",
                86400);
    }
}
