package com.ccs.workflows.localrunner.engine;

import java.time.Instant;
import java.util.List;

/** An alias, {@code <machine ARN>:<name>}: routes the executions started by it to one or two versions. */
public record StateMachineAlias(
        String arn,
        String machineArn,
        String name,
        String description,
        List<Route> routes,
        Instant creationDate,
        Instant updateDate) {

    public StateMachineAlias {
        routes = List.copyOf(routes);
    }

    /** A version and the percentage of executions it gets. */
    public record Route(String versionArn, int weight) {}
}
