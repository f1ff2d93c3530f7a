package com.ccs.workflows.localrunner.deployment;

import com.ccs.workflows.localrunner.backend.EmbeddedAws;
import com.ccs.workflows.localrunner.backend.Published;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.standins.StripeStandIn;
import com.ccs.workflows.localrunner.template.ProjectResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a deployment's backends hold, read the same way on the embedded backends and on an endpoint: the tables'
 * items, the messages published to the topics, and (embedded only) IoT commands and schedules, plus the Stripe
 * stand-in's charges and refunds. A run diffs a {@link Snapshot} taken before it with what is there after.
 */
final class BackendContents {
    private final List<ProjectResources.TableSpec> tables;
    private final EmbeddedAws embedded;
    private final DynamoDbClient dynamoDb;
    private final TopicTap tap;
    private final StripeStandIn stripe;

    /**
     * @param embedded the embedded backends, or null on an endpoint, where {@code dynamoDb} and {@code tap} read
     * @param stripe the Stripe stand-in, or null when Stripe is elsewhere (its charges are not seen then)
     */
    BackendContents(
            List<ProjectResources.TableSpec> tables,
            EmbeddedAws embedded,
            DynamoDbClient dynamoDb,
            TopicTap tap,
            StripeStandIn stripe) {
        this.tables = tables;
        this.embedded = embedded;
        this.dynamoDb = dynamoDb;
        this.tap = tap;
        this.stripe = stripe;
    }

    /** The backends' content at one moment (items in plain JSON, per table and key; counts of the rest). */
    public record Snapshot(
            Map<String, Map<String, JsonNode>> items,
            int messages,
            int iotMessages,
            int schedules,
            int charges,
            int refunds) {}

    Snapshot snapshot() {
        Map<String, Map<String, JsonNode>> items = new LinkedHashMap<>();
        for (ProjectResources.TableSpec table : tables) {
            Map<String, JsonNode> byKey = new LinkedHashMap<>();
            for (JsonNode item : scan(table)) {
                byKey.put(Json.write(key(table, item)), item);
            }
            items.put(table.name(), byKey);
        }
        return new Snapshot(
                items,
                messages(true).size(),
                embedded == null ? 0 : embedded.recorded().iotMessages().size(),
                embedded == null ? 0 : embedded.recorded().schedules().size(),
                stripe == null ? 0 : stripe.charges().size(),
                stripe == null ? 0 : stripe.refunds().size());
    }

    SideEffects since(Snapshot before) {
        Snapshot after = snapshot();
        List<SideEffects.ItemWrite> writes = new ArrayList<>();
        for (ProjectResources.TableSpec table : tables) {
            Map<String, JsonNode> old = before.items().getOrDefault(table.name(), Map.of());
            after.items().get(table.name()).forEach((key, item) -> {
                JsonNode previous = old.get(key);
                if (!item.equals(previous)) {
                    writes.add(new SideEffects.ItemWrite(table.name(), key(table, item), previous, item));
                }
            });
        }
        List<SideEffects.Message> messages = messages(true).stream()
                .skip(before.messages())
                .map(m -> new SideEffects.Message(m.topicArn(), m.subject(), m.body()))
                .toList();
        List<SideEffects.Message> iot = new ArrayList<>();
        List<SideEffects.Message> schedules = new ArrayList<>();
        if (embedded != null) {
            embedded.recorded().iotMessages().stream()
                    .skip(before.iotMessages())
                    .forEach(m -> iot.add(message(m)));
            embedded.recorded().schedules().stream().skip(before.schedules()).forEach(m -> schedules.add(message(m)));
        }
        List<StripeStandIn.Charge> charges = stripe == null
                ? List.of()
                : stripe.charges().stream().skip(before.charges()).toList();
        List<StripeStandIn.Refund> refunds = stripe == null
                ? List.of()
                : stripe.refunds().stream().skip(before.refunds()).toList();
        return new SideEffects(writes, messages, iot, schedules, charges, refunds, embedded != null);
    }

    /**
     * Every message published to the deployment's topics so far: the embedded SNS's record, or what the runner's
     * queue subscribed to the topics received (read at most every 100 ms unless {@code now}).
     */
    List<TopicMessage> messages(boolean now) {
        if (embedded != null) {
            return embedded.sns().messages().stream()
                    .map(p -> new TopicMessage(p.messageId(), p.destination(), p.subject(), p.body()))
                    .toList();
        }
        return tap.messages(now);
    }

    private static SideEffects.Message message(Published p) {
        return new SideEffects.Message(p.destination(), p.subject(), p.body());
    }

    private List<JsonNode> scan(ProjectResources.TableSpec table) {
        if (embedded != null) {
            return embedded.dynamoDb().items(table.name()).stream()
                    .map(DynamoItems::plain)
                    .toList();
        }
        List<JsonNode> items = new ArrayList<>();
        dynamoDb.scanPaginator(r -> r.tableName(table.name()))
                .items()
                .forEach(item -> items.add(DynamoItems.plain(item)));
        return items;
    }

    private static ObjectNode key(ProjectResources.TableSpec table, JsonNode item) {
        ObjectNode key = Json.object();
        for (Map<String, Object> element : table.keySchema()) {
            String name = element.get("AttributeName").toString();
            key.set(name, item.path(name));
        }
        return key;
    }
}
