package com.ccs.workflows.localrunner.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineConfig;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockConfigTest {
    private static final MockConfig CONFIG = MockConfig.parse(Json.parse("""
      {"StateMachines": {"Orders": {"TestCases": {"RetryPath": {"Charge": "FailTwiceThenPay"}}}},
       "MockedResponses": {"FailTwiceThenPay": {
         "0-1": {"Throw": {"Error": "Payment.Declined", "Cause": "card declined"}},
         "2": {"Return": {"status": "paid"}}}}}
      """));

    private static TaskRequest request(String state, String testCase, int invocation) {
        return new TaskRequest(
                ResourceArn.parse("arn:aws:states:::lambda:invoke"),
                Json.object(),
                state,
                "Orders",
                "arn:exec",
                null,
                testCase,
                invocation,
                null);
    }

    @Test
    void answersByInvocationRangeAndRepeatsTheLastAnswer() {
        assertThat(CONFIG.answer("Orders", "RetryPath", "Charge", 0).error()).isEqualTo("Payment.Declined");
        assertThat(CONFIG.answer("Orders", "RetryPath", "Charge", 1).cause()).isEqualTo("card declined");
        assertThat(CONFIG.answer("Orders", "RetryPath", "Charge", 2).returned())
                .isEqualTo(Json.parse("{\"status\":\"paid\"}"));
        assertThat(CONFIG.answer("Orders", "RetryPath", "Charge", 7).returned())
                .isEqualTo(Json.parse("{\"status\":\"paid\"}"));
        assertThat(CONFIG.answer("Orders", "RetryPath", "Other", 0)).isNull();
        assertThat(CONFIG.answer("Orders", "HappyPath", "Charge", 0)).isNull();
    }

    @Test
    void theInvokerThrowsOrReturnsMocksAndSendsTheRestToTheFallback() throws Exception {
        TaskInvoker fallback = r -> CompletableFuture.completedFuture(TaskResult.of(Json.text("real")));
        MockTaskInvoker invoker = new MockTaskInvoker(CONFIG, fallback);
        Throwable thrown = catchThrowable(
                () -> invoker.invoke(request("Charge", "RetryPath", 0)).get());
        assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(StatesFailure.class);
        assertThat(((StatesFailure) thrown.getCause()).error()).isEqualTo("Payment.Declined");
        TaskResult paid = invoker.invoke(request("Charge", "RetryPath", 2)).get();
        assertThat(paid.output()).isEqualTo(Json.parse("{\"status\":\"paid\"}"));
        assertThat(paid.completesCallback()).isTrue();
        assertThat(invoker.invoke(request("Charge", null, 0)).get().output()).isEqualTo(Json.text("real"));
        assertThat(invoker.invoke(request("Ship", "RetryPath", 0)).get().output())
                .isEqualTo(Json.text("real"));
    }

    @Test
    void anExecutionStartedWithATestCaseRunsOnMockedAnswersIncludingRetries(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mocks.json");
        Files.writeString(file, """
        {"StateMachines": {"Orders": {"TestCases": {"RetryPath": {"Charge": "FailTwiceThenPay"}}}},
         "MockedResponses": {"FailTwiceThenPay": {
           "0-1": {"Throw": {"Error": "Payment.Declined", "Cause": "card declined"}},
           "2": {"Return": {"status": "paid"}}}}}
        """);
        MockConfig mocks = MockConfig.fromEnvironment(Map.of("SFN_MOCK_CONFIG", file.toString()))
                .orElseThrow();
        assertThat(MockConfig.fromEnvironment(Map.of())).isEmpty();
        EngineConfig config = EngineConfig.defaults()
                .withClock(new VirtualClock(Instant.parse("2025-01-01T00:00:00Z"), Duration.ofMillis(20)))
                .withMocks(mocks);
        try (Engine engine = new Engine(config)) {
            var machine = engine.createStateMachine("Orders", """
          {"StartAt": "Charge", "States": {"Charge": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "End": true,
            "Retry": [{"ErrorEquals": ["Payment.Declined"], "MaxAttempts": 2}]}}}
          """, StateMachineType.STANDARD, "arn:role");
            var execution = engine.startExecution(machine.arn() + "#RetryPath", null, "{}");
            execution = engine.await(execution.arn(), Duration.ofSeconds(10));
            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(execution.output()).isEqualTo(Json.parse("{\"status\":\"paid\"}"));
        }
    }

    @Test
    void resourceArnsAreClassifiedAsStepFunctionsDispatchesThem() {
        ResourceArn sync = ResourceArn.parse("arn:aws:states:::states:startExecution.sync:2");
        assertThat(sync.kind()).isEqualTo(ResourceArn.Kind.SERVICE);
        assertThat(sync.resourceType()).isEqualTo("states");
        assertThat(sync.resourceName()).isEqualTo("startExecution.sync:2");
        ResourceArn sdk = ResourceArn.parse("arn:aws:states:::aws-sdk:s3:getObject");
        assertThat(sdk.service()).isEqualTo("aws-sdk:s3");
        assertThat(sdk.action()).isEqualTo("getObject");
        assertThat(ResourceArn.parse("arn:aws:states:::sqs:sendMessage.waitForTaskToken")
                        .pattern())
                .isEqualTo(ResourceArn.Pattern.WAIT_FOR_TASK_TOKEN);
        assertThat(ResourceArn.parse("arn:aws:lambda:us-east-1:1:function:f:live")
                        .kind())
                .isEqualTo(ResourceArn.Kind.LAMBDA_FUNCTION);
        assertThat(ResourceArn.parse("arn:aws:states:us-east-1:1:activity:a").kind())
                .isEqualTo(ResourceArn.Kind.ACTIVITY);
    }

    @Test
    void routingPicksTheFirstMatchingPatternAndExplainsWhenNoneMatches() throws Exception {
        RoutingTaskInvoker routing = new RoutingTaskInvoker()
                .route(
                        "arn:aws:states:::dynamodb:*",
                        r -> CompletableFuture.completedFuture(TaskResult.of(Json.text("ddb"))))
                .route("arn:aws:lambda:*", r -> CompletableFuture.completedFuture(TaskResult.of(Json.text("fn"))));
        TaskRequest ddb = new TaskRequest(
                ResourceArn.parse("arn:aws:states:::dynamodb:putItem"),
                Json.object(),
                "S",
                "M",
                "e",
                null,
                null,
                0,
                null);
        assertThat(routing.invoke(ddb).get().output()).isEqualTo(Json.text("ddb"));
        TaskRequest sns = new TaskRequest(
                ResourceArn.parse("arn:aws:states:::sns:publish"), Json.object(), "S", "M", "e", null, null, 0, null);
        Throwable none = catchThrowable(() -> routing.invoke(sns).get());
        assertThat(none.getCause())
                .hasMessageContaining(
                        "No integration is configured for the resource" + " 'arn:aws:states:::sns:publish'");
    }
}
