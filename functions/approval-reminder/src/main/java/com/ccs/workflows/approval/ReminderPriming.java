package com.ccs.workflows.approval;

import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.Priming;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** SnapStart priming of approval-reminder: reminding the approver in memory (see {@link ApprovalPriming}). */
final class ReminderPriming {
    private ReminderPriming() {}

    /** Registers the priming with the snapshot; called by the handler Lambda constructs. */
    static void register() {
        Priming.register("approval reminder", ReminderPriming::prime);
    }

    static ApprovalPriming.Report prime(int rounds) {
        InMemorySdkHttpClient http = ApprovalPriming.http();
        try (DynamoDbClient dynamo = http.client(DynamoDbClient.builder());
                SnsClient sns = http.client(SnsClient.builder())) {
            ApprovalService approvals = new ApprovalService(
                    ApprovalPriming.store(dynamo),
                    new SnsManagerNotifier(sns, ApprovalPriming.topicArn()),
                    ApprovalReminderHandler.NO_FURTHER_REMINDERS,
                    new ManagerMessages(ApprovalPriming.signer(http.secrets()), ApprovalLanguage.ES_CO),
                    Clock.systemUTC(),
                    null,
                    Env.DEFAULT_REMINDER_LEAD,
                    Approval::newId);
            for (int round = 0; round < rounds; round++) {
                ApprovalPriming.check(
                        approvals
                                .remind(
                                        ApprovalPriming.APPROVAL_ID,
                                        Optional.of(Instant.ofEpochSecond(ApprovalPriming.EXPIRES)))
                                .reminded(),
                        "the reminder");
            }
        }
        return new ApprovalPriming.Report(rounds, http.requests());
    }
}
