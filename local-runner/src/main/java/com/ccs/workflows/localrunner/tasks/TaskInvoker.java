package com.ccs.workflows.localrunner.tasks;

import java.util.concurrent.CompletableFuture;

/**
 * Calls a Task's resource. Failures complete the future exceptionally with a
 * {@link com.ccs.workflows.localrunner.errors.StatesFailure} carrying the error name AWS would report
 * (e.g. {@code Lambda.ResourceNotFoundException}, or a handler's exception class). Implementations must not
 * block the caller for long: the engine applies TimeoutSeconds while waiting on the future.
 */
@FunctionalInterface
public interface TaskInvoker {
    CompletableFuture<TaskResult> invoke(TaskRequest request);
}
