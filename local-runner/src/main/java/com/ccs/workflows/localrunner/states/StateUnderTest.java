package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one state a TestState request runs, and what TestState needs of the engine while it runs: the mock that
 * answers in place of its work, where its Retry stands ({@code retrierRetryCount}), the Map iterations said to have
 * failed, the context object given, and what it reports back (the data flow step by step for the inspection data,
 * which Retry or Catch handled an error). Only the state under test is affected, not a state nested in it.
 */
public final class StateUnderTest {
    /**
     * A mocked answer: a {@code result}, or a failure with {@code error} and {@code cause}.
     *
     * @param result the mocked result, null when the mock is a failure
     */
    public record Mock(JsonNode result, String error, String cause) {
        boolean fails() {
            return result == null;
        }
    }

    /**
     * What TestState's stateConfiguration says of the state's situation.
     *
     * @param retrierRetryCount the retries its matching Retry has made already
     * @param mapIterationFailureCount the Map iterations that failed, null when not given
     * @param mapItemReaderData the items an ItemReader read, null when not given
     */
    public record Situation(int retrierRetryCount, Integer mapIterationFailureCount, JsonNode mapItemReaderData) {
        public static final Situation NONE = new Situation(0, null, null);
    }

    /** How an error of the state was handled: the Retry that would retry it or the Catch that caught it. */
    public record Handling(
            String error,
            String cause,
            boolean retriable,
            Integer retryIndex,
            Integer retryBackoffIntervalSeconds,
            Integer catchIndex) {}

    private final String stateName;
    private final Mock mock;
    private final Situation situation;
    private final ObjectNode context;
    private final Map<String, JsonNode> data = new LinkedHashMap<>();
    private Handling handling;

    /**
     * @param mock null when the state does its real work
     * @param context fields of the context object ({@code $$}) that replace the engine's, null for none
     */
    public StateUnderTest(String stateName, Mock mock, Situation situation, ObjectNode context) {
        this.stateName = stateName;
        this.mock = mock;
        this.situation = situation;
        this.context = context;
    }

    boolean covers(StateRun run) {
        return run.state().name().equals(stateName);
    }

    /** The mock answering this run, or null (another state, or no mock). */
    Mock mockFor(StateRun run) {
        return mock != null && covers(run) ? mock : null;
    }

    Situation situation() {
        return situation;
    }

    /** The context object with the fields given to TestState put over the engine's. */
    ObjectNode context(ObjectNode built) {
        return context == null ? built : merge(built, context);
    }

    private static ObjectNode merge(ObjectNode base, ObjectNode over) {
        ObjectNode out = base.deepCopy();
        over.properties().forEach(e -> {
            JsonNode mine = out.get(e.getKey());
            if (mine instanceof ObjectNode mineObject && e.getValue() instanceof ObjectNode theirs) {
                out.set(e.getKey(), merge(mineObject, theirs));
            } else {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    synchronized void record(StateRun run, String field, JsonNode value) {
        if (value != null && covers(run)) {
            data.put(field, value);
        }
    }

    synchronized void handled(Handling how) {
        handling = how;
    }

    /** The data flow steps recorded, in the order they happened; a retried step keeps its last value. */
    public synchronized Map<String, JsonNode> data() {
        return new LinkedHashMap<>(data);
    }

    /** How the state's error was handled, null when it had none or none matched its Retry or Catch. */
    public synchronized Handling handling() {
        return handling;
    }

    /** InspectionData's errorDetails for {@link #handling()}, or null. */
    public synchronized ObjectNode errorDetails() {
        if (handling == null || (handling.retryIndex() == null && handling.catchIndex() == null)) {
            return null;
        }
        ObjectNode details = Json.object();
        if (handling.catchIndex() != null) {
            details.put("catchIndex", handling.catchIndex());
        }
        if (handling.retryIndex() != null) {
            details.put("retryIndex", handling.retryIndex());
        }
        if (handling.retryBackoffIntervalSeconds() != null) {
            details.put("retryBackoffIntervalSeconds", handling.retryBackoffIntervalSeconds());
        }
        return details;
    }
}
