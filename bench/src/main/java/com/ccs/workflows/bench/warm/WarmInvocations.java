package com.ccs.workflows.bench.warm;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One warm invocation of a function's handler with no I/O (see {@link WarmWiring}), sampled one by one so the
 * result carries p50 and p99. The handlers log and emit metrics to standard output as in Lambda; here that
 * output goes nowhere, so the cost of formatting it is measured and the cost of a terminal is not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WarmInvocations {
    @Param({
        "validate-customer",
        "create-contract",
        "process-payment",
        "activate-service",
        "approval-callback",
        "video-recording"
    })
    public String function;

    private WarmWiring.Wired wired;
    private Context context;
    private final ByteArrayOutputStream answer = new ByteArrayOutputStream(4096);

    @Setup(Level.Trial)
    public void wire() throws Exception {
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        wired = WarmWiring.wire(function, Path.of(System.getProperty("ccs.project.dir", ".")));
        context = new BenchContext("ccs-bench-" + function);
        String first = new String(invoke(), StandardCharsets.UTF_8);
        if (!first.startsWith("{") || first.contains("\"statusCode\":5")) {
            throw new IllegalStateException(function + " did not answer its sample event: " + first);
        }
    }

    /** One invocation as the runtime makes it: the event's bytes in, the answer's bytes out. */
    @Benchmark
    public byte[] invoke() throws IOException {
        answer.reset();
        wired.handler().handleRequest(new ByteArrayInputStream(wired.event()), answer, context);
        return answer.toByteArray();
    }
}
