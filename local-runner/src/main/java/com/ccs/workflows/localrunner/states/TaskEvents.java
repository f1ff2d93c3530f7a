package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.history.HistoryCursor;
import com.ccs.workflows.localrunner.history.PooledJson;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.ResourceArn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The history events of a Task, named as AWS names them per integration: {@code LambdaFunction*} for plain
 * function ARNs, {@code Activity*} for activities, {@code Task*} for service integrations.
 */
final class TaskEvents {
    private final HistoryCursor cursor;
    private final ResourceArn resource;
    private final String region;

    TaskEvents(HistoryCursor cursor, ResourceArn resource, String region) {
        this.cursor = cursor;
        this.resource = resource;
        this.region = region;
    }

    private String prefix() {
        return switch (resource.kind()) {
            case SERVICE -> "Task";
            case ACTIVITY -> "Activity";
            case LAMBDA_FUNCTION, OTHER -> "LambdaFunction";
        };
    }

    private String key(String suffix) {
        String p = prefix();
        return Character.toLowerCase(p.charAt(0)) + p.substring(1) + suffix + "EventDetails";
    }

    private ObjectNode serviceFields(ObjectNode details) {
        if (resource.kind() == ResourceArn.Kind.SERVICE) {
            details.put("resource", resource.resourceName());
            details.put("resourceType", resource.resourceType());
        }
        return details;
    }

    /** @param roleArn the role of the task's Credentials, or null */
    void scheduled(JsonNode payload, Integer timeout, Integer heartbeat, String roleArn) {
        ObjectNode d = Json.object();
        if (resource.kind() == ResourceArn.Kind.SERVICE) {
            d.put("parameters", PooledJson.write(payload));
            d.put("region", region);
            serviceFields(d);
        } else {
            HistoryCursor.payload(d, "input", payload);
            d.put("resource", resource.arn());
        }
        if (timeout != null) {
            d.put("timeoutInSeconds", timeout);
        }
        if (heartbeat != null) {
            d.put("heartbeatInSeconds", heartbeat);
        }
        if (roleArn != null) {
            d.putObject("taskCredentials").put("roleArn", roleArn);
        }
        cursor.append(prefix() + "Scheduled", key("Scheduled"), d);
    }

    void started() {
        switch (resource.kind()) {
            case SERVICE -> cursor.append("TaskStarted", key("Started"), serviceFields(Json.object()));
            case ACTIVITY ->
                cursor.append("ActivityStarted", key("Started"), Json.object().put("workerName", "local"));
            default -> cursor.append("LambdaFunctionStarted");
        }
    }

    void submitted(JsonNode output) {
        cursor.append(
                "TaskSubmitted",
                "taskSubmittedEventDetails",
                serviceFields(HistoryCursor.payload(Json.object(), "output", output)));
    }

    /** @param outputText the output's JSON text */
    void succeeded(String outputText) {
        cursor.append(
                prefix() + "Succeeded",
                key("Succeeded"),
                serviceFields(HistoryCursor.payloadText(Json.object(), "output", outputText)));
    }

    void failed(String error, String cause) {
        ObjectNode d = Json.object();
        if (error != null) {
            d.put("error", error);
        }
        if (cause != null) {
            d.put("cause", cause);
        }
        cursor.append(prefix() + "Failed", key("Failed"), serviceFields(d));
    }

    void timedOut(String error) {
        cursor.append(
                prefix() + "TimedOut",
                key("TimedOut"),
                serviceFields(Json.object().put("error", error)));
    }
}
