package com.ccs.workflows.localrunner.tasks;

import com.ccs.workflows.localrunner.errors.StatesFailure;
import java.util.concurrent.CompletableFuture;

/**
 * Answers mocked states from a {@link MockConfig} when the execution runs a test case; everything else goes to
 * {@code fallback} (as Step Functions Local calls the real service for unmocked states).
 */
public final class MockTaskInvoker implements TaskInvoker {
    private final MockConfig config;
    private final TaskInvoker fallback;

    public MockTaskInvoker(MockConfig config, TaskInvoker fallback) {
        this.config = config;
        this.fallback = fallback;
    }

    @Override
    public CompletableFuture<TaskResult> invoke(TaskRequest request) {
        if (request.testCase() == null) {
            return fallback.invoke(request);
        }
        MockConfig.Entry entry = config.answer(
                request.stateMachineName(), request.testCase(), request.stateName(), request.invocation());
        if (entry == null) {
            return fallback.invoke(request);
        }
        if (entry.thrown()) {
            return CompletableFuture.failedFuture(new StatesFailure(entry.error(), entry.cause()));
        }
        // A mocked callback task answers with the callback's result, as Step Functions Local does.
        return CompletableFuture.completedFuture(TaskResult.finalResult(entry.returned()));
    }
}
