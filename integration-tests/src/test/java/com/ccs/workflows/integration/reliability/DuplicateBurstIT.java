package com.ccs.workflows.integration.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.integration.scenarios.Runs;
import com.ccs.workflows.integration.stack.LocalControls;
import com.ccs.workflows.integration.stack.Stacks;
import com.ccs.workflows.integration.stack.TopicInbox.Notification;
import com.ccs.workflows.integration.stack.WorkflowStack;
import com.ccs.workflows.localrunner.faults.Faults;
import com.ccs.workflows.localrunner.standins.QueuePipe;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A burst of 1,000 distinct vehicle events through the FIFO queue and the pipe, with duplicates of every kind the
 * platform meets: 20 % of the events sent twice (half with the same body, which the queue's content-based
 * deduplication absorbs; half as a new message, as a producer retrying after the deduplication window would send
 * it), and redeliveries (the pipe's delete of a processed batch fails now and then, so the message comes back after
 * the visibility timeout, as SQS's at-least-once delivery does). Every distinct event must end as exactly one
 * notified incident with one notification per channel, nothing on the dead-letter queue.
 */
class DuplicateBurstIT {
    private static final int EVENTS = 1_000;
    private static final String[] SAMPLES = {
        "panic-button-critical.json", "accident.json", "standard-low-fuel.json", "hijack.json", "standard-low-fuel.json"
    };

    @Test
    void everyDistinctEventEndsAsOneNotifiedIncidentWithOneNotificationPerChannel() {
        Random random = new Random(Long.getLong("ccs.burst.seed", 20261130L));
        try (WorkflowStack stack = Stacks.inMemory()) {
            LocalControls controls = stack.controls().orElseThrow();
            String queue = stack.queueUrl("EmergencyEventsQueue");
            stack.sqs()
                    .setQueueAttributes(
                            r -> r.queueUrl(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3")));
            Faults.Rule lostDeletes = controls.faults()
                    .onCall(
                            "SQS.DeleteMessageBatch",
                            null,
                            new Faults.ServiceError(400, "AWS.SimpleQueueService.InvalidBatchEntryId", "lost delete"),
                            50);

            Map<String, ObjectNode> events = new HashMap<>();
            Set<String> highPriority = new HashSet<>();
            List<SendMessageBatchRequestEntry> messages = new ArrayList<>();
            String run = UUID.randomUUID().toString().substring(0, 6);
            for (int i = 0; i < EVENTS; i++) {
                String sample = SAMPLES[random.nextInt(SAMPLES.length)];
                ObjectNode event = Runs.sample("emergency/" + sample);
                event.put("vehicleId", "VEH-B" + run + "-" + i).put("eventTimestamp", 1_780_000_000_000L + i);
                String incident = Runs.incidentId(event);
                events.put(incident, event);
                if (!sample.startsWith("standard")) {
                    highPriority.add(incident);
                }
                messages.add(entry(event, null));
                if (random.nextInt(100) < 20) {
                    // Same body: the queue drops it. New deduplication id: the workflow must.
                    messages.add(entry(
                            event,
                            random.nextBoolean() ? null : UUID.randomUUID().toString()));
                }
            }
            Collections.shuffle(messages, random);
            for (int from = 0; from < messages.size(); from += 10) {
                List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
                for (int j = from; j < Math.min(from + 10, messages.size()); j++) {
                    batch.add(messages.get(j).toBuilder()
                            .id(Integer.toString(j - from))
                            .build());
                }
                assertThat(stack.sqs()
                                .sendMessageBatch(r -> r.queueUrl(queue).entries(batch))
                                .failed())
                        .isEmpty();
            }
            QueuePipe pipe = controls.startPipes(2).getFirst();

            long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
            while (System.nanoTime() < deadline
                    && (Runs.queueDepth(stack, "EmergencyEventsQueue") > 0
                            || notified(stack, events.keySet()) < EVENTS)) {
                Runs.pause(500);
            }

            assertThat(notified(stack, events.keySet()))
                    .as("incidents notified; pipe %s", pipe.stats())
                    .isEqualTo(EVENTS);
            assertThat(lostDeletes.fired()).as("redeliveries caused").isEqualTo(50);
            List<Notification> owner = stack.inbox()
                    .await(
                            stack.topicArn("OwnerTopic"),
                            n -> events.containsKey(incidentOf(n)),
                            EVENTS,
                            Duration.ofSeconds(30));
            List<Notification> authorities = stack.inbox()
                    .await(
                            stack.topicArn("AuthoritiesTopic"),
                            n -> events.containsKey(incidentOf(n)),
                            highPriority.size(),
                            Duration.ofSeconds(30));
            Map<String, Integer> ownerCount = count(owner);
            Map<String, Integer> authoritiesCount = count(authorities);
            assertThat(events.keySet()).allSatisfy(incident -> {
                assertThat(ownerCount.getOrDefault(incident, 0))
                        .as("owner messages for %s", incident)
                        .isEqualTo(1);
                assertThat(authoritiesCount.getOrDefault(incident, 0))
                        .as("authorities messages for %s", incident)
                        .isEqualTo(highPriority.contains(incident) ? 1 : 0);
            });
            assertThat(Runs.queueDepth(stack, "EmergencyEventsDeadLetterQueue")).isZero();
            System.out.printf(
                    "Duplicate burst: %d distinct events, %d messages sent, %d deliveries (pipe %s), %d"
                            + " redeliveries forced; %d incidents, %d owner and %d authorities messages%n",
                    EVENTS,
                    messages.size(),
                    pipe.stats().messagesDelivered() + pipe.stats().messagesFailed(),
                    pipe.stats(),
                    lostDeletes.fired(),
                    EVENTS,
                    owner.size(),
                    authorities.size());
        }
    }

    private static SendMessageBatchRequestEntry entry(ObjectNode event, String deduplicationId) {
        return SendMessageBatchRequestEntry.builder()
                .id("0")
                .messageBody(event.toString())
                .messageGroupId(event.path("vehicleId").asText())
                .messageDeduplicationId(deduplicationId)
                .build();
    }

    private static String incidentOf(Notification notification) {
        int at = notification.message().lastIndexOf("Incident: ");
        return at < 0
                ? ""
                : notification.message().substring(at + "Incident: ".length()).strip();
    }

    private static Map<String, Integer> count(List<Notification> notifications) {
        Map<String, Integer> counts = new HashMap<>();
        notifications.forEach(n -> counts.merge(incidentOf(n), 1, Integer::sum));
        return counts;
    }

    private static long notified(WorkflowStack stack, Set<String> incidents) {
        return stack.dynamoDb().scanPaginator(r -> r.tableName(stack.tableName("IncidentsTable"))).items().stream()
                .filter(i -> incidents.contains(i.get("incident_id").s()))
                .filter(i -> "notified"
                        .equals(i.getOrDefault("status", AttributeValue.fromS(""))
                                .s()))
                .count();
    }
}
