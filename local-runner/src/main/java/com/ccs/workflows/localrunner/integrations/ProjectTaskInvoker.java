package com.ccs.workflows.localrunner.integrations;

import com.ccs.workflows.localrunner.clock.RunnerClock;
import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.lambda.FunctionRegistry;
import com.ccs.workflows.localrunner.lambda.InProcessFunction;
import com.ccs.workflows.localrunner.tasks.MockConfig;
import com.ccs.workflows.localrunner.tasks.MockTaskInvoker;
import com.ccs.workflows.localrunner.tasks.ResourceArn;
import com.ccs.workflows.localrunner.tasks.StartExecutionIntegration;
import com.ccs.workflows.localrunner.tasks.TaskInvoker;
import com.ccs.workflows.localrunner.tasks.TaskRequest;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The Task resources of this project's state machines: Lambda invocations go to the template's functions
 * in-process ({@code arn:aws:states:::lambda:invoke}, with {@code .waitForTaskToken}, and plain function ARNs),
 * service integrations to the configured endpoint through {@link AwsServiceCalls} (request/response and
 * {@code .waitForTaskToken} where AWS offers it), {@code states:startExecution} (all four patterns) to the
 * engine running the execution. Anything else fails with {@code States.Runtime} and a message listing what is
 * supported. With a mock configuration installed ({@link #useMocks}), the states it mocks are answered from it.
 *
 * <p>Outside a deployment ({@link #forEndpoint}) there are no in-process functions: Lambda is called at the
 * endpoint too, and without an endpoint every AWS integration fails saying how to configure one.
 */
public final class ProjectTaskInvoker implements TaskInvoker, AutoCloseable {
    /** The optimized integrations AWS lets wait for a callback (the AWS SDK integrations all do). */
    private static final Set<String> CALLBACK_OPTIMIZED =
            Set.of("sns:publish", "sqs:sendMessage", "events:putEvents", "lambda:invoke");

    private final FunctionRegistry functions;
    private final AwsServiceCalls services;
    private final RunnerClock clock;
    private final boolean standalone;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Consumer<FunctionCall> listener = call -> {};
    private volatile TaskInvoker mocked;
    private volatile String defaultTestCase;

    /** One in-process invocation, for the run report. */
    public record FunctionCall(String stateName, String function, InProcessFunction.Invocation invocation) {}

    public ProjectTaskInvoker(FunctionRegistry functions, AwsServiceCalls services, RunnerClock clock) {
        this(functions, services, clock, false);
    }

    private ProjectTaskInvoker(
            FunctionRegistry functions, AwsServiceCalls services, RunnerClock clock, boolean standalone) {
        this.functions = functions;
        this.services = services;
        this.clock = clock;
        this.standalone = standalone;
    }

    /**
     * The engine's dispatch outside a deployment: every AWS integration (Lambda included) goes to
     * {@code endpoint} (an emulator or AWS) through signed HTTP calls, with the credentials the SDK finds (or
     * {@code test}/{@code test}, which emulators accept). {@code endpoint} null: each AWS Task fails with a
     * message saying how to configure one.
     */
    public static ProjectTaskInvoker forEndpoint(URI endpoint, String region) {
        AwsServiceCalls calls =
                endpoint == null ? null : new AwsServiceCalls(endpoint, null, region, ProjectTaskInvoker::credentials);
        return new ProjectTaskInvoker(new FunctionRegistry(), calls, new RunnerClock(), true);
    }

    private static AwsCredentialsProvider credentials() {
        DefaultCredentialsProvider provider =
                DefaultCredentialsProvider.builder().build();
        try {
            provider.resolveCredentials();
            return provider;
        } catch (SdkClientException e) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        }
    }

    /** Receives every function invocation as it ends. */
    public void onFunctionCall(Consumer<FunctionCall> newListener) {
        this.listener = newListener;
    }

    /**
     * Answers the states a mock configuration mocks (Step Functions Local's {@code SFN_MOCK_CONFIG}) for the
     * executions started as {@code stateMachineArn#TestCase}, and, when {@code testCase} is given, for executions
     * started without one. The states it does not mock run as usual. Null removes the mocks.
     */
    public void useMocks(MockConfig mocks, String testCase) {
        this.defaultTestCase = testCase;
        this.mocked = mocks == null ? null : new MockTaskInvoker(mocks, this::call);
    }

    @Override
    public CompletableFuture<TaskResult> invoke(TaskRequest request) {
        TaskInvoker mocks = mocked;
        if (mocks == null) {
            return call(request);
        }
        String testCase = defaultTestCase;
        if (request.testCase() == null && testCase != null) {
            request = new TaskRequest(
                    request.resource(),
                    request.payload(),
                    request.stateName(),
                    request.stateMachineName(),
                    request.executionArn(),
                    request.taskToken(),
                    testCase,
                    request.invocation(),
                    request.timeoutSeconds(),
                    request.executions());
        }
        return mocks.invoke(request);
    }

    private CompletableFuture<TaskResult> call(TaskRequest request) {
        ResourceArn resource = request.resource();
        if (StartExecutionIntegration.handles(resource)) {
            return StartExecutionIntegration.invoke(request);
        }
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
            String integration = resource.service() + ":" + resource.action();
            boolean callback = resource.pattern() == ResourceArn.Pattern.WAIT_FOR_TASK_TOKEN;
            boolean patternAllowed = resource.pattern() == ResourceArn.Pattern.REQUEST_RESPONSE
                    || callback
                            && (CALLBACK_OPTIMIZED.contains(integration)
                                    || resource.service().startsWith("aws-sdk:"));
            if (integration.equals("lambda:invoke") && patternAllowed) {
                return TaskResult.of(lambdaInvoke(request));
            }
            if (patternAllowed && AwsServiceCalls.supports(resource.service(), resource.action())) {
                // A callback task's result is the message's send receipt; the engine then waits for SendTask*.
                return TaskResult.of(services(request)
                        .call(resource.service(), resource.action(), request.payload(), callerArns(request)));
            }
            if (callback && AwsServiceCalls.supports(resource.service(), resource.action())) {
                throw new StatesFailure(
                        StatesErrors.RUNTIME,
                        "AWS does not offer .waitForTaskToken for " + integration + " (state '" + request.stateName()
                                + "'): only request/response. Supported: " + supportedText());
            }
        }
        throw new StatesFailure(
                StatesErrors.RUNTIME,
                "The local runner does not run the resource '" + resource.arn() + "' (state '" + request.stateName()
                        + "'). Supported: " + supportedText() + ".");
    }

    private String supportedText() {
        return "arn:aws:states:::lambda:invoke[.waitForTaskToken] and Lambda function ARNs ("
                + (standalone ? "at the endpoint" : "the template's functions, in-process") + "), "
                + "states:startExecution[.sync|.sync:2|.waitForTaskToken] (this engine), "
                + AwsServiceCalls.supported();
    }

    private AwsServiceCalls services(TaskRequest request) {
        if (services == null) {
            throw new StatesFailure(
                    StatesErrors.RUNTIME,
                    "No AWS endpoint is configured for the resource '"
                            + request.resource().arn() + "' (state '" + request.stateName()
                            + "'): give one with --endpoint-url URL"
                            + " (or AWS_ENDPOINT_URL) for an emulator or AWS, or mock the state in a mock configuration file"
                            + " (SFN_MOCK_CONFIG or --mock-config, executions started as stateMachineArn#TestCase).");
        }
        return services;
    }

    /** What the optimized PutEvents adds to each entry's Resources: the execution's and its machine's ARNs. */
    private static List<String> callerArns(TaskRequest request) {
        List<String> arns = new ArrayList<>();
        if (request.executionArn() != null) {
            arns.add(request.executionArn());
        }
        if (request.stateMachineArn() != null) {
            arns.add(request.stateMachineArn());
        }
        return arns;
    }

    /** lambda:invoke's result: the function's answer under Payload, with the invocation's metadata. */
    private JsonNode lambdaInvoke(TaskRequest request) {
        JsonNode parameters = request.payload();
        String functionName = parameters.path("FunctionName").asText(null);
        if (functionName == null) {
            throw new StatesFailure(
                    StatesErrors.RUNTIME,
                    "lambda:invoke needs Parameters.FunctionName (state '" + request.stateName() + "')");
        }
        JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : NullNode.getInstance();
        if (payload.isTextual()) {
            payload = Json.parse(payload.textValue()); // a string Payload is the JSON document itself
        }
        if (standalone) {
            AwsServiceCalls.LambdaAnswer answer = services(request)
                    .invokeLambda(
                            functionName,
                            payload,
                            parameters.path("Qualifier").asText(null),
                            parameters.path("InvocationType").asText(null));
            throwIfFunctionFailed(answer);
            return invokeResult(
                    answer.payload(),
                    answer.executedVersion(),
                    answer.requestId(),
                    answer.headers(),
                    answer.statusCode());
        }
        JsonNode answer = invokeFunction(request, functionName, payload);
        String requestId = UUID.randomUUID().toString();
        ObjectNode headers = Json.object()
                .put("Content-Type", "application/json")
                .put("X-Amz-Executed-Version", "1")
                .put("x-amzn-Remapped-Content-Length", "0")
                .put("x-amzn-RequestId", requestId);
        return invokeResult(answer, "1", requestId, headers, 200);
    }

    private static ObjectNode invokeResult(
            JsonNode answer, String version, String requestId, ObjectNode headers, int status) {
        ObjectNode result = Json.object();
        result.put("ExecutedVersion", version);
        result.set("Payload", answer);
        ObjectNode http = result.putObject("SdkHttpMetadata");
        http.set("AllHttpHeaders", headers.deepCopy());
        http.set("HttpHeaders", headers);
        http.put("HttpStatusCode", status);
        result.putObject("SdkResponseMetadata").put("RequestId", requestId);
        result.put("StatusCode", status);
        return result;
    }

    private JsonNode invokeFunction(TaskRequest request, String functionName, JsonNode payload) {
        if (standalone) {
            AwsServiceCalls.LambdaAnswer answer = services(request).invokeLambda(functionName, payload, null, null);
            throwIfFunctionFailed(answer);
            return answer.payload();
        }
        InProcessFunction function = functions
                .find(functionName)
                .orElseThrow(() -> new StatesFailure(
                        "Lambda.ResourceNotFoundException",
                        "Function not found: " + functionName + " (Service: Lambda, Status" + " Code: 404, Request ID: "
                                + UUID.randomUUID() + ")"));
        InProcessFunction.Invocation invocation = function.invoke(Json.write(payload));
        listener.accept(new FunctionCall(request.stateName(), function.spec().logicalId(), invocation));
        if (invocation.failed()) {
            throw new StatesFailure(invocation.errorType(), invocation.errorPayload());
        }
        return Json.parse(invocation.payload());
    }

    /** A function error: named by the function's errorType, the error payload as the cause, as AWS reports it. */
    private static void throwIfFunctionFailed(AwsServiceCalls.LambdaAnswer answer) {
        if (answer.functionError() != null) {
            String type = answer.payload().path("errorType").asText("Lambda.Unknown");
            throw new StatesFailure(
                    type, answer.payload().isTextual() ? answer.payload().textValue() : Json.write(answer.payload()));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
