package com.ccs.workflows.localrunner.api;

import static com.ccs.workflows.localrunner.api.LocalSfn.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The commands of the module description's "Testing" section (workflows-module.md), verbatim, through the real
 * SDK: start-execution with the documented ARN and input, describe-execution, get-execution-history
 * --max-results 100, then list-executions --status-filter FAILED --max-results 10.
 */
class WorkflowModuleCommandsTest {
    /** The ARN exactly as the module description writes it. */
    private static final String EMERGENCY_ARN =
            "arn:aws:states:us-east-1:123456789:stateMachine:ccs-prod-emergency-workflow";

    private static final String EMERGENCY_INPUT = """
      {
          "vehicleId": "VEH-TEST-001",
          "type": "panic_button",
          "severity": "critical",
          "location": {"lat": 4.6097, "lon": -74.0817},
          "eventTimestamp": 1698765432000
        }""";
    /** A small stand-in for the emergency workflow: classify by severity, dispatch, or fail on an unknown type. */
    private static final String EMERGENCY_DEFINITION = json("""
      {'Comment': 'Emergency response (small stand-in)', 'StartAt': 'ClassifyEmergency',
       'States': {
         'ClassifyEmergency': {'Type': 'Choice', 'Choices': [
             {'Variable': '$.type', 'StringEquals': 'panic_button', 'Next': 'DispatchResponse'}],
           'Default': 'UnknownEmergency'},
         'DispatchResponse': {'Type': 'Pass',
           'Parameters': {'vehicleId.$': '$.vehicleId', 'priority.$': '$.severity', 'dispatched': true},
           'ResultPath': '$.dispatch', 'Next': 'Done'},
         'Done': {'Type': 'Succeed'},
         'UnknownEmergency': {'Type': 'Fail', 'Error': 'UnknownEmergencyType',
           'Cause': 'The emergency type is not handled'}}}""");

    @RegisterExtension
    final LocalSfn local = LocalSfn.virtual();

    @Test
    void theDocumentedCommandsWorkVerbatim() {
        String machineArn = local.create("ccs-prod-emergency-workflow", EMERGENCY_DEFINITION);
        assertThat(machineArn).isEqualTo(EMERGENCY_ARN);

        // aws stepfunctions start-execution --state-machine-arn <ARN> --input '{...}'
        var started =
                local.sfn.startExecution(b -> b.stateMachineArn(EMERGENCY_ARN).input(EMERGENCY_INPUT));
        assertThat(started.executionArn())
                .startsWith("arn:aws:states:us-east-1:123456789:execution:ccs-prod-emergency-workflow:");
        assertThat(started.startDate()).isNotNull();

        // aws stepfunctions describe-execution --execution-arn <execution-arn>
        var described = local.awaitEnd(started.executionArn());
        assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(described.stateMachineArn()).isEqualTo(EMERGENCY_ARN);
        assertThat(Json.parse(described.input())).isEqualTo(Json.parse(EMERGENCY_INPUT));
        assertThat(Json.parse(described.output()).get("dispatch"))
                .isEqualTo(
                        Json.parse("{\"vehicleId\":\"VEH-TEST-001\",\"priority\":\"critical\",\"dispatched\":true}"));
        assertThat(described.stopDate()).isAfterOrEqualTo(described.startDate());

        // aws stepfunctions get-execution-history --execution-arn <execution-arn> --max-results 100
        var history = local.sfn.getExecutionHistory(
                b -> b.executionArn(started.executionArn()).maxResults(100));
        assertThat(history.nextToken()).isNull();
        assertThat(history.events())
                .extracting(HistoryEvent::type)
                .containsExactly(
                        HistoryEventType.EXECUTION_STARTED,
                        HistoryEventType.CHOICE_STATE_ENTERED,
                        HistoryEventType.CHOICE_STATE_EXITED,
                        HistoryEventType.PASS_STATE_ENTERED,
                        HistoryEventType.PASS_STATE_EXITED,
                        HistoryEventType.SUCCEED_STATE_ENTERED,
                        HistoryEventType.SUCCEED_STATE_EXITED,
                        HistoryEventType.EXECUTION_SUCCEEDED);
        HistoryEvent first = history.events().get(0);
        assertThat(first.id()).isEqualTo(1L);
        assertThat(first.previousEventId()).isEqualTo(0L);
        assertThat(first.executionStartedEventDetails().roleArn()).isEqualTo(LocalSfn.ROLE);
        assertThat(Json.parse(first.executionStartedEventDetails().input())).isEqualTo(Json.parse(EMERGENCY_INPUT));
        assertThat(history.events().get(1).stateEnteredEventDetails().name()).isEqualTo("ClassifyEmergency");
        assertThat(history.events().get(4).stateExitedEventDetails().name()).isEqualTo("DispatchResponse");
    }

    @Test
    void failedExecutionsAreListedByStatus() {
        local.create("ccs-prod-emergency-workflow", EMERGENCY_DEFINITION);
        String ok = local.sfn
                .startExecution(b -> b.stateMachineArn(EMERGENCY_ARN).input(EMERGENCY_INPUT))
                .executionArn();
        String failed = local.sfn
                .startExecution(b -> b.stateMachineArn(EMERGENCY_ARN)
                        .input("{\"vehicleId\": \"VEH-TEST-002\", \"type\": \"flat_tire\"}"))
                .executionArn();
        local.awaitEnd(ok);
        var failure = local.awaitEnd(failed);
        assertThat(failure.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failure.error()).isEqualTo("UnknownEmergencyType");
        assertThat(failure.cause()).isEqualTo("The emergency type is not handled");

        // aws stepfunctions list-executions --state-machine-arn <ARN> --status-filter FAILED --max-results 10
        var listed = local.sfn.listExecutions(b -> b.stateMachineArn(EMERGENCY_ARN)
                .statusFilter(ExecutionStatus.FAILED)
                .maxResults(10));
        assertThat(listed.executions()).hasSize(1);
        assertThat(listed.executions().get(0).executionArn()).isEqualTo(failed);
        assertThat(listed.executions().get(0).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(listed.executions().get(0).stopDate()).isNotNull();
        assertThat(listed.nextToken()).isNull();
        assertThat(local.sfn
                        .listExecutions(b -> b.stateMachineArn(EMERGENCY_ARN))
                        .executions())
                .extracting(e -> e.executionArn())
                .containsExactlyInAnyOrderElementsOf(List.of(ok, failed));
    }

    @Test
    void theBusinessWorkflowCommandUsesItsDocumentedArn() {
        String arn = local.create(
                "ccs-prod-business-workflow",
                json("{'StartAt': 'Accept', 'States': {'Accept': {'Type': 'Pass', 'End': true}}}"));
        assertThat(arn).isEqualTo("arn:aws:states:us-east-1:123456789:stateMachine:ccs-prod-business-workflow");
        String input = """
        {
            "customer_id": "CUST-TEST-001",
            "number_of_vehicles": 25,
            "contract_type": "standard",
            "estimated_value": 5000000
          }""";
        var started = local.sfn.startExecution(
                b -> b.stateMachineArn("arn:aws:states:us-east-1:123456789:stateMachine:ccs-prod-business-workflow")
                        .input(input));
        var described = local.awaitEnd(started.executionArn());
        assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(described.output())).isEqualTo(Json.parse(input));
    }
}
