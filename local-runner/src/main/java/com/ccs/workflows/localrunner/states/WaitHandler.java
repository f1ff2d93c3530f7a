package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.definition.WaitState;
import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.jsonata.JsonataEvaluator;
import com.ccs.workflows.localrunner.paths.PathNotFound;
import com.ccs.workflows.localrunner.paths.ReferencePaths;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Wait: sleeps on the execution's clock until a number of seconds has passed or a timestamp is reached. */
final class WaitHandler {
    private WaitHandler() {}

    static StepResult execute(WaitState state, StateRun run) {
        Instant until = deadline(state, run);
        StateUnderTest test = run.runtime().underTest();
        if (test == null || !test.covers(run)) { // TestState checks the wait's fields and moves on at once
            Waits.sleep(run, until);
        }
        return DataFlow.passThrough(
                run,
                state.common().next(),
                state.common().assign(),
                state.common().output());
    }

    private static Instant deadline(WaitState state, StateRun run) {
        Instant now = run.runtime().clock().now();
        boolean jsonata = state.common().jsonata();
        if (state.seconds() != null) {
            JsonNode seconds = state.seconds();
            if (jsonata && JsonataEvaluator.isExpression(seconds)) {
                seconds = JsonataEvaluator.required(seconds.textValue(), run.jsonata(null, null), "Seconds");
                if (!seconds.isIntegralNumber() || seconds.longValue() < 0) {
                    throw RuntimeFailure.query("The JSONata expression '"
                            + JsonataEvaluator.body(state.seconds().textValue())
                            + "' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but"
                            + " was '" + Json.typeName(seconds) + "' for value: " + Json.write(seconds));
                }
            }
            return now.plusSeconds(seconds.asLong());
        }
        if (state.timestamp() != null) {
            JsonNode ts = state.timestamp();
            if (jsonata && JsonataEvaluator.isExpression(ts)) {
                ts = JsonataEvaluator.required(ts.textValue(), run.jsonata(null, null), "Timestamp");
            }
            Instant parsed = timestamp(ts.asText());
            if (parsed == null) {
                throw failure(
                        jsonata,
                        "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time"
                                + " format string: " + ts.asText());
            }
            return parsed;
        }
        JsonNode input = DataFlow.effectiveInput(run);
        if (state.secondsPath() != null) {
            JsonNode seconds = read(state.secondsPath(), run, input, "SecondsPath");
            if (!seconds.isNumber() || !seconds.isIntegralNumber()) {
                throw RuntimeFailure.runtime("The SecondsPath parameter cannot be parsed as a long value: "
                        + state.secondsPath() + " == " + text(seconds));
            }
            if (seconds.longValue() < 0) {
                throw RuntimeFailure.runtime("The SecondsPath parameter references a negative value: "
                        + state.secondsPath() + " == " + text(seconds));
            }
            return now.plusSeconds(seconds.longValue());
        }
        JsonNode ts = read(state.timestampPath(), run, input, "TimestampPath");
        Instant parsed = ts.isTextual() ? timestamp(ts.textValue()) : null;
        if (parsed == null) {
            throw RuntimeFailure.runtime(
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended offset"
                            + " date-time format string: " + state.timestampPath() + " == " + text(ts));
        }
        return parsed;
    }

    private static RuntimeFailure failure(boolean jsonata, String message) {
        return jsonata ? RuntimeFailure.query(message, "Timestamp") : RuntimeFailure.runtime(message);
    }

    private static JsonNode read(String path, StateRun run, JsonNode input, String field) {
        try {
            return ReferencePaths.read(path, run.bindings(input));
        } catch (PathNotFound e) {
            throw RuntimeFailure.runtime("The " + field + " parameter does not reference an input value: " + path);
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : Json.write(node);
    }

    /** RFC 3339 with a mandatory offset, as AWS requires; null when it is not one. */
    static Instant timestamp(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
