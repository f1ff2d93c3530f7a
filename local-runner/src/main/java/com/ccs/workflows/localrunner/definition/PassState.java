package com.ccs.workflows.localrunner.definition;

import com.fasterxml.jackson.databind.JsonNode;

/** Pass: copies input to output, optionally replacing it with {@code Result}. */
public record PassState(StateCommon common, JsonNode result) implements State {}
