package com.ccs.workflows.localrunner.api;

import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.engine.RedriveStatus;
import com.ccs.workflows.localrunner.engine.StateMachine;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.history.PooledJson;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The response structures, with AWS's member names; timestamps are epoch seconds with milliseconds. */
final class Shapes {
    /** The members that carry execution data, left out of history events when includeExecutionData is false. */
    private static final List<String> DATA_MEMBERS = List.of("input", "inputDetails", "output", "outputDetails");

    private Shapes() {}

    static BigDecimal timestamp(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    static ObjectNode stateMachineListItem(StateMachine machine) {
        ObjectNode item = Json.object()
                .put("stateMachineArn", machine.arn())
                .put("name", machine.name())
                .put("type", machine.type().name());
        item.put("creationDate", timestamp(machine.creationDate()));
        return item;
    }

    static ObjectNode describeStateMachine(StateMachine machine) {
        ObjectNode out = Json.object()
                .put("stateMachineArn", machine.arn())
                .put("name", machine.name())
                .put("status", "ACTIVE")
                .put("definition", machine.definitionText())
                .put("roleArn", machine.roleArn())
                .put("type", machine.type().name());
        out.put("creationDate", timestamp(machine.creationDate()));
        out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        out.putObject("tracingConfiguration").put("enabled", false);
        if (machine.revisionId() != null) {
            out.put("revisionId", machine.revisionId());
        }
        return out;
    }

    static ObjectNode executionListItem(Execution execution) {
        ObjectNode item = Json.object()
                .put("executionArn", execution.arn())
                .put("stateMachineArn", execution.stateMachineArn())
                .put("name", execution.name())
                .put("status", execution.status().name());
        item.put("startDate", timestamp(execution.startDate()));
        if (execution.stopDate() != null) {
            item.put("stopDate", timestamp(execution.stopDate()));
        }
        if (execution.type() == StateMachineType.STANDARD) { // express executions cannot be redriven
            item.put("redriveCount", execution.redriveCount());
            if (execution.redriveDate() != null) {
                item.put("redriveDate", timestamp(execution.redriveDate()));
            }
        }
        return item;
    }

    /**
     * DescribeExecution: the summary plus input, and output or error/cause once ended.
     *
     * @param redrive whether it can be redriven (redriveStatus and its reason), null to leave them out
     */
    static ObjectNode describeExecution(Execution execution, boolean includeData, RedriveStatus redrive) {
        ObjectNode out = executionListItem(execution);
        ExecutionStatus status = execution.status();
        if (includeData) {
            out.put("input", PooledJson.write(execution.input()));
            out.putObject("inputDetails").put("included", true);
        }
        if (status == ExecutionStatus.SUCCEEDED && includeData) {
            out.put("output", PooledJson.write(execution.output()));
            out.putObject("outputDetails").put("included", true);
        }
        if (execution.versionArn() != null) {
            out.put("stateMachineVersionArn", execution.versionArn());
        }
        if (execution.aliasArn() != null) {
            out.put("stateMachineAliasArn", execution.aliasArn());
        }
        if (execution.error() != null) {
            out.put("error", execution.error());
        }
        if (execution.cause() != null) {
            out.put("cause", execution.cause());
        }
        if (redrive != null) {
            out.put("redriveStatus", redrive.status());
            if (redrive.reason() != null) {
                out.put("redriveStatusReason", redrive.reason());
            }
        }
        return out;
    }

    static ObjectNode historyEvent(HistoryEvent event, boolean includeData) {
        ObjectNode out = Json.object();
        out.put("timestamp", timestamp(event.timestamp()));
        out.put("type", event.type()).put("id", event.id()).put("previousEventId", event.previousEventId());
        if (event.detailsKey() != null && event.details() != null) {
            ObjectNode details = event.details().deepCopy();
            if (!includeData) {
                details.remove(DATA_MEMBERS);
            }
            out.set(event.detailsKey(), details);
        }
        return out;
    }
}
