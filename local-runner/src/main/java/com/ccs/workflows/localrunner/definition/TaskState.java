package com.ccs.workflows.localrunner.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Task: calls {@code resource} (an ARN, or in JSONata an expression yielding one) with the payload of
 * {@code common.parameters()}.
 */
public record TaskState(
        StateCommon common,
        String resource,
        TimeoutSpec timeout,
        TimeoutSpec heartbeat,
        JsonNode credentials,
        List<Retrier> retry,
        List<Catcher> catchers)
        implements State {}
