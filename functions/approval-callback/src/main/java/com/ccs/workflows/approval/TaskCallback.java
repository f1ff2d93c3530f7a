package com.ccs.workflows.approval;

/** Resumes the execution waiting on a task token (Step Functions SendTaskSuccess in production). */
public interface TaskCallback {

    /**
     * Completes the task with {@code outputJson}.
     *
     * @throws TaskClosedException the task no longer waits (timed out, stopped, token unknown)
     * @throws com.ccs.workflows.errors.DependencyUnavailableException transient fault; safe to try again
     */
    void succeed(String taskToken, String outputJson);
}
