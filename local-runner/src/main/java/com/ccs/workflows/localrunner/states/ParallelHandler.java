package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.definition.ParallelState;
import com.ccs.workflows.localrunner.definition.Program;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Parallel: every branch gets the same input, concurrently; the first failing branch fails the state. Redriven,
 * it runs again only the branches that did not succeed, each from where it stood.
 */
final class ParallelHandler {
    private ParallelHandler() {}

    static StepResult execute(ParallelState state, StateRun run) {
        return Recovery.run(run, state.retry(), state.catchers(), () -> attempt(state, run));
    }

    private static StepResult attempt(ParallelState state, StateRun run) {
        JsonNode input = DataFlow.payload(run, DataFlow.effectiveInput(run));
        StateUnderTest.Mock mock = run.runtime().underTest() == null
                ? null
                : run.runtime().underTest().mockFor(run);
        if (mock != null) { // TestState: the branches' outputs (or their failure) are given
            if (mock.fails()) {
                throw new StatesFailure(mock.error(), mock.cause());
            }
            return DataFlow.finish(
                    run, mock.result(), mock.result(), state.common().next());
        }
        var cursor = run.frame().cursor();
        cursor.append("ParallelStateStarted");
        Cancellation group = run.frame().cancellation().child();
        int count = state.branches().size();
        List<Checkpoint> before = run.takeResumedLines();
        List<Checkpoint> lines = run.frame().checkpoint().fork(count);
        List<Supplier<JsonNode>> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Program branch = state.branches().get(i);
            Checkpoint line = lines.get(i);
            Checkpoint previous = before == null || before.size() != count ? null : before.get(i);
            if (previous != null && previous.hasSucceeded()) {
                // A redrive runs only the branches that did not succeed; the others keep their output.
                JsonNode kept = previous.output();
                line.succeeded(kept);
                jobs.add(() -> kept);
            } else {
                jobs.add(() -> Interpreter.resume(branch, input, run.frame().fork(group, line), previous));
            }
        }
        List<Fanout.Outcome> outcomes = Fanout.run(
                jobs, 0, group, run.runtime().executor(), run.runtime().clock(), failures -> true);
        run.checkCancelled();
        StatesFailure failure = Fanout.firstFailure(outcomes);
        if (failure != null) {
            cursor.append("ParallelStateFailed");
            throw failure;
        }
        ArrayNode results = Json.array();
        outcomes.forEach(o -> results.add(o.output()));
        cursor.append("ParallelStateSucceeded");
        return DataFlow.finish(run, results, results, state.common().next());
    }
}
