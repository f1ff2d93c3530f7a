package com.ccs.workflows.localrunner.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer of TestState.
 *
 * @param status SUCCEEDED, FAILED, RETRIABLE (its Retry would retry the error) or CAUGHT_ERROR (a Catch caught
 *     it: {@code error} and {@code cause} tell what, {@code output} and {@code nextState} where it goes)
 * @param nextState the state that would run next, or null
 * @param inspectionData at the DEBUG and TRACE levels: the data flow steps ({@code input},
 *     {@code afterInputPath}, {@code afterParameters} or {@code afterArguments}, {@code result},
 *     {@code afterResultSelector}, {@code afterResultPath}, {@code variables}, for a Map {@code afterItemsPath},
 *     {@code afterItemSelector}) as JSON text, a Map's {@code maxConcurrency} and tolerated failures as numbers,
 *     and {@code errorDetails} ({@code retryIndex}, {@code retryBackoffIntervalSeconds}, {@code catchIndex});
 *     null at INFO
 */
public record TestStateResult(
        String status, JsonNode output, String error, String cause, String nextState, ObjectNode inspectionData) {

    public TestStateResult(String status, JsonNode output, String error, String cause, String nextState) {
        this(status, output, error, cause, nextState, null);
    }
}
