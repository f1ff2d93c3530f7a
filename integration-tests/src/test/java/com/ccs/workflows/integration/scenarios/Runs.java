package com.ccs.workflows.integration.scenarios;

import com.ccs.workflows.integration.stack.LocalRunnerStack;
import com.ccs.workflows.integration.stack.WorkflowStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What the scenarios do to a stack, through its APIs only. */
public final class Runs {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Runs() {}

    /** A number no other run of this JVM uses: the scenarios' events never collide on a shared emulator. */
    public static long unique() {
        return SEQUENCE.incrementAndGet();
    }

    /** A Colombian plate ({@code ABC123} form) no other run of this JVM uses. */
    public static String plate() {
        long n = unique();
        long letters = n / 1000;
        return "" + (char) ('A' + letters / 676 % 26) + (char) ('A' + letters / 26 % 26) + (char) ('A' + letters % 26)
                + String.format("%03d", n % 1000);
    }

    /**
     * An emergency sample made unique: its own vehicle id ({@code VEH-<prefix><n>}) and event time, so that runs
     * never collide on a shared table.
     */
    public static ObjectNode emergencyEvent(String sample, String prefix) {
        ObjectNode event = sample("emergency/" + sample);
        long n = unique();
        event.put("vehicleId", "VEH-" + prefix + n);
        event.put("eventTimestamp", 1_760_000_000_000L + n);
        return event;
    }

    /** The incident id the emergency workflow derives from an event: {@code INC-<vehicleId>-<eventTimestamp>}. */
    public static String incidentId(JsonNode event) {
        return "INC-" + event.path("vehicleId").asText() + "-"
                + event.path("eventTimestamp").asLong();
    }

    public static ObjectNode sample(String relative) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(
                    LocalRunnerStack.projectDir().resolve("events").resolve(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String json(JsonNode node) {
        return node.toString();
    }

    public static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a STANDARD execution to end (or {@code timeout}), then describes it. */
    public static DescribeExecutionResponse awaitEnd(WorkflowStack stack, String executionArn, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        DescribeExecutionResponse execution = stack.sfn().describeExecution(r -> r.executionArn(executionArn));
        while (execution.status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
            pause(25);
            execution = stack.sfn().describeExecution(r -> r.executionArn(executionArn));
        }
        return execution;
    }

    /** The execution's history, every page. */
    public static List<HistoryEvent> history(WorkflowStack stack, String executionArn) {
        List<HistoryEvent> events = new ArrayList<>();
        stack.sfn()
                .getExecutionHistoryPaginator(r -> r.executionArn(executionArn).maxResults(200))
                .events()
                .forEach(events::add);
        return events;
    }

    /** The execution's history, one line per event, for a failure's message. */
    public static String historyText(WorkflowStack stack, String executionArn) {
        StringBuilder out =
                new StringBuilder("History of ").append(executionArn).append(':');
        for (HistoryEvent e : history(stack, executionArn)) {
            out.append("\n  ").append(e.id()).append(' ').append(e.typeAsString());
            if (e.stateEnteredEventDetails() != null) {
                out.append(' ').append(e.stateEnteredEventDetails().name());
            } else if (e.taskFailedEventDetails() != null) {
                out.append(' ')
                        .append(e.taskFailedEventDetails().error())
                        .append(": ")
                        .append(abbreviate(e.taskFailedEventDetails().cause()));
            } else if (e.executionFailedEventDetails() != null) {
                out.append(' ')
                        .append(e.executionFailedEventDetails().error())
                        .append(": ")
                        .append(abbreviate(e.executionFailedEventDetails().cause()));
            }
        }
        return out.toString();
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? String.valueOf(text) : text.substring(0, 300) + "...";
    }

    /** The names of the states entered, in history order (branch states of a Parallel included). */
    public static List<String> statePath(WorkflowStack stack, String executionArn) {
        return history(stack, executionArn).stream()
                .filter(e -> e.stateEnteredEventDetails() != null)
                .map(e -> e.stateEnteredEventDetails().name())
                .toList();
    }

    /** The errors of the failed task attempts of a run, in order. */
    public static List<String> taskErrors(WorkflowStack stack, String executionArn) {
        return history(stack, executionArn).stream()
                .filter(e -> e.taskFailedEventDetails() != null)
                .map(e -> e.taskFailedEventDetails().error())
                .toList();
    }

    /** Messages in a queue of the stack, visible and in flight. */
    public static int queueDepth(WorkflowStack stack, String logicalId) {
        var attributes = stack.sqs()
                .getQueueAttributes(r -> r.queueUrl(stack.queueUrl(logicalId))
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /**
     * Waits until a queue holds no message, visible or in flight (or {@code timeout} passed), and returns its depth:
     * the pipe deletes a message only once the execution it started has ended.
     */
    public static int awaitDrained(WorkflowStack stack, String logicalId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int depth = queueDepth(stack, logicalId);
        while (depth > 0 && System.nanoTime() < deadline) {
            pause(50);
            depth = queueDepth(stack, logicalId);
        }
        return depth;
    }

    /** An item of a table by its string key, in plain JSON (null when absent). */
    public static JsonNode item(WorkflowStack stack, String tableLogicalId, String keyName, String key) {
        var response = stack.dynamoDb()
                .getItem(r -> r.tableName(stack.tableName(tableLogicalId))
                        .consistentRead(true)
                        .key(Map.of(keyName, AttributeValue.fromS(key))));
        return response.hasItem() && !response.item().isEmpty() ? plain(response.item()) : null;
    }

    public static int count(WorkflowStack stack, String tableLogicalId) {
        return stack.dynamoDb().scanPaginator(r -> r.tableName(stack.tableName(tableLogicalId))).items().stream()
                .mapToInt(i -> 1)
                .sum();
    }

    public static List<JsonNode> scan(WorkflowStack stack, String tableLogicalId) {
        return stack.dynamoDb().scanPaginator(r -> r.tableName(stack.tableName(tableLogicalId))).items().stream()
                .map(Runs::plain)
                .toList();
    }

    public static JsonNode plain(Map<String, AttributeValue> item) {
        ObjectNode out = JSON.createObjectNode();
        item.forEach((name, value) -> out.set(name, plain(value)));
        return out;
    }

    private static JsonNode plain(AttributeValue value) {
        if (value.s() != null) {
            return JSON.getNodeFactory().textNode(value.s());
        }
        if (value.n() != null) {
            return JSON.getNodeFactory().numberNode(new java.math.BigDecimal(value.n()));
        }
        if (value.bool() != null) {
            return JSON.getNodeFactory().booleanNode(value.bool());
        }
        if (value.hasM()) {
            return plain(value.m());
        }
        if (value.hasL()) {
            var array = JSON.createArrayNode();
            value.l().forEach(v -> array.add(plain(v)));
            return array;
        }
        if (value.hasSs()) {
            var array = JSON.createArrayNode();
            value.ss().forEach(array::add);
            return array;
        }
        return JSON.getNodeFactory().nullNode();
    }

    /** An HTTP request to the stack's HTTP API. */
    public static HttpResponse<String> post(URI uri, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
