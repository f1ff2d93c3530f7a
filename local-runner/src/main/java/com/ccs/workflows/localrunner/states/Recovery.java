package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.definition.Catcher;
import com.ccs.workflows.localrunner.definition.Retrier;
import com.ccs.workflows.localrunner.errors.Retries;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.jsonata.JsonataEvaluator;
import com.ccs.workflows.localrunner.paths.PayloadTemplate;
import com.ccs.workflows.localrunner.paths.ResultPaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Applies Retry and Catch around the work of a Task, Parallel or Map state. Under TestState the work runs once:
 * an error its Retry would retry is reported as such (with the backoff the next retry would wait), one past its
 * retries goes to the Catch.
 */
final class Recovery {
    private Recovery() {}

    static StepResult run(StateRun run, List<Retrier> retriers, List<Catcher> catchers, Supplier<StepResult> work) {
        StateUnderTest test = run.runtime().underTest();
        if (test != null && test.covers(run)) {
            return once(run, test, retriers, catchers, work);
        }
        int[] attempts = new int[retriers.size()];
        while (true) {
            try {
                return work.get();
            } catch (StatesFailure raw) {
                StatesFailure failure = run.locate(raw);
                int r = Retries.matchingRetrier(retriers, failure);
                if (r >= 0 && attempts[r] < retriers.get(r).maxAttempts()) {
                    Duration delay = Retries.delay(
                            retriers.get(r),
                            attempts[r],
                            () -> ThreadLocalRandom.current().nextDouble());
                    attempts[r]++;
                    run.retried();
                    sleep(run, delay);
                    continue;
                }
                Catcher catcher = Retries.matchingCatcher(catchers, failure);
                if (catcher == null) {
                    throw failure;
                }
                return caught(run, catcher, failure);
            }
        }
    }

    private static StepResult once(
            StateRun run,
            StateUnderTest test,
            List<Retrier> retriers,
            List<Catcher> catchers,
            Supplier<StepResult> work) {
        try {
            return work.get();
        } catch (StatesFailure raw) {
            StatesFailure failure = run.locate(raw);
            int r = Retries.matchingRetrier(retriers, failure);
            int retries = test.situation().retrierRetryCount();
            if (r >= 0 && retries < retriers.get(r).maxAttempts()) {
                // The next retry's wait; with JitterStrategy FULL, the most it could be.
                long backoff =
                        Retries.delay(retriers.get(r), retries, () -> 1.0).toSeconds();
                test.handled(
                        new StateUnderTest.Handling(failure.error(), failure.cause(), true, r, (int) backoff, null));
                throw failure;
            }
            Integer retryIndex = r >= 0 ? r : null;
            Catcher catcher = Retries.matchingCatcher(catchers, failure);
            Integer catchIndex = catcher == null ? null : catchers.indexOf(catcher);
            test.handled(
                    new StateUnderTest.Handling(failure.error(), failure.cause(), false, retryIndex, null, catchIndex));
            if (catcher == null) {
                throw failure;
            }
            return caught(run, catcher, failure);
        }
    }

    private static StepResult caught(StateRun run, Catcher catcher, StatesFailure failure) {
        ObjectNode errorOutput = Json.object();
        errorOutput.put("Error", failure.error()); // null stays null: a callback may fail without an error name
        errorOutput.put("Cause", failure.cause());
        if (run.state().common().jsonata()) {
            var scope = run.jsonata(null, errorOutput);
            Map<String, JsonNode> assigned = DataFlow.assign(catcher.assign(), scope);
            JsonNode out = catcher.output() == null
                    ? errorOutput
                    : JsonataEvaluator.template(catcher.output(), scope, "Output");
            DataFlow.assignAll(run, assigned);
            return new StepResult(out, catcher.next(), assigned);
        }
        Map<String, JsonNode> assigned = new LinkedHashMap<>();
        if (catcher.assign() != null) {
            PayloadTemplate.evaluate(catcher.assign(), run.bindings(errorOutput))
                    .properties()
                    .forEach(e -> assigned.put(e.getKey(), e.getValue()));
        }
        JsonNode out = ResultPaths.merge(run.input(), errorOutput, catcher.resultPath());
        DataFlow.assignAll(run, assigned);
        return new StepResult(out, catcher.next(), assigned);
    }

    private static void sleep(StateRun run, Duration delay) {
        Waits.sleep(run, run.runtime().clock().now().plus(delay));
    }
}
