package com.ccs.workflows.localrunner.api;

import static com.ccs.workflows.localrunner.api.ApiErrorsAssert.awsError;
import static com.ccs.workflows.localrunner.api.LocalSfn.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.IncludedData;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

/** StartSyncExecution, ValidateStateMachineDefinition and TestState. */
class SyncAndDefinitionApiTest {
    private static final String GREET = """
      {"StartAt": "Greet", "States": {
        "Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello {}', $.name)"},
          "Next": "Check"},
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.greeting", "StringEquals": "Hello nobody",
          "Next": "Refuse"}], "Default": "Done"},
        "Refuse": {"Type": "Fail", "Error": "Nobody", "Cause": "no name given"},
        "Done": {"Type": "Succeed"}}}""";

    @RegisterExtension
    final LocalSfn local = LocalSfn.virtual();

    @Test
    void syncExecutionAnswersTheOutcome() {
        String machine = local.createExpress("greeter", GREET);
        var ok = local.sfn.startSyncExecution(
                b -> b.stateMachineArn(machine).name("hi").input("{\"name\": \"Ana\"}"));
        assertThat(ok.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(ok.output()).isEqualTo("{\"greeting\":\"Hello Ana\"}");
        assertThat(ok.input()).isEqualTo("{\"name\":\"Ana\"}");
        assertThat(ok.executionArn()).startsWith("arn:aws:states:us-east-1:123456789:express:greeter:hi:");
        assertThat(ok.stateMachineArn()).isEqualTo(machine);
        assertThat(ok.name()).isEqualTo("hi");
        assertThat(ok.stopDate()).isAfterOrEqualTo(ok.startDate());
        assertThat(ok.billingDetails().billedDurationInMilliseconds()).isGreaterThanOrEqualTo(100L);

        var failed =
                local.sfn.startSyncExecution(b -> b.stateMachineArn(machine).input("{\"name\": \"nobody\"}"));
        assertThat(failed.status()).isEqualTo(SyncExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Nobody");
        assertThat(failed.cause()).isEqualTo("no name given");
        assertThat(failed.output()).isNull();

        var metadata = local.sfn.startSyncExecution(b -> b.stateMachineArn(machine)
                .input("{\"name\": \"Bo\"}")
                .includedData(IncludedData.METADATA_ONLY.toString()));
        assertThat(metadata.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(metadata.output()).isNull();
        assertThat(metadata.input()).isNull();
    }

    @Test
    void syncExecutionErrors() {
        String standard = local.create("standard", GREET);
        var e = awsError(
                () -> local.sfn.startSyncExecution(b -> b.stateMachineArn(standard)), "StateMachineTypeNotSupported");
        assertThat(e).isInstanceOf(StateMachineTypeNotSupportedException.class);
        awsError(
                () -> local.sfn.startSyncExecution(b -> b.stateMachineArn(local.machineArn("nope"))),
                "StateMachineDoesNotExist");
        String express = local.createExpress("greeter", GREET);
        awsError(
                () -> local.sfn.startSyncExecution(
                        b -> b.stateMachineArn(express).input("[")),
                "InvalidExecutionInput");
        awsError(() -> local.sfn.startSyncExecution(b -> b.stateMachineArn("greeter")), "InvalidArn");
    }

    @Test
    void validateReportsDiagnostics() {
        var ok = local.sfn.validateStateMachineDefinition(b -> b.definition(GREET));
        assertThat(ok.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        assertThat(ok.diagnostics()).isEmpty();
        assertThat(ok.truncated()).isFalse();

        var bad = local.sfn.validateStateMachineDefinition(b -> b.definition(json(
                "{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'Next': 'Missing'}, 'B': {'Type': 'Succeed'}}}")));
        assertThat(bad.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(bad.diagnostics()).isNotEmpty();
        assertThat(bad.diagnostics()).anySatisfy(d -> {
            assertThat(d.severityAsString()).isEqualTo("ERROR");
            assertThat(d.code()).isEqualTo("MISSING_TRANSITION_TARGET");
            assertThat(d.message()).contains("Missing");
            assertThat(d.location()).startsWith("/States/A");
        });
        var topLevel = local.sfn.validateStateMachineDefinition(b -> b.definition("""
                {"QueryLanguage": "JSONata", "StartAt": "Notify Owner", "States": {
                  "Notify Owner": {"Type": "Pass", "Output": {"v": "{% phone %}"}, "End": true}}}"""));
        assertThat(topLevel.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("UNSUPPORTED_JSONATA_EXPRESSION");
            assertThat(d.message()).isEqualTo("Reference to 'phone' at the top level is not supported.");
            assertThat(d.location()).isEqualTo("/States/Notify Owner/Output/v");
        });
        var loop = local.sfn.validateStateMachineDefinition(
                b -> b.definition(json("{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'Next': 'A'}}}")));
        assertThat(loop.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("MISSING_END_STATE");
            assertThat(d.message()).isEqualTo("Workflow has no terminal state");
            assertThat(d.location()).isNull();
        });
        var truncated = local.sfn.validateStateMachineDefinition(
                b -> b.maxResults(1)
                        .definition(
                                json(
                                        "{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'Next': 'Missing'}, 'B': {'Type': 'Succeed'}}}")));
        assertThat(truncated.diagnostics()).hasSize(1);
        assertThat(truncated.truncated()).isEqualTo(bad.diagnostics().size() > 1);

        var notJson = local.sfn.validateStateMachineDefinition(b -> b.definition("{'StartAt"));
        assertThat(notJson.diagnostics()).extracting(d -> d.code()).containsExactly("INVALID_JSON_DESCRIPTION");

        String callback = json("{'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource':"
                + " 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'Parameters': {'QueueUrl': 'q', 'MessageBody':"
                + " {'t.$': '$$.Task.Token'}}, 'End': true}}}");
        assertThat(local.sfn
                        .validateStateMachineDefinition(b -> b.definition(callback))
                        .result())
                .isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        var express = local.sfn.validateStateMachineDefinition(
                b -> b.definition(callback).type("EXPRESS"));
        assertThat(express.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(express.diagnostics().get(0).message()).contains("waitForTaskToken");
        assertThat(local.sfn.listStateMachines(b -> {}).stateMachines()).isEmpty();

        awsError(() -> local.sfn.validateStateMachineDefinition(b -> {}), "ValidationException");
        awsError(
                () -> local.sfn.validateStateMachineDefinition(
                        b -> b.definition(GREET).type("BATCH")),
                "ValidationException");
    }

    @Test
    void testStateRunsOneState() {
        var passed = local.sfn.testState(b -> b.definition(
                        json("{'Type': 'Pass', 'Parameters': {'sum.$': 'States.MathAdd($.a, $.b)'}, 'Next': 'After'}"))
                .roleArn(LocalSfn.ROLE)
                .input("{\"a\": 2, \"b\": 3}"));
        assertThat(passed.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(passed.output())).isEqualTo(Json.parse("{\"sum\": 5}"));
        assertThat(passed.nextState()).isEqualTo("After");

        var failed = local.sfn.testState(b -> b.definition(json("{'Type': 'Fail', 'Error': 'E', 'Cause': 'C'}")));
        assertThat(failed.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("E");
        assertThat(failed.cause()).isEqualTo("C");

        String choice = json("{'Type': 'Choice', 'Choices': [{'Variable': '$.n', 'NumericGreaterThan': 1,"
                + " 'Next': 'Big'}], 'Default': 'Small'}");
        assertThat(local.sfn
                        .testState(b -> b.definition(choice).input("{\"n\": 5}"))
                        .nextState())
                .isEqualTo("Big");
        assertThat(local.sfn
                        .testState(b -> b.definition(choice).input("{\"n\": 0}"))
                        .nextState())
                .isEqualTo("Small");

        awsError(() -> local.sfn.testState(b -> b.definition("[1]")), "InvalidDefinition");
        awsError(
                () -> local.sfn.testState(
                        b -> b.definition(json("{'Type': 'Pass', 'End': true}")).roleArn("r")),
                "InvalidArn");
        awsError(() -> local.sfn.testState(b -> b.input("{}")), "ValidationException");
        assertThat(local.sfn.listStateMachines(b -> {}).stateMachines()).isEmpty();
    }
}
