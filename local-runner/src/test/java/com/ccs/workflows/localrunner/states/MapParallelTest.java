package com.ccs.workflows.localrunner.states;

import static com.ccs.workflows.localrunner.testing.TestEngines.engine;
import static com.ccs.workflows.localrunner.testing.TestEngines.json;
import static com.ccs.workflows.localrunner.testing.TestEngines.run;
import static com.ccs.workflows.localrunner.testing.TestEngines.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MapParallelTest {

    @Test
    void parallelRunsEveryBranchOnTheSameInputAndKeepsBranchOrder() {
        var execution = run(json("""
        {'StartAt': 'P', 'States': {'P': {'Type': 'Parallel', 'End': true, 'Branches': [
          {'StartAt': 'Slow', 'States': {'Slow': {'Type': 'Wait', 'Seconds': 30, 'Next': 'A'},
                                         'A': {'Type': 'Pass', 'Result': 'a', 'End': true}}},
          {'StartAt': 'B', 'States': {'B': {'Type': 'Pass', 'InputPath': '$.v', 'End': true}}}]}}}
        """), "{\"v\": 1}");
        assertThat(execution.output()).isEqualTo(Json.parse("[\"a\", 1]"));
        assertThat(types(execution)).contains("ParallelStateStarted", "ParallelStateSucceeded");
    }

    @Test
    void aFailingBranchFailsTheParallelWithItsOwnErrorAndStopsTheOthers() {
        var execution = run(json("""
        {'StartAt': 'P', 'States': {'P': {'Type': 'Parallel', 'End': true, 'Branches': [
          {'StartAt': 'Long', 'States': {'Long': {'Type': 'Wait', 'Seconds': 3600, 'Next': 'Never'},
                                         'Never': {'Type': 'Pass', 'End': true}}},
          {'StartAt': 'F', 'States': {'F': {'Type': 'Fail', 'Error': 'BranchBroke', 'Cause': 'no'}}}]}}}
        """), "{}");
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("BranchBroke");
        assertThat(types(execution)).contains("ParallelStateFailed").doesNotContain("PassStateEntered");
    }

    @Test
    void mapSelectsItemsWithContextAndRespectsMaxConcurrency() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        try (var engine = engine(request -> CompletableFuture.supplyAsync(() -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return TaskResult.of(request.payload().get("value"));
        }))) {
            var execution = run(engine, json("""
          {'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemsPath': '$.items', 'MaxConcurrency': 2,
            'ItemSelector': {'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'tag.$': '$.tag'},
            'ItemProcessor': {'StartAt': 'T', 'States': {
              'T': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'End': true}}},
            'End': true}}}
          """), "{\"items\": [10, 20, 30, 40, 50], \"tag\": \"t\"}");
            assertThat(execution.output()).isEqualTo(Json.parse("[10, 20, 30, 40, 50]"));
            assertThat(peak.get()).isBetween(1, 2);
            assertThat(types(execution).stream().filter("MapIterationSucceeded"::equals))
                    .hasSize(5);
        }
    }

    @Test
    void iterationsQueuedBehindMaxConcurrencyDoNotHoldTheVirtualClockStill() {
        var execution = run(json("""
        {'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'MaxConcurrency': 1, 'ItemProcessor': {
          'StartAt': 'W', 'States': {'W': {'Type': 'Wait', 'Seconds': 60, 'Next': 'T'},
            'T': {'Type': 'Pass', 'Parameters': {'at.$': '$$.State.EnteredTime'}, 'End': true}}},
          'End': true}}}
        """), "[1, 2, 3]");
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // One at a time: the iterations' waits follow each other on the timeline.
        assertThat(execution.output().findValuesAsText("at"))
                .containsExactlyInAnyOrder(
                        "2025-01-01T00:01:00.000Z", "2025-01-01T00:02:00.000Z", "2025-01-01T00:03:00.000Z");
    }

    @Test
    void toleratedFailuresLetTheMapSucceedUntilTheThresholdIsExceeded() {
        String definition = json("""
        {'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ToleratedFailureCountPath': '$.tolerated',
          'ItemsPath': '$.items', 'ItemProcessor': {'StartAt': 'C', 'States': {
            'C': {'Type': 'Choice', 'Choices': [{'Variable': '$', 'NumericGreaterThan': 1, 'Next': 'Bad'}],
                  'Default': 'Good'},
            'Bad': {'Type': 'Fail', 'Error': 'TooBig', 'Cause': 'big'},
            'Good': {'Type': 'Succeed'}}}, 'End': true}}}
        """);
        var tolerated = run(definition, "{\"items\": [1, 2, 3], \"tolerated\": 2}");
        assertThat(tolerated.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tolerated.output().get(0)).isEqualTo(Json.NODES.numberNode(1));
        assertThat(tolerated.output().get(1).get("Error").asText()).isEqualTo("TooBig");

        var exceeded = run(definition, "{\"items\": [1, 2, 3], \"tolerated\": 1}");
        assertThat(exceeded.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(exceeded.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void mapIterationsSeeOuterVariablesButTheirAssignmentsStayInside() {
        var execution = run("""
        {"StartAt": "Set", "States": {
          "Set": {"Type": "Pass", "Assign": {"factor": 10}, "Next": "M"},
          "M": {"Type": "Map", "ItemProcessor": {"StartAt": "Mul", "States": {
            "Mul": {"Type": "Pass", "Assign": {"factor": 0},
                    "Parameters": {"v.$": "States.MathAdd($, $factor)"}, "End": true}}},
            "Next": "After"},
          "After": {"Type": "Pass", "Parameters": {"results.$": "$", "factor.$": "$factor"}, "End": true}}}
        """, "[1, 2]");
        assertThat(execution.output()).isEqualTo(Json.parse("{\"results\":[{\"v\":11},{\"v\":12}],\"factor\":10}"));
    }
}
