package com.ccs.workflows.integration.stack;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A deployment of template.yaml that the scenarios talk to only through AWS APIs and the HTTP API, as they would
 * talk to a stack on AWS: the Step Functions API that runs both workflows, the DynamoDB tables, the SQS queues
 * and the SNS topics (read through an SQS subscription, {@link #inbox()}). What only a local deployment can do
 * (inject faults, let an approval window run out, take the registry down) is in {@link #controls()}.
 */
public interface WorkflowStack extends AutoCloseable {

    /** What runs the workflows and serves the AWS APIs, for messages and reports ("in memory", "MiniStack" ...). */
    String description();

    SfnClient sfn();

    DynamoDbClient dynamoDb();

    SqsClient sqs();

    /** The ARN of a workflow's state machine: {@code emergency} or {@code business}. */
    String stateMachineArn(String workflow);

    /** A resource name of the deployed template, by logical id (tables: the table name; queues: the URL). */
    String tableName(String logicalId);

    String queueUrl(String logicalId);

    String topicArn(String logicalId);

    /** The messages published to the stack's topics, received through an SQS subscription of each. */
    TopicInbox inbox();

    /** The base URL of the template's HTTP API (POST /contracts, POST /incidents, the approval links). */
    URI httpApi();

    /** Faults, clock and stand-in controls; empty where the workflows do not run in the local runner. */
    Optional<LocalControls> controls();

    @Override
    void close();
}
