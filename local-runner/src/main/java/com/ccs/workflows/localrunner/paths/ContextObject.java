package com.ccs.workflows.localrunner.paths;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Builds the {@code $$} context object of a state. */
public final class ContextObject {
    /** AWS prints context timestamps with millisecond precision: 2024-01-01T00:00:00.000Z. */
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ContextObject() {}

    /**
     * Execution facts fixed at start (or at a redrive).
     *
     * @param redriveCount null for an express execution
     * @param redriveTime when the execution was last redriven, null before its first redrive
     */
    public record ExecutionInfo(
            String executionArn,
            String name,
            JsonNode input,
            Instant startTime,
            String roleArn,
            String stateMachineArn,
            String stateMachineName,
            Integer redriveCount,
            Instant redriveTime) {}

    /** Where a Map iteration is: null outside Map item selection. */
    public record MapItem(int index, JsonNode value) {}

    public static String timestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    /** @param retryCount -1 for states without Retry (no RetryCount member) */
    public static ObjectNode build(
            ExecutionInfo execution,
            String stateName,
            Instant enteredTime,
            int retryCount,
            String taskToken,
            MapItem mapItem) {
        ObjectNode root = Json.object();
        ObjectNode exec = root.putObject("Execution");
        exec.put("Id", execution.executionArn());
        exec.set("Input", execution.input());
        exec.put("Name", execution.name());
        exec.put("RoleArn", execution.roleArn());
        exec.put("StartTime", timestamp(execution.startTime()));
        if (execution.redriveCount() != null) { // express executions cannot be redriven and have none
            exec.put("RedriveCount", execution.redriveCount());
        }
        if (execution.redriveTime() != null) {
            exec.put("RedriveTime", timestamp(execution.redriveTime()));
        }
        ObjectNode state = root.putObject("State");
        state.put("EnteredTime", timestamp(enteredTime));
        state.put("Name", stateName);
        if (retryCount >= 0) { // only states that can retry (Task, Parallel, Map) have one
            state.put("RetryCount", retryCount);
        }
        ObjectNode machine = root.putObject("StateMachine");
        machine.put("Id", execution.stateMachineArn());
        machine.put("Name", execution.stateMachineName());
        if (taskToken != null) {
            root.putObject("Task").put("Token", taskToken);
        }
        if (mapItem != null) {
            ObjectNode item = root.putObject("Map").putObject("Item");
            item.put("Index", mapItem.index());
            item.set("Value", mapItem.value());
        }
        return root;
    }
}
