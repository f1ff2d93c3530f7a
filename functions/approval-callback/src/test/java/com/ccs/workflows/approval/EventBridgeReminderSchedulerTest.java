package com.ccs.workflows.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventBridgeReminderSchedulerTest {

    @Test
    void theAtExpressionAlwaysHasSecondsAndIsInUtc() {
        assertThat(EventBridgeReminderScheduler.expression(Instant.parse("2030-01-01T00:00:00Z")))
                .isEqualTo("at(2030-01-01T00:00:00)");
        assertThat(EventBridgeReminderScheduler.expression(Instant.parse("2026-11-26T16:05:07.900Z")))
                .isEqualTo("at(2026-11-26T16:05:07)");
    }

    @Test
    void theScheduleNameIsDerivedFromTheApprovalAndItsWindowAndFitsSchedulerLimits() {
        String id = Approval.newId();
        String name = EventBridgeReminderScheduler.scheduleName(id, Instant.ofEpochSecond(4_102_444_800L));

        assertThat(name).isEqualTo("approval-reminder-" + id + "-4102444800").matches("[0-9a-zA-Z-_.]{1,64}");
        assertThat(EventBridgeReminderScheduler.scheduleName(id, Instant.ofEpochSecond(4_102_448_400L)))
                .as("a renewed window gets its own schedule")
                .isNotEqualTo(name);
    }
}
