package com.ccs.workflows.integration.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.integration.scenarios.Runs;
import com.ccs.workflows.integration.stack.LocalRunnerStack;
import com.ccs.workflows.integration.stack.Stacks;
import com.ccs.workflows.integration.stack.WorkflowStack;
import com.ccs.workflows.localrunner.standins.QueuePipe;
import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.HostileRun;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Thousands of malformed and adversarial events (see {@link HostileEvents}) through both workflows end to end, the
 * way producers send them: vehicle events as synchronous starts of the emergency workflow, contract requests to
 * {@code POST /contracts}. Every case must end in one of the documented ways: a normal run, or a clear refusal
 * (the API's 4xx, or a failed execution whose error is the workflow's own and whose cause names the changed field,
 * short and without a stack trace) with nothing written, published or charged. After all of them the local runner
 * still runs a valid event. Prints the count tried per workflow; {@code -Dccs.hostile.seed=S} replays a run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first one counts every incident of the fresh stack
class HostileWorkflowInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Random cases on top of the systematic ones (every field x every hostile value), per workflow. */
    private static final int RANDOM_CASES = Integer.getInteger("ccs.hostile.workflow.random", 300);
    /** Refusals the business workflow reports, besides the API's own 4xx. */
    /** Every n-th case goes through the queue: the pipe's path, not the validation, is what is new there. */
    private static final int QUEUE_SAMPLING = 4;

    private static final Set<String> BUSINESS_REFUSALS = Set.of("ValidationFailed", "InvalidRequest");

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private WorkflowStack stack;
    /** How the cases ended, printed after each workflow's run. */
    private final Map<String, Integer> outcomes = new java.util.TreeMap<>();
    /** Execution ids of the business cases that ended with a contract. */
    private final Set<String> contracted = new HashSet<>();

    @BeforeAll
    void deploy() {
        stack = Stacks.inMemory();
    }

    @AfterAll
    void tearDown() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void hostileVehicleEventsRunNormallyOrFailNamingTheFieldWithNothingWritten() {
        Map<String, Object> sample = sample("emergency/panic-button-critical.json");
        HostileEvents events = HostileEvents.seeded();
        HostileRun hostile = new HostileRun("emergency workflow", events);
        Set<String> incidents = new HashSet<>();
        List<HostileEvents.Case> cases = events.cases(sample, RANDOM_CASES);

        hostile.run(cases, c -> {
            Object event = unique(
                    c,
                    sample,
                    Map.of(
                            "vehicleId",
                            "VEH-H" + run + "-" + hostile.tried(),
                            "eventTimestamp",
                            1_790_000_000_000L + hostile.tried()));
            StartSyncExecutionResponse result;
            try {
                result = stack.sfn()
                        .startSyncExecution(r -> r.stateMachineArn(stack.stateMachineArn("emergency"))
                                .input(json(event)));
            } catch (SfnException refused) {
                assertRefusedByTheApi(refused);
                tally("emergency: refused by StartSyncExecution, "
                        + refused.awsErrorDetails().errorCode());
                hostile.rejected();
                assertNoIncident(event);
                return;
            }
            if (result.status() == SyncExecutionStatus.SUCCEEDED) {
                JsonNode record = Runs.parse(result.output()).path("incidentRecord");
                String incident = record.at("/incident_id/S").asText();
                assertThat(record.at("/status/S").asText())
                        .as("status of %s", incident)
                        .isEqualTo("notified");
                assertThat(incidents.add(incident))
                        .as("a second run for incident %s", incident)
                        .isTrue();
                tally("emergency: notified");
                return;
            }
            assertThat(result.status())
                    .as("%s: %s", result.error(), result.cause())
                    .isEqualTo(SyncExecutionStatus.FAILED);
            assertThat(result.error()).as(result.cause()).isEqualTo("InvalidEvent");
            HostileRun.assertCleanMessage(result.cause());
            assertNamesAChangedField(result.cause(), c);
            tally("emergency: failed InvalidEvent, "
                    + result.cause().substring(0, result.cause().indexOf(':')));
            hostile.rejected();
            assertNoIncident(event);
        });
        hostile.report();
        printOutcomes();

        assertThat(Runs.scan(stack, "IncidentsTable"))
                .as("incidents written")
                .allSatisfy(item -> assertThat(item.path("status").asText()).isEqualTo("notified"))
                .hasSize(incidents.size());
        assertAValidEventStillRuns();
    }

    @Test
    @Order(2)
    void hostileQueuedEventsAreProcessedOrParkedOnTheDeadLetterQueueAndNoneIsLost() {
        Map<String, Object> sample = sample("emergency/panic-button-critical.json");
        HostileEvents events = HostileEvents.seeded();
        List<HostileEvents.Case> all = events.cases(sample, 50);
        String queue = stack.queueUrl("EmergencyEventsQueue");
        // Five receives before the queue's redrive: seconds instead of minutes for a message the pipe cannot deliver.
        stack.sqs()
                .setQueueAttributes(
                        r -> r.queueUrl(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2")));
        Map<String, Integer> sent = new HashMap<>();
        int refusedBySqs = 0;
        for (int i = 0; i < all.size(); i += QUEUE_SAMPLING) {
            int n = i;
            String body = json(unique(
                    all.get(i),
                    sample,
                    Map.of("vehicleId", "VEH-Q" + run + "-" + n, "eventTimestamp", 1_795_000_000_000L + n)));
            try {
                stack.sqs()
                        .sendMessage(r -> r.queueUrl(queue)
                                .messageBody(body)
                                .messageGroupId("hostile-" + n % 8)
                                .messageDeduplicationId("hostile-" + run + "-" + n));
                // As SQS stores it: UTF-8 has no unpaired surrogate, the SDK's encoder sends '?' instead.
                sent.merge(new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), 1, Integer::sum);
            } catch (SqsException refused) {
                assertThat(refused.statusCode()).as(refused.getMessage()).isBetween(400, 499);
                refusedBySqs++;
            }
        }
        List<QueuePipe> pipes = stack.controls().orElseThrow().startPipes(2);
        try {
            assertThat(Runs.awaitDrained(stack, "EmergencyEventsQueue", Duration.ofMinutes(3)))
                    .as("messages left on the queue")
                    .isZero();
        } finally {
            pipes.forEach(QueuePipe::close);
        }

        Map<String, Integer> parked = new HashMap<>();
        int redriven = 0;
        for (Message message : deadLetters()) {
            parked.merge(message.body(), 1, Integer::sum);
            MessageAttributeValue error = message.messageAttributes().get("error");
            if (error == null) {
                redriven++; // the queue's redrive after three receives: the pipe could not start the workflow at all
                continue;
            }
            assertThat(error.stringValue()).isEqualTo("InvalidEvent");
            String cause = message.messageAttributes().get("cause").stringValue();
            HostileRun.assertCleanMessage(cause);
        }
        int notified = 0;
        for (Map.Entry<String, Integer> entry : sent.entrySet()) {
            int left = entry.getValue() - parked.getOrDefault(entry.getKey(), 0);
            assertThat(left)
                    .as("copies of %s neither parked nor processed", HostileEvents.escape(entry.getKey(), 200))
                    .isBetween(0, 1);
            if (left == 1) {
                JsonNode event = Runs.parse(entry.getKey());
                JsonNode incident = Runs.item(stack, "IncidentsTable", "incident_id", Runs.incidentId(event));
                assertThat(incident)
                        .as("incident of the processed message %s", HostileEvents.escape(entry.getKey(), 200))
                        .isNotNull();
                assertThat(incident.path("status").asText()).isEqualTo("notified");
                notified++;
            }
        }
        int accepted = sent.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(notified
                        + parked.values().stream().mapToInt(Integer::intValue).sum())
                .as("processed + parked")
                .isEqualTo(accepted);
        System.out.printf(
                "emergency workflow through the queue: %d hostile messages, %d refused by SQS, %d accepted:"
                        + " %d notified, %d parked by the workflow, %d dead-lettered by the queue's redrive%n",
                accepted + refusedBySqs, refusedBySqs, accepted, notified, accepted - notified - redriven, redriven);
    }

    /**
     * Everything on the dead-letter queue, taken off it: a FIFO queue holds back the rest of a message group while
     * one of its messages is in flight, so each batch is deleted before the next receive.
     */
    private List<Message> deadLetters() {
        String dlq = stack.queueUrl("EmergencyEventsDeadLetterQueue");
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = stack.sqs()
                    .receiveMessage(r -> r.queueUrl(dlq)
                            .maxNumberOfMessages(10)
                            .messageAttributeNames("All")
                            .waitTimeSeconds(1))
                    .messages();
            all.addAll(batch);
            batch.forEach(m -> stack.sqs().deleteMessage(r -> r.queueUrl(dlq).receiptHandle(m.receiptHandle())));
        } while (!batch.isEmpty());
        return all;
    }

    @Test
    @Order(3)
    void hostileContractRequestsRunNormallyOrAreRefusedNamingTheFieldWithNothingChargedOrContracted() {
        Map<String, Object> sample = sample("business/auto-approved-25-vehicles.json");
        HostileEvents events = HostileEvents.seeded();
        HostileRun hostile = new HostileRun("business workflow", events);
        int[] completed = {0};
        long[] partsCharged = {0};
        var controls = stack.controls().orElseThrow();
        var stripe = controls.stripe();

        hostile.run(events.cases(sample, RANDOM_CASES), c -> {
            Object request = unique(c, sample, Map.of("execution_id", "exec-hostile-" + run + "-" + hostile.tried()));
            int charges = stripe.charges().size();
            HttpResponse<String> answer =
                    Runs.post(stack.httpApi().resolve("/contracts"), "application/json", json(request));
            if (answer.statusCode() != 200) {
                assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
                HostileRun.assertCleanMessage(answer.body());
                tally("business: refused by POST /contracts, "
                        + Runs.parse(answer.body()).path("__type").asText());
                hostile.rejected();
                assertThat(stripe.charges())
                        .as("charges after a refused request")
                        .hasSize(charges);
                assertNoContract(request);
                return;
            }
            String arn = Runs.parse(answer.body()).path("executionArn").asText();
            DescribeExecutionResponse execution = awaitEnd(arn, Duration.ofSeconds(60));
            switch (execution.status()) {
                case SUCCEEDED -> {
                    JsonNode output = Runs.parse(execution.output());
                    String contractId = output.at("/contractResult/contract_id").asText();
                    assertThat(output.at("/activationResult/service_status").asText())
                            .isEqualTo("active");
                    // The contract's value collected in full, in parts of at most Stripe's cap, each once.
                    long value = output.at("/request/estimated_value").asLong();
                    int parts = output.at("/paymentResult/transaction_ids").size();
                    assertThat(parts).isEqualTo((int) ((value + 999_998) / 999_999));
                    assertThat(controls.chargesFor(contractId))
                            .as("charges of %s", contractId)
                            .hasSize(parts);
                    assertThat(controls.keptFor(contractId))
                            .as("kept for %s", contractId)
                            .isEqualTo(value * 100);
                    partsCharged[0] += parts;
                    completed[0]++;
                    tally("business: contracted");
                    if (request instanceof Map<?, ?> map && map.get("execution_id") instanceof String id) {
                        contracted.add(id);
                    }
                }
                case RUNNING -> {
                    // A valid request for a large fleet waits for its manager; nothing is contracted before the
                    // decision.
                    assertThat(Runs.statePath(stack, arn)).last().isEqualTo("Wait for Approval");
                    tally("business: waiting for the manager (stopped)");
                    stack.sfn()
                            .stopExecution(r -> r.executionArn(arn)
                                    .error("HostileInputTest")
                                    .cause("no decision"));
                    assertThat(stripe.charges()).hasSize(charges);
                }
                case FAILED -> {
                    assertThat(BUSINESS_REFUSALS)
                            .as(() ->
                                    execution.error() + ": " + execution.cause() + "\n" + Runs.historyText(stack, arn))
                            .contains(execution.error());
                    assertThat(execution.cause())
                            .as("cause of %s", execution.error())
                            .hasSizeLessThan(16 * 1024);
                    assertThat(execution.cause()).doesNotContainPattern("\\.java:\\d+\\)|\"stackTrace\"");
                    if (execution.error().equals("InvalidRequest")) {
                        HostileRun.assertCleanMessage(execution.cause());
                        assertNamesAChangedField(execution.cause(), c);
                    }
                    tally("business: failed " + execution.error());
                    hostile.rejected();
                    assertThat(stripe.charges())
                            .as("charges after %s", execution.error())
                            .hasSize(charges);
                    assertNoContract(request);
                }
                default -> throw new AssertionError("execution ended " + execution.status() + ": " + execution.error());
            }
        });
        hostile.report();
        printOutcomes();

        long contracts = Runs.scan(stack, "ContractsTable").stream()
                .filter(item -> item.path("contract_id").asText().startsWith("CONT-"))
                .count();
        assertThat(contracts).as("contracts written").isEqualTo(completed[0]);
        assertThat(stripe.charges()).as("charges made").hasSize((int) partsCharged[0]);
    }

    private void tally(String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    private void printOutcomes() {
        outcomes.forEach((outcome, count) -> System.out.printf("  %5d  %s%n", count, outcome));
        outcomes.clear();
    }

    /** The runner survived: a valid vehicle event still ends notified. */
    private void assertAValidEventStillRuns() {
        var event = Runs.emergencyEvent("panic-button-critical.json", "HOK");
        StartSyncExecutionResponse result = stack.sfn()
                .startSyncExecution(r ->
                        r.stateMachineArn(stack.stateMachineArn("emergency")).input(Runs.json(event)));
        assertThat(result.status())
                .as("%s: %s", result.error(), result.cause())
                .isEqualTo(SyncExecutionStatus.SUCCEEDED);
    }

    /** The API refused the start (payload too large, not JSON ...): a 4xx with a short message. */
    private static void assertRefusedByTheApi(SfnException refused) {
        assertThat(refused.statusCode()).as(refused.getMessage()).isBetween(400, 499);
        HostileRun.assertCleanMessage(refused.awsErrorDetails().errorMessage());
    }

    private void assertNoIncident(Object event) {
        if (event instanceof Map<?, ?> map
                && map.get("vehicleId") instanceof String vehicle
                && map.get("eventTimestamp") instanceof Number time) {
            String incident = "INC-" + vehicle + "-" + time;
            if (incident.length() < 1024) {
                assertThat(Runs.item(stack, "IncidentsTable", "incident_id", incident))
                        .as("incident %s", incident)
                        .isNull();
            }
        }
    }

    /**
     * No contract for the request's execution id (its idempotency marker was never written), unless an earlier
     * case, given the same hostile id, was contracted.
     */
    private void assertNoContract(Object request) {
        if (request instanceof Map<?, ?> map
                && map.get("execution_id") instanceof String id
                && id.length() < 1024
                && !contracted.contains(id)) {
            assertThat(Runs.item(stack, "ContractsTable", "contract_id", "REQUEST#" + id))
                    .as("contract of %s", id)
                    .isNull();
        }
    }

    /** A cause starts with the field it is about ({@code "location: ..."}), related to a field the case changed. */
    private static void assertNamesAChangedField(String cause, HostileEvents.Case c) {
        String field = cause.substring(0, Math.max(cause.indexOf(':'), 0));
        boolean named = c.paths().stream().anyMatch(p -> p.isEmpty() || HostileRun.related(field, p));
        assertThat(named)
                .as("cause %s names none of the changed fields %s", HostileEvents.escape(cause, 200), c.paths())
                .isTrue();
    }

    /**
     * The case's event with fresh values for the fields that identify a run (so that every case is its own incident
     * or execution) where they still hold the sample's value.
     */
    private static Object unique(HostileEvents.Case c, Map<String, Object> sample, Map<String, Object> fresh) {
        if (!(c.event() instanceof Map<?, ?> map)) {
            return c.event();
        }
        Map<Object, Object> copy = new LinkedHashMap<>(map);
        fresh.forEach((field, value) -> {
            if (Objects.equals(copy.get(field), sample.get(field))) {
                copy.put(field, value);
            }
        });
        return copy;
    }

    /** Polls a STANDARD execution until it leaves RUNNING, or {@code timeout}; finer than the scenarios' poll. */
    private DescribeExecutionResponse awaitEnd(String arn, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        DescribeExecutionResponse execution = stack.sfn().describeExecution(r -> r.executionArn(arn));
        for (int polls = 1;
                execution.status() == ExecutionStatus.RUNNING
                        && System.nanoTime() < deadline
                        && (polls % 25 != 0 || !waitingForApproval(arn));
                polls++) {
            Runs.pause(2);
            execution = stack.sfn().describeExecution(r -> r.executionArn(arn));
        }
        return execution;
    }

    private boolean waitingForApproval(String arn) {
        List<String> path = Runs.statePath(stack, arn);
        return !path.isEmpty() && path.getLast().equals("Wait for Approval");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sample(String relative) {
        try {
            return JSON.readValue(
                    Files.readString(
                            LocalRunnerStack.projectDir().resolve("events").resolve(relative)),
                    Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
