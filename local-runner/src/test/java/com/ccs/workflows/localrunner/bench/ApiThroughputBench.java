package com.ccs.workflows.localrunner.bench;

import com.ccs.workflows.localrunner.api.StepFunctionsApiServer;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.testing.LoopbackClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * API throughput: StartSyncExecution of the emergency-shaped EXPRESS machine (Tasks mocked) over loopback HTTP,
 * the AWS JSON protocol as the SDKs send it, from 4 client threads (each with its own keep-alive connection, see
 * {@link LoopbackClient}) on the same machine as the server. Executions per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
public class ApiThroughputBench {
    private Engine engine;
    private StepFunctionsApiServer server;
    private byte[] body;

    /** One connection per benchmark thread, opened for each iteration's server. */
    @State(Scope.Thread)
    public static class Client {
        LoopbackClient http;

        @Setup(Level.Iteration)
        public void open(ApiThroughputBench bench) throws IOException {
            http = new LoopbackClient(bench.server.port(), "AWSStepFunctions.StartSyncExecution");
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            http.close();
        }
    }

    @Setup(Level.Iteration)
    public void start() throws IOException {
        engine = BenchMachines.mockedEngine();
        String arn = engine.createStateMachine(
                        BenchMachines.SHAPED_NAME,
                        BenchMachines.EMERGENCY_SHAPED,
                        StateMachineType.EXPRESS,
                        "arn:aws:iam::123456789012:role/bench")
                .arn();
        body = Json.write(Json.object()
                        .put("stateMachineArn", arn + "#" + BenchMachines.TEST_CASE)
                        .put("input", BenchMachines.EVENT))
                .getBytes(StandardCharsets.UTF_8);
        server = StepFunctionsApiServer.start(engine, 0);
    }

    @TearDown(Level.Iteration)
    public void stop() {
        server.close();
        engine.close();
    }

    @Benchmark
    public int startSyncExecution(Client client) throws IOException {
        LoopbackClient.Response response = client.http.post(body);
        if (response.status() != 200 || !response.body().contains("\"SUCCEEDED\"")) {
            throw new IllegalStateException(response.status() + " " + response.body());
        }
        return response.body().length();
    }
}
