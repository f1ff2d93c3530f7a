package com.ccs.workflows.bench;

import java.util.Map;

/**
 * One Lambda function as the bench starts it: the module whose zip holds it, its handler, the sample event it is
 * invoked with (a path under the project), its environment as template.yaml sets it (endpoints are added by the
 * bench) and the canned replies of the calls it makes on that event.
 *
 * @param module the directory under {@code functions/} (its zip is {@code target/<module>.zip}); null for the
 *               hello-world baseline, which the bench builds itself
 */
public record Target(
        String name,
        String module,
        String handler,
        String event,
        Map<String, String> environment,
        Map<String, AwsStandIn.Reply> replies) {

    public boolean baseline() {
        return module == null;
    }
}
