package com.ccs.workflows.localrunner.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a JSONata expression sees: {@code $states} ({@code input}, {@code context}, and where available
 * {@code result} / {@code errorOutput}) and the variables visible from the state.
 */
public record JsonataScope(JsonNode states, Map<String, JsonNode> variables) {}
