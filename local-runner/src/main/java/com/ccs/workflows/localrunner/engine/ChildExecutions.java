package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.NestedExecutions;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** The engine as the executions it runs see it when they start executions of their own. */
final class ChildExecutions implements NestedExecutions {
    private final Engine engine;

    ChildExecutions(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Summary start(String stateMachineArn, String name, String input) {
        try {
            return summary(engine.startExecution(stateMachineArn, name, input));
        } catch (EngineException e) {
            // The integration names the service's error as the SDK's exception, e.g. StateMachineDoesNotExistException.
            String exception = e.code().endsWith("Exception") ? e.code() : e.code() + "Exception";
            throw new StatesFailure(
                    "StepFunctions." + exception,
                    e.getMessage() + " (Service: Sfn, Status Code: 400," + " Request ID: " + UUID.randomUUID() + ")");
        }
    }

    @Override
    public CompletableFuture<Summary> completion(String executionArn) {
        return engine.describeExecution(executionArn).completion().thenApply(this::summary);
    }

    @Override
    public void stop(String executionArn) {
        engine.stopExecution(executionArn, null, null);
    }

    private Summary summary(Execution e) {
        RedriveStatus redrive = engine.redriveStatus(e);
        return new Summary(
                e.arn(),
                e.stateMachineArn(),
                e.name(),
                e.status().name(),
                Json.write(e.input()),
                e.output() == null ? null : Json.write(e.output()),
                e.error(),
                e.cause(),
                e.startDate(),
                e.stopDate(),
                e.redriveCount(),
                e.redriveDate(),
                redrive.status(),
                redrive.reason());
    }
}
