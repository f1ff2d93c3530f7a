package com.ccs.workflows.localrunner.deployment;

import com.ccs.workflows.localrunner.template.ProjectResources;

/**
 * Where a deployment's resources are created: the embedded backends in this JVM, or an endpoint (an emulator or
 * AWS) through the SDK. {@link DeployedResources} decides what is created; a target only knows how.
 */
interface ResourceTarget extends AutoCloseable {

    /** Creates the table, or keeps the one an earlier run left on the endpoint. */
    void createTable(ProjectResources.TableSpec table);

    /** Returns the topic's ARN (CreateTopic is idempotent). */
    String createTopic(ProjectResources.TopicSpec topic);

    /** Returns the queue's URL (CreateQueue with the same attributes is idempotent). */
    String createQueue(ProjectResources.QueueSpec queue);

    /** Creates the secret with {@code value}, or sets it as the current value of an existing one; returns its ARN. */
    String putSecret(ProjectResources.SecretSpec secret, String value);

    /** Creates the schedule group, or keeps an existing one. */
    void createScheduleGroup(String name);

    @Override
    void close();
}
