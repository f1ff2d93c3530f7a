package com.ccs.workflows.localrunner.tasks;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The Step Functions service an execution runs in, as a Task that starts an execution of its own sees it
 * ({@code arn:aws:states:::states:startExecution}): the child runs in the same engine as its parent.
 */
public interface NestedExecutions {

    /**
     * What DescribeExecution tells of an execution.
     *
     * @param status RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED
     * @param input the input as JSON text
     * @param output the output as JSON text, null unless SUCCEEDED
     * @param stopDate null while running
     * @param redriveCount the redrives so far
     * @param redriveDate the last redrive, null when never redriven
     * @param redriveStatus REDRIVABLE or NOT_REDRIVABLE
     * @param redriveStatusReason why not, when NOT_REDRIVABLE
     */
    record Summary(
            String executionArn,
            String stateMachineArn,
            String name,
            String status,
            String input,
            String output,
            String error,
            String cause,
            Instant startDate,
            Instant stopDate,
            int redriveCount,
            Instant redriveDate,
            String redriveStatus,
            String redriveStatusReason) {}

    /**
     * Starts an execution ({@code name} null for a generated one).
     *
     * @throws com.ccs.workflows.localrunner.errors.StatesFailure named as the integration reports the service's
     *     refusal, e.g. {@code StepFunctions.StateMachineDoesNotExistException}
     */
    Summary start(String stateMachineArn, String name, String input);

    /** Completes with the execution's summary once it has ended. */
    CompletableFuture<Summary> completion(String executionArn);

    /** Stops a running execution (its parent task gave up waiting for it). */
    void stop(String executionArn);
}
