package com.ccs.workflows.localrunner.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of TestState.
 *
 * @param status SUCCEEDED, FAILED, RETRIABLE (a Retry would have retried the error) or CAUGHT_ERROR
 * @param nextState the state that would run next, or null
 */
public record TestStateResult(String status, JsonNode output, String error, String cause, String nextState) {}
