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
 * @param executions the engine running the execution, for {@code states:startExecution}; null outside one
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
        Integer timeoutSeconds,
        NestedExecutions executions) {

    /** A request made outside an engine (no nested executions). */
    public TaskRequest(
            ResourceArn resource,
            JsonNode payload,
            String stateName,
            String stateMachineName,
            String executionArn,
            String taskToken,
            String testCase,
            int invocation,
            Integer timeoutSeconds) {
        this(
                resource,
                payload,
                stateName,
                stateMachineName,
                executionArn,
                taskToken,
                testCase,
                invocation,
                timeoutSeconds,
                null);
    }

    /** The ARN of the state machine the execution belongs to, derived from the execution ARN. */
    public String stateMachineArn() {
        String[] parts = executionArn == null ? new String[0] : executionArn.split(":");
        if (parts.length < 7) {
            return null;
        }
        return String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "stateMachine", parts[6]);
    }
}
