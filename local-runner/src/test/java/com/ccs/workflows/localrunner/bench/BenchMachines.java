package com.ccs.workflows.localrunner.bench;

import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineConfig;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.MockConfig;

/** The definitions the benchmarks run, and engines for them (real time, Tasks answered by a mock configuration). */
final class BenchMachines {
    static final String TEST_CASE = "Bench";
    static final String SHAPED_NAME = "emergency-shaped";

    /** The emergency workflow's shape: Choice, Pass, Task, Parallel of 3 Tasks, Task, Pass (JSONPath, EXPRESS). */
    static final String EMERGENCY_SHAPED = """
      {"StartAt": "Check Event", "States": {
        "Check Event": {"Type": "Choice", "Choices": [{"And": [
            {"Variable": "$.vehicleId", "IsString": true},
            {"Variable": "$.type", "StringMatches": "*"},
            {"Variable": "$.eventTimestamp", "NumericGreaterThan": 0}], "Next": "Prepare Incident"}],
          "Default": "Reject"},
        "Reject": {"Type": "Fail", "Error": "InvalidEvent", "Cause": "bad event"},
        "Prepare Incident": {"Type": "Pass", "Parameters": {
            "incident_id.$": "States.Format('INC-{}-{}', $.vehicleId, $.eventTimestamp)",
            "vehicleId.$": "$.vehicleId", "type.$": "$.type", "location.$": "$.location"},
          "Next": "Record Incident"},
        "Record Incident": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
          "Parameters": {"TableName": "incidents", "Item": {"incident_id": {"S.$": "$.incident_id"},
            "type": {"S.$": "$.type"}}, "ConditionExpression": "attribute_not_exists(incident_id)"},
          "ResultPath": null, "Next": "High Priority Response"},
        "High Priority Response": {"Type": "Parallel", "ResultPath": "$.parallelResults",
          "Next": "Update Incident Status", "Branches": [
            {"StartAt": "Notify Authorities", "States": {"Notify Authorities": {"Type": "Task",
              "Resource": "arn:aws:states:::sns:publish", "Parameters": {"TopicArn": "authorities",
                "Message.$": "States.JsonToString($)"}, "End": true}}},
            {"StartAt": "Notify Owner", "States": {"Notify Owner": {"Type": "Task",
              "Resource": "arn:aws:states:::sns:publish", "Parameters": {"TopicArn": "owner",
                "Message.$": "$.incident_id"}, "End": true}}},
            {"StartAt": "Activate Video Recording", "States": {"Activate Video Recording": {"Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "video",
                "Payload": {"incident_id.$": "$.incident_id"}}, "ResultSelector": {"status.$": "$.Payload.status"},
              "End": true}}}]},
        "Update Incident Status": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem",
          "Parameters": {"TableName": "incidents", "Key": {"incident_id": {"S.$": "$.incident_id"}},
            "UpdateExpression": "SET #s = :s", "ExpressionAttributeNames": {"#s": "status"},
            "ExpressionAttributeValues": {":s": {"S": "RESPONDED"}}},
          "ResultPath": null, "Next": "Log Completion"},
        "Log Completion": {"Type": "Pass", "Parameters": {"incident_id.$": "$.incident_id",
          "results.$": "$.parallelResults", "startedAt.$": "$$.Execution.StartTime"}, "End": true}}}""";

    static final String EVENT = """
      {"vehicleId": "VEH-12345", "type": "panic_button", "eventTimestamp": 1698765432000,
       "location": {"lat": 4.711, "lon": -74.0721}, "severity": "critical"}""";

    static final MockConfig MOCKS = MockConfig.parse(Json.parse("""
      {"StateMachines": {"emergency-shaped": {"TestCases": {"Bench": {
         "Record Incident": "Written", "Notify Authorities": "Published", "Notify Owner": "Published",
         "Activate Video Recording": "Recording", "Update Incident Status": "Written"}}}},
       "MockedResponses": {
         "Written": {"0": {"Return": {}}},
         "Published": {"0": {"Return": {"MessageId": "m-1"}}},
         "Recording": {"0": {"Return": {"StatusCode": 200, "Payload": {"status": "recording"}}}}}}
      """));

    private BenchMachines() {}

    /** An engine on real time whose Tasks the mock configuration answers (test case {@link #TEST_CASE}). */
    static Engine mockedEngine() {
        return new Engine(EngineConfig.defaults().withMocks(MOCKS));
    }

    /** A chain of {@code length} Pass states, each adding one to a counter. */
    static String passChain(int length) {
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < length; i++) {
            states.append(i == 0 ? "" : ",")
                    .append("\"P")
                    .append(i)
                    .append("\": {\"Type\": \"Pass\", ")
                    .append("\"Parameters\": {\"n.$\": \"States.MathAdd($.n, 1)\"}, ")
                    .append(i == length - 1 ? "\"End\": true}" : "\"Next\": \"P" + (i + 1) + "\"}");
        }
        return "{\"StartAt\": \"P0\", \"States\": {" + states + "}}";
    }

    /** Checks a run ended as expected: a benchmark of failing runs measures nothing useful. */
    static Execution succeeded(Execution execution) {
        if (execution.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException(execution.status() + ": " + execution.error() + " " + execution.cause());
        }
        return execution;
    }
}
