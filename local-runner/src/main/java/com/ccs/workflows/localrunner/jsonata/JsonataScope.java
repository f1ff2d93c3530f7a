package com.ccs.workflows.localrunner.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * What a JSONata expression sees: {@code $states} ({@code input}, {@code context}, and where available
 * {@code result} / {@code errorOutput}), the variables visible from the state, and the engine's time for
 * {@code $now()} and {@code $millis()} (null: the wall clock), so that they agree with the context object's
 * times under a virtual clock.
 */
public record JsonataScope(JsonNode states, Map<String, JsonNode> variables, Instant now) {

    public JsonataScope(JsonNode states, Map<String, JsonNode> variables) {
        this(states, variables, null);
    }
}
