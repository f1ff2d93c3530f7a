package com.ccs.workflows.localrunner.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every events/emergency/* sample through the emergency workflow, functions in-process, embedded backends. */
class EmergencyWorkflowSamplesTest {
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
    return WorkflowRun.run(target, "emergency", TestProject.event("emergency/" + sample), message -> null,
        Duration.ofMinutes(2));
  }

  @ParameterizedTest
  @CsvSource({
      "panic-button-critical.json, VEH-12345, 1698765432000, panic_button",
      "accident.json, VEH-20001, 1698765500000, accident",
      "hijack.json, VEH-30001, 1698765600000, hijack"})
  void highPriorityEventsNotifyAuthoritiesAndOwnerAndStartRecording(String sample, String vehicle, long timestamp,
      String type) {
    WorkflowRun.Result result = run(deployment, sample);

    String incident = "INC-" + vehicle + "-" + timestamp;
    assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.statePath()).containsSubsequence("Check Event Source", "Validate Event", "Prepare Incident",
        "Record Incident", "Determine Response Type", "High Priority Response", "Update Incident Status",
        "Log Completion").contains("Notify Authorities", "Notify Owner", "Activate Video Recording")
        .doesNotContain("Standard Response", "Record Failure");
    JsonNode output = result.execution().output();
    assertThat(output.at("/incidentRecord/incident_id/S").asText()).isEqualTo(incident);
    assertThat(output.at("/incidentRecord/status/S").asText()).isEqualTo("notified");
    assertThat(output.path("parallelResults")).hasSize(3);
    assertThat(output.at("/parallelResults/0/authoritiesNotification/MessageId").asText()).isNotBlank();
    assertThat(output.at("/parallelResults/1/ownerNotification/MessageId").asText()).isNotBlank();
    assertThat(output.at("/parallelResults/2/videoRecording/status").asText()).isEqualTo("recording");
    assertThat(output.at("/parallelResults/2/videoRecording/already_started").asBoolean(true)).isFalse();
    assertThat(output.path("executionTime").asText()).matches("\\d+\\.\\d\\ds");

    SideEffects effects = result.sideEffects();
    assertThat(effects.messages()).hasSize(2);
    assertThat(effects.messagesTo(authorities)).singleElement().satisfies(m -> {
      assertThat(m.subject()).isEqualTo("EMERGENCY " + type + " - vehicle " + vehicle);
      assertThat(m.body()).contains("Incident: " + incident);
    });
    assertThat(effects.messagesTo(owner)).singleElement()
        .satisfies(m -> assertThat(m.body()).contains("Authorities have been notified"));
    assertThat(effects.iotCommands()).singleElement().satisfies(c -> {
      assertThat(c.destination()).isEqualTo("ccs/dev/vehicles/" + vehicle + "/commands");
      assertThat(c.body()).contains("START_RECORDING").contains(incident);
    });
    assertThat(effects.itemsIn("ccs-dev-incidents")).singleElement().satisfies(w -> {
      assertThat(w.before()).isNull();
      assertThat(w.after().path("incident_id").asText()).isEqualTo(incident);
      assertThat(w.after().path("status").asText()).isEqualTo("notified");
      assertThat(w.after().path("type").asText()).isEqualTo(type);
      assertThat(w.after().path("event_timestamp").asLong()).isEqualTo(timestamp);
    });
    assertThat(effects.itemsIn("ccs-dev-recordings")).singleElement()
        .satisfies(w -> assertThat(w.after().path("status").asText()).isEqualTo("recording"));
    assertThat(result.functionCalls()).singleElement()
        .satisfies(c -> assertThat(c.function()).isEqualTo("VideoRecordingFunction"));
  }

  @Test
  void aStandardEventNotifiesOnlyTheOwner() {
    WorkflowRun.Result result = run(deployment, "standard-low-fuel.json");

    assertThat(result.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.statePath()).contains("Standard Response", "Notify Owner (Standard)", "Update Incident Status")
        .doesNotContain("High Priority Response", "Notify Authorities", "Activate Video Recording");
    assertThat(result.execution().output().path("parallelResults")).hasSize(1);
    assertThat(result.sideEffects().messages()).singleElement().satisfies(m -> {
      assertThat(m.destination()).isEqualTo(owner);
      assertThat(m.subject()).isEqualTo("Notice: low_fuel on vehicle VEH-40001");
    });
    assertThat(result.sideEffects().iotCommands()).isEmpty();
    assertThat(result.sideEffects().itemsIn("ccs-dev-incidents")).singleElement()
        .satisfies(w -> assertThat(w.after().path("status").asText()).isEqualTo("notified"));
    assertThat(result.functionCalls()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "malformed-bad-coordinates.json, Invalid Location, location:",
      "malformed-missing-timestamp.json, Invalid Timestamp, eventTimestamp:",
      "malformed-missing-vehicle-id.json, Invalid Vehicle Id, vehicleId:"})
  void malformedEventsFailBeforeAnyWrite(String sample, String state, String field) {
    WorkflowRun.Result result = run(deployment, sample);

    assertThat(result.execution().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.execution().error()).isEqualTo("InvalidEvent");
    assertThat(result.execution().cause()).startsWith(field);
    assertThat(result.statePath()).containsExactly("Check Event Source", "Validate Event", state,
        "Reject Invalid Event");
    assertThat(result.sideEffects().items()).isEmpty();
    assertThat(result.sideEffects().messages()).isEmpty();
    assertThat(result.sideEffects().iotCommands()).isEmpty();
  }

  @Test
  void aPipeBatchIsUnwrappedAndProcessed() {
    WorkflowRun.Result result = run(deployment, "pipe-sqs-batch.json");

    assertThat(result.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.statePath()).startsWith("Check Event Source", "Unwrap Queue Message", "Validate Event")
        .contains("High Priority Response");
    assertThat(result.execution().output().at("/incidentRecord/incident_id/S").asText())
        .isEqualTo("INC-VEH-50001-1698765800000");
    assertThat(result.sideEffects().messages()).hasSize(2);
    assertThat(result.sideEffects().iotCommands()).singleElement()
        .satisfies(c -> assertThat(c.destination()).isEqualTo("ccs/dev/vehicles/VEH-50001/commands"));
  }

  @Test
  void aDuplicateEventIsIgnoredWithoutNotifyingAgain() {
    try (LocalDeployment fresh = TestProject.deploy()) {
      WorkflowRun.Result first = run(fresh, "duplicate-panic-button.json");
      WorkflowRun.Result second = run(fresh, "duplicate-panic-button.json");

      assertThat(first.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(first.sideEffects().messages()).hasSize(2);
      assertThat(second.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(second.statePath()).last().isEqualTo("Duplicate Event Ignored");
      // the definition reports the duplicate with the incident's id (its exact output shape is the definition's)
      assertThat(second.execution().output().toString()).contains("INC-VEH-12345-1698765432000");
      assertThat(second.sideEffects().messages()).isEmpty();
      assertThat(second.sideEffects().iotCommands()).isEmpty();
      assertThat(second.sideEffects().items()).isEmpty();
      assertThat(second.functionCalls()).isEmpty();
    }
  }
}
