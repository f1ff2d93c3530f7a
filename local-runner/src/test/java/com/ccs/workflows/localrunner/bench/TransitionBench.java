package com.ccs.workflows.localrunner.bench;

import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine's overhead per state transition: one execution of a chain of 100 Pass states (each with a
 * Parameters intrinsic, each recording its Entered/Exited events), reported per transition; and a one-state
 * execution for the fixed cost of an execution (start, history, end).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TransitionBench {
    static final int CHAIN = 100;

    private Engine engine;
    private String chainArn;
    private String singleArn;

    /** A fresh engine per iteration: the executions it keeps (as AWS does) do not pile up across iterations. */
    @Setup(Level.Iteration)
    public void setUp() {
        engine = BenchMachines.mockedEngine();
        chainArn = engine.createStateMachine("chain", BenchMachines.passChain(CHAIN), StateMachineType.EXPRESS, "arn:r")
                .arn();
        singleArn = engine.createStateMachine("single", BenchMachines.passChain(1), StateMachineType.EXPRESS, "arn:r")
                .arn();
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public Object perTransitionInAChainOf100Passes() {
        return BenchMachines.succeeded(engine.startExecution(chainArn, null, "{\"n\": 0}")
                        .completion()
                        .join())
                .output();
    }

    @Benchmark
    public Object executionOfOnePassState() {
        return BenchMachines.succeeded(engine.startExecution(singleArn, null, "{\"n\": 0}")
                        .completion()
                        .join())
                .output();
    }
}
