package com.ccs.workflows.localrunner.history;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Appends events for one line of execution (the main flow, a branch, a Map iteration) and chains their
 * {@code previousEventId}, as AWS does per line.
 */
public final class HistoryCursor {
    /**
     * The {@code <field>Details} of every payload, one node for all events: recorded details are only read (the
     * API answers with copies), and one object per payload was a quarter of what a history retained.
     */
    public static final ObjectNode NOT_TRUNCATED = Json.object().put("truncated", false);

    private final ExecutionHistory history;
    private long last;

    public HistoryCursor(ExecutionHistory history, long last) {
        this.history = history;
        this.last = last;
    }

    /** A cursor for a nested line (branch/iteration) starting after this one's latest event. */
    public HistoryCursor fork() {
        return new HistoryCursor(history, last);
    }

    public synchronized long append(String type, String detailsKey, ObjectNode details) {
        last = history.append(type, last, detailsKey, details);
        return last;
    }

    public long append(String type) {
        return append(type, null, null);
    }

    public synchronized long last() {
        return last;
    }

    public synchronized void setLast(long id) {
        last = id;
    }

    /** A details object carrying a JSON payload under {@code field} plus its {@code <field>Details}. */
    public static ObjectNode payload(ObjectNode details, String field, JsonNode value) {
        return payloadText(details, field, PooledJson.write(value));
    }

    /** As {@link #payload}, for a payload already written as JSON text. */
    public static ObjectNode payloadText(ObjectNode details, String field, String text) {
        details.put(field, text);
        details.set(ExecutionHistory.canonical(field + "Details"), NOT_TRUNCATED);
        return details;
    }
}
