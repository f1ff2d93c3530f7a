package com.ccs.workflows.localrunner.api;

import com.ccs.workflows.localrunner.clock.Clock;
import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineConfig;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.CallbackRegistry;
import com.ccs.workflows.localrunner.tasks.TaskInvoker;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * An engine served on a loopback port and the real AWS SDK client pointed at it. The account is the one of the
 * module description's commands, so its ARNs work verbatim.
 *
 * <p>A test class gets a fresh one for each test with {@code @RegisterExtension final LocalSfn local =
 * LocalSfn.virtual();} (JUnit makes a test instance per test method), closed after the test; elsewhere, close it
 * with try-with-resources.
 */
final class LocalSfn implements AfterEachCallback, AutoCloseable {
    static final String ACCOUNT = "123456789";
    static final String ROLE = "arn:aws:iam::123456789:role/ccs-workflows-sfn";
    /** Every Task answers {@code {}}: for a callback task, the message carrying the token was delivered. */
    static final TaskInvoker DELIVERED = request -> CompletableFuture.completedFuture(TaskResult.of(Json.object()));

    final Engine engine;
    final StepFunctionsApiServer server;
    final SfnClient sfn;

    private LocalSfn(Engine engine) {
        this.engine = engine;
        try {
            this.server = StepFunctionsApiServer.start(engine, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.sfn = client(server.endpoint());
    }

    /** Virtual time; outside answers (callbacks) get {@code grace} of real time before their timeout may fire. */
    static LocalSfn virtual(Duration grace) {
        return with(new VirtualClock(Instant.parse("2025-01-01T00:00:00Z"), grace), DELIVERED);
    }

    static LocalSfn virtual() {
        return virtual(Duration.ofSeconds(30));
    }

    static LocalSfn with(Clock clock, TaskInvoker invoker) {
        return of(new EngineConfig(clock, invoker, new CallbackRegistry(), "us-east-1", ACCOUNT));
    }

    static LocalSfn of(EngineConfig config) {
        return new LocalSfn(new Engine(config));
    }

    /** The SDK as an application would configure it, plus no host prefix ({@code sync-}) for StartSyncExecution. */
    static SfnClient client(URI endpoint) {
        return SfnClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    String machineArn(String name) {
        return "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:" + name;
    }

    String create(String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE))
                .stateMachineArn();
    }

    String createExpress(String name, String definition) {
        return sfn.createStateMachine(
                        b -> b.name(name).definition(definition).roleArn(ROLE).type("EXPRESS"))
                .stateMachineArn();
    }

    /** Polls DescribeExecution until the execution has ended. */
    DescribeExecutionResponse awaitEnd(String executionArn) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var described = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (!described.statusAsString().equals("RUNNING") || System.nanoTime() > deadline) {
                return described;
            }
            sleep(2);
        }
    }

    /**
     * The token of the callback task an execution waits on, read as a worker would receive it: from the message
     * the task sent ({@code MessageBody.token} of its parameters), once the task has been submitted.
     */
    String awaitTaskToken(String executionArn) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var events = sfn.getExecutionHistory(
                            b -> b.executionArn(executionArn).reverseOrder(true))
                    .events();
            boolean submitted = events.stream().anyMatch(e -> e.typeAsString().equals("TaskSubmitted"));
            if (submitted) {
                return events.stream()
                        .filter(e -> e.typeAsString().equals("TaskScheduled"))
                        .findFirst()
                        .map(e -> Json.parse(e.taskScheduledEventDetails().parameters())
                                .path("MessageBody")
                                .path("token")
                                .asText())
                        .orElseThrow();
            }
            sleep(2);
        }
        throw new AssertionError("No callback task was submitted in " + executionArn);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes JSON with single quotes for readability. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        sfn.close();
        server.close();
        engine.close();
    }
}
