package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.definition.MapState;
import com.ccs.workflows.localrunner.definition.ParallelState;
import com.ccs.workflows.localrunner.definition.State;
import com.ccs.workflows.localrunner.definition.TaskState;
import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.jsonata.JsonataScope;
import com.ccs.workflows.localrunner.paths.Bindings;
import com.ccs.workflows.localrunner.paths.ContextObject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** One entry into a state: its raw input, when it was entered, and how to evaluate expressions there. */
public final class StateRun {
    private final Frame frame;
    private final State state;
    private final JsonNode input;
    private final long enteredEventId;
    private final Instant enteredTime;
    private int retryCount;
    private String taskToken;
    private Supplier<String> taskTokenSource;
    private ObjectNode context; // built on first use; rebuilt after a retry or a new task token
    private List<Checkpoint> resumedLines;

    StateRun(Frame frame, State state, JsonNode input, long enteredEventId, Instant enteredTime) {
        this.frame = frame;
        this.state = state;
        this.input = input;
        this.enteredEventId = enteredEventId;
        this.enteredTime = enteredTime;
        StateUnderTest test = frame.runtime().underTest();
        if (test != null && test.covers(this)) {
            retryCount = test.situation().retrierRetryCount(); // TestState says where its Retry stands
        }
    }

    public Frame frame() {
        return frame;
    }

    public ExecutionRuntime runtime() {
        return frame.runtime();
    }

    public State state() {
        return state;
    }

    /** The state's raw input (before InputPath). */
    public JsonNode input() {
        return input;
    }

    void resumedLines(List<Checkpoint> lines) {
        resumedLines = lines;
    }

    /**
     * The branches or iterations this Parallel or Map state had in the attempt a redrive resumes, for its first
     * attempt only (a retry runs them all again); null otherwise.
     */
    List<Checkpoint> takeResumedLines() {
        List<Checkpoint> lines = resumedLines;
        resumedLines = null;
        return lines;
    }

    public int retryCount() {
        return retryCount;
    }

    void retried() {
        retryCount++;
        context = null;
    }

    public void taskToken(String token) {
        this.taskToken = token;
        this.taskTokenSource = null;
        context = null;
    }

    /** A task token made only if {@code $$.Task.Token} is read (a task that waits for no callback). */
    public void lazyTaskToken(Supplier<String> source) {
        this.taskToken = null;
        this.taskTokenSource = source;
        context = null;
    }

    /** The context object ({@code $$}); with a Map item it includes {@code Map.Item}. Treat it as read-only. */
    public ObjectNode context(ContextObject.MapItem item) {
        if (item == null) {
            if (context == null) {
                context = buildContext(null);
            }
            return context;
        }
        return buildContext(item);
    }

    private ObjectNode buildContext(ContextObject.MapItem item) {
        boolean retries = state instanceof TaskState || state instanceof ParallelState || state instanceof MapState;
        if (taskToken == null && taskTokenSource != null) {
            taskToken = taskTokenSource.get();
        }
        ObjectNode built = ContextObject.build(
                runtime().info(), state.name(), enteredTime, retries ? retryCount : -1, taskToken, item);
        StateUnderTest test = runtime().underTest();
        return test == null || !test.covers(this) ? built : test.context(built);
    }

    public Bindings bindings(JsonNode value) {
        return new Bindings(value, () -> context(null), frame.variables()::get);
    }

    public JsonataScope jsonata(JsonNode result, JsonNode errorOutput) {
        return jsonata(result, errorOutput, null);
    }

    public JsonataScope jsonata(JsonNode result, JsonNode errorOutput, ContextObject.MapItem item) {
        ObjectNode states = Json.object();
        states.set("input", input);
        states.set("context", context(item));
        if (result != null) {
            states.set("result", result);
        }
        if (errorOutput != null) {
            states.set("errorOutput", errorOutput);
        }
        return new JsonataScope(
                states, frame.variables().visible(), runtime().clock().now());
    }

    /** AWS prefixes engine-detected failures with where they happened. */
    public StatesFailure locate(StatesFailure failure) {
        if (failure instanceof RuntimeFailure) {
            return new StatesFailure(
                    failure.error(),
                    "An error occurred while executing the state '" + state.name() + "' (entered at the event id #"
                            + enteredEventId + "). " + failure.cause());
        }
        return failure;
    }

    public void checkCancelled() {
        frame.cancellation().check();
    }
}
