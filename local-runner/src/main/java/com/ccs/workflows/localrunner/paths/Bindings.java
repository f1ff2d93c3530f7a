package com.ccs.workflows.localrunner.paths;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * What a JSONPath reference can see: {@code $} (the input), {@code $$} (the context object) and
 * {@code $name} (a variable; the function returns null when it is undefined).
 */
public record Bindings(JsonNode input, JsonNode context, Function<String, JsonNode> variables) {}
