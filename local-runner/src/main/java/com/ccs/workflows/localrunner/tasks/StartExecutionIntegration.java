package com.ccs.workflows.localrunner.tasks;

import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code arn:aws:states:::states:startExecution} in its four patterns, run by the engine of the calling execution:
 * request/response (and {@code .waitForTaskToken}, whose child answers with SendTask*) return the StartExecution
 * response; {@code .sync} and {@code .sync:2} wait for the child and return its DescribeExecution output (input
 * and output as JSON text for {@code .sync}, as JSON for {@code .sync:2}), or fail with States.TaskFailed and
 * that output as the cause when it did not succeed.
 */
public final class StartExecutionIntegration {
    private StartExecutionIntegration() {}

    /** Whether the resource is {@code states:startExecution} with any pattern. */
    public static boolean handles(ResourceArn resource) {
        return resource.kind() == ResourceArn.Kind.SERVICE
                && "states".equals(resource.service())
                && "startExecution".equals(resource.action());
    }

    public static CompletableFuture<TaskResult> invoke(TaskRequest request) {
        NestedExecutions executions = request.executions();
        JsonNode parameters = request.payload();
        String machine = parameters.path("StateMachineArn").asText(null);
        if (executions == null || machine == null) {
            return CompletableFuture.failedFuture(new StatesFailure(
                    StatesErrors.RUNTIME,
                    executions == null
                            ? "states:startExecution needs the engine that runs the execution (state '"
                                    + request.stateName() + "')"
                            : "states:startExecution needs Parameters.StateMachineArn (state '" + request.stateName()
                                    + "')"));
        }
        JsonNode input = parameters.get("Input");
        String inputText = input == null || input.isNull()
                ? "{}"
                : input.isTextual()
                        ? input.textValue()
                        : Json.write(input); // a string Input is the JSON text itself, as the API takes it
        NestedExecutions.Summary started;
        try {
            started = executions.start(machine, parameters.path("Name").asText(null), inputText);
        } catch (StatesFailure f) {
            return CompletableFuture.failedFuture(f);
        }
        ResourceArn.Pattern pattern = request.resource().pattern();
        if (pattern == ResourceArn.Pattern.REQUEST_RESPONSE || pattern == ResourceArn.Pattern.WAIT_FOR_TASK_TOKEN) {
            return CompletableFuture.completedFuture(TaskResult.of(startResponse(started)));
        }
        boolean json = pattern == ResourceArn.Pattern.SYNC2;
        CompletableFuture<TaskResult> result = new CompletableFuture<>();
        executions.completion(started.executionArn()).whenComplete((end, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else if ("SUCCEEDED".equals(end.status())) {
                result.complete(TaskResult.of(describe(end, json)));
            } else {
                result.completeExceptionally(
                        new StatesFailure(StatesErrors.TASK_FAILED, Json.write(describe(end, json))));
            }
        });
        // The parent gave up (its TimeoutSeconds passed): the job it was running is stopped, as for any .sync task.
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                executions.stop(started.executionArn());
            }
        });
        return result;
    }

    /** StartExecution's response with the metadata the optimized integrations add. */
    private static ObjectNode startResponse(NestedExecutions.Summary started) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode out = Json.object().put("ExecutionArn", started.executionArn());
        ObjectNode http = out.putObject("SdkHttpMetadata");
        ObjectNode headers =
                Json.object().put("Content-Type", "application/x-amz-json-1.0").put("x-amzn-RequestId", requestId);
        http.set("AllHttpHeaders", headers.deepCopy());
        http.set("HttpHeaders", headers);
        http.put("HttpStatusCode", 200);
        out.putObject("SdkResponseMetadata").put("RequestId", requestId);
        out.put("StartDate", started.startDate().toEpochMilli());
        return out;
    }

    /** The child's DescribeExecution output, fields in the order Step Functions writes them. */
    private static ObjectNode describe(NestedExecutions.Summary end, boolean json) {
        ObjectNode out = Json.object();
        if (end.cause() != null) {
            out.put("Cause", end.cause());
        }
        if (end.error() != null) {
            out.put("Error", end.error());
        }
        out.put("ExecutionArn", end.executionArn());
        putData(out, "Input", end.input(), json);
        out.putObject("InputDetails").put("Included", true);
        out.put("Name", end.name());
        if (end.output() != null) {
            putData(out, "Output", end.output(), json);
            out.putObject("OutputDetails").put("Included", true);
        }
        // As recorded on AWS: a child that succeeded reports its redrive fields, one that did not reports none.
        if ("SUCCEEDED".equals(end.status())) {
            out.put("RedriveCount", end.redriveCount());
            if (end.redriveDate() != null) {
                out.put("RedriveDate", end.redriveDate().toEpochMilli());
            }
            out.put("RedriveStatus", end.redriveStatus());
            if (end.redriveStatusReason() != null) {
                out.put("RedriveStatusReason", end.redriveStatusReason());
            }
        }
        out.put("StartDate", end.startDate().toEpochMilli());
        out.put("StateMachineArn", end.stateMachineArn());
        out.put("Status", end.status());
        if (end.stopDate() != null) {
            out.put("StopDate", end.stopDate().toEpochMilli());
        }
        return out;
    }

    private static void putData(ObjectNode out, String field, String text, boolean json) {
        if (json) {
            out.set(field, Json.parse(text));
        } else {
            out.put(field, text);
        }
    }
}
