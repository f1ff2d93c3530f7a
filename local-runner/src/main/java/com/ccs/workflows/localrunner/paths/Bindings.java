package com.ccs.workflows.localrunner.paths;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a JSONPath reference can see: {@code $} (the input), {@code $$} (the context object, built only when a
 * path reads it) and {@code $name} (a variable; the function returns null when it is undefined).
 */
public record Bindings(JsonNode input, Supplier<JsonNode> contextSource, Function<String, JsonNode> variables) {

    public Bindings(JsonNode input, JsonNode context, Function<String, JsonNode> variables) {
        this(input, () -> context, variables);
    }

    /** The context object ({@code $$}). */
    public JsonNode context() {
        return contextSource.get();
    }
}
