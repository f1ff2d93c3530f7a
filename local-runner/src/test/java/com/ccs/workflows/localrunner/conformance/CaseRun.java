package com.ccs.workflows.localrunner.conformance;

import com.ccs.workflows.localrunner.clock.Clock;
import com.ccs.workflows.localrunner.clock.SystemClock;
import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.engine.EngineConfig;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.MockTaskInvoker;
import com.ccs.workflows.localrunner.tasks.ResourceArn;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One recorded case prepared the same way in-process and through the API: an engine configuration of its own
 * (virtual time, unless the recording was stopped from outside, which needs real time to stop it midway; stubbable
 * Tasks answered from the recorded responses), the input AWS ran, and how the end of the run compares with the
 * recording.
 *
 * @param config a fresh clock and mock configuration, for one engine
 */
record CaseRun(ConformanceCase c, String machineName, EngineConfig config) {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** How an execution ended, as either side reads it. */
    record Ending(String status, JsonNode output, String error, String cause) {}

    static CaseRun of(ConformanceCase c) {
        Clock clock = c.flagged("externally-stopped")
                ? SystemClock.INSTANCE
                : new VirtualClock(Instant.parse("2024-01-01T00:00:00Z"), Duration.ofMillis(100));
        String machineName = "conformance-" + Integer.toHexString(c.name().hashCode());
        var mocks = RecordedMocks.build(machineName, c.expected().path("recorded_task_responses"));
        // Unmocked Tasks never answer: the recording had no answer either (the task timed out). A callback task's
        // message was delivered though; it is the callback that never came.
        var invoker = new MockTaskInvoker(
                mocks,
                request -> request.resource().pattern() == ResourceArn.Pattern.WAIT_FOR_TASK_TOKEN
                        ? CompletableFuture.completedFuture(TaskResult.of(Json.object()))
                        : new CompletableFuture<TaskResult>());
        EngineConfig config =
                new EngineConfig(clock, invoker, EngineConfig.defaults().callbacks(), "us-east-1", "111111111111");
        return new CaseRun(c, machineName, config);
    }

    boolean express() {
        return "EXPRESS".equals(c.expected().path("state_machine_type").asText());
    }

    boolean stoppedFromOutside() {
        return c.flagged("externally-stopped");
    }

    /** How many states the recording entered before it was stopped from outside. */
    int enteredBeforeStop() {
        return c.expected().path("states_entered").size();
    }

    /** The ARN to start: the machine with the recorded responses as its mock test case. */
    String target(String machineArn) {
        return machineArn + "#" + RecordedMocks.TEST_CASE;
    }

    /**
     * The execution input. Where the recording flags that input.json differs from what was sent, the input of the
     * recorded ExecutionStarted event is the one AWS actually ran, unless the recording redacted parts of it.
     */
    String input() {
        if (c.flagged("input-differs-from-recorded")
                && c.history() != null
                && c.history().size() > 0) {
            JsonNode started =
                    c.history().get(0).path("executionStartedEventDetails").get("input");
            if (started != null && !redacted(started, c.expected().path("redaction_tokens_in_expected"))) {
                return started.isTextual() ? started.textValue() : Json.write(started);
            }
        }
        return c.input();
    }

    private static boolean redacted(JsonNode node, JsonNode tokens) {
        if (node.isTextual()) {
            String s = node.textValue();
            for (JsonNode t : tokens) {
                if (s.equals(t.asText())) {
                    return true;
                }
            }
            return s.equals("date") || s.equals("timestamp") || s.matches(".*<[A-Za-z0-9_:\\-]+>.*");
        }
        for (JsonNode child : node) {
            if (redacted(child, tokens)) {
                return true;
            }
        }
        return false;
    }

    String didNotEnd(List<String> entered) {
        return "did not end within " + TIMEOUT.toSeconds() + " s (entered " + entered + ")";
    }

    /**
     * Null when the run matches the recording, otherwise why not: status, then output or error and cause, then the
     * states entered.
     *
     * @param entered the names of the states entered; unused (and may be null) when there is no recorded history
     */
    String compare(Ending ending, List<String> entered) {
        JsonNode expected = c.expected();
        ExpectedMatcher matcher = new ExpectedMatcher(expected.get("redaction_tokens_in_expected"));
        String status = expected.get("status").asText();
        if (!status.equals(ending.status())) {
            return "status: expected " + status + ", was " + ending.status()
                    + (ending.error() != null ? " (" + ending.error() + ": " + shorten(ending.cause()) + ")" : "");
        }
        if (status.equals("SUCCEEDED")) {
            String d = matcher.difference(expected.get("output"), ending.output(), "output");
            if (d != null) {
                return shorten(d);
            }
        }
        if (status.equals("FAILED")) {
            String d = matcher.difference(expected.get("error"), Json.text(ending.error()), "error");
            if (d == null) {
                d = causeDifference(matcher, expected.get("cause"), ending.cause());
            }
            if (d != null) {
                return shorten(d);
            }
        }
        if (c.history() == null) {
            return null; // no recorded history (express or API-only cases): nothing to compare the path with
        }
        List<String> wanted = new ArrayList<>();
        expected.path("states_entered").forEach(n -> wanted.add(n.asText()));
        return ExpectedMatcher.statesDifference(
                wanted, entered, expected.path("order_sensitive").asBoolean(true));
    }

    private static String causeDifference(ExpectedMatcher matcher, JsonNode expected, String actual) {
        if (expected != null && !expected.isTextual() && !expected.isNull() && actual != null) {
            try {
                return matcher.difference(expected, Json.parse(actual), "cause");
            } catch (IllegalArgumentException e) {
                return "cause: expected " + Json.write(expected) + ", was " + actual;
            }
        }
        return matcher.difference(expected, actual == null ? null : Json.text(actual), "cause");
    }

    private static String shorten(String s) {
        return s == null || s.length() <= 400 ? s : s.substring(0, 400) + "...";
    }
}
