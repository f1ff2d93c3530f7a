package com.ccs.workflows.localrunner.deployment;

import com.ccs.workflows.localrunner.standins.StripeStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a run changed outside the state machine: items written per table, messages published, IoT commands,
 * schedules created, Stripe charges and refunds. IoT commands and schedules are only observable on the embedded
 * backends.
 */
public record SideEffects(
        List<ItemWrite> items,
        List<Message> messages,
        List<Message> iotCommands,
        List<Message> schedules,
        List<StripeStandIn.Charge> charges,
        List<StripeStandIn.Refund> refunds,
        boolean embedded) {

    /** An item that appeared or changed; {@code before} is null for a new item. */
    public record ItemWrite(String table, JsonNode key, JsonNode before, JsonNode after) {}

    /** An SNS message (destination = topic ARN), an IoT publish (destination = topic) or a schedule. */
    public record Message(String destination, String subject, String body) {}

    public List<ItemWrite> itemsIn(String tableName) {
        return items.stream().filter(i -> i.table().equals(tableName)).toList();
    }

    public List<Message> messagesTo(String topicArn) {
        return messages.stream().filter(m -> m.destination().equals(topicArn)).toList();
    }
}
