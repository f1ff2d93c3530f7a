package com.ccs.workflows.localrunner.bench;

import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.StateMachineType;
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
 * One in-process execution of a definition shaped like the emergency workflow (Choice, Pass, Task, Parallel of 3
 * Tasks, Task, Pass), its five Tasks answered by a mock configuration, from StartExecution to the end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EmergencyShapedBench {
    private Engine engine;
    private String target;

    @Setup(Level.Iteration)
    public void setUp() {
        engine = BenchMachines.mockedEngine();
        target = engine.createStateMachine(
                                BenchMachines.SHAPED_NAME,
                                BenchMachines.EMERGENCY_SHAPED,
                                StateMachineType.EXPRESS,
                                "arn:r")
                        .arn()
                + "#" + BenchMachines.TEST_CASE;
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public Object emergencyShapedExecution() {
        return BenchMachines.succeeded(engine.startExecution(target, null, BenchMachines.EVENT)
                        .completion()
                        .join())
                .output();
    }
}
