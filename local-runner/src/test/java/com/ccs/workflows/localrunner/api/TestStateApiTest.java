package com.ccs.workflows.localrunner.api;

import static com.ccs.workflows.localrunner.api.ApiErrorsAssert.awsError;
import static com.ccs.workflows.localrunner.api.LocalSfn.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;

/** TestState's inspection levels and variables, through the SDK. */
class TestStateApiTest {
    /** A Task whose service answers with its parameters and a fixed field: the data flow is fully visible. */
    private static final String TASK = json("""
      {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'InputPath': '$.order',
        'Parameters': {'FunctionName': 'f', 'Payload': {'id.$': '$.id', 'limit.$': '$limit'}},
        'ResultSelector': {'echo.$': '$.Payload', 'status.$': '$.StatusCode'},
        'ResultPath': '$.charge', 'OutputPath': '$.charge', 'Assign': {'charged.$': '$.status'}, 'Next': 'Ship'}
      """);

    @RegisterExtension
    final LocalSfn local = LocalSfn.with(
            new VirtualClock(Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(5)),
            request -> CompletableFuture.completedFuture(TaskResult.of(Json.object()
                    .put("StatusCode", 200)
                    .set("Payload", request.payload().get("Payload")))));

    @Test
    void debugShowsEachStepOfTheDataFlowAndTheVariablesAfterTheState() {
        var response = local.sfn.testState(b -> b.definition(TASK)
                .inspectionLevel(InspectionLevel.DEBUG)
                .input("{\"order\": {\"id\": 7}, \"other\": 1}")
                .variables("{\"limit\": 100}")
                .roleArn(LocalSfn.ROLE));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(response.nextState()).isEqualTo("Ship");
        assertThat(Json.parse(response.output()))
                .isEqualTo(Json.parse("{\"echo\": {\"id\": 7, \"limit\": 100}," + " \"status\": 200}"));
        var data = response.inspectionData();
        assertThat(Json.parse(data.input())).isEqualTo(Json.parse("{\"order\": {\"id\": 7}, \"other\": 1}"));
        assertThat(Json.parse(data.afterInputPath())).isEqualTo(Json.parse("{\"id\": 7}"));
        assertThat(Json.parse(data.afterParameters()))
                .isEqualTo(Json.parse("{\"FunctionName\": \"f\"," + " \"Payload\": {\"id\": 7, \"limit\": 100}}"));
        assertThat(Json.parse(data.result()))
                .isEqualTo(Json.parse("{\"StatusCode\": 200," + " \"Payload\": {\"id\": 7, \"limit\": 100}}"));
        assertThat(Json.parse(data.afterResultSelector()))
                .isEqualTo(Json.parse("{\"echo\": {\"id\": 7, \"limit\": 100}," + " \"status\": 200}"));
        assertThat(Json.parse(data.afterResultPath())
                        .path("charge")
                        .path("status")
                        .asInt())
                .isEqualTo(200);
        assertThat(Json.parse(data.afterResultPath()).path("other").asInt()).isEqualTo(1);
        assertThat(Json.parse(data.variables())).isEqualTo(Json.parse("{\"limit\": 100, \"charged\": 200}"));
    }

    @Test
    void infoIsTheDefaultAndCarriesNoInspectionDataWhileTraceDoes() {
        var info = local.sfn.testState(b -> b.definition(TASK)
                .input("{\"order\": {\"id\": 1}}")
                .variables("{\"limit\": 5}")
                .roleArn(LocalSfn.ROLE));
        assertThat(info.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(info.inspectionData()).isNull();

        var trace = local.sfn.testState(b -> b.definition(TASK)
                .input("{\"order\": {\"id\": 1}}")
                .variables("{\"limit\": 5}")
                .inspectionLevel(InspectionLevel.TRACE)
                .roleArn(LocalSfn.ROLE));
        assertThat(Json.parse(trace.inspectionData().afterParameters())
                        .at("/Payload/limit")
                        .asInt())
                .isEqualTo(5);
    }

    @Test
    void jsonataStatesReportArgumentsAndAFailureKeepsTheStepsBeforeIt() {
        var jsonata = local.sfn.testState(b -> b.definition(json("""
        {'Type': 'Pass', 'QueryLanguage': 'JSONata', 'Output': '{% $states.input.n * $factor %}', 'End': true}
        """))
                .input("{\"n\": 4}")
                .variables("{\"factor\": 3}")
                .inspectionLevel(InspectionLevel.DEBUG));
        assertThat(jsonata.output()).isEqualTo("12");
        assertThat(jsonata.inspectionData().afterInputPath()).isNull(); // JSONPath steps only

        var failed = local.sfn.testState(
                b -> b.definition(json("""
        {'Type': 'Pass', 'InputPath': '$.a', 'Parameters': {'x.$': '$.missing'}, 'End': true}
        """)).input("{\"a\": {\"b\": 1}}").inspectionLevel(InspectionLevel.DEBUG));
        assertThat(failed.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.Runtime");
        assertThat(Json.parse(failed.inspectionData().afterInputPath())).isEqualTo(Json.parse("{\"b\": 1}"));
        assertThat(failed.inspectionData().afterParameters()).isNull();
    }

    @Test
    void variablesMustBeAJsonObject() {
        awsError(() -> local.sfn.testState(b -> b.definition(TASK).variables("[1, 2]")), "ValidationException");
        awsError(() -> local.sfn.testState(b -> b.definition(TASK).variables("{nope")), "ValidationException");
    }
}
