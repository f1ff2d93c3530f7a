package com.ccs.workflows.approvalcallback;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EventBridgeReminderSchedulerTest {

    @Test
    void theAtExpressionAlwaysHasSecondsAndIsInUtc() {
        assertThat(EventBridgeReminderScheduler.expression(Instant.parse("2030-01-01T00:00:00Z"))).isEqualTo("at(2030-01-01T00:00:00)");
        assertThat(EventBridgeReminderScheduler.expression(Instant.parse("2026-11-26T16:05:07.900Z"))).isEqualTo("at(2026-11-26T16:05:07)");
    }

    @Test
    void theScheduleNameIsDerivedFromTheApprovalAndFitsSchedulerLimits() {
        String name = EventBridgeReminderScheduler.scheduleName(Approval.newId());

        assertThat(name).startsWith("approval-reminder-apr_").matches("[0-9a-zA-Z-_.]{1,64}");
    }
}
