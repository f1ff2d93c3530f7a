package com.ccs.workflows.localrunner.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A state's outcome: its output, the next state (null when the program ends here) and the variables it assigned
 * (already applied; kept for the StateExited event).
 *
 * @param outputPath a JSONPath OutputPath still to apply, or null. AWS applies it outside Retry/Catch: a failing
 *     OutputPath fails the state even when a Catch names States.Runtime.
 */
public record StepResult(JsonNode output, String next, Map<String, JsonNode> assigned, String outputPath) {

    public StepResult(JsonNode output, String next, Map<String, JsonNode> assigned) {
        this(output, next, assigned, null);
    }
}
