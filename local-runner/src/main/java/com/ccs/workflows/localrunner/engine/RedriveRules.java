package com.ccs.workflows.localrunner.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** When AWS lets an execution be redriven, and the wait for a stopped attempt to unwind before a redrive. */
final class RedriveRules {
    /** AWS's redrive limits: 14 days after the end, 1000 redrives, room for ExecutionRedriven and one more event. */
    private static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);

    private static final int MAX_REDRIVES = 1000;
    private static final int MAX_EVENTS_TO_REDRIVE = 24_999;
    private static final Duration ATTEMPT_UNWIND = Duration.ofSeconds(30);

    private RedriveRules() {}

    /** See {@link Engine#redriveStatus}; {@code machineExists} tells whether its state machine is still there. */
    static RedriveStatus status(Execution execution, Instant now, boolean machineExists) {
        ExecutionStatus status = execution.status();
        if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
            return RedriveStatus.not("Execution is " + status + " and cannot be redriven");
        }
        if (execution.type() == StateMachineType.EXPRESS) {
            return RedriveStatus.not("Execution of an EXPRESS state machine cannot be redriven");
        }
        if (!machineExists) {
            return RedriveStatus.not("State machine is in DELETING status");
        }
        if (!now.isBefore(execution.startDate().plus(ExecutionRunner.MAX_STANDARD))) {
            return RedriveStatus.not("Execution has exceeded the max execution time");
        }
        Instant stopped = execution.stopDate();
        if (stopped != null && !now.isBefore(stopped.plus(REDRIVABLE_PERIOD))) {
            return RedriveStatus.not("Execution redrivable period exceeded");
        }
        if (execution.historyLog().size() >= MAX_EVENTS_TO_REDRIVE) {
            return RedriveStatus.not("Execution history event limit exceeded");
        }
        if (execution.redriveCount() >= MAX_REDRIVES) {
            return RedriveStatus.not("Execution has been redriven the maximum number of times (" + MAX_REDRIVES + ")");
        }
        return RedriveStatus.REDRIVABLE;
    }

    /**
     * A stopped or timed-out execution has its final event at once while its thread is still unwinding (a moment):
     * a redrive waits for it, so that nothing of the old attempt follows the new events.
     */
    static void awaitAttemptEnd(Execution execution) {
        CompletableFuture<Execution> attempt = execution.completion();
        if (execution.status() == ExecutionStatus.RUNNING || attempt.isDone()) {
            return;
        }
        try {
            attempt.get(ATTEMPT_UNWIND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the redrive refuses it as still ending
        }
    }
}
