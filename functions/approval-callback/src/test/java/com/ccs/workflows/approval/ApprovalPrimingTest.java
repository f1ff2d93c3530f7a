package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalPrimingTest {

    @Test
    void opensAnApprovalEndToEndInMemory() {
        ApprovalPriming.Report report = RequestPriming.prime(2);

        assertThat(report.invocations()).isEqualTo(2);
        // per request: the execution's marker, the transaction, the message, notified_at, the reminder; the key once
        assertThat(report.sdkRequests())
                .isEqualTo(Map.of(
                        "GetSecretValue",
                        1,
                        "GetItem",
                        2,
                        "TransactWriteItems",
                        2,
                        "Publish",
                        2,
                        "UpdateItem",
                        2,
                        "CreateSchedule",
                        2));
    }

    @Test
    void remindsThePendingApprovalInMemory() {
        ApprovalPriming.Report report = ReminderPriming.prime(2);

        assertThat(report.invocations()).isEqualTo(2);
        assertThat(report.sdkRequests())
                .isEqualTo(Map.of("GetSecretValue", 1, "GetItem", 2, "Publish", 2, "UpdateItem", 2));
    }

    @Test
    void decidesThroughASignedLinkAndResumesTheExecutionInMemory() {
        ApprovalPriming.Report report = CallbackPriming.prime(2);

        assertThat(report.invocations()).isEqualTo(2);
        // per decision: the approval read, the claim, SendTaskSuccess, resumed_at
        assertThat(report.sdkRequests())
                .isEqualTo(Map.of("GetSecretValue", 1, "GetItem", 2, "UpdateItem", 4, "SendTaskSuccess", 2));
    }
}
