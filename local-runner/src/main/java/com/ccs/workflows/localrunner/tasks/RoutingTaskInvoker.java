package com.ccs.workflows.localrunner.tasks;

import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Dispatches by resource ARN pattern ({@code *} matches anything), first match wins. This is the extension
 * point for integrations: the AWS SDK dispatch, in-process handlers and embedded backends register here, e.g.
 * {@code route("arn:aws:states:::dynamodb:*", dynamo)} or {@code route("arn:aws:lambda:*", handlers)}.
 * {@code states:startExecution} without a route of its own starts the child in the calling execution's engine.
 */
public final class RoutingTaskInvoker implements TaskInvoker {
    private record Route(Pattern pattern, TaskInvoker invoker) {}

    private final List<Route> routes = new ArrayList<>();

    public RoutingTaskInvoker route(String arnPattern, TaskInvoker invoker) {
        String regex = ("\\Q" + arnPattern + "\\E").replace("*", "\\E.*\\Q");
        routes.add(new Route(Pattern.compile(regex), invoker));
        return this;
    }

    @Override
    public CompletableFuture<TaskResult> invoke(TaskRequest request) {
        for (Route route : routes) {
            if (route.pattern().matcher(request.resource().arn()).matches()) {
                return route.invoker().invoke(request);
            }
        }
        if (StartExecutionIntegration.handles(request.resource()) && request.executions() != null) {
            return StartExecutionIntegration.invoke(request); // the engine itself serves Step Functions
        }
        return CompletableFuture.failedFuture(new StatesFailure(
                StatesErrors.RUNTIME,
                "No integration is configured for the resource '"
                        + request.resource().arn() + "' (state '"
                        + request.stateName() + "'): mock it in the mock configuration file or point the runner at an"
                        + " endpoint that serves it."));
    }
}
