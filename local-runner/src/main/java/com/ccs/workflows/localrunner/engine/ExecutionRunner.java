package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.clock.Clock;
import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.history.ExecutionHistory;
import com.ccs.workflows.localrunner.history.HistoryCursor;
import com.ccs.workflows.localrunner.history.HistoryMemory;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.paths.ContextObject;
import com.ccs.workflows.localrunner.states.Cancellation;
import com.ccs.workflows.localrunner.states.Checkpoint;
import com.ccs.workflows.localrunner.states.ExecutionRuntime;
import com.ccs.workflows.localrunner.states.ExecutionStopped;
import com.ccs.workflows.localrunner.states.Frame;
import com.ccs.workflows.localrunner.states.Interpreter;
import com.ccs.workflows.localrunner.states.StateUnderTest;
import com.ccs.workflows.localrunner.states.Variables;
import com.ccs.workflows.localrunner.tasks.NestedExecutions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one attempt of an execution to its final event: the first one from ExecutionStarted, a redriven one from
 * ExecutionRedriven on, resuming where the attempt before it stood.
 */
final class ExecutionRunner implements Runnable {
    /** A STANDARD execution stays open for at most one year from its start, redrives included. */
    static final Duration MAX_STANDARD = Duration.ofDays(365);

    /**
     * What every attempt of one execution shares.
     *
     * @param invocations the calls of each Task state so far (mocks count them across redrives)
     */
    private record Setup(
            EngineConfig config,
            StateMachine machine,
            Execution execution,
            String testCase,
            ExecutorService executor,
            NestedExecutions executions,
            StateUnderTest underTest,
            Map<String, AtomicInteger> invocations) {}

    private final Setup setup;
    private final Execution execution;
    private final ExecutionHistory history;
    private final Clock clock;
    private final ExecutionRuntime runtime;
    private final Cancellation cancellation = Cancellation.root();
    private final CompletableFuture<Execution> done = new CompletableFuture<>();
    private final Checkpoint checkpoint = new Checkpoint();
    /** Variables defined before the first state (TestState's); a redrive restores its own instead. */
    private final Map<String, JsonNode> variables;
    /** Where the attempt before this one stood, null for the first attempt. */
    private final Checkpoint resumeFrom;
    /** What the attempt's first event follows: 0 (AWS does not chain it to ExecutionStarted) or ExecutionRedriven. */
    private final long firstPrevious;

    /**
     * The first attempt of a new execution.
     *
     * @param variables variables defined before the first state (TestState's), empty for an execution
     * @param underTest the state TestState runs (its mock, what it reports), null for an execution
     * @param memory the engine's bound on what histories retain
     */
    ExecutionRunner(
            EngineConfig config,
            StateMachine machine,
            String arn,
            String name,
            JsonNode input,
            String testCase,
            ExecutorService executor,
            NestedExecutions executions,
            Map<String, JsonNode> variables,
            StateUnderTest underTest,
            HistoryMemory memory) {
        this(
                new Setup(
                        config,
                        machine,
                        new Execution(
                                arn,
                                name,
                                machine.arn(),
                                machine.type(),
                                input,
                                config.clock().now(),
                                new ExecutionHistory(config.clock(), memory)),
                        testCase,
                        executor,
                        executions,
                        underTest,
                        new ConcurrentHashMap<>()),
                variables,
                null,
                0);
        execution.attempt(this);
    }

    private ExecutionRunner(Setup setup, Map<String, JsonNode> variables, Checkpoint resumeFrom, long firstPrevious) {
        this.setup = setup;
        this.execution = setup.execution();
        this.history = execution.historyLog();
        this.clock = setup.config().clock();
        this.variables = variables;
        this.resumeFrom = resumeFrom;
        this.firstPrevious = firstPrevious;
        StateMachine machine = setup.machine();
        boolean express = machine.type() == StateMachineType.EXPRESS;
        // No execution outlives its type's limit (a year, or 5 minutes for EXPRESS): so every execution ends, even
        // one waiting for an answer that never comes. The machine's TimeoutSeconds counts from the attempt's start:
        // a timed-out execution can be redriven.
        Duration max = express ? ExpressRules.MAX_DURATION : MAX_STANDARD;
        Instant begin = resumeFrom == null ? execution.startDate() : execution.redriveDate();
        Integer declared = machine.definition().timeoutSeconds();
        Instant deadline = declared == null ? begin.plus(max) : begin.plusSeconds(declared);
        Instant limit = execution.startDate().plus(max);
        var info = new ContextObject.ExecutionInfo(
                execution.arn(),
                execution.name(),
                execution.input(),
                execution.startDate(),
                machine.roleArn(),
                machine.arn(),
                machine.name(),
                express ? null : execution.redriveCount(),
                execution.redriveDate());
        EngineConfig config = setup.config();
        this.runtime = new ExecutionRuntime(
                info,
                clock,
                history,
                config.invoker(),
                config.callbacks(),
                setup.executor(),
                setup.testCase(),
                config.region(),
                deadline.isBefore(limit) ? deadline : limit,
                this::timedOut,
                setup.invocations(),
                setup.executions(),
                setup.underTest());
    }

    /** The next attempt, resuming from where this one stood; its first event follows {@code redrivenEventId}. */
    ExecutionRunner redriven(long redrivenEventId) {
        return new ExecutionRunner(setup, Map.of(), checkpoint, redrivenEventId);
    }

    Execution execution() {
        return execution;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** Completes when the attempt has ended and its thread has let go of the history. */
    CompletableFuture<Execution> completion() {
        return done;
    }

    /** Records ExecutionStarted; called before the execution is visible, so it is always the first event. */
    void recordStart() {
        ObjectNode started = HistoryCursor.payload(Json.object(), "input", execution.input());
        started.put("roleArn", setup.machine().roleArn());
        history.appendFirst("ExecutionStarted", "executionStartedEventDetails", started);
    }

    @Override
    public void run() {
        HistoryCursor cursor = new HistoryCursor(history, firstPrevious);
        Variables root = Variables.root();
        Frame frame = new Frame(runtime, root, cursor, cancellation, checkpoint);
        var program = setup.machine().definition().program();
        try {
            JsonNode output;
            if (resumeFrom == null) {
                root.assignAll(variables);
                output = Interpreter.run(program, execution.input(), frame);
            } else {
                output = Interpreter.resume(program, execution.input(), frame, resumeFrom);
            }
            execution.finish(
                    ExecutionStatus.SUCCEEDED,
                    output,
                    null,
                    null,
                    clock.now(),
                    () -> history.appendFinal(
                            "ExecutionSucceeded",
                            cursor.last(),
                            "executionSucceededEventDetails",
                            HistoryCursor.payload(Json.object(), "output", output)));
        } catch (StatesFailure f) {
            failed(cursor, f.error(), f.cause());
        } catch (ExecutionStopped e) {
            // the stop or time-out already recorded how the execution ended
        } catch (RuntimeException e) {
            failed(cursor, StatesErrors.RUNTIME, e.toString());
        } finally {
            cancellation.cancel();
            clock.exit();
            done.complete(execution);
        }
    }

    private void failed(HistoryCursor cursor, String error, String cause) {
        execution.finish(
                ExecutionStatus.FAILED,
                null,
                error,
                cause,
                clock.now(),
                () -> history.appendFinal(
                        "ExecutionFailed", cursor.last(), "executionFailedEventDetails", errorDetails(error, cause)));
    }

    private void timedOut() {
        execution.finish(
                ExecutionStatus.TIMED_OUT,
                null,
                StatesErrors.TIMEOUT,
                null,
                clock.now(),
                () -> history.appendFinal(
                        "ExecutionTimedOut",
                        history.size(),
                        "executionTimedOutEventDetails",
                        Json.object().put("error", StatesErrors.TIMEOUT)));
    }

    static void abort(Execution execution, String error, String cause, Clock clock) {
        execution.finish(
                ExecutionStatus.ABORTED,
                null,
                error,
                cause,
                clock.now(),
                () -> execution
                        .historyLog()
                        .appendFinal(
                                "ExecutionAborted", 0, "executionAbortedEventDetails", errorDetails(error, cause)));
    }

    private static ObjectNode errorDetails(String error, String cause) {
        ObjectNode details = Json.object();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return details;
    }
}
