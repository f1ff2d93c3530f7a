package com.ccs.workflows.integration.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.integration.scenarios.Runs;
import com.ccs.workflows.integration.stack.LocalControls;
import com.ccs.workflows.integration.stack.Stacks;
import com.ccs.workflows.integration.stack.WorkflowStack;
import com.ccs.workflows.localrunner.faults.Faults;
import com.ccs.workflows.localrunner.standins.StripeStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Faults injected through the local runner into both workflows, each kind several times with outages of
 * growing length (one failure, two, three, and one that never ends), and what became of every run: recovered by a
 * retry, ended recorded as failed (the incident marked failed or the event on the dead-letter queue; the contract
 * run ended in a named failure state with nothing kept, or failed in "Process Payment" and completed by a redrive
 * once the fault was over), or lost (anything else). Prints the table; no run
 * may be lost. Emergency events go through the FIFO queue and the pipe, so a failed execution is redelivered as
 * on AWS (visibility timeout 31 s, just over the definition's 30 s staleness rule; three receives before the
 * dead-letter queue, to keep the run short).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionIT {
    private static final int[] OUTAGES = {1, 2, 3, Faults.ALWAYS};

    private WorkflowStack stack;
    private LocalControls controls;
    private final FaultTable table = new FaultTable();
    private final Set<String> parked = new HashSet<>();

    @BeforeAll
    void deploy() {
        stack = Stacks.inMemory();
        controls = stack.controls().orElseThrow();
        String queue = stack.queueUrl("EmergencyEventsQueue");
        String dlqArn = stack.sqs()
                .getQueueAttributes(r -> r.queueUrl(stack.queueUrl("EmergencyEventsDeadLetterQueue"))
                        .attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        stack.sqs()
                .setQueueAttributes(r -> r.queueUrl(queue)
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                "31",
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":3}")));
        controls.startPipes(2);
    }

    @AfterAll
    void tearDown() {
        if (stack != null) {
            System.out.println(table.render("Faults injected through the local runner (in memory)"));
            stack.close();
        }
    }

    // ---- emergency

    private record Incident(ObjectNode event, String id, Faults.Rule rule) {}

    /** Makes the fault for one incident: {@code outage} failures in a row ({@link Faults#ALWAYS}: no end). */
    @FunctionalInterface
    private interface Injector {
        Faults.Rule inject(JsonNode event, String incidentId, int outage);
    }

    private void send(ObjectNode event) {
        stack.sqs()
                .sendMessage(r -> r.queueUrl(stack.queueUrl("EmergencyEventsQueue"))
                        .messageBody(event.toString())
                        .messageGroupId(event.path("vehicleId").asText()));
    }

    private enum Fate {
        RECOVERED,
        RECORDED_AS_FAILED,
        PENDING
    }

    /** What became of an incident so far; PENDING while it is neither done nor failed for good. */
    private Fate fate(Incident incident, boolean videoFault) {
        Map<String, AttributeValue> item = stack.dynamoDb()
                .getItem(r -> r.tableName(stack.tableName("IncidentsTable"))
                        .consistentRead(true)
                        .key(Map.of("incident_id", AttributeValue.fromS(incident.id()))))
                .item();
        String status = item == null || item.get("status") == null
                ? null
                : item.get("status").s();
        if (parked.contains(incident.event().path("vehicleId").asText())) {
            return Fate.RECORDED_AS_FAILED; // on the dead-letter queue, raising its alarm
        }
        if ("notified".equals(status) && notified(incident.id())) {
            if (!videoFault) {
                return Fate.RECOVERED;
            }
            AttributeValue video = item.get("video_status");
            boolean recorded = video != null && "failed".equals(video.s()) && item.get("video_error") != null;
            return recorded ? Fate.RECORDED_AS_FAILED : Fate.RECOVERED;
        }
        return Fate.PENDING;
    }

    private boolean notified(String incident) {
        return !stack.inbox()
                        .messages(
                                stack.topicArn("AuthoritiesTopic"),
                                n -> n.message().contains(incident))
                        .isEmpty()
                && !stack.inbox()
                        .messages(stack.topicArn("OwnerTopic"), n -> n.message().contains(incident))
                        .isEmpty();
    }

    private void collectParked() {
        String dlq = stack.queueUrl("EmergencyEventsDeadLetterQueue");
        while (true) {
            var messages = stack.sqs()
                    .receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10))
                    .messages();
            if (messages.isEmpty()) {
                return;
            }
            for (var message : messages) {
                parked.add(Runs.parse(message.body()).path("vehicleId").asText());
                stack.sqs().deleteMessage(r -> r.queueUrl(dlq).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** One emergency fault kind under way: its incidents, an event per outage length. */
    private record Kind(String name, List<Incident> incidents, boolean videoFault) {}

    /** Sends an event per outage length, each with its own fault; with {@code alone}, one at a time to its end. */
    private Kind start(String name, Injector injector, boolean alone, boolean videoFault) {
        List<Incident> incidents = new ArrayList<>();
        for (int outage : OUTAGES) {
            ObjectNode event = Runs.emergencyEvent("panic-button-critical.json", "FI");
            Incident incident =
                    new Incident(event, Runs.incidentId(event), injector.inject(event, Runs.incidentId(event), outage));
            incidents.add(incident);
            send(event);
            if (alone) {
                awaitFates(List.of(incident), videoFault);
                controls.faults().clear(); // a function fault counts invocations, not events
            }
        }
        return new Kind(name, incidents, videoFault);
    }

    private void finish(Kind kind) {
        awaitFates(kind.incidents(), kind.videoFault());
        int recovered = 0;
        int failed = 0;
        int lost = 0;
        for (Incident incident : kind.incidents()) {
            switch (fate(incident, kind.videoFault())) {
                case RECOVERED -> recovered++;
                case RECORDED_AS_FAILED -> failed++;
                case PENDING -> lost++;
            }
        }
        table.add(new FaultTable.Row(
                kind.name(),
                kind.incidents().size(),
                kind.incidents().stream().mapToInt(i -> i.rule().fired()).sum(),
                recovered,
                failed,
                lost));
    }

    private void awaitFates(List<Incident> incidents, boolean videoFault) {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            collectParked();
            if (incidents.stream().allMatch(i -> fate(i, videoFault) != Fate.PENDING)) {
                return;
            }
            Runs.pause(250);
        }
    }

    @Test
    void emergencyFaultsEndRecoveredOrRecordedNeverLost() {
        Faults faults = controls.faults();
        // The service faults match their own incident's calls: they run at the same time, the slowest (an outage
        // that never ends: three receives 31 s apart) setting the pace.
        List<Kind> kinds = List.of(
                start(
                        "DynamoDB throttling on Record Incident",
                        (e, id, n) -> faults.onCallContaining(
                                "DynamoDB.UpdateItem", List.of(id, "claimed_at"), Faults.dynamoDbThrottling(), n),
                        false,
                        false),
                start(
                        "DynamoDB 5xx on Update Incident Status",
                        (e, id, n) -> faults.onCallContaining(
                                "DynamoDB.UpdateItem", List.of(id, "notified_at"), Faults.dynamoDbInternalError(), n),
                        false,
                        false),
                // Only the authorities message has a "Vehicle: " line.
                start(
                        "SNS 5xx on Notify Authorities",
                        (e, id, n) -> faults.onCall(
                                "SNS.Publish",
                                "Vehicle: " + e.path("vehicleId").asText() + "\n",
                                Faults.snsInternalError(),
                                n),
                        false,
                        false),
                start(
                        "SNS throttling on every notification",
                        (e, id, n) -> faults.onCall("SNS.Publish", id, Faults.snsThrottled(), n),
                        false,
                        false));
        kinds.forEach(this::finish);
        controls.faults().clear();
        // Function faults count the function's invocations: one event at a time, nothing else running.
        finish(start(
                "Lambda crash of Activate Video Recording",
                (e, id, n) -> faults.onFunction("VideoRecordingFunction", new Faults.FunctionCrash(), n),
                true,
                true));
        finish(start(
                "Lambda timeout of Activate Video Recording",
                (e, id, n) -> faults.onFunction("VideoRecordingFunction", new Faults.FunctionTimeout(), n),
                true,
                true));

        System.out.println(table.render("Emergency workflow"));
        assertThat(table.rows()).allSatisfy(row -> {
            assertThat(row.lost()).as(row.fault()).isZero();
            assertThat(row.injected()).as(row.fault()).isPositive();
            assertThat(row.recovered())
                    .as("%s: a single failure is retried", row.fault())
                    .isPositive();
        });
    }

    // ---- business

    private static ObjectNode request() {
        ObjectNode request = Runs.sample("business/two-trucks-4800000-cop.json");
        request.put("execution_id", "exec-fi-" + Runs.unique());
        return request;
    }

    /**
     * Runs one business fault kind: a request per outage length, one after the other (the stand-ins' outages count
     * requests, not runs). {@code inject} starts an outage of n failures, {@code injected} tells how many fired.
     */
    private void businessFault(String name, IntConsumer inject, IntSupplier injected) {
        int recovered = 0;
        int failed = 0;
        int lost = 0;
        int before = injected.getAsInt();
        for (int outage : OUTAGES) {
            inject.accept(outage == Faults.ALWAYS ? 1_000 : outage);
            ObjectNode request = request();
            String arn = stack.sfn()
                    .startExecution(r -> r.stateMachineArn(stack.stateMachineArn("business"))
                            .name(request.path("execution_id").asText())
                            .input(request.toString()))
                    .executionArn();
            DescribeExecutionResponse execution = Runs.awaitEnd(stack, arn, Duration.ofMinutes(3));
            inject.accept(0);
            controls.faults().clear();
            // A payment an outage outlasting the retries interrupted fails where it stood, on purpose: redriven once
            // the
            // outage is over, it must complete, each part charged once.
            boolean redrivable = execution.status() == ExecutionStatus.FAILED && failedAt(execution, "Process Payment");
            if (redrivable) {
                stack.sfn().redriveExecution(r -> r.executionArn(arn));
                execution = Runs.awaitEnd(stack, arn, Duration.ofMinutes(3));
            }
            // Never charged twice: no part has two succeeded charges, and a run ends with the value kept in full
            // (succeeded) or nothing kept (failed), unless it ended recorded for review because its refund failed.
            String contract = contractOf(execution.name());
            long value = Runs.parse(execution.input()).path("estimated_value").asLong() * 100;
            long kept = controls.keptFor(contract);
            boolean oncePerPart = controls.chargesFor(contract).stream()
                            .filter(c -> c.status().equals("succeeded"))
                            .map(c -> c.metadata().get("ccs_part"))
                            .distinct()
                            .count()
                    == controls.chargesFor(contract).stream()
                            .filter(c -> c.status().equals("succeeded"))
                            .count();
            if (execution.status() == ExecutionStatus.SUCCEEDED && kept == value && oncePerPart) {
                if (redrivable) {
                    failed++; // recorded as a failed execution (and its alarm), then completed by the redrive
                } else {
                    recovered++;
                }
            } else if (execution.status() == ExecutionStatus.FAILED
                    && oncePerPart
                    && namedFailure(execution)
                    && (kept == 0 || "PaymentNeedsReview".equals(execution.error()))) {
                failed++;
            } else {
                lost++;
            }
        }
        table.add(new FaultTable.Row(name, OUTAGES.length, injected.getAsInt() - before, recovered, failed, lost));
    }

    /** Whether the execution failed in {@code state} itself (no Catch took the error to a failure state). */
    private boolean failedAt(DescribeExecutionResponse execution, String state) {
        List<String> path = Runs.statePath(stack, execution.executionArn());
        return !path.isEmpty() && path.getLast().equals(state);
    }

    private boolean namedFailure(DescribeExecutionResponse execution) {
        var history = stack.sfn()
                .getExecutionHistory(r -> r.executionArn(execution.executionArn())
                        .reverseOrder(true)
                        .maxResults(5))
                .events();
        return history.stream()
                .anyMatch(e -> e.stateEnteredEventDetails() != null
                        && List.of(
                                        "Validation Error",
                                        "Contract Creation Failed",
                                        "Payment Error",
                                        "Payment Failed",
                                        "Activation Failed",
                                        "Payment Needs Review")
                                .contains(e.stateEnteredEventDetails().name()));
    }

    private String contractOf(String executionName) {
        var item = stack.dynamoDb()
                .getItem(r -> r.tableName(stack.tableName("ContractsTable"))
                        .consistentRead(true)
                        .key(Map.of("contract_id", AttributeValue.fromS("REQUEST#" + executionName))))
                .item();
        return item == null || item.get("target_contract_id") == null
                ? "none"
                : item.get("target_contract_id").s();
    }

    @Test
    void businessFaultsEndRecoveredOrRecordedNeverLostAndNeverChargeTwice() {
        Faults faults = controls.faults();
        var registry = controls.registry();
        var stripe = controls.stripe();
        businessFault("Registry outage (503)", registry::outage, registry::faultsInjected);
        businessFault(
                "Registry slowness (3 s, over its 2 s client timeout)",
                n -> registry.slow(Duration.ofSeconds(3), n),
                registry::faultsInjected);
        for (StripeStandIn.Outage kind : StripeStandIn.Outage.values()) {
            businessFault(
                    "Stripe " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    n -> stripe.outage(n, kind),
                    stripe::faultsInjected);
        }
        List<Faults.Rule> rules = new ArrayList<>();
        IntSupplier fired = () -> rules.stream().mapToInt(Faults.Rule::fired).sum();
        businessFault(
                "Lambda crash of Create Contract",
                n -> {
                    if (n > 0) {
                        rules.add(faults.onFunction("CreateContractFunction", new Faults.FunctionCrash(), n));
                    }
                },
                fired);
        businessFault(
                "Lambda timeout of Process Payment (after charging)",
                n -> {
                    if (n > 0) {
                        rules.add(faults.onFunction("ProcessPaymentFunction", new Faults.FunctionTimeout(), n));
                    }
                },
                fired);

        System.out.println(table.render("Business workflow"));
        assertThat(table.rows().stream()
                        .filter(r -> r.fault().startsWith("Registry")
                                || r.fault().startsWith("Stripe")
                                || r.fault().contains("Contract")
                                || r.fault().contains("Payment")))
                .hasSize(7)
                .allSatisfy(row -> {
                    assertThat(row.lost()).as(row.fault()).isZero();
                    assertThat(row.injected()).as(row.fault()).isPositive();
                    assertThat(row.recovered())
                            .as("%s: a single failure is retried", row.fault())
                            .isPositive();
                });
    }
}
