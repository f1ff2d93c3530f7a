package com.ccs.workflows.localrunner.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event as GetExecutionHistory returns it. {@code details} is the value of the {@code <detailsKey>} member
 * (e.g. {@code stateEnteredEventDetails}); input/output inside it are JSON strings, as AWS sends them.
 */
public record HistoryEvent(
        long id, long previousEventId, Instant timestamp, String type, String detailsKey, ObjectNode details) {}
