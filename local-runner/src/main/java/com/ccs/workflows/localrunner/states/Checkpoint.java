package com.ccs.workflows.localrunner.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where one line of execution (the main flow, a Parallel branch, a Map iteration) stands: the state it runs, the
 * input that state was entered with, the line's variables, and, while that state is a Parallel or Map, the same
 * for each of its branches or iterations; or the line's output once it has succeeded. A redrive resumes an
 * execution from the checkpoints its last attempt left: a line that succeeded keeps its output, any other one
 * enters again the state it stood at.
 */
public final class Checkpoint {
    private String state;
    private JsonNode input;
    private Variables variables;
    private List<Checkpoint> lines;
    private JsonNode output;
    private boolean succeeded;

    /** Records that the line enters {@code state} with {@code input}; the previous state's lines are dropped. */
    synchronized void at(String state, JsonNode input, Variables variables) {
        this.state = state;
        this.input = input;
        this.variables = variables;
        this.lines = null;
    }

    /** The lines of the Parallel or Map state being run (one attempt of it), each not started yet. */
    synchronized List<Checkpoint> fork(int count) {
        List<Checkpoint> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            created.add(new Checkpoint());
        }
        lines = List.copyOf(created);
        return lines;
    }

    synchronized void succeeded(JsonNode result) {
        output = result;
        succeeded = true;
    }

    synchronized boolean hasSucceeded() {
        return succeeded;
    }

    /** Whether the line entered a state at all (a Map iteration may never have had its turn). */
    synchronized boolean started() {
        return state != null;
    }

    /** The state the line stood at, null when it never started. */
    synchronized String state() {
        return state;
    }

    synchronized JsonNode input() {
        return input;
    }

    synchronized JsonNode output() {
        return output;
    }

    /** The variables the line itself had assigned (its scope, without its parents'). */
    synchronized Map<String, JsonNode> ownVariables() {
        return variables == null ? Map.of() : variables.own();
    }

    /** The lines of the Parallel or Map state the line stood at, or null. */
    synchronized List<Checkpoint> lines() {
        return lines;
    }
}
