package com.ccs.workflows.localrunner.prime;

import com.ccs.workflows.localrunner.engine.StateMachine;
import com.ccs.workflows.localrunner.project.InProcessFunction;
import com.ccs.workflows.localrunner.project.LocalDeployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Priming at {@code serve} start-up, in the spirit of SnapStart's: before the API accepts a request, the emergency
 * workflow's hot paths run so that the first real calls find more compiled code and fewer classes to load. Two
 * parts, neither leaving anything a user of the deployment could see:
 *
 * <ul>
 *   <li>the SnapStart priming of each function the emergency workflow calls, in the served deployment's
 *       initialised containers (a function's classes are per container, so only code run there helps its later
 *       invocations): in memory, nothing sent;
 *   <li>then, for a time budget, the emergency workflow on its sample event in a throwaway
 *       deployment of the same JVM, for the engine, the API server, the backends and the JDK's code, which every
 *       deployment shares.
 * </ul>
 *
 * <p>Opt-in ({@code serve --prime-seconds N}): with the flags {@code local-runner/run} gives serve it delayed the
 * first answer by 6 to 7 s and did not lower the p50 of the calls that followed (docs/performance.md).
 */
public final class ServePriming {
    static final String SAMPLE = "events/emergency/panic-button-critical.json";

    /** How much priming ran and how long it took. */
    public record Report(int functionsPrimed, int executions, Duration took) {}

    private ServePriming() {}

    /**
     * Primes the emergency workflow's functions of {@code deployment} once each, then runs executions in a
     * throwaway deployment of {@code project} for about {@code budget} once it is ready (at least one; none
     * without the sample event).
     */
    public static Report prime(LocalDeployment deployment, Path project, Duration budget) {
        long start = System.nanoTime();
        StateMachine emergency = deployment.stateMachine("emergency");
        int primed = 0;
        for (InProcessFunction function : deployment.functions().all()) {
            if (calls(emergency, function)) {
                int[] registered = {0};
                function.inIdleContainers(loader -> registered[0] += FunctionPrimers.run(loader, 1));
                primed += registered[0] > 0 ? 1 : 0;
            }
        }
        int executions = 0;
        Path sample = project.resolve(SAMPLE);
        if (Files.isRegularFile(sample)) {
            try (ThrowawayExecutions throwaway = ThrowawayExecutions.start(project, Files.readString(sample))) {
                long deadline = System.nanoTime() + budget.toNanos();
                do {
                    throwaway.runOne();
                    executions++;
                } while (System.nanoTime() < deadline);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Report(primed, executions, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Whether the definition names the function (as LocalDeployment's warm-up decides it). */
    private static boolean calls(StateMachine machine, InProcessFunction function) {
        String definition = machine.definitionText();
        return definition.contains(function.spec().aliasArn())
                || definition.contains(function.spec().arn() + "\"")
                || definition.contains("\"" + function.spec().name() + "\"");
    }
}
