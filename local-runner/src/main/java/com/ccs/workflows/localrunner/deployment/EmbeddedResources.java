package com.ccs.workflows.localrunner.deployment;

import com.ccs.workflows.localrunner.backend.EmbeddedAws;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.template.ProjectResources;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The embedded backends live in this JVM: the resources are created directly, without an SDK round trip. */
final class EmbeddedResources implements ResourceTarget {
    private final EmbeddedAws embedded;

    EmbeddedResources(EmbeddedAws embedded) {
        this.embedded = embedded;
    }

    @Override
    public void createTable(ProjectResources.TableSpec table) {
        ObjectNode request = Json.object().put("TableName", table.name()).put("BillingMode", "PAY_PER_REQUEST");
        request.set("AttributeDefinitions", Json.MAPPER.valueToTree(table.attributeDefinitions()));
        request.set("KeySchema", Json.MAPPER.valueToTree(table.keySchema()));
        if (!table.globalSecondaryIndexes().isEmpty()) {
            request.set("GlobalSecondaryIndexes", Json.MAPPER.valueToTree(table.globalSecondaryIndexes()));
        }
        embedded.dynamoDb().handle("CreateTable", request);
    }

    @Override
    public String createTopic(ProjectResources.TopicSpec topic) {
        return embedded.sns().createTopic(topic.name());
    }

    @Override
    public String createQueue(ProjectResources.QueueSpec queue) {
        ObjectNode request = Json.object().put("QueueName", queue.name());
        request.set("Attributes", Json.MAPPER.valueToTree(queue.attributes()));
        return embedded.sqs().handle("CreateQueue", request).path("QueueUrl").asText();
    }

    @Override
    public String putSecret(ProjectResources.SecretSpec secret, String value) {
        return embedded.secrets().put(secret.name(), value);
    }

    @Override
    public void createScheduleGroup(String name) {
        // the embedded scheduler accepts schedules in any group
    }

    @Override
    public void close() {
        // the backends belong to the deployment
    }
}
