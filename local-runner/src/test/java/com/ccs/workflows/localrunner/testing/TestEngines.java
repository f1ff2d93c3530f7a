package com.ccs.workflows.localrunner.testing;

import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineConfig;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.tasks.CallbackRegistry;
import com.ccs.workflows.localrunner.tasks.RoutingTaskInvoker;
import com.ccs.workflows.localrunner.tasks.TaskInvoker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Engines on a virtual clock for unit tests, and a one-call way to run a definition. */
public final class TestEngines {
    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private TestEngines() {}

    public static Engine engine(TaskInvoker invoker, VirtualClock clock) {
        return new Engine(new EngineConfig(clock, invoker, new CallbackRegistry(), "us-east-1", "123456789012"));
    }

    public static Engine engine(TaskInvoker invoker) {
        return engine(invoker, new VirtualClock(START, Duration.ofMillis(50)));
    }

    public static Engine engine() {
        return engine(new RoutingTaskInvoker());
    }

    /** Creates the machine, runs it to the end and returns the finished execution. */
    public static Execution run(Engine engine, String definition, String input) {
        var machine = engine.createStateMachine(
                "m" + Integer.toHexString(definition.hashCode()),
                definition,
                StateMachineType.STANDARD,
                "arn:aws:iam::123456789012:role/test");
        Execution started = engine.startExecution(machine.arn(), null, input);
        return engine.await(started.arn(), Duration.ofSeconds(20));
    }

    public static Execution run(String definition, String input) {
        try (Engine engine = engine()) {
            return run(engine, definition, input);
        }
    }

    public static List<String> types(Execution execution) {
        return execution.history().stream().map(HistoryEvent::type).toList();
    }

    /** Writes ASL with single quotes for readability: {@code json("{'a': 1}")}. */
    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
