package com.ccs.workflows.localrunner.deployment;

import com.ccs.workflows.localrunner.engine.StateMachine;
import com.ccs.workflows.localrunner.integrations.AwsServiceCalls;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.lambda.FunctionRegistry;
import com.ccs.workflows.localrunner.lambda.InProcessFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Initialises function containers ahead of their first invocation. The template enables SnapStart on the
 * published versions the state machines call, so on AWS the initialisation happens at publish time, not inside
 * a Task's TimeoutSeconds; here it happens at deploy time or before a run.
 */
final class FunctionWarmup {
    private final FunctionRegistry functions;
    private final AwsServiceCalls services;

    FunctionWarmup(FunctionRegistry functions, AwsServiceCalls services) {
        this.functions = functions;
        this.services = services;
    }

    /** One container of every function. */
    CompletableFuture<Void> all() {
        return warm(functions.all().stream().toList());
    }

    /** One container of each function {@code machine}'s definition refers to, and the service integrations' path. */
    CompletableFuture<Void> forMachine(StateMachine machine) {
        warmServiceCalls();
        return warm(functions.all().stream()
                .filter(f -> machine.definitionText().contains(f.spec().aliasArn())
                        || machine.definitionText().contains(f.spec().arn() + "\"")
                        || machine.definitionText().contains("\"" + f.spec().name() + "\""))
                .toList());
    }

    /**
     * Makes one harmless call through the path the state machines' service integrations take (HTTP client, signer,
     * the fault hop), as Step Functions' own integrations are always warm: the first notification of a run must not
     * pay for that within its TimeoutSeconds.
     */
    private void warmServiceCalls() {
        try {
            services.call("aws-sdk:sns", "listTopics", Json.object());
            services.call("aws-sdk:dynamodb", "listTables", Json.object());
        } catch (RuntimeException e) {
            // the first real call reports whatever is wrong with the endpoint
        }
    }

    /** Initialises one container of each function, a few at a time. */
    private static CompletableFuture<Void> warm(List<InProcessFunction> all) {
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
                Thread.ofPlatform().daemon().factory());
        List<CompletableFuture<Void>> inits = new ArrayList<>();
        for (InProcessFunction function : all) {
            inits.add(function.warmAsync(pool).exceptionally(e -> null)); // the first invocation reports it
        }
        pool.shutdown();
        return CompletableFuture.allOf(inits.toArray(CompletableFuture[]::new));
    }
}
