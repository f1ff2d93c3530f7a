package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.definition.TaskState;
import com.ccs.workflows.localrunner.definition.TimeoutSpec;
import com.ccs.workflows.localrunner.errors.HeartbeatTimedOut;
import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.history.PooledJson;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.jsonata.JsonataEvaluator;
import com.ccs.workflows.localrunner.paths.PathNotFound;
import com.ccs.workflows.localrunner.paths.PayloadTemplate;
import com.ccs.workflows.localrunner.paths.ReferencePaths;
import com.ccs.workflows.localrunner.tasks.CallbackRegistry;
import com.ccs.workflows.localrunner.tasks.ResourceArn;
import com.ccs.workflows.localrunner.tasks.TaskRequest;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Task: resolves the payload, calls the resource through the execution's {@code TaskInvoker}, applies
 * TimeoutSeconds and, for {@code .waitForTaskToken}, waits for the callback with HeartbeatSeconds.
 */
final class TaskHandler {
    /** AWS's default task timeout (effectively none). */
    private static final long DEFAULT_TIMEOUT_SECONDS = 99_999_999L;

    private TaskHandler() {}

    static StepResult execute(TaskState state, StateRun run) {
        return Recovery.run(run, state.retry(), state.catchers(), () -> attempt(state, run));
    }

    private static StepResult attempt(TaskState state, StateRun run) {
        ExecutionRuntime rt = run.runtime();
        ResourceArn resource = ResourceArn.parse(resource(state, run));
        boolean callback = resource.pattern() == ResourceArn.Pattern.WAIT_FOR_TASK_TOKEN
                || resource.kind() == ResourceArn.Kind.ACTIVITY;
        // $$.Task.Token exists for every integration (a .sync task may pass it on), not only for callbacks; those made
        // for other tasks only when read.
        String token = callback ? rt.callbacks().newToken() : null;
        if (callback) {
            run.taskToken(token);
        } else if (resource.kind() == ResourceArn.Kind.SERVICE) {
            run.lazyTaskToken(rt.callbacks()::newToken);
        } else {
            run.taskToken(null);
        }
        JsonNode effective = DataFlow.effectiveInput(run);
        JsonNode payload = DataFlow.payload(run, effective);
        Integer timeout = seconds(state.timeout(), run, effective, "TimeoutSeconds");
        Integer heartbeat = seconds(state.heartbeat(), run, effective, "HeartbeatSeconds");

        TaskEvents events = new TaskEvents(run.frame().cursor(), resource, rt.region());
        events.scheduled(payload, timeout, heartbeat, credentialsRole(state, run, effective));
        events.started();
        Instant deadline = rt.clock().now().plusSeconds(timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout);
        CallbackRegistry.Pending pending = callback ? rt.callbacks().register(token) : null;
        try {
            TaskRequest request = new TaskRequest(
                    resource,
                    payload,
                    state.name(),
                    rt.info().stateMachineName(),
                    rt.info().executionArn(),
                    token,
                    rt.testCase(),
                    rt.nextInvocation(state.name()),
                    timeout,
                    rt.executions());
            StateUnderTest.Mock mock =
                    rt.underTest() == null ? null : rt.underTest().mockFor(run);
            CompletableFuture<TaskResult> call = mock == null ? rt.invoker().invoke(request) : mocked(mock);
            if (!Waits.await(run, call, deadline)) {
                call.cancel(true);
                events.timedOut(StatesErrors.TIMEOUT);
                throw new StatesFailure(StatesErrors.TIMEOUT, null);
            }
            // A .sync or callback task reports TaskSubmitted before its outcome, also when the invoker (a mock)
            // answered with the job's or the callback's final outcome directly.
            boolean submits = resource.pattern() != ResourceArn.Pattern.REQUEST_RESPONSE;
            TaskResult result = outcome(call, events, submits);
            JsonNode output = result.output();
            if (pending != null && !result.completesCallback()) {
                events.submitted(output);
                output = awaitCallback(run, pending, deadline, heartbeat, events);
            } else if (submits) {
                events.submitted(Json.object()); // the job or callback already finished: its submission left no output
            }
            // Written once: the size check and the Succeeded event read the same text.
            String outputText = PooledJson.write(output);
            checkSize(outputText, resource.kind() == ResourceArn.Kind.SERVICE ? resource.resourceType() : state.name());
            events.succeeded(outputText);
            return DataFlow.finish(run, output, output, state.common().next());
        } finally {
            if (pending != null) {
                rt.callbacks().remove(token);
            }
        }
    }

    /** TestState's mock in place of the resource: its result is the task's final one, even for a callback task. */
    private static CompletableFuture<TaskResult> mocked(StateUnderTest.Mock mock) {
        return mock.fails()
                ? CompletableFuture.failedFuture(new StatesFailure(mock.error(), mock.cause()))
                : CompletableFuture.completedFuture(TaskResult.finalResult(mock.result()));
    }

    private static void checkSize(String outputText, String name) {
        if (Interpreter.tooLarge(outputText)) {
            throw new StatesFailure(
                    StatesErrors.DATA_LIMIT_EXCEEDED,
                    "The state/task '" + name
                            + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }

    /** The RoleArn of the task's Credentials (cross-account calls), evaluated like the payload. */
    private static String credentialsRole(TaskState state, StateRun run, JsonNode effective) {
        if (state.credentials() == null) {
            return null;
        }
        JsonNode credentials = state.common().jsonata()
                ? JsonataEvaluator.template(state.credentials(), run.jsonata(null, null), "Credentials")
                : PayloadTemplate.evaluate(state.credentials(), run.bindings(effective));
        return credentials.path("RoleArn").asText(null);
    }

    private static String resource(TaskState state, StateRun run) {
        String resource = state.resource();
        if (state.common().jsonata() && JsonataEvaluator.isExpression(resource)) {
            return JsonataEvaluator.required(resource, run.jsonata(null, null), "Resource")
                    .asText();
        }
        return resource;
    }

    private static TaskResult outcome(CompletableFuture<TaskResult> call, TaskEvents events, boolean submitted) {
        try {
            return call.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            StatesFailure failure = cause instanceof StatesFailure f
                    ? f
                    : new StatesFailure(cause.getClass().getName(), String.valueOf(cause.getMessage()));
            if (submitted) {
                events.submitted(Json.object());
            }
            if (StatesErrors.TIMEOUT.equals(failure.error())
                    || StatesErrors.HEARTBEAT_TIMEOUT.equals(failure.error())) {
                events.timedOut(failure.error());
            } else {
                events.failed(failure.error(), failure.cause());
            }
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionStopped();
        }
    }

    /**
     * Waits for the SendTask* answer. Past TimeoutSeconds it fails with States.Timeout; past HeartbeatSeconds
     * without a heartbeat too, as AWS reports it (TaskTimedOut and the execution's error say States.Timeout in
     * recorded executions), but as a {@link HeartbeatTimedOut} that a Retry or Catch on States.HeartbeatTimeout
     * also matches, as AWS documents.
     */
    private static JsonNode awaitCallback(
            StateRun run, CallbackRegistry.Pending pending, Instant deadline, Integer heartbeat, TaskEvents events) {
        var clock = run.runtime().clock();
        while (true) {
            Instant heartbeatDeadline = heartbeat == null ? null : clock.now().plusSeconds(heartbeat);
            boolean heartbeatFirst = heartbeatDeadline != null && heartbeatDeadline.isBefore(deadline);
            Instant until = heartbeatFirst ? heartbeatDeadline : deadline;
            CompletableFuture<Void> beat = pending.nextHeartbeat();
            CompletableFuture<Object> any = CompletableFuture.anyOf(pending.result(), beat);
            if (Waits.await(run, any, until)) {
                if (pending.result().isDone()) {
                    return callbackResult(pending, events);
                }
                continue; // a heartbeat: the heartbeat timer restarts
            }
            events.timedOut(StatesErrors.TIMEOUT);
            throw heartbeatFirst ? new HeartbeatTimedOut() : new StatesFailure(StatesErrors.TIMEOUT, null);
        }
    }

    private static JsonNode callbackResult(CallbackRegistry.Pending pending, TaskEvents events) {
        try {
            return pending.result().get();
        } catch (ExecutionException e) {
            StatesFailure f = (StatesFailure) e.getCause();
            events.failed(f.error(), f.cause());
            throw f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionStopped();
        }
    }

    private static Integer seconds(TimeoutSpec spec, StateRun run, JsonNode effective, String field) {
        if (!spec.isSet()) {
            return null;
        }
        JsonNode value = spec.value();
        if (spec.path() != null) {
            try {
                value = ReferencePaths.read(spec.path(), run.bindings(effective));
            } catch (PathNotFound e) {
                throw RuntimeFailure.runtime(
                        "The " + field + "Path parameter does not reference an input value: " + spec.path());
            }
        } else if (JsonataEvaluator.isExpression(value)) {
            value = JsonataEvaluator.required(value.textValue(), run.jsonata(null, null), field);
        }
        if (!value.isIntegralNumber() || value.longValue() <= 0) {
            throw spec.path() != null
                    ? RuntimeFailure.runtime("The " + field + "Path parameter must be a positive integer: "
                            + spec.path() + " == " + Json.write(value))
                    : RuntimeFailure.query(
                            "The " + field + " field must be a positive integer but was: " + Json.write(value));
        }
        return value.intValue();
    }
}
