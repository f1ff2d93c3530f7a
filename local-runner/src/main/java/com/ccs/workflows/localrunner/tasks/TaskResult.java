package com.ccs.workflows.localrunner.tasks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a resource answered.
 *
 * @param completesCallback true when {@code output} already is the task's final result even for a
 *     {@code .waitForTaskToken} task (a mocked response), so the engine does not wait for a callback
 */
public record TaskResult(JsonNode output, boolean completesCallback) {

    public static TaskResult of(JsonNode output) {
        return new TaskResult(output, false);
    }

    public static TaskResult finalResult(JsonNode output) {
        return new TaskResult(output, true);
    }
}
