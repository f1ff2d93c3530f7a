package com.ccs.workflows.integration.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.integration.stack.LocalControls;
import com.ccs.workflows.integration.stack.TopicInbox.Notification;
import com.ccs.workflows.localrunner.faults.Faults;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The emergency workflow end to end on one stack: each scenario sends vehicle events the way producers do (a
 * synchronous start, or the FIFO queue and its pipe) and checks the states taken, the output, the incident in
 * DynamoDB and the notifications a subscriber of the topics received. Subclasses choose the stack; the scenarios
 * do not know which it is. Scenarios that need to inject faults run only where the workflows run in the local
 * runner.
 */
public abstract class EmergencyScenarios extends StackScenarios {
    private static final Duration MESSAGES = Duration.ofSeconds(20);

    private StartSyncExecutionResponse run(JsonNode event) {
        return stack().sfn()
                .startSyncExecution(r ->
                        r.stateMachineArn(stack().stateMachineArn("emergency")).input(Runs.json(event)));
    }

    /** The incident's item once it is {@code notified}, or as it stands (null if none) when {@code timeout} ends. */
    private JsonNode awaitNotified(String incident, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode stored = Runs.item(stack(), "IncidentsTable", "incident_id", incident);
        while (System.nanoTime() < deadline
                && (stored == null || !stored.path("status").asText().equals("notified"))) {
            Runs.pause(200);
            stored = Runs.item(stack(), "IncidentsTable", "incident_id", incident);
        }
        return stored;
    }

    private List<Notification> notifications(String topic, String incident, int expected) {
        Predicate<Notification> mine = n -> n.message().contains(incident);
        return stack().inbox().await(stack().topicArn(topic), mine, expected, MESSAGES);
    }

    @ParameterizedTest
    @CsvSource({"panic-button-critical.json, panic_button", "accident.json, accident", "hijack.json, hijack"})
    void highPriorityEventsNotifyAuthoritiesAndOwnerAndStartRecording(String sample, String type) {
        ObjectNode event = Runs.emergencyEvent(sample, "IT");
        String incident = Runs.incidentId(event);

        StartSyncExecutionResponse result = run(event);

        assertThat(result.status())
                .as("%s: %s%n%s", result.error(), result.cause(), Runs.historyText(stack(), result.executionArn()))
                .isEqualTo(SyncExecutionStatus.SUCCEEDED);
        JsonNode output = Runs.parse(result.output());
        assertThat(output.at("/incidentRecord/incident_id/S").asText()).isEqualTo(incident);
        assertThat(output.at("/incidentRecord/status/S").asText()).isEqualTo("notified");
        assertThat(output.path("parallelResults")).hasSize(3);
        assertThat(output.path("executionTime").asText()).matches("\\d+\\.\\d+s");
        assertThat(Runs.statePath(stack(), result.executionArn()))
                .contains(
                        "Record Incident",
                        "Determine Response Type",
                        "Notify Authorities",
                        "Notify Owner",
                        "Activate Video Recording",
                        "Update Incident Status")
                .doesNotContain("Standard Response");

        JsonNode stored = Runs.item(stack(), "IncidentsTable", "incident_id", incident);
        assertThat(stored.path("status").asText()).isEqualTo("notified");
        assertThat(stored.path("type").asText()).isEqualTo(type);
        assertThat(stored.path("vehicle_id").asText())
                .isEqualTo(event.path("vehicleId").asText());
        assertThat(Runs.item(stack(), "RecordingsTable", "incident_id", incident)
                        .path("status")
                        .asText())
                .isEqualTo("recording");
        assertThat(notifications("AuthoritiesTopic", incident, 1))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.subject())
                            .contains(type)
                            .contains(event.path("vehicleId").asText());
                    assertThat(n.message())
                            .contains("https://")
                            .contains(event.at("/metadata/driver_id").asText());
                });
        assertThat(notifications("OwnerTopic", incident, 1)).hasSize(1);
    }

    @Test
    void aStandardEventNotifiesTheOwnerOnly() {
        ObjectNode event = Runs.emergencyEvent("standard-low-fuel.json", "IT");
        String incident = Runs.incidentId(event);

        StartSyncExecutionResponse result = run(event);

        assertThat(result.status())
                .as(Runs.historyText(stack(), result.executionArn()))
                .isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(Runs.statePath(stack(), result.executionArn()))
                .contains("Standard Response")
                .doesNotContain("Notify Authorities", "Activate Video Recording");
        assertThat(Runs.parse(result.output()).path("parallelResults")).hasSize(1);
        assertThat(Runs.item(stack(), "IncidentsTable", "incident_id", incident)
                        .path("status")
                        .asText())
                .isEqualTo("notified");
        assertThat(notifications("OwnerTopic", incident, 1)).hasSize(1);
        assertThat(notifications("AuthoritiesTopic", incident, 0)).isEmpty();
        assertThat(Runs.item(stack(), "RecordingsTable", "incident_id", incident))
                .isNull();
    }

    @Test
    void aDuplicateDeliveryCreatesOneIncidentAndOneSetOfNotifications() {
        ObjectNode event = Runs.emergencyEvent("duplicate-panic-button.json", "IT");
        String incident = Runs.incidentId(event);

        StartSyncExecutionResponse first = run(event);
        StartSyncExecutionResponse second = run(event);

        assertThat(first.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(second.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(Runs.parse(second.output())
                        .at("/incidentRecord/incident_id/S")
                        .asText())
                .isEqualTo(incident);
        assertThat(Runs.statePath(stack(), second.executionArn())).doesNotContain("Notify Authorities", "Notify Owner");
        assertThat(notifications("AuthoritiesTopic", incident, 1)).hasSize(1);
        assertThat(notifications("OwnerTopic", incident, 1)).hasSize(1);
        assertThat(Runs.scan(stack(), "IncidentsTable").stream()
                        .filter(i -> i.path("incident_id").asText().equals(incident)))
                .hasSize(1);
    }

    /** Every events/emergency/malformed-*.json sample. */
    static List<String> malformedSamples() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(com.ccs.workflows.integration.stack.LocalRunnerStack.projectDir()
                .resolve("events/emergency"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("malformed-"))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest
    @MethodSource("malformedSamples")
    void malformedEventsFailWithAClearErrorBeforeAnyWrite(String sample) {
        JsonNode event = Runs.sample("emergency/" + sample);
        int incidentsBefore = Runs.count(stack(), "IncidentsTable");

        StartSyncExecutionResponse result = run(event);

        assertThat(result.status())
                .as(Runs.historyText(stack(), result.executionArn()))
                .isEqualTo(SyncExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("InvalidEvent");
        assertThat(result.cause()).isNotBlank();
        assertThat(Runs.statePath(stack(), result.executionArn())).doesNotContain("Record Incident");
        assertThat(Runs.count(stack(), "IncidentsTable")).isEqualTo(incidentsBefore);
    }

    @Test
    void anInvalidQueuedEventIsParkedOnTheDeadLetterQueueWithItsError() {
        LocalControls controls = controls();
        String queue = stack().queueUrl("EmergencyEventsQueue");
        String dlq = stack().queueUrl("EmergencyEventsDeadLetterQueue");
        ObjectNode event = Runs.emergencyEvent("panic-button-critical.json", "IT");
        event.put("severity", "apocalyptic");
        stack().sqs()
                .sendMessage(r -> r.queueUrl(queue)
                        .messageBody(Runs.json(event))
                        .messageGroupId(event.path("vehicleId").asText()));
        controls.startPipes(2);

        List<software.amazon.awssdk.services.sqs.model.Message> parked =
                parked(dlq, event.path("vehicleId").asText(), Duration.ofSeconds(30));

        assertThat(parked)
                .as("the event on the dead-letter queue")
                .singleElement()
                .satisfies(m -> {
                    assertThat(Runs.parse(m.body()).path("severity").asText()).isEqualTo("apocalyptic");
                    assertThat(m.messageAttributes().toString())
                            .contains("InvalidEvent")
                            .contains("severity");
                });
        assertThat(Runs.item(stack(), "IncidentsTable", "incident_id", Runs.incidentId(event)))
                .isNull();
        assertThat(Runs.awaitDrained(stack(), "EmergencyEventsQueue", Duration.ofSeconds(10)))
                .isZero();
    }

    @Test
    void aFailedNotificationIsRetriedAndDeliveredOnce() {
        LocalControls controls = controls();
        ObjectNode event = Runs.emergencyEvent("panic-button-critical.json", "IT");
        String incident = Runs.incidentId(event);
        Faults.Rule outage = controls.faults()
                .onCall("SNS.Publish", stack().topicArn("AuthoritiesTopic"), Faults.snsInternalError(), 1);

        StartSyncExecutionResponse result = run(event);

        assertThat(result.status())
                .as(Runs.historyText(stack(), result.executionArn()))
                .isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(outage.fired()).isEqualTo(1);
        assertThat(Runs.taskErrors(stack(), result.executionArn())).containsExactly("SNS.InternalErrorException");
        assertThat(notifications("AuthoritiesTopic", incident, 1)).hasSize(1);
        assertThat(Runs.item(stack(), "IncidentsTable", "incident_id", incident)
                        .path("status")
                        .asText())
                .isEqualTo("notified");
    }

    @Test
    void aNotificationThatKeepsFailingIsRecordedOnTheIncidentAndFailsTheRun() {
        LocalControls controls = controls();
        ObjectNode event = Runs.emergencyEvent("hijack.json", "IT");
        String incident = Runs.incidentId(event);
        Faults.Rule outage = controls.faults()
                .onCall("SNS.Publish", stack().topicArn("AuthoritiesTopic"), Faults.snsInternalError(), Faults.ALWAYS);
        try {
            StartSyncExecutionResponse result = run(event);

            assertThat(result.status())
                    .as(Runs.historyText(stack(), result.executionArn()))
                    .isEqualTo(SyncExecutionStatus.FAILED);
            assertThat(outage.fired()).isGreaterThan(1);
            assertThat(Runs.statePath(stack(), result.executionArn())).contains("Record Failure");
            JsonNode stored = Runs.item(stack(), "IncidentsTable", "incident_id", incident);
            assertThat(stored.path("status").asText()).isEqualTo("failed");
            assertThat(stored.toString()).contains("SNS.InternalErrorException");
            assertThat(notifications("AuthoritiesTopic", incident, 0)).isEmpty();
        } finally {
            controls.faults().clear();
        }
    }

    @Test
    void aThrottledIncidentWriteIsRetried() {
        LocalControls controls = controls();
        ObjectNode event = Runs.emergencyEvent("accident.json", "IT");
        String incident = Runs.incidentId(event);
        // The claim: the one write of the incident that sets claimed_at.
        Faults.Rule throttled = controls.faults()
                .onCallContaining(
                        "DynamoDB.UpdateItem", List.of(incident, "claimed_at"), Faults.dynamoDbThrottling(), 1);

        StartSyncExecutionResponse result = run(event);

        assertThat(result.status())
                .as(Runs.historyText(stack(), result.executionArn()))
                .isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(throttled.fired()).isEqualTo(1);
        assertThat(Runs.taskErrors(stack(), result.executionArn()))
                .contains("DynamoDB.ProvisionedThroughputExceededException");
        assertThat(notifications("AuthoritiesTopic", incident, 1)).hasSize(1);
    }

    @Test
    void aQueuedEventAsLargeAsTheQueueTakesIsNotifiedAndALargerOneIsRefusedWhenSent() {
        LocalControls controls = controls();
        String queue = stack().queueUrl("EmergencyEventsQueue");
        ObjectNode largest = Runs.emergencyEvent("panic-button-critical.json", "IT");
        ObjectNode metadata = (ObjectNode) largest.path("metadata");
        metadata.put("notes", "");
        // The template's MaximumMessageSize: the pipe and Step Functions' 256 KiB input have room for it.
        int limit = 65_536;
        metadata.put("notes", "n".repeat(limit - Runs.json(largest).getBytes(StandardCharsets.UTF_8).length));
        ObjectNode larger = largest.deepCopy();
        ((ObjectNode) larger.path("metadata"))
                .put("notes", metadata.path("notes").asText() + "n");
        String vehicle = largest.path("vehicleId").asText();

        assertThatThrownBy(() -> stack().sqs()
                        .sendMessage(r ->
                                r.queueUrl(queue).messageBody(Runs.json(larger)).messageGroupId(vehicle)))
                .isInstanceOfSatisfying(
                        SqsException.class,
                        e -> assertThat(e.getMessage()).contains("Message must be shorter than 65536 bytes."));
        stack().sqs()
                .sendMessage(
                        r -> r.queueUrl(queue).messageBody(Runs.json(largest)).messageGroupId(vehicle));
        controls.startPipes(1);

        String incident = Runs.incidentId(largest);
        JsonNode stored = awaitNotified(incident, Duration.ofSeconds(25));
        assertThat(stored).as("the incident of the largest event").isNotNull();
        assertThat(stored.path("status").asText()).isEqualTo("notified");
        assertThat(notifications("AuthoritiesTopic", incident, 1)).hasSize(1);
        assertThat(notifications("OwnerTopic", incident, 1)).hasSize(1);
        assertThat(Runs.parse(stored.path("metadata").asText()).path("notes").asText())
                .hasSize(metadata.path("notes").asText().length());
        assertThat(Runs.awaitDrained(stack(), "EmergencyEventsQueue", Duration.ofSeconds(10)))
                .isZero();
    }

    @Test
    void aQueuedEventWhoseNotificationKeepsFailingIsParkedAndItsVehiclesNextEventRunsAtOnce() {
        LocalControls controls = controls();
        String queue = stack().queueUrl("EmergencyEventsQueue");
        String dlq = stack().queueUrl("EmergencyEventsDeadLetterQueue");
        ObjectNode failing = Runs.emergencyEvent("hijack.json", "IT");
        ObjectNode next = Runs.emergencyEvent("standard-low-fuel.json", "IT");
        String vehicle = failing.path("vehicleId").asText();
        next.put("vehicleId", vehicle);
        next.put("eventTimestamp", failing.path("eventTimestamp").asLong() + 1_000);
        String failedIncident = Runs.incidentId(failing);
        String nextIncident = Runs.incidentId(next);
        Faults.Rule outage = controls.faults()
                .onCall("SNS.Publish", stack().topicArn("AuthoritiesTopic"), Faults.snsInternalError(), Faults.ALWAYS);
        try {
            int executionsBefore = executions();
            int failedBefore = failedRuns().size();
            for (ObjectNode event : List.of(failing, next)) {
                stack().sqs()
                        .sendMessage(r ->
                                r.queueUrl(queue).messageBody(Runs.json(event)).messageGroupId(vehicle));
            }
            controls.startPipes(1);

            // Both in one pass of the group: had the first waited for a redelivery (31 s), the second would still wait.
            JsonNode second = awaitNotified(nextIncident, Duration.ofSeconds(25));
            assertThat(second)
                    .as("the vehicle's next event, notified while the first is parked")
                    .isNotNull();
            assertThat(second.path("status").asText()).isEqualTo("notified");
            assertThat(outage.fired()).isGreaterThan(1);

            JsonNode first = Runs.item(stack(), "IncidentsTable", "incident_id", failedIncident);
            assertThat(first.path("status").asText()).isEqualTo("failed");
            assertThat(first.toString()).contains("SNS.InternalErrorException");
            List<software.amazon.awssdk.services.sqs.model.Message> parked =
                    parked(dlq, vehicle, Duration.ofSeconds(10));
            assertThat(parked)
                    .as("the failed event, parked with its failure")
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(Runs.parse(m.body()).path("eventTimestamp").asLong())
                                .isEqualTo(failing.path("eventTimestamp").asLong());
                        assertThat(m.messageAttributes().get("error").stringValue())
                                .isEqualTo("SNS.InternalErrorException");
                        assertThat(m.messageAttributes().get("incident_id").stringValue())
                                .isEqualTo(failedIncident);
                    });
            assertThat(Runs.awaitDrained(stack(), "EmergencyEventsQueue", Duration.ofSeconds(10)))
                    .isZero();
            assertThat(executions() - executionsBefore)
                    .as("one execution per event, no redelivery")
                    .isEqualTo(2);
            assertThat(failedRuns())
                    .as("the parked event's execution ended successfully")
                    .hasSize(failedBefore);
        } finally {
            controls.faults().clear();
        }
    }

    @Test
    void aBurstOfTwoHundredQueuedEventsIsProcessedWithNothingLostOrDuplicated() {
        LocalControls controls = controls();
        String queue = stack().queueUrl("EmergencyEventsQueue");
        List<String> incidents = new ArrayList<>();
        Set<String> highPriority = new HashSet<>();
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        String[] samples = {"panic-button-critical.json", "accident.json", "standard-low-fuel.json", "hijack.json"};
        for (int i = 0; i < 200; i++) {
            ObjectNode event = Runs.emergencyEvent(samples[i % samples.length], "IT");
            String incident = Runs.incidentId(event);
            incidents.add(incident);
            if (!samples[i % samples.length].startsWith("standard")) {
                highPriority.add(incident);
            }
            batch.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i % 10))
                    .messageBody(Runs.json(event))
                    .messageGroupId(event.path("vehicleId").asText())
                    .build());
            if (batch.size() == 10) {
                List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
                assertThat(stack().sqs()
                                .sendMessageBatch(r -> r.queueUrl(queue).entries(entries))
                                .failed())
                        .isEmpty();
                batch.clear();
            }
        }
        int failedBefore = failedRuns().size();
        int executionsBefore = executions();
        // Two pollers: on a 2-core machine more would only make the executions compete for the CPU.
        var pipe = controls.startPipes(2).getFirst();

        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && !allNotified(incidents)) {
            Runs.pause(200);
        }

        assertThat(failedRuns().subList(failedBefore, failedRuns().size()))
                .as("failed executions")
                .isEmpty();
        assertThat(incidents).allSatisfy(incident -> {
            JsonNode stored = Runs.item(stack(), "IncidentsTable", "incident_id", incident);
            assertThat(stored).as(incident).isNotNull();
            assertThat(stored.path("status").asText()).as(incident).isEqualTo("notified");
        });
        Set<String> ours = Set.copyOf(incidents);
        List<Notification> owner = stack().inbox()
                .await(
                        stack().topicArn("OwnerTopic"),
                        n -> ours.stream().anyMatch(n.message()::contains),
                        200,
                        MESSAGES);
        List<Notification> authorities = stack().inbox()
                .await(
                        stack().topicArn("AuthoritiesTopic"),
                        n -> ours.stream().anyMatch(n.message()::contains),
                        highPriority.size(),
                        MESSAGES);
        String retries =
                retriedTasks() + "\nPipe: " + pipe.stats() + ", executions: " + (executions() - executionsBefore);
        assertThat(ours).allSatisfy(incident -> {
            assertThat(owner.stream().filter(n -> n.message().contains(incident)))
                    .as("%s%n%s", incident, retries)
                    .hasSize(1);
            assertThat(authorities.stream().filter(n -> n.message().contains(incident)))
                    .as(incident)
                    .hasSize(highPriority.contains(incident) ? 1 : 0);
        });
        assertThat(owner).hasSize(200);
        assertThat(authorities).hasSize(highPriority.size());
        assertThat(Runs.awaitDrained(stack(), "EmergencyEventsQueue", Duration.ofSeconds(10)))
                .isZero();
        assertThat(Runs.queueDepth(stack(), "EmergencyEventsDeadLetterQueue")).isZero();
    }

    private int executions() {
        return (int) stack()
                .sfn()
                .listExecutionsPaginator(r -> r.stateMachineArn(stack().stateMachineArn("emergency")))
                .executions()
                .stream()
                .count();
    }

    /** The task attempts that failed in emergency executions so far (retried or not), for a failure's message. */
    private String retriedTasks() {
        StringBuilder out = new StringBuilder("Failed task attempts:");
        stack().sfn()
                .listExecutionsPaginator(r -> r.stateMachineArn(stack().stateMachineArn("emergency")))
                .executions()
                .forEach(e -> Runs.history(stack(), e.executionArn()).stream()
                        .filter(h -> h.taskFailedEventDetails() != null || h.taskTimedOutEventDetails() != null)
                        .forEach(h -> out.append("\n  ")
                                .append(e.name())
                                .append(" #")
                                .append(h.id())
                                .append(' ')
                                .append(h.timestamp())
                                .append(' ')
                                .append(
                                        h.taskFailedEventDetails() != null
                                                ? h.taskFailedEventDetails().error()
                                                : h.taskTimedOutEventDetails().error())));
        return out.toString();
    }

    /** The failed emergency executions so far, each as "error: cause". */
    private List<String> failedRuns() {
        return stack()
                .sfn()
                .listExecutionsPaginator(r -> r.stateMachineArn(stack().stateMachineArn("emergency"))
                        .statusFilter(software.amazon.awssdk.services.sfn.model.ExecutionStatus.FAILED))
                .executions()
                .stream()
                .map(e -> stack().sfn().describeExecution(d -> d.executionArn(e.executionArn())))
                .filter(d -> !"InvalidEvent".equals(d.error()))
                .map(d -> d.startDate() + " " + d.error() + ": " + d.cause())
                .sorted()
                .toList();
    }

    private boolean allNotified(List<String> incidents) {
        JsonNode last = Runs.item(stack(), "IncidentsTable", "incident_id", incidents.getLast());
        if (last == null || !last.path("status").asText().equals("notified")) {
            return false;
        }
        return incidents.stream().allMatch(i -> {
            JsonNode item = Runs.item(stack(), "IncidentsTable", "incident_id", i);
            return item != null && item.path("status").asText().equals("notified");
        });
    }

    /** The messages on the dead-letter queue whose body contains {@code text}, polled until one comes or time is up. */
    private List<software.amazon.awssdk.services.sqs.model.Message> parked(String dlq, String text, Duration within) {
        List<software.amazon.awssdk.services.sqs.model.Message> parked = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (parked.isEmpty() && System.nanoTime() < deadline) {
            parked.addAll(stack()
                    .sqs()
                    .receiveMessage(r -> r.queueUrl(dlq)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All"))
                    .messages()
                    .stream()
                    .filter(m -> m.body().contains(text))
                    .toList());
        }
        return parked;
    }
}
