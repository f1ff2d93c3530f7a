package com.ccs.workflows.localrunner.cli;

import com.ccs.workflows.localrunner.clock.RunnerClock;
import com.ccs.workflows.localrunner.deployment.WorkflowRun;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineConfig;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.engine.StateMachine;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.integrations.ProjectTaskInvoker;
import com.ccs.workflows.localrunner.tasks.MockConfig;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code execute} outside a project: a bare engine, no template deployed, its AWS integrations sent to the
 * endpoint (an emulator or AWS), mocked states answered from the mock configuration. Wait states and retry
 * intervals pass at once, as in a deployment.
 */
final class Standalone {
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private Standalone() {}

    static int execute(Main.Arguments a, URI endpoint, MockConfig mocks, PrintStream out) {
        String definition = Main.read(a.definition, "--definition");
        String input = Main.read(a.input, "--input");
        StateMachineType type;
        try {
            type = StateMachineType.valueOf(a.type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--type takes STANDARD or EXPRESS, got " + a.type);
        }
        EngineConfig defaults = EngineConfig.defaults();
        ProjectTaskInvoker invoker = ProjectTaskInvoker.forEndpoint(endpoint, defaults.region());
        if (mocks != null) {
            invoker.useMocks(mocks, a.testCase);
        }
        try (invoker;
                Engine engine = new Engine(defaults.withClock(new RunnerClock()).withInvoker(invoker))) {
            StateMachine machine = engine.createStateMachine(
                    "local-execute", definition, type, "arn:aws:iam::" + defaults.accountId() + ":role/local-execute");
            long start = System.nanoTime();
            Execution execution = engine.await(
                    engine.startExecution(machine.arn(), null, input).arn(), MAX_WAIT);
            String note = endpoint == null
                    ? "No AWS endpoint configured: AWS Tasks (other than mocked ones) fail; give one with --endpoint-url."
                    : "AWS integrations went to " + endpoint + ".";
            if (execution.status() == ExecutionStatus.RUNNING) {
                engine.stopExecution(
                        execution.arn(),
                        "LocalRunner.Timeout",
                        "The execution did not end within " + MAX_WAIT.toMinutes() + " minutes of real time");
                execution = engine.await(execution.arn(), Duration.ofSeconds(5));
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            Report.print(
                    out,
                    new WorkflowRun.Result(
                            machine, execution, execution.history(), null, List.of(), List.of(), wall, note));
            return execution.status() == ExecutionStatus.SUCCEEDED ? 0 : 1;
        } catch (EngineException e) {
            out.println("Error      " + e.code());
            out.println("Cause      " + e.getMessage());
            return 1;
        }
    }
}
