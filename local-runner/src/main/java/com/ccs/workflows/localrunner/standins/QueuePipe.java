package com.ccs.workflows.localrunner.standins;

import com.ccs.workflows.localrunner.deployment.LocalDeployment;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.template.ProjectResources;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * An EventBridge Pipe from an SQS queue to a state machine, run here as the Pipes service runs it: pollers
 * receive batches from the queue (through the SQS API, on the embedded backends or an emulator), hand each batch
 * to the state machine as the array of SQS records Pipes sends, and delete the batch only when a synchronous
 * execution succeeded (or, for an asynchronous target, once it started). A failed batch is left on the queue: it
 * comes back after the visibility timeout and, after the queue's maxReceiveCount, goes to its dead-letter queue.
 */
public final class QueuePipe implements AutoCloseable {
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(5); // the longest an Express execution runs

    /** What the pipe has done so far. */
    public record Stats(int batches, int messagesDelivered, int messagesFailed) {}

    private final ProjectResources.PipeSpec spec;
    private final SqsClient sqs;
    private final String queueUrl;
    private final Engine engine;
    private final List<Thread> pollers = new ArrayList<>();
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile boolean running = true;

    public QueuePipe(ProjectResources.PipeSpec spec, SqsClient sqs, String queueUrl, Engine engine, int concurrency) {
        this.spec = spec;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.engine = engine;
        for (int i = 0; i < concurrency; i++) {
            pollers.add(Thread.ofVirtual()
                    .name("pipe-" + spec.logicalId() + "-" + i)
                    .start(this::poll));
        }
    }

    public ProjectResources.PipeSpec spec() {
        return spec;
    }

    public Stats stats() {
        return new Stats(batches.get(), delivered.get(), failed.get());
    }

    private void poll() {
        while (running) {
            List<Message> messages;
            try {
                messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                                .maxNumberOfMessages(Math.min(10, spec.batchSize()))
                                .waitTimeSeconds(1)
                                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                                .messageAttributeNames("All"))
                        .messages();
            } catch (SqsException | software.amazon.awssdk.core.exception.SdkClientException e) {
                if (!running) {
                    return;
                }
                sleep(); // the queue's endpoint is unavailable for a moment: poll again, as Pipes does
                continue;
            }
            if (!messages.isEmpty()) {
                try {
                    deliver(messages);
                } catch (RuntimeException e) {
                    failed.addAndGet(
                            messages.size()); // not deleted: the messages come back after the visibility timeout
                }
            }
        }
    }

    private void deliver(List<Message> messages) {
        batches.incrementAndGet();
        String input = Json.write(records(messages));
        boolean ok;
        try {
            if (spec.synchronous()) {
                Execution execution = engine.startSyncExecution(spec.stateMachineArn(), null, input, SYNC_TIMEOUT);
                ok = execution.status() == ExecutionStatus.SUCCEEDED;
            } else {
                engine.startExecution(spec.stateMachineArn(), null, input);
                ok = true;
            }
        } catch (RuntimeException e) {
            ok = false; // the target could not be invoked: Pipes leaves the batch for a retry too
        }
        if (!ok) {
            failed.addAndGet(messages.size());
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle())
                    .build());
        }
        sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        delivered.addAndGet(messages.size());
    }

    /** The batch as Pipes hands it to the target: one record per message, in the Lambda SQS event's shape. */
    private ArrayNode records(List<Message> messages) {
        ArrayNode records = Json.array();
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId())
                    .put("receiptHandle", message.receiptHandle())
                    .put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes()
                    .forEach((name, value) -> messageAttributes
                            .putObject(name)
                            .put("stringValue", value.stringValue())
                            .put("dataType", value.dataType()));
            record.put("md5OfBody", message.md5OfBody())
                    .put("eventSource", "aws:sqs")
                    .put("eventSourceARN", spec.queueArn())
                    .put("awsRegion", LocalDeployment.REGION);
        }
        return records;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread poller : pollers) {
            try {
                poller.join(Duration.ofSeconds(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
