package com.ccs.workflows.localrunner.tasks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One call of a Task state's resource.
 *
 * @param payload the effective parameters (after Parameters/Arguments)
 * @param taskToken set for {@code .waitForTaskToken} (and activities): the token the answer must quote
 * @param testCase the mock test case the execution was started with ({@code stateMachineArn#TestCase}), or null
 * @param invocation 0 for the first call of this state in this execution, then 1, 2... (retries included)
 * @param timeoutSeconds the task's timeout, or null
 */
public record TaskRequest(
    ResourceArn resource,
    JsonNode payload,
    String stateName,
    String stateMachineName,
    String executionArn,
    String taskToken,
    String testCase,
    int invocation,
    Integer timeoutSeconds) {}
