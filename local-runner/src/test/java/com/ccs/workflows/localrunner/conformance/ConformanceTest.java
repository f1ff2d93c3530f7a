package com.ccs.workflows.localrunner.conformance;

import com.ccs.workflows.localrunner.conformance.ConformanceSuite.Result;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays every {@code pure} and {@code stubbable} execution recorded against AWS (../shared/conformance) through
 * the engine in-process, stubbable Tasks answered through the mock configuration, under a virtual clock.
 * Prints pass rates by folder and category and every failure with its reason, and holds the pass rate above a
 * floor so that a regression fails the build.
 */
class ConformanceTest {
    /** Floors: the pass rates reached so far (rounded down). Raise them as the engine improves. */
    private static final double PURE_FLOOR = 1.0;

    private static final double STUBBABLE_FLOOR = 1.0;

    @Test
    void recordedAwsExecutionsReplayFaithfully() {
        List<Result> results = new ArrayList<>();
        for (ConformanceCase c : ConformanceSuite.cases()) {
            Result result;
            try {
                result = run(CaseRun.of(c));
            } catch (RuntimeException | AssertionError e) {
                result = new Result(c, "crashed: " + e, null);
            }
            results.add(result);
        }
        ConformanceSuite.report("Conformance against recorded AWS executions", results, true);
        ConformanceSuite.holdFloors(results, PURE_FLOOR, STUBBABLE_FLOOR, "");
    }

    private static Result run(CaseRun run) {
        ConformanceCase c = run.c();
        try (Engine engine = new Engine(run.config())) {
            var machine = engine.createStateMachine(
                    run.machineName(),
                    c.definition(),
                    run.express() ? StateMachineType.EXPRESS : StateMachineType.STANDARD,
                    "arn:aws:iam::123456789012:role/conformance");
            Execution execution = engine.startExecution(run.target(machine.arn()), "exec", run.input());
            if (run.stoppedFromOutside()) {
                awaitEntered(execution, run.enteredBeforeStop());
                engine.stopExecution(execution.arn(), null, null);
            }
            execution = engine.await(execution.arn(), CaseRun.TIMEOUT);
            if (execution.status() == ExecutionStatus.RUNNING) {
                engine.stopExecution(execution.arn(), null, null);
                return new Result(c, run.didNotEnd(entered(execution)), null);
            }
            writeHistory(c, execution);
            var ending = new CaseRun.Ending(
                    execution.status().name(), execution.output(), execution.error(), execution.cause());
            return new Result(c, run.compare(ending, entered(execution)), historyDifference(c, execution));
        }
    }

    private static void awaitEntered(Execution execution, int count) {
        long until = System.nanoTime() + CaseRun.TIMEOUT.toNanos();
        while (entered(execution).size() < count && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static List<String> entered(Execution execution) {
        List<String> names = new ArrayList<>();
        for (HistoryEvent e : execution.history()) {
            if (e.type().endsWith("StateEntered")) {
                names.add(e.details().get("name").asText());
            }
        }
        return names;
    }

    /** Keeps each actual history under target/conformance-histories/ for comparing with the recording by eye. */
    private static void writeHistory(ConformanceCase c, Execution execution) {
        var events = Json.array();
        for (HistoryEvent e : execution.history()) {
            var node = events.addObject()
                    .put("id", e.id())
                    .put("previousEventId", e.previousEventId())
                    .put("type", e.type());
            if (e.detailsKey() != null) {
                node.set(e.detailsKey(), e.details());
            }
        }
        try {
            Path dir = Path.of("target", "conformance-histories");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(c.name() + ".json"), events.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Event types in order, for sequential histories (concurrent branches interleave freely). */
    private static String historyDifference(ConformanceCase c, Execution execution) {
        if (c.history() == null || !c.expected().path("order_sensitive").asBoolean(true)) {
            return null;
        }
        List<String> wanted = new ArrayList<>();
        c.history().forEach(e -> wanted.add(e.get("type").asText()));
        List<String> actual =
                execution.history().stream().map(HistoryEvent::type).toList();
        return wanted.equals(actual) ? null : "history: expected " + wanted + "\n        was      " + actual;
    }
}
