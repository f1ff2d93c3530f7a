package com.ccs.workflows.localrunner.project;

import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.ResourceArn;
import com.ccs.workflows.localrunner.tasks.TaskInvoker;
import com.ccs.workflows.localrunner.tasks.TaskRequest;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The Task resources of this project's state machines: Lambda invocations go to the template's functions
 * in-process ({@code arn:aws:states:::lambda:invoke}, with {@code .waitForTaskToken}, and plain function ARNs),
 * service integrations to the configured endpoint through {@link AwsServiceCalls}. Anything else fails with
 * {@code States.Runtime} and a message listing what is supported.
 */
public final class ProjectTaskInvoker implements TaskInvoker, AutoCloseable {
  private final FunctionRegistry functions;
  private final AwsServiceCalls services;
  private final RunnerClock clock;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private volatile Consumer<FunctionCall> listener = call -> { };

  /** One in-process invocation, for the run report. */
  public record FunctionCall(String stateName, String function, InProcessFunction.Invocation invocation) {}

  public ProjectTaskInvoker(FunctionRegistry functions, AwsServiceCalls services, RunnerClock clock) {
    this.functions = functions;
    this.services = services;
    this.clock = clock;
  }

  /** Receives every function invocation as it ends. */
  public void onFunctionCall(Consumer<FunctionCall> newListener) {
    this.listener = newListener;
  }

  @Override
  public CompletableFuture<TaskResult> invoke(TaskRequest request) {
    ResourceArn resource = request.resource();
    clock.invocationStarted();
    CompletableFuture<TaskResult> result;
    try {
      result = CompletableFuture.supplyAsync(() -> dispatch(request, resource), executor);
    } catch (RuntimeException e) {
      clock.invocationEnded();
      throw e;
    }
    return result.whenComplete((r, e) -> clock.invocationEnded());
  }

  private TaskResult dispatch(TaskRequest request, ResourceArn resource) {
    if (resource.kind() == ResourceArn.Kind.LAMBDA_FUNCTION) {
      return TaskResult.of(invokeFunction(request, resource.arn(), request.payload()));
    }
    if (resource.kind() == ResourceArn.Kind.SERVICE) {
      if (resource.service().equals("lambda") && resource.action().equals("invoke")) {
        return TaskResult.of(lambdaInvoke(request));
      }
      if (resource.pattern() == ResourceArn.Pattern.REQUEST_RESPONSE
          && AwsServiceCalls.supports(resource.service(), resource.action())) {
        return TaskResult.of(services.call(resource.service(), resource.action(), request.payload()));
      }
    }
    throw new StatesFailure(StatesErrors.RUNTIME, "The local runner does not run the resource '" + resource.arn()
        + "' (state '" + request.stateName() + "'). Supported: arn:aws:states:::lambda:invoke[.waitForTaskToken]"
        + " and Lambda function ARNs (the template's functions, in-process), " + AwsServiceCalls.supported() + ".");
  }

  /** lambda:invoke's result: the function's answer under Payload, with the invocation's metadata. */
  private JsonNode lambdaInvoke(TaskRequest request) {
    JsonNode parameters = request.payload();
    String functionName = parameters.path("FunctionName").asText(null);
    if (functionName == null) {
      throw new StatesFailure(StatesErrors.RUNTIME, "lambda:invoke needs Parameters.FunctionName (state '"
          + request.stateName() + "')");
    }
    JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : NullNode.getInstance();
    if (payload.isTextual()) {
      payload = Json.parse(payload.textValue()); // a string Payload is the JSON document itself
    }
    JsonNode answer = invokeFunction(request, functionName, payload);
    ObjectNode result = Json.object();
    result.put("ExecutedVersion", "1");
    result.set("Payload", answer);
    ObjectNode http = result.putObject("SdkHttpMetadata");
    String requestId = UUID.randomUUID().toString();
    ObjectNode headers = Json.object().put("Content-Type", "application/json").put("X-Amz-Executed-Version", "1")
        .put("x-amzn-Remapped-Content-Length", "0").put("x-amzn-RequestId", requestId);
    http.set("AllHttpHeaders", headers.deepCopy());
    http.set("HttpHeaders", headers);
    http.put("HttpStatusCode", 200);
    result.putObject("SdkResponseMetadata").put("RequestId", requestId);
    result.put("StatusCode", 200);
    return result;
  }

  private JsonNode invokeFunction(TaskRequest request, String functionName, JsonNode payload) {
    InProcessFunction function = functions.find(functionName).orElseThrow(() -> new StatesFailure(
        "Lambda.ResourceNotFoundException", "Function not found: " + functionName + " (Service: Lambda, Status"
            + " Code: 404, Request ID: " + UUID.randomUUID() + ")"));
    InProcessFunction.Invocation invocation = function.invoke(Json.write(payload));
    listener.accept(new FunctionCall(request.stateName(), function.spec().logicalId(), invocation));
    if (invocation.failed()) {
      throw new StatesFailure(invocation.errorType(), invocation.errorPayload());
    }
    return Json.parse(invocation.payload());
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
