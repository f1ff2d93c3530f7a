package com.ccs.workflows.integration.stack;

import java.net.URI;
import java.util.Optional;
import org.testcontainers.containers.GenericContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A stack whose AWS endpoint is a container: closing the stack stops the container too. */
final class ContainerStack implements WorkflowStack {
    private final WorkflowStack stack;
    private final GenericContainer<?> container;

    ContainerStack(WorkflowStack stack, GenericContainer<?> container) {
        this.stack = stack;
        this.container = container;
    }

    @Override
    public String description() {
        return stack.description();
    }

    @Override
    public SfnClient sfn() {
        return stack.sfn();
    }

    @Override
    public DynamoDbClient dynamoDb() {
        return stack.dynamoDb();
    }

    @Override
    public SqsClient sqs() {
        return stack.sqs();
    }

    @Override
    public String stateMachineArn(String workflow) {
        return stack.stateMachineArn(workflow);
    }

    @Override
    public String tableName(String logicalId) {
        return stack.tableName(logicalId);
    }

    @Override
    public String queueUrl(String logicalId) {
        return stack.queueUrl(logicalId);
    }

    @Override
    public String topicArn(String logicalId) {
        return stack.topicArn(logicalId);
    }

    @Override
    public TopicInbox inbox() {
        return stack.inbox();
    }

    @Override
    public URI httpApi() {
        return stack.httpApi();
    }

    @Override
    public Optional<LocalControls> controls() {
        return stack.controls();
    }

    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            container.stop();
        }
    }
}
