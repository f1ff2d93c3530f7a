package com.ccs.workflows.localrunner.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.backend.Published;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.engine.StateMachine;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.testing.TestProject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every events/emergency/* sample through the emergency workflow, functions in-process, embedded backends. */
class EmergencyWorkflowSamplesTest {
    private static final String INCIDENTS = "ccs-dev-incidents";
    /** Each malformed sample, the rule of "Validate Event" (by its Comment) that rejects it, the field named. */
    private static final String MALFORMED = """
      malformed-unknown-shape.json, not an event, event:
      malformed-missing-vehicle-id.json, vehicleId, vehicleId:
      malformed-bad-vehicle-id.json, vehicleId, vehicleId:
      malformed-bad-type.json, type, type:
      malformed-missing-timestamp.json, eventTimestamp, eventTimestamp:
      malformed-missing-location.json, location, location:
      malformed-bad-coordinates.json, location, location:
      malformed-unknown-severity.json, severity, severity:
      malformed-bad-driver-id.json, metadata.driver_id, metadata.driver_id:
      """;
    /** Timestamps for events of their own, so tests sharing the deployment never meet each other's incidents. */
    private static final AtomicLong TIMESTAMPS = new AtomicLong(1_700_000_000_000L);

    private static LocalDeployment deployment;
    private static String authorities;
    private static String owner;

    @BeforeAll
    static void deploy() {
        deployment = TestProject.deploy();
        deployment.warmFor(deployment.stateMachine("emergency"));
        authorities = deployment.topicArn("AuthoritiesTopic");
        owner = deployment.topicArn("OwnerTopic");
    }

    @AfterAll
    static void close() {
        deployment.close();
    }

    private static WorkflowRun.Result run(LocalDeployment target, String sample) {
        return runInput(target, "emergency", TestProject.event("emergency/" + sample));
    }

    private static WorkflowRun.Result runInput(LocalDeployment target, String workflow, String input) {
        return WorkflowRun.run(target, workflow, input, message -> null, Duration.ofMinutes(2));
    }

    /** A sample with a timestamp no other test uses: its own incident. */
    private static String fresh(String sample) {
        ObjectNode event = (ObjectNode) Json.parse(TestProject.event("emergency/" + sample));
        return Json.write(event.put("eventTimestamp", TIMESTAMPS.incrementAndGet()));
    }

    private static String incidentOf(String input) {
        JsonNode event = Json.parse(input);
        return "INC-" + event.path("vehicleId").asText() + "-"
                + event.path("eventTimestamp").asLong();
    }

    /** The emergency definition with one resource swapped for one that does not exist: a real failure of that call. */
    private static String brokenCopy(String logicalId, String resource, String missing) {
        StateMachine real = deployment.stateMachine("emergency");
        assertThat(real.definitionText()).contains(resource);
        deployment.deploy(
                logicalId,
                "ccs-dev-" + logicalId,
                real.definitionText().replace(resource, missing),
                StateMachineType.EXPRESS);
        return logicalId;
    }

    private static void seedIncident(String incidentId, String status, String executionId, Instant claimedAt) {
        deployment.embedded().dynamoDb().handle("PutItem", Json.parse("""
        {"TableName": "%s", "Item": {"incident_id": {"S": "%s"}, "status": {"S": "%s"},
         "execution_id": {"S": "%s"}, "recorded_at": {"S": "%s"}, "claimed_at": {"S": "%s"}}}
        """.formatted(
                        INCIDENTS, incidentId, status, executionId, claimedAt, claimedAt)));
    }

    /** The message the rule of "Validate Event" with this Comment assigns: the rejection it stands for. */
    private static String rejectionOf(String rule) {
        for (JsonNode choice : Json.parse(deployment.stateMachine("emergency").definitionText())
                .at("/States/Validate Event/Choices")) {
            if (choice.path("Comment").asText().equals(rule)) {
                return choice.at("/Assign/rejection").asText();
            }
        }
        throw new AssertionError("Validate Event has no rule \"" + rule + "\"");
    }

    private static JsonNode storedIncident(String incidentId) {
        return deployment.embedded().dynamoDb().items(INCIDENTS).stream()
                .filter(item -> item.at("/incident_id/S").asText().equals(incidentId))
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({
        "panic-button-critical.json, VEH-12345, 1698765432000, panic_button, 2023-10-31T15:17:12.000Z, DRV-789,"
                + " '4.6097,-74.0817'",
        "accident.json, VEH-20001, 1698765500000, accident, 2023-10-31T15:18:20.000Z, DRV-101, '6.2442,-75.5812'",
        "hijack.json, VEH-30001, 1698765600000, hijack, 2023-10-31T15:20:00.000Z, DRV-202, '3.4516,-76.532'"
    })
    void highPriorityEventsNotifyAuthoritiesAndOwnerAndStartRecording(
            String sample,
            String vehicle,
            long timestamp,
            String type,
            String eventTime,
            String driver,
            String position) {
        WorkflowRun.Result result = run(deployment, sample);

        String incident = "INC-" + vehicle + "-" + timestamp;
        assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.statePath())
                .containsSubsequence(
                        "Check Event Source",
                        "Validate Event",
                        "Record Incident",
                        "Determine Response Type",
                        "High Priority Response",
                        "Check Notifications",
                        "Update Incident Status",
                        "Log Completion")
                .contains("Notify Authorities", "Notify Owner", "Activate Video Recording")
                .doesNotContain("Standard Response", "Duplicate Event Ignored", "Record Failure");
        JsonNode output = result.execution().output();
        assertThat(output.at("/incidentRecord/incident_id/S").asText()).isEqualTo(incident);
        assertThat(output.at("/incidentRecord/status/S").asText()).isEqualTo("notified");
        assertThat(output.path("parallelResults")).hasSize(3);
        assertThat(output.at("/parallelResults/0/authoritiesNotification/MessageId")
                        .asText())
                .isNotBlank();
        assertThat(output.at("/parallelResults/1/ownerNotification/MessageId").asText())
                .isNotBlank();
        assertThat(output.at("/parallelResults/2/videoRecording/status").asText())
                .isEqualTo("recording");
        assertThat(output.at("/parallelResults/2/videoRecording/already_started")
                        .asBoolean(true))
                .isFalse();
        assertThat(output.path("executionTime").asText()).matches("\\d+\\.\\d\\ds");

        SideEffects effects = result.sideEffects();
        assertThat(effects.messages()).hasSize(2);
        assertThat(effects.messagesTo(authorities)).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("EMERGENCY " + type + " - " + vehicle);
            assertThat(m.body())
                    .contains(
                            "Emergency: " + type + " (severity ",
                            "\nVehicle: " + vehicle + "\n",
                            "\nDriver: " + driver + "\n",
                            "https://maps.google.com/?q=" + position + "\n",
                            "\nEvent time: " + eventTime + " (UTC, epoch ms " + timestamp + ")\n",
                            "\nIncident: " + incident);
        });
        assertThat(effects.messagesTo(owner)).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Alert: " + type + " - " + vehicle);
            assertThat(m.body())
                    .contains(" at " + eventTime + ".", "An alert is being sent to the authorities")
                    .doesNotContain("have been notified");
        });
        assertThat(effects.iotCommands()).singleElement().satisfies(c -> {
            assertThat(c.destination()).isEqualTo("ccs/dev/vehicles/" + vehicle + "/commands");
            assertThat(c.body()).contains("START_RECORDING").contains(incident);
        });
        assertThat(effects.itemsIn(INCIDENTS)).singleElement().satisfies(w -> {
            assertThat(w.before()).isNull();
            assertThat(w.after().path("incident_id").asText()).isEqualTo(incident);
            assertThat(w.after().path("status").asText()).isEqualTo("notified");
            assertThat(w.after().path("type").asText()).isEqualTo(type);
            assertThat(w.after().path("event_timestamp").asLong()).isEqualTo(timestamp);
            assertThat(w.after().path("event_time").asText()).isEqualTo(eventTime);
            assertThat(w.after().path("execution_id").asText())
                    .isEqualTo(result.execution().arn());
            assertThat(w.after().path("video_status").asText()).isEqualTo("recording");
        });
        assertThat(effects.itemsIn("ccs-dev-recordings"))
                .singleElement()
                .satisfies(w -> assertThat(w.after().path("status").asText()).isEqualTo("recording"));
        assertThat(result.functionCalls())
                .singleElement()
                .satisfies(c -> assertThat(c.function()).isEqualTo("VideoRecordingFunction"));
    }

    @Test
    void aStandardEventNotifiesOnlyTheOwner() {
        WorkflowRun.Result result = run(deployment, "standard-low-fuel.json");

        assertThat(result.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.statePath())
                .contains("Standard Response", "Notify Owner (Standard)", "Update Incident Status")
                .doesNotContain("High Priority Response", "Notify Authorities", "Activate Video Recording");
        assertThat(result.execution().output().path("parallelResults")).hasSize(1);
        assertThat(result.sideEffects().messages()).singleElement().satisfies(m -> {
            assertThat(m.destination()).isEqualTo(owner);
            assertThat(m.subject()).isEqualTo("Notice: low_fuel - VEH-40001");
            assertThat(m.body()).contains("at 2023-10-31T15:21:40.000Z.").doesNotContain("authorities");
        });
        assertThat(result.sideEffects().iotCommands()).isEmpty();
        assertThat(result.sideEffects().itemsIn(INCIDENTS)).singleElement().satisfies(w -> {
            assertThat(w.after().path("status").asText()).isEqualTo("notified");
            assertThat(w.after().path("video_status").asText()).isEqualTo("not_requested");
        });
        assertThat(result.functionCalls()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(textBlock = MALFORMED)
    void malformedEventsFailBeforeAnyWrite(String sample, String rule, String field) {
        WorkflowRun.Result result = run(deployment, sample);

        assertThat(result.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.execution().error()).isEqualTo("InvalidEvent");
        assertThat(result.execution().cause()).startsWith(field).isEqualTo(rejectionOf(rule));
        assertThat(result.statePath())
                .containsExactly("Check Event Source", "Validate Event", "Route Invalid Event", "Reject Invalid Event");
        assertThat(result.sideEffects().items()).isEmpty();
        assertThat(result.sideEffects().messages()).isEmpty();
        assertThat(result.sideEffects().iotCommands()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"42", "[1, 2]", "null", "\"VEH-12345 panic\"", "{}"})
    void anInputThatIsNotAnEventObjectIsRejectedAsAnUnknownShape(String input) {
        WorkflowRun.Result result = runInput(deployment, "emergency", input);

        assertThat(result.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.execution().error()).isEqualTo("InvalidEvent");
        assertThat(result.execution().cause()).startsWith("event:").isEqualTo(rejectionOf("not an event"));
        assertThat(result.statePath()).contains("Validate Event");
        assertThat(result.sideEffects().items()).isEmpty();
    }

    @Test
    void severityAndDriverAreOptionalAndGetDefaults() {
        ObjectNode event = (ObjectNode) Json.parse(fresh("standard-low-fuel.json"));
        event.remove("severity");
        event.remove("metadata");

        WorkflowRun.Result result = runInput(deployment, "emergency", Json.write(event));

        assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.sideEffects().messages())
                .singleElement()
                .satisfies(m -> assertThat(m.body()).contains("(severity unknown)", "Driver: unknown."));
        assertThat(result.sideEffects().itemsIn(INCIDENTS)).singleElement().satisfies(w -> {
            assertThat(w.after().path("severity").asText()).isEqualTo("unknown");
            assertThat(w.after().path("driver_id").asText()).isEqualTo("unknown");
        });
    }

    @Test
    void everyMalformedSampleIsTested() throws IOException {
        Set<String> tested =
                MALFORMED.lines().map(line -> line.split(",")[0].strip()).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(TestProject.dir().resolve("events/emergency"))) {
            List<String> samples = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("malformed-"))
                    .toList();
            assertThat(samples).isNotEmpty();
            assertThat(tested).containsAll(samples);
        }
    }

    @Test
    void aPipeBatchIsUnwrappedAndProcessed() {
        WorkflowRun.Result result = run(deployment, "pipe-sqs-batch.json");

        assertThat(result.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.statePath())
                .startsWith("Check Event Source", "Read Queue Message", "Parse Message Body", "Validate Event")
                .contains("High Priority Response");
        assertThat(result.execution()
                        .output()
                        .at("/incidentRecord/incident_id/S")
                        .asText())
                .isEqualTo("INC-VEH-50001-1698765800000");
        assertThat(result.sideEffects().messages()).hasSize(2);
        assertThat(result.sideEffects().iotCommands())
                .singleElement()
                .satisfies(c -> assertThat(c.destination()).isEqualTo("ccs/dev/vehicles/VEH-50001/commands"));
    }

    @ParameterizedTest
    @CsvSource({
        "pipe-sqs-batch-invalid-event.json, Validate Event, vehicleId:, VEH-50002",
        "pipe-sqs-batch-not-json.json, Read Queue Message, body:, VEH-50003"
    })
    void anInvalidEventFromTheQueueIsParkedOnTheDeadLetterQueueAndTheMessageSucceeds(
            String sample, String state, String field, String group) {
        String input = TestProject.event("emergency/" + sample);
        int sentBefore = deployment.embedded().sqs().sent().size();

        WorkflowRun.Result result = runInput(deployment, "emergency", input);

        assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.statePath())
                .containsSubsequence(state, "Park Invalid Event")
                .last()
                .isEqualTo("Park Invalid Event");
        JsonNode output = result.execution().output();
        assertThat(output.path("parked").asBoolean()).isTrue();
        assertThat(output.path("error").asText()).isEqualTo("InvalidEvent");
        assertThat(output.path("cause").asText()).startsWith(field);
        assertThat(output.path("deadLetterMessageId").asText()).isNotBlank();
        List<Published> parked =
                deployment.embedded().sqs().sent().stream().skip(sentBefore).toList();
        assertThat(parked).singleElement().satisfies(m -> {
            assertThat(m.destination()).endsWith("/ccs-dev-emergency-events-dlq.fifo");
            assertThat(m.body()).isEqualTo(Json.parse(input).get(0).path("body").asText());
            assertThat(m.attributes()).containsEntry("MessageGroupId", group);
        });
        assertThat(result.sideEffects().items()).isEmpty();
        assertThat(result.sideEffects().messages()).isEmpty();
    }

    @Test
    void aDuplicateOfANotifiedIncidentIsIgnoredWithTheUsualOutputShape() {
        try (LocalDeployment fresh = TestProject.deploy()) {
            WorkflowRun.Result first = run(fresh, "duplicate-panic-button.json");
            WorkflowRun.Result second = run(fresh, "duplicate-panic-button.json");

            assertThat(first.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(first.sideEffects().messages()).hasSize(2);
            assertThat(second.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(second.statePath())
                    .containsSubsequence("Record Incident", "Duplicate Event Ignored")
                    .last()
                    .isEqualTo("Duplicate Event Ignored");
            JsonNode output = second.execution().output();
            assertThat(output.at("/incidentRecord/incident_id/S").asText()).isEqualTo("INC-VEH-12345-1698765432000");
            assertThat(output.at("/incidentRecord/status/S").asText()).isEqualTo("notified");
            assertThat(output.path("parallelResults").isArray()).isTrue();
            assertThat(output.path("parallelResults")).isEmpty();
            assertThat(output.path("executionTime").asText()).matches("\\d+\\.\\d\\ds");
            assertThat(output.path("duplicate").asBoolean()).isTrue();
            assertThat(second.sideEffects().messages()).isEmpty();
            assertThat(second.sideEffects().iotCommands()).isEmpty();
            assertThat(second.sideEffects().items()).isEmpty();
            assertThat(second.functionCalls()).isEmpty();
        }
    }

    @Test
    void aFailedAuthoritiesNotificationIsRecordedAndItsRedeliveryIsProcessedAgain() {
        String broken = brokenCopy("BrokenAuthorities", authorities, authorities + "-missing");
        String input = fresh("hijack.json");
        String incident = incidentOf(input);

        WorkflowRun.Result failed = runInput(deployment, broken, input);

        assertThat(failed.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.execution().error()).isEqualTo("SNS.NotFoundException");
        assertThat(failed.execution().cause()).startsWith("authorities notification failed: ");
        assertThat(failed.statePath())
                .contains("Authorities Not Notified", "Check Notifications", "Record Failure")
                .doesNotContain("Update Incident Status")
                .last()
                .isEqualTo("Incident Response Failed");
        // the owner's branch is not cancelled by the authorities' failure, and the camera starts
        assertThat(failed.sideEffects().messagesTo(owner)).hasSize(1);
        assertThat(failed.sideEffects().iotCommands()).hasSize(1);
        assertThat(failed.sideEffects().itemsIn(INCIDENTS)).singleElement().satisfies(w -> {
            assertThat(w.after().path("status").asText()).isEqualTo("failed");
            assertThat(w.after().path("failed_channel").asText()).isEqualTo("authorities");
            assertThat(w.after().path("failure_error").asText()).isEqualTo("SNS.NotFoundException");
            assertThat(w.after().path("failure_cause").asText()).startsWith("authorities notification failed: ");
        });

        // the event comes back (SQS redelivery after the failed synchronous execution) to a working deployment
        WorkflowRun.Result redelivered = runInput(deployment, "emergency", input);

        assertThat(redelivered.execution().status())
                .as(redelivered.execution().cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(redelivered.statePath())
                .containsSubsequence("Record Incident", "High Priority Response", "Update Incident Status")
                .doesNotContain("Duplicate Event Ignored");
        assertThat(redelivered.sideEffects().messagesTo(authorities)).hasSize(1);
        assertThat(redelivered.sideEffects().messagesTo(owner)).hasSize(1); // at least once on recovery
        assertThat(redelivered.sideEffects().iotCommands()).isEmpty(); // the recording had started
        assertThat(redelivered
                        .execution()
                        .output()
                        .at("/incidentRecord/status/S")
                        .asText())
                .isEqualTo("notified");
        JsonNode stored = storedIncident(incident);
        assertThat(stored.at("/status/S").asText()).isEqualTo("notified");
        assertThat(stored.at("/execution_id/S").asText())
                .isEqualTo(redelivered.execution().arn());
        assertThat(stored.at("/previous_execution_id/S").asText())
                .isEqualTo(failed.execution().arn());
        assertThat(stored.at("/attempts/N").asText()).isEqualTo("2");
        assertThat(stored.at("/failed_channel/S").asText()).isEqualTo("authorities"); // kept for review
    }

    @Test
    void aFailedOwnerNotificationDoesNotCancelTheAuthoritiesAndIsRecorded() {
        String broken = brokenCopy("BrokenOwner", owner, owner + "-missing");
        String input = fresh("accident.json");

        WorkflowRun.Result result = runInput(deployment, broken, input);

        assertThat(result.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.execution().error()).isEqualTo("SNS.NotFoundException");
        assertThat(result.statePath())
                .contains("Owner Not Notified", "Record Failure")
                .last()
                .isEqualTo("Incident Response Failed");
        assertThat(result.sideEffects().messagesTo(authorities))
                .singleElement()
                .satisfies(m -> assertThat(m.body()).contains("Incident: " + incidentOf(input)));
        assertThat(result.sideEffects().itemsIn(INCIDENTS)).singleElement().satisfies(w -> {
            assertThat(w.after().path("status").asText()).isEqualTo("failed");
            assertThat(w.after().path("failed_channel").asText()).isEqualTo("owner");
        });
    }

    @Test
    void whenBothNotificationsFailTheFailureNamesBothChannels() {
        String broken =
                brokenCopy("BrokenTopics", ":sns:us-east-1:000000000000:", ":sns:us-east-1:000000000000:missing-");
        String input = fresh("panic-button-critical.json");

        WorkflowRun.Result result = runInput(deployment, broken, input);

        assertThat(result.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.execution().cause())
                .contains("authorities notification failed: ", " | ", "owner notification failed: ");
        assertThat(result.sideEffects().messages()).isEmpty();
        assertThat(result.sideEffects().itemsIn(INCIDENTS))
                .singleElement()
                .satisfies(w ->
                        assertThat(w.after().path("failed_channel").asText()).isEqualTo("authorities,owner"));
    }

    @Test
    void aFailedRecordingIsKeptOnTheIncidentWithoutFailingTheResponse() {
        String function = Json.parse(deployment.stateMachine("emergency").definitionText())
                .at("/States/High Priority Response/Branches/2/States/Activate Video Recording/Arguments/FunctionName")
                .asText();
        String broken =
                brokenCopy("BrokenRecording", function, function.replace("video-recording", "no-such-function"));
        String input = fresh("panic-button-critical.json");

        WorkflowRun.Result result = runInput(deployment, broken, input);

        assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.statePath()).contains("Recording Unavailable", "Update Incident Status");
        assertThat(result.execution()
                        .output()
                        .at("/parallelResults/2/videoRecording/status")
                        .asText())
                .isEqualTo("failed");
        assertThat(result.sideEffects().messages()).hasSize(2);
        assertThat(result.sideEffects().itemsIn(INCIDENTS)).singleElement().satisfies(w -> {
            assertThat(w.after().path("status").asText()).isEqualTo("notified");
            assertThat(w.after().path("video_status").asText()).isEqualTo("failed");
            assertThat(w.after().path("video_error").asText()).startsWith("Lambda.ResourceNotFoundException: ");
        });
    }

    @Test
    void anIncidentLeftInProgressByAnEndedExecutionIsProcessedAgainButARecentOneIsADuplicate() {
        String abandoned = fresh("accident.json");
        seedIncident(
                incidentOf(abandoned),
                "recorded",
                "arn:aws:states:us-east-1:000000000000:express:gone:1:2",
                deployment.clock().now().minusSeconds(120));
        String recent = fresh("accident.json");
        seedIncident(
                incidentOf(recent),
                "recorded",
                "arn:aws:states:us-east-1:000000000000:express:busy:1:2",
                deployment.clock().now());

        WorkflowRun.Result reprocessed = runInput(deployment, "emergency", abandoned);
        WorkflowRun.Result ignored = runInput(deployment, "emergency", recent);

        assertThat(reprocessed.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(reprocessed.statePath())
                .containsSubsequence("Record Incident", "Update Incident Status")
                .doesNotContain("Duplicate Event Ignored");
        assertThat(reprocessed.sideEffects().messages()).hasSize(2);
        assertThat(storedIncident(incidentOf(abandoned)).at("/status/S").asText())
                .isEqualTo("notified");
        assertThat(ignored.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ignored.statePath()).last().isEqualTo("Duplicate Event Ignored");
        assertThat(ignored.execution().output().at("/incidentRecord/status/S").asText())
                .isEqualTo("recorded");
        assertThat(ignored.sideEffects().messages()).isEmpty();
        assertThat(ignored.sideEffects().items()).isEmpty();
    }

    /**
     * "Record Incident" as the definition has it, after a first attempt of the same execution landed: the retry finds
     * the item written by its own execution and claims it; an item of another execution is a duplicate.
     */
    @ParameterizedTest
    @CsvSource({
        "{% $states.context.Execution.Id %}, Claimed",
        "arn:aws:states:us-east-1:000000000000:express:other:1:2, Found Existing"
    })
    void recordIncidentRecognisesAWriteOfItsOwnExecution(String firstWriter, String outcome) {
        JsonNode states = Json.parse(deployment.stateMachine("emergency").definitionText())
                .path("States");
        ObjectNode validate = (ObjectNode) states.path("Validate Event").deepCopy();
        validate.put("Default", "First Attempt Landed");
        validate.path("Choices").forEach(rule -> ((ObjectNode) rule).put("Next", "Not Recorded"));
        ObjectNode record = ((ObjectNode) states.path("Record Incident").deepCopy()).put("Next", "Claimed");
        ((ObjectNode) record.path("Catch").get(0)).put("Next", "Found Existing");
        ((ObjectNode) record.path("Catch").get(1)).put("Next", "Not Recorded");
        ObjectNode definition = (ObjectNode) Json.parse("""
        {"QueryLanguage": "JSONata", "StartAt": "Check Event Source", "States": {
          "First Attempt Landed": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
            "Arguments": {"TableName": "%s", "Item": {"incident_id": {"S": "{%% $incidentId %%}"},
              "status": {"S": "recorded"}, "execution_id": {"S": "%s"}}},
            "Next": "Record Incident"},
          "Claimed": {"Type": "Succeed"}, "Found Existing": {"Type": "Succeed"},
          "Not Recorded": {"Type": "Fail", "Error": "NotRecorded"}}}
        """.formatted(INCIDENTS, firstWriter));
        ((ObjectNode) definition.path("States")).set("Check Event Source", states.path("Check Event Source"));
        ((ObjectNode) definition.path("States")).set("Validate Event", validate);
        ((ObjectNode) definition.path("States")).set("Record Incident", record);
        ((ObjectNode) definition
                        .path("States")
                        .path("Check Event Source")
                        .path("Choices")
                        .get(0))
                .put("Next", "Not Recorded");
        String logicalId = "RecordIncidentRetry" + outcome.replace(" ", "");
        deployment.deploy(logicalId, "ccs-dev-" + logicalId, Json.write(definition), StateMachineType.EXPRESS);

        WorkflowRun.Result result = runInput(deployment, logicalId, fresh("hijack.json"));

        assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.statePath())
                .containsExactly(
                        "Check Event Source", "Validate Event", "First Attempt Landed", "Record Incident", outcome);
    }
}
