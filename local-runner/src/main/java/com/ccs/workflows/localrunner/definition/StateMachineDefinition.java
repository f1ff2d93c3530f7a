package com.ccs.workflows.localrunner.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validated state machine definition.
 *
 * @param timeoutSeconds the machine-wide TimeoutSeconds, or null
 * @param source the JSON it was parsed from (kept for DescribeStateMachine)
 */
public record StateMachineDefinition(Program program, Integer timeoutSeconds, String comment, JsonNode source) {}
