package com.ccs.workflows.localrunner.engine;

import static com.ccs.workflows.localrunner.testing.TestEngines.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import com.ccs.workflows.localrunner.testing.TestEngines;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TestState as AWS documents it: states of a whole machine, mocks, the state's situation, AWS's refusals. */
class StateTesterTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/test";
    /** A machine whose Task retries, catches, and whose Map and Parallel need mocks. */
    private static final String MACHINE = json("""
      {'StartAt': 'Charge', 'QueryLanguage': 'JSONPath', 'States': {
        'Charge': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
          'Parameters': {'FunctionName': 'charge', 'Payload.$': '$'}, 'ResultSelector': {'paid.$': '$.Payload.paid'},
          'ResultPath': '$.charge',
          'Retry': [{'ErrorEquals': ['Lambda.ServiceException'], 'IntervalSeconds': 2, 'MaxAttempts': 3,
            'BackoffRate': 2},
            {'ErrorEquals': ['States.Timeout'], 'IntervalSeconds': 1, 'MaxAttempts': 1}],
          'Catch': [{'ErrorEquals': ['Card.Declined'], 'ResultPath': '$.error', 'Next': 'Declined'},
            {'ErrorEquals': ['States.ALL'], 'ResultPath': '$.error', 'Next': 'Broken'}],
          'Next': 'Ship'},
        'Ship': {'Type': 'Map', 'ItemsPath': '$.items', 'ToleratedFailureCount': 1, 'MaxConcurrency': 2,
          'ItemSelector': {'sku.$': '$$.Map.Item.Value', 'order.$': '$.id'},
          'ItemProcessor': {'StartAt': 'Pack', 'States': {
            'Pack': {'Type': 'Task', 'QueryLanguage': 'JSONata', 'Resource': 'arn:aws:states:::lambda:invoke',
              'Arguments': {'FunctionName': 'pack', 'Payload': '{% $states.input %}'}, 'End': true}}},
          'Catch': [{'ErrorEquals': ['States.ExceedToleratedFailureThreshold'], 'Next': 'Broken'}],
          'Next': 'Notify'},
        'Notify': {'Type': 'Parallel', 'Branches': [
            {'StartAt': 'Mail', 'States': {'Mail': {'Type': 'Pass', 'End': true}}},
            {'StartAt': 'Text', 'States': {'Text': {'Type': 'Pass', 'End': true}}}],
          'Next': 'Hold'},
        'Hold': {'Type': 'Wait', 'Seconds': 86400, 'Next': 'Done'},
        'Done': {'Type': 'Succeed'},
        'Declined': {'Type': 'Fail', 'Error': 'Declined', 'CausePath': '$.error.Cause'},
        'Broken': {'Type': 'Fail', 'Error': 'Broken'}}}""");

    private static final String INPUT = "{\"id\": 7, \"items\": [\"a\", \"b\", \"c\"]}";

    private final AtomicInteger calls = new AtomicInteger();
    private final Engine engine = TestEngines.engine(request -> {
        calls.incrementAndGet();
        return CompletableFuture.completedFuture(TaskResult.of(Json.parse("{\"Payload\": {\"paid\": true}}")));
    });

    @AfterEach
    void close() {
        engine.close();
    }

    private static TestStateRequest named(
            String stateName, TestStateRequest.Mock mock, TestStateRequest.Configuration configuration, String level) {
        return new TestStateRequest(MACHINE, stateName, INPUT, null, null, mock, configuration, level, false, ROLE);
    }

    private static TestStateRequest.Mock result(String json) {
        return new TestStateRequest.Mock(json, null, null);
    }

    private static TestStateRequest.Mock error(String error, String cause) {
        return new TestStateRequest.Mock(null, new TestStateRequest.ErrorOutput(error, cause), null);
    }

    private static TestStateRequest.Configuration retries(int count) {
        return new TestStateRequest.Configuration(count, null, null, null);
    }

    private static String code(Throwable t) {
        return ((EngineException) t).code();
    }

    @Test
    void aStateNamedInAWholeMachineRunsWithTheMachinesQueryLanguageAndGoesToItsNext() {
        TestStateResult charged = engine.testState(named("Charge", null, TestStateRequest.Configuration.NONE, null));

        assertThat(charged.status()).isEqualTo("SUCCEEDED");
        assertThat(charged.nextState()).isEqualTo("Ship");
        assertThat(charged.output().path("charge")).isEqualTo(Json.parse("{\"paid\": true}"));
        assertThat(calls).hasValue(1); // unmocked: the task's resource was called, once

        // A state nested in the Map's item processor, in the JSONata it declares.
        TestStateResult packed = engine.testState(new TestStateRequest(
                MACHINE,
                "Pack",
                "{\"sku\": \"a\"}",
                null,
                null,
                result("{\"Payload\": \"packed\"}"),
                TestStateRequest.Configuration.NONE,
                "DEBUG",
                false,
                null));
        assertThat(packed.status()).isEqualTo("SUCCEEDED");
        assertThat(packed.output()).isEqualTo(Json.parse("{\"Payload\": \"packed\"}"));
        assertThat(packed.inspectionData().get("afterArguments").asText()).contains("\"FunctionName\":\"pack\"");

        assertThatThrownBy(() -> engine.testState(named("Nope", null, TestStateRequest.Configuration.NONE, null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationException"))
                .hasMessage("State not found in definition");
        assertThat(engine.listStateMachines()).isEmpty();
    }

    @Test
    void aMockedResultAnswersInPlaceOfTheTaskAndGoesThroughItsDataFlow() {
        TestStateResult mocked = engine.testState(named(
                "Charge",
                result("{\"Payload\": {\"paid\": false}," + " \"StatusCode\": 200}"),
                TestStateRequest.Configuration.NONE,
                "DEBUG"));

        assertThat(mocked.status()).isEqualTo("SUCCEEDED");
        assertThat(mocked.output().path("charge")).isEqualTo(Json.parse("{\"paid\": false}"));
        assertThat(Json.parse(mocked.inspectionData().get("afterResultSelector").asText()))
                .isEqualTo(Json.parse("{\"paid\": false}"));
        assertThat(calls).hasValue(0);
    }

    @Test
    void aMockedErrorIsRetriableWhileItsRetryHasAttemptsLeftThenCaughtThenFailed() {
        TestStateResult first =
                engine.testState(named("Charge", error("Lambda.ServiceException", "down"), retries(0), "DEBUG"));
        assertThat(first.status()).isEqualTo("RETRIABLE");
        assertThat(first.error()).isEqualTo("Lambda.ServiceException");
        assertThat(first.cause()).isEqualTo("down");
        assertThat(first.output()).isNull();
        assertThat(first.inspectionData().get("errorDetails"))
                .isEqualTo(Json.parse("{\"retryIndex\": 0, \"retryBackoffIntervalSeconds\": 2}"));

        TestStateResult third =
                engine.testState(named("Charge", error("Lambda.ServiceException", "down"), retries(2), "DEBUG"));
        assertThat(third.status()).isEqualTo("RETRIABLE");
        assertThat(third.inspectionData()
                        .get("errorDetails")
                        .get("retryBackoffIntervalSeconds")
                        .asInt())
                .isEqualTo(8);

        TestStateResult spent =
                engine.testState(named("Charge", error("Lambda.ServiceException", "down"), retries(3), "DEBUG"));
        assertThat(spent.status()).isEqualTo("CAUGHT_ERROR");
        assertThat(spent.nextState()).isEqualTo("Broken");
        assertThat(spent.error()).isEqualTo("Lambda.ServiceException");
        assertThat(spent.output().path("error"))
                .isEqualTo(Json.parse("{\"Error\": \"Lambda.ServiceException\"," + " \"Cause\": \"down\"}"));
        assertThat(spent.inspectionData().get("errorDetails"))
                .isEqualTo(Json.parse("{\"catchIndex\": 1, \"retryIndex\": 0}"));

        TestStateResult declined = engine.testState(
                named("Charge", error("Card.Declined", "no funds"), TestStateRequest.Configuration.NONE, "INFO"));
        assertThat(declined.status()).isEqualTo("CAUGHT_ERROR");
        assertThat(declined.nextState()).isEqualTo("Declined");
        assertThat(declined.inspectionData()).isNull();

        String uncaught = MACHINE.replace(
                "\"ErrorEquals\": [\"States.ALL\"], \"ResultPath\"", "\"ErrorEquals\": [\"X\"], \"ResultPath\"");
        assertThat(uncaught).isNotEqualTo(MACHINE);
        TestStateResult failed = engine.testState(new TestStateRequest(
                uncaught,
                "Charge",
                INPUT,
                null,
                null,
                error("Other", "bad"),
                TestStateRequest.Configuration.NONE,
                null,
                false,
                null));
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.error()).isEqualTo("Other");
        assertThat(failed.nextState()).isNull();
    }

    @Test
    void aMockedMapAppliesItsItemsPathItemSelectorAndToleranceToTheFailedIterationsGiven() {
        TestStateResult shipped = engine.testState(
                named("Ship", result("[1, 2, 3]"), new TestStateRequest.Configuration(null, null, 1, null), "DEBUG"));
        assertThat(shipped.status()).isEqualTo("SUCCEEDED");
        assertThat(shipped.output()).isEqualTo(Json.parse("[1, 2, 3]"));
        assertThat(shipped.nextState()).isEqualTo("Notify");
        var data = shipped.inspectionData();
        assertThat(Json.parse(data.get("afterItemsPath").asText())).isEqualTo(Json.parse("[\"a\", \"b\", \"c\"]"));
        assertThat(Json.parse(data.get("afterItemSelector").asText()).get(2))
                .isEqualTo(Json.parse("{\"sku\": \"c\", \"order\": 7}"));
        assertThat(data.get("maxConcurrency").asInt()).isEqualTo(2);
        assertThat(data.get("toleratedFailureCount").asInt()).isEqualTo(1);

        TestStateResult over = engine.testState(
                named("Ship", result("[1]"), new TestStateRequest.Configuration(null, null, 2, null), null));
        assertThat(over.status()).isEqualTo("CAUGHT_ERROR");
        assertThat(over.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(over.nextState()).isEqualTo("Broken");

        TestStateResult packFailed = engine.testState(named(
                "Ship",
                error("Pack.Failed", "torn"),
                new TestStateRequest.Configuration(null, "Pack", null, null),
                null));
        assertThat(packFailed.status()).isEqualTo("FAILED");
        assertThat(packFailed.error()).isEqualTo("Pack.Failed");
    }

    @Test
    void aMockedParallelTakesOneOutputPerBranch() {
        TestStateResult notified = engine.testState(
                named("Notify", result("[{\"mail\": 1}, {\"text\": 2}]"), TestStateRequest.Configuration.NONE, null));
        assertThat(notified.status()).isEqualTo("SUCCEEDED");
        assertThat(notified.output()).isEqualTo(Json.parse("[{\"mail\": 1}, {\"text\": 2}]"));
        assertThat(notified.nextState()).isEqualTo("Hold");

        assertThatThrownBy(() ->
                        engine.testState(named("Notify", result("[1]"), TestStateRequest.Configuration.NONE, null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationException"))
                .hasMessageContaining("one element per branch");
    }

    @Test
    void aParallelOfAJsonataMachineTestedAloneKeepsItsBranchesInTheMachinesLanguage() {
        String jsonataMachine = """
                {"QueryLanguage": "JSONata", "StartAt": "Fan", "States": {
                  "Fan": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "Say", "States": {"Say": {"Type": "Pass", "Output": "{% 'hi' %}", "End": true}}}]}}}""";
        TestStateResult fanned = engine.testState(new TestStateRequest(
                jsonataMachine,
                "Fan",
                "{}",
                null,
                null,
                result("[\"hi\"]"),
                TestStateRequest.Configuration.NONE,
                null,
                false,
                null));
        assertThat(fanned.status()).isEqualTo("SUCCEEDED");
        assertThat(fanned.output()).isEqualTo(Json.parse("[\"hi\"]"));
    }

    @Test
    void aWaitIsCheckedButNotWaitedAndTheContextGivenReplacesTheEnginesFields() {
        TestStateResult held = engine.testState(named("Hold", null, TestStateRequest.Configuration.NONE, null));
        assertThat(held.status()).isEqualTo("SUCCEEDED");
        assertThat(held.nextState()).isEqualTo("Done");

        String task = json("""
        {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
         'Parameters': {'FunctionName': 'f', 'Payload': {'run.$': '$$.Execution.Name', 'try.$': '$$.State.RetryCount'}},
         'OutputPath': '$.Payload', 'Retry': [{'ErrorEquals': ['X'], 'MaxAttempts': 5}], 'End': true}""");
        TestStateResult contextual = engine.testState(new TestStateRequest(
                task,
                null,
                "{}",
                null,
                "{\"Execution\": {\"Name\": \"order-42\"}}",
                result("{\"Payload\": {\"echo\": true}}"),
                retries(2),
                "DEBUG",
                false,
                null));
        assertThat(contextual.status()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(contextual.inspectionData().get("afterParameters").asText())
                        .get("Payload"))
                .isEqualTo(Json.parse("{\"run\": \"order-42\", \"try\": 2}"));
    }

    @Test
    void theStatesThatNeedAMockAndThoseThatTakeNoneAreRefusedInAwsWords() {
        assertThatThrownBy(() -> engine.testState(named("Ship", null, TestStateRequest.Configuration.NONE, null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidDefinition"))
                .hasMessage(
                        "TestState API does not support Map or Parallel states. Supported state types include: [Task,"
                                + " Wait, Pass, Succeed, Fail, Choice]");
        assertThatThrownBy(
                        () -> engine.testState(named("Done", result("{}"), TestStateRequest.Configuration.NONE, null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationException"))
                .hasMessage("State type 'Succeed' is not supported when a mock is specified");
        assertThatThrownBy(() -> engine.testState(named(
                        "Charge",
                        new TestStateRequest.Mock("{}", new TestStateRequest.ErrorOutput("E", "C"), null),
                        TestStateRequest.Configuration.NONE,
                        null)))
                .hasMessage("A test mock should have only one of the following fields: [result, errorOutput].");
        assertThatThrownBy(() -> engine.testState(new TestStateRequest(
                        MACHINE,
                        "Charge",
                        INPUT,
                        null,
                        null,
                        result("{}"),
                        TestStateRequest.Configuration.NONE,
                        null,
                        true,
                        null)))
                .hasMessage("TestState does not support RevealSecrets when a mock is specified.");
        assertThatThrownBy(() -> engine.testState(
                        named("Ship", result("{\"not\": \"an array\"}"), TestStateRequest.Configuration.NONE, null)))
                .hasMessage("Mocked result must be an array.");
        assertThatThrownBy(() -> engine.testState(new TestStateRequest(
                        MACHINE,
                        "Charge",
                        INPUT,
                        null,
                        null,
                        null,
                        TestStateRequest.Configuration.NONE,
                        null,
                        false,
                        null)))
                .hasMessage("RoleArn must be specified when testing a Task state");
        assertThatThrownBy(() -> engine.testState(new TestStateRequest(
                        MACHINE,
                        "Hold",
                        INPUT,
                        null,
                        "{}",
                        null,
                        TestStateRequest.Configuration.NONE,
                        null,
                        false,
                        null)))
                .hasMessageContaining("'context'");
        String callback = json("""
        {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke.waitForTaskToken',
         'Parameters': {'FunctionName': 'f', 'Payload': {'token.$': '$$.Task.Token'}}, 'End': true}""");
        assertThatThrownBy(() -> engine.testState(TestStateRequest.of(callback, "{}", ROLE)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidDefinition"))
                .hasMessageContaining("'.waitForTaskToken'");
        TestStateResult answered = engine.testState(new TestStateRequest(
                callback,
                null,
                "{}",
                null,
                null,
                result("{\"approved\": true}"),
                TestStateRequest.Configuration.NONE,
                null,
                false,
                null));
        assertThat(answered.output()).isEqualTo(Json.parse("{\"approved\": true}"));
        assertThatThrownBy(() -> engine.testState(named(
                        "Ship",
                        error("E", "C"),
                        new TestStateRequest.Configuration(null, "Elsewhere", null, null),
                        null)))
                .hasMessageContaining("'Elsewhere'");
    }

    @Test
    void aMockedServiceResultIsCheckedAgainstTheServicesOutputModel() {
        String getItem = json("""
        {'Type': 'Task', 'Resource': 'arn:aws:states:::dynamodb:getItem',
         'Parameters': {'TableName': 't', 'Key': {'id': {'S': '1'}}}, 'End': true}""");
        TestStateRequest.Mock wrongType = new TestStateRequest.Mock("{\"Item\": [1]}", null, null);
        assertThatThrownBy(() -> engine.testState(new TestStateRequest(
                        getItem,
                        null,
                        "{}",
                        null,
                        null,
                        wrongType,
                        TestStateRequest.Configuration.NONE,
                        null,
                        false,
                        null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationException"))
                .hasMessage("Mock result schema validation error: Field 'Item' must be an object");
        TestStateRequest.Mock nestedWrong =
                new TestStateRequest.Mock("{\"Item\": {\"id\": {\"S\": 1}}}", null, "PRESENT");
        assertThatThrownBy(() -> engine.testState(new TestStateRequest(
                        getItem,
                        null,
                        "{}",
                        null,
                        null,
                        nestedWrong,
                        TestStateRequest.Configuration.NONE,
                        null,
                        false,
                        null)))
                .hasMessage("Mock result schema validation error: Field 'S' must be a string");
        TestStateRequest.Mock unchecked = new TestStateRequest.Mock("{\"Item\": [1]}", null, "NONE");
        assertThat(engine.testState(new TestStateRequest(
                                getItem,
                                null,
                                "{}",
                                null,
                                null,
                                unchecked,
                                TestStateRequest.Configuration.NONE,
                                null,
                                false,
                                null))
                        .status())
                .isEqualTo("SUCCEEDED");

        String invoke = json("""
        {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Parameters': {'FunctionName': 'f'},
         'End': true}""");
        assertThatThrownBy(() -> engine.testState(new TestStateRequest(
                        invoke,
                        null,
                        "{}",
                        null,
                        null,
                        new TestStateRequest.Mock("{\"StatusCode\": \"200\"}", null, null),
                        TestStateRequest.Configuration.NONE,
                        null,
                        false,
                        null)))
                .hasMessage("Mock result schema validation error: Field 'StatusCode' must be a number");
    }
}
