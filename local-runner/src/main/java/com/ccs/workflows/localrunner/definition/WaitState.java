package com.ccs.workflows.localrunner.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Wait: exactly one of the four is set. {@code seconds} and {@code timestamp} are JSON nodes because in
 * JSONata they may be {@code {% expressions %}}.
 */
public record WaitState(
        StateCommon common, JsonNode seconds, JsonNode timestamp, String secondsPath, String timestampPath)
        implements State {}
