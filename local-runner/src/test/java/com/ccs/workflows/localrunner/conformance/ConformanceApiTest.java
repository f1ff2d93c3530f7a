package com.ccs.workflows.localrunner.conformance;

import com.ccs.workflows.localrunner.api.StepFunctionsApiServer;
import com.ccs.workflows.localrunner.conformance.ConformanceSuite.Result;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The conformance suite through the HTTP API: every {@code pure} and {@code stubbable} execution recorded against
 * AWS (../shared/conformance) is created, started, stopped where the recording was stopped, awaited and read back
 * with the real AWS SDK client against {@link StepFunctionsApiServer}, stubbable Tasks answered through the mock
 * configuration ({@code stateMachineArn#TestCase}, as with Step Functions Local). Status, output, error, cause
 * and the states entered (read from GetExecutionHistory) are compared as {@link ConformanceTest} compares them
 * in-process; prints the pass rates by folder and category and every failure with its reason.
 */
class ConformanceApiTest {
    /** Floors: the pass rates reached through the API (rounded down). Raise them as the engine improves. */
    private static final double PURE_FLOOR = 1.0;

    private static final double STUBBABLE_FLOOR = 1.0;
    private static final int THREADS = 4;
    private static final String ROLE = "arn:aws:iam::111111111111:role/conformance";

    /** A thread's client, and where it sends requests. */
    private record Worker(SfnClient sfn, ToCurrentServer redirect) {}

    @Test
    void recordedAwsExecutionsReplayFaithfullyThroughTheApi() {
        List<Result> results = runAll(ConformanceSuite.cases());
        ConformanceSuite.report("Conformance through the Step Functions API (AWS SDK for Java v2)", results, false);
        ConformanceSuite.holdFloors(results, PURE_FLOOR, STUBBABLE_FLOOR, " through the API");
    }

    /**
     * Runs the cases on a few threads, each with one SDK client (building a client per case would dominate the
     * run) whose requests go to the server of the case that thread is running. Results keep the cases' order.
     */
    private static List<Result> runAll(List<ConformanceCase> cases) {
        List<Worker> workers = new CopyOnWriteArrayList<>();
        ThreadLocal<Worker> worker = ThreadLocal.withInitial(() -> {
            ToCurrentServer redirect = new ToCurrentServer();
            Worker w = new Worker(client(redirect), redirect);
            workers.add(w);
            return w;
        });
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (ConformanceCase c : cases) {
                futures.add(pool.submit(() -> {
                    String failure;
                    try {
                        failure = run(
                                CaseRun.of(c), worker.get().sfn(), worker.get().redirect());
                    } catch (RuntimeException | AssertionError e) {
                        failure = "crashed: " + e;
                    }
                    return new Result(c, failure, null);
                }));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
            workers.forEach(w -> w.sfn().close());
        }
    }

    /** One case on an engine of its own (the in-process suite's configuration), served on a fresh port. */
    private static String run(CaseRun run, SfnClient sfn, ToCurrentServer redirect) {
        ConformanceCase c = run.c();
        try (Engine engine = new Engine(run.config());
                StepFunctionsApiServer server = StepFunctionsApiServer.start(engine, 0)) {
            redirect.port = server.port();
            String machineArn = sfn.createStateMachine(b -> b.name(run.machineName())
                            .definition(c.definition())
                            .roleArn(ROLE)
                            .type(run.express() ? "EXPRESS" : "STANDARD"))
                    .stateMachineArn();
            String executionArn = sfn.startExecution(b -> b.stateMachineArn(run.target(machineArn))
                            .name("exec")
                            .input(run.input()))
                    .executionArn();
            if (run.stoppedFromOutside()) {
                awaitEntered(sfn, executionArn, run.enteredBeforeStop());
                sfn.stopExecution(b -> b.executionArn(executionArn));
            }
            DescribeExecutionResponse described = awaitEnd(sfn, executionArn);
            if (described.statusAsString().equals("RUNNING")) {
                sfn.stopExecution(b -> b.executionArn(executionArn));
                return run.didNotEnd(entered(sfn, executionArn));
            }
            var ending = new CaseRun.Ending(
                    described.statusAsString(),
                    described.output() == null ? null : Json.parse(described.output()),
                    described.error(),
                    described.cause());
            return run.compare(ending, c.history() == null ? null : entered(sfn, executionArn));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SdkException e) {
            return "API error: " + e.getMessage();
        }
    }

    /** Sends every request to the port of the case being run. */
    private static final class ToCurrentServer implements ExecutionInterceptor {
        volatile int port;

        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder().port(port).build();
        }
    }

    private static SfnClient client(ToCurrentServer redirect) {
        return SfnClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(redirect)
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn) {
        long deadline = System.nanoTime() + CaseRun.TIMEOUT.toNanos();
        while (true) {
            DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (!described.statusAsString().equals("RUNNING") || System.nanoTime() > deadline) {
                return described;
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private static void awaitEntered(SfnClient sfn, String executionArn, int count) {
        long deadline = System.nanoTime() + CaseRun.TIMEOUT.toNanos();
        while (entered(sfn, executionArn).size() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(200_000);
        }
    }

    /** The names of the states entered, from the whole history (every page). */
    private static List<String> entered(SfnClient sfn, String executionArn) {
        List<String> names = new ArrayList<>();
        for (HistoryEvent e : sfn.getExecutionHistoryPaginator(
                        b -> b.executionArn(executionArn).maxResults(1000))
                .events()) {
            if (e.typeAsString().endsWith("StateEntered")) {
                names.add(e.stateEnteredEventDetails().name());
            }
        }
        return names;
    }
}
