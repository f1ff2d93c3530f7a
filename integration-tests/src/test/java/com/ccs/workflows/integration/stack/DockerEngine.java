package com.ccs.workflows.integration.stack;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where a Docker engine answers (Testcontainers); elsewhere the class is reported as
 * skipped, with the reason, instead of failing. The same scenarios run in memory and against MiniStack anyway.
 */
public final class DockerEngine implements ExecutionCondition {

    static boolean available() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return available()
                ? ConditionEvaluationResult.enabled("a Docker engine answers")
                : ConditionEvaluationResult.disabled(
                        "No Docker engine: the LocalStack (Testcontainers) backend is skipped;"
                                + " the same scenarios run in memory and against MiniStack");
    }
}
