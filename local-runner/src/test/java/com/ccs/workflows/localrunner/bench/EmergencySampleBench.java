package com.ccs.workflows.localrunner.bench;

import com.ccs.workflows.localrunner.deployment.LocalDeployment;
import com.ccs.workflows.localrunner.testing.TestProject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
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

/**
 * The real emergency workflow on its sample event (events/emergency/panic-button-critical.json) through the
 * project's local deployment, warm: template.yaml deployed on the embedded backends, the functions initialised
 * in-process, then one execution per invocation, each with its own event timestamp (so each records a new
 * incident, publishes to SNS and starts a recording), from StartExecution to the end. Sample time: read the
 * median (p0.50) line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EmergencySampleBench {
    private LocalDeployment deployment;
    private String arn;
    private String template;
    private long timestamp = 1_698_765_432_000L;

    @Setup(Level.Trial)
    public void deploy() {
        // The functions log to System.out as in Lambda; the CLI sends that to a file, here nowhere.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        template = TestProject.event("emergency/panic-button-critical.json");
        deployment = TestProject.deploy();
        arn = deployment.stateMachine("emergency").arn();
        deployment.warmFor(deployment.stateMachine("emergency"));
    }

    @TearDown(Level.Trial)
    public void close() {
        deployment.close();
    }

    @Benchmark
    public Object emergencySampleWarm() {
        String input = template.replace("1698765432000", Long.toString(++timestamp));
        var execution = deployment.engine().startExecution(arn, null, input);
        return BenchMachines.succeeded(deployment.engine().await(execution.arn(), Duration.ofSeconds(30)))
                .output();
    }
}
