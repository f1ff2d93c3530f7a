package com.ccs.workflows.localrunner.states;

import static com.ccs.workflows.localrunner.testing.TestEngines.engine;
import static com.ccs.workflows.localrunner.testing.TestEngines.json;
import static com.ccs.workflows.localrunner.testing.TestEngines.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import com.ccs.workflows.localrunner.testing.TestEngines;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** HeartbeatSecondsPath/TimeoutSecondsPath, Map's tolerated failures (and their paths), the legacy Iterator. */
class TaskAndMapOptionsTest {
    private static final String CALLBACK = json("""
      {'StartAt': 'Ask', 'States': {'Ask': {'Type': 'Task',
        'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        'HeartbeatSecondsPath': '$.hb', 'TimeoutSecondsPath': '$.to',
        'Parameters': {'QueueUrl': 'q', 'MessageBody.$': '$$.Task.Token'}, 'End': true}}}
      """);

    @Test
    void heartbeatAndTimeoutSecondsComeFromTheInputThroughTheirPaths() {
        VirtualClock clock = new VirtualClock(TestEngines.START, Duration.ofMillis(20));
        try (var engine = engine(r -> CompletableFuture.completedFuture(TaskResult.of(Json.object())), clock)) {
            Execution execution = run(engine, CALLBACK, "{\"hb\": 30, \"to\": 600}");

            var scheduled = execution.history().stream()
                    .filter(e -> e.type().equals("TaskScheduled"))
                    .findFirst()
                    .orElseThrow()
                    .details();
            assertThat(scheduled.get("heartbeatInSeconds").asInt()).isEqualTo(30);
            assertThat(scheduled.get("timeoutInSeconds").asInt()).isEqualTo(600);
            assertThat(execution.error()).isEqualTo("States.Timeout");
            assertThat(clock.now()).isEqualTo(TestEngines.START.plusSeconds(30)); // the heartbeat's deadline
        }
    }

    @Test
    void heartbeatSecondsPathMustReferenceAPositiveInteger() {
        try (var engine = engine(r -> CompletableFuture.completedFuture(TaskResult.of(Json.object())))) {
            Execution zero = run(engine, CALLBACK, "{\"hb\": 0, \"to\": 600}");
            assertThat(zero.error()).isEqualTo("States.Runtime");
            assertThat(zero.cause())
                    .endsWith("The HeartbeatSecondsPath parameter must be a positive integer: $.hb == 0");
            Execution missing = run(engine, CALLBACK, "{\"to\": 600}");
            assertThat(missing.cause())
                    .endsWith("The HeartbeatSecondsPath parameter does not reference an input value:" + " $.hb");
        }
    }

    private static String map(String tolerance) {
        return json("""
        {'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemsPath': '$.items', %s
          'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED', 'ExecutionType': 'STANDARD'},
            'StartAt': 'Check', 'States': {
              'Check': {'Type': 'Choice', 'Choices': [{'Variable': '$.ok', 'BooleanEquals': false, 'Next': 'Bad'}],
                        'Default': 'Good'},
              'Good': {'Type': 'Pass', 'Result': 'done', 'End': true},
              'Bad': {'Type': 'Fail', 'Error': 'Item.Bad', 'Cause': 'bad item'}}},
          'End': true}}}
        """.formatted(tolerance));
    }

    private static String items(boolean... ok) {
        StringBuilder out = new StringBuilder("{\"pct\": 50, \"count\": 1, \"items\": [");
        for (int i = 0; i < ok.length; i++) {
            out.append(i == 0 ? "" : ",").append("{\"ok\": ").append(ok[i]).append('}');
        }
        return out.append("]}").toString();
    }

    @Test
    void failuresUpToTheToleratedPercentageLetTheMapSucceedWithTheFailedItemsAsErrors() {
        try (var engine = engine()) {
            Execution half = run(engine, map("'ToleratedFailurePercentage': 50,"), items(true, false, true, false));
            assertThat(half.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(half.output().get(0)).isEqualTo(Json.text("done"));
            assertThat(half.output().get(1).path("Error").asText()).isEqualTo("Item.Bad");

            Execution over = run(engine, map("'ToleratedFailurePercentage': 50,"), items(true, false, false, false));
            assertThat(over.error()).isEqualTo("States.ExceedToleratedFailureThreshold");

            Execution byPath =
                    run(engine, map("'ToleratedFailurePercentagePath': '$.pct',"), items(false, true, false, true));
            assertThat(byPath.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            Execution overByPath =
                    run(engine, map("'ToleratedFailurePercentagePath': '$.pct',"), items(false, false, false, true));
            assertThat(overByPath.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        }
    }

    @Test
    void toleratedFailureCountAndItsPathAndTheirValidation() {
        try (var engine = engine()) {
            assertThat(run(engine, map("'ToleratedFailureCount': 1,"), items(true, false, true))
                            .status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(run(engine, map("'ToleratedFailureCountPath': '$.count',"), items(false, false, true))
                            .error())
                    .isEqualTo("States.ExceedToleratedFailureThreshold");
            // Without a tolerance the first failure fails the Map with its own error.
            assertThat(run(engine, map(""), items(true, false)).error()).isEqualTo("Item.Bad");
            Execution invalid = run(engine, map("'ToleratedFailurePercentagePath': '$.items',"), items(true));
            assertThat(invalid.error()).isEqualTo("States.Runtime");
            assertThat(invalid.cause())
                    .contains("ToleratedFailurePercentagePath field refers to value")
                    .contains("which is not a valid float: $.items");
        }
    }

    @Test
    void theLegacyIteratorAndParametersFieldsRunLikeItemProcessorAndItemSelector() {
        Execution execution = run("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.letters",
          "Parameters": {"letter.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "tag.$": "$.tag"},
          "Iterator": {"StartAt": "Upper", "States": {"Upper": {"Type": "Pass",
            "Parameters": {"v.$": "States.Format('{}-{}', $.tag, $.letter)", "i.$": "$.index"}, "End": true}}},
          "End": true}}}
        """, "{\"letters\": [\"a\", \"b\"], \"tag\": \"x\"}");

        assertThat(execution.status()).as(execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.output())
                .isEqualTo(Json.parse("[{\"v\": \"x-a\", \"i\": 0}, {\"v\": \"x-b\", \"i\": 1}]"));
    }
}
