package com.ccs.workflows.localrunner.backend.dynamodb;

import com.ccs.workflows.localrunner.backend.AwsServiceException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DynamoDB in memory, for the calls the two workflows and their functions make (the DynamoDB JSON protocol,
 * {@code X-Amz-Target: DynamoDB_20120810.<Operation>}): tables with their key schema and indexes, item reads and
 * writes with condition and update expressions, queries, batch writes and all-or-nothing transactions. One lock
 * serialises writes, which is what makes conditional writes and transactions atomic here.
 */
public final class DynamoDbBackend {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    public JsonNode handle(String operation, JsonNode request) {
        synchronized (lock) {
            return switch (operation) {
                case "CreateTable" -> createTable(request);
                case "DescribeTable" -> describe(table(request));
                case "DeleteTable" -> deleteTable(request);
                case "ListTables" -> listTables();
                case "GetItem" -> getItem(request);
                case "PutItem" -> putItem(request);
                case "UpdateItem" -> updateItem(request);
                case "DeleteItem" -> deleteItem(request);
                case "Query" -> query(request);
                case "Scan" -> scan(request);
                case "BatchWriteItem" -> batchWrite(request);
                case "BatchGetItem" -> batchGet(request);
                case "TransactWriteItems" -> transactWrite(request);
                default -> throw AwsServiceException.unsupported("DynamoDB", operation);
            };
        }
    }

    /** Every item of a table, for the runner's side-effect report. */
    public List<JsonNode> items(String tableName) {
        synchronized (lock) {
            Table table = tables.get(tableName);
            return table == null
                    ? List.of()
                    : table.items().stream()
                            .map(item -> (JsonNode) item.deepCopy())
                            .toList();
        }
    }

    public Set<String> tableNames() {
        return Set.copyOf(tables.keySet());
    }

    // ---- tables -------------------------------------------------------------------------------------------------

    private JsonNode createTable(JsonNode request) {
        String name = request.path("TableName").asText();
        if (tables.containsKey(name)) {
            throw new AwsServiceException("ResourceInUseException", 400, "Table already exists: " + name);
        }
        Table.KeySchema key = keySchema(request.path("KeySchema"));
        Map<String, Table.KeySchema> indexes = new LinkedHashMap<>();
        for (String kind : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
            request.path(kind)
                    .forEach(
                            index -> indexes.put(index.path("IndexName").asText(), keySchema(index.path("KeySchema"))));
        }
        ObjectNode description = NODES.objectNode();
        description.put("TableName", name);
        description.put("TableStatus", "ACTIVE");
        description.put("TableArn", "arn:aws:dynamodb:us-east-1:000000000000:table/" + name);
        description.put("CreationDateTime", Instant.now().getEpochSecond());
        description.set("KeySchema", request.path("KeySchema"));
        description.set("AttributeDefinitions", request.path("AttributeDefinitions"));
        if (request.has("GlobalSecondaryIndexes")) {
            ArrayNode gsis = description.putArray("GlobalSecondaryIndexes");
            request.get("GlobalSecondaryIndexes").forEach(index -> {
                ObjectNode copy = index.deepCopy();
                copy.put("IndexStatus", "ACTIVE");
                gsis.add(copy);
            });
        }
        Table table = new Table(name, key, indexes, description);
        tables.put(name, table);
        ObjectNode response = NODES.objectNode();
        response.set("TableDescription", description);
        return response;
    }

    private static Table.KeySchema keySchema(JsonNode schema) {
        String hash = null;
        String range = null;
        for (JsonNode element : schema) {
            if ("HASH".equals(element.path("KeyType").asText())) {
                hash = element.path("AttributeName").asText();
            } else {
                range = element.path("AttributeName").asText();
            }
        }
        if (hash == null) {
            throw AwsServiceException.validation("KeySchema must contain a HASH key");
        }
        return new Table.KeySchema(hash, range);
    }

    private JsonNode describe(Table table) {
        ObjectNode response = NODES.objectNode();
        ObjectNode description = table.description().deepCopy();
        description.put("ItemCount", table.items().size());
        response.set("Table", description);
        return response;
    }

    private JsonNode deleteTable(JsonNode request) {
        Table table = table(request);
        tables.remove(table.name());
        ObjectNode response = NODES.objectNode();
        response.set("TableDescription", table.description());
        return response;
    }

    private JsonNode listTables() {
        ObjectNode response = NODES.objectNode();
        ArrayNode names = response.putArray("TableNames");
        tables.keySet().stream().sorted().forEach(names::add);
        return response;
    }

    private Table table(JsonNode request) {
        return table(request.path("TableName").asText());
    }

    private Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw AwsServiceException.notFound(
                    "ResourceNotFoundException", "Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    // ---- items --------------------------------------------------------------------------------------------------

    private JsonNode getItem(JsonNode request) {
        Table table = table(request);
        ObjectNode item = table.get(table.keyOf(request.path("Key"), true));
        ObjectNode response = NODES.objectNode();
        if (item != null) {
            response.set("Item", project(item, request));
        }
        return response;
    }

    private JsonNode putItem(JsonNode request) {
        Table table = table(request);
        ObjectNode item = (ObjectNode) request.path("Item");
        String key = table.keyOf(item, false);
        ObjectNode existing = table.get(key);
        checkCondition(request, existing);
        table.put(key, AttributeValues.copyItem(item));
        return returnValues(request, existing, null, Set.of());
    }

    private JsonNode updateItem(JsonNode request) {
        Table table = table(request);
        JsonNode keyNode = request.path("Key");
        String key = table.keyOf(keyNode, true);
        ObjectNode existing = table.get(key);
        checkCondition(request, existing);
        ObjectNode base = existing != null ? existing : AttributeValues.copyItem(keyNode);
        Expressions.Update update = request.has("UpdateExpression")
                ? Expressions.apply(
                        request.get("UpdateExpression").asText(),
                        request.get("ExpressionAttributeNames"),
                        request.get("ExpressionAttributeValues"),
                        base)
                : new Expressions.Update(AttributeValues.copyItem(base), Set.of());
        table.keyOf(update.item(), false);
        if (!AttributeValues.equal(
                update.item().get(table.key().hashKey()),
                keyNode.get(table.key().hashKey()))) {
            throw AwsServiceException.validation(
                    "Cannot update attribute " + table.key().hashKey() + ". This attribute is part of the key");
        }
        table.put(key, update.item());
        return returnValues(request, existing, update.item(), update.touched());
    }

    private JsonNode deleteItem(JsonNode request) {
        Table table = table(request);
        String key = table.keyOf(request.path("Key"), true);
        ObjectNode existing = table.get(key);
        checkCondition(request, existing);
        table.delete(key);
        return returnValues(request, existing, null, Set.of());
    }

    private static void checkCondition(JsonNode request, ObjectNode existing) {
        if (request.has("ConditionExpression")
                && !Expressions.matches(
                        request.get("ConditionExpression").asText(),
                        request.get("ExpressionAttributeNames"),
                        request.get("ExpressionAttributeValues"),
                        existing)) {
            throw new AwsServiceException("ConditionalCheckFailedException", 400, "The conditional request failed");
        }
    }

    private static JsonNode returnValues(JsonNode request, ObjectNode before, ObjectNode after, Set<String> touched) {
        ObjectNode response = NODES.objectNode();
        String mode = request.path("ReturnValues").asText("NONE");
        ObjectNode attributes = switch (mode) {
            case "ALL_OLD" -> before;
            case "ALL_NEW" -> after;
            case "UPDATED_OLD" -> subset(before, touched);
            case "UPDATED_NEW" -> subset(after, touched);
            default -> null;
        };
        if (attributes != null && !attributes.isEmpty()) {
            response.set("Attributes", attributes.deepCopy());
        }
        return response;
    }

    private static ObjectNode subset(ObjectNode item, Set<String> names) {
        if (item == null) {
            return null;
        }
        ObjectNode subset = NODES.objectNode();
        names.forEach(name -> {
            if (item.has(name)) {
                subset.set(name, item.get(name));
            }
        });
        return subset;
    }

    private static JsonNode project(ObjectNode item, JsonNode request) {
        if (!request.has("ProjectionExpression")) {
            return item.deepCopy();
        }
        ObjectNode projected = NODES.objectNode();
        for (String part : request.get("ProjectionExpression").asText().split(",")) {
            String name = part.strip();
            if (name.startsWith("#")) {
                name = request.path("ExpressionAttributeNames").path(name).asText();
            }
            if (item.has(name)) {
                projected.set(name, item.get(name).deepCopy());
            }
        }
        return projected;
    }

    // ---- reads of many items ------------------------------------------------------------------------------------

    private JsonNode query(JsonNode request) {
        Table table = table(request);
        Table.KeySchema schema =
                request.has("IndexName") ? table.index(request.get("IndexName").asText()) : table.key();
        String keyCondition = request.path("KeyConditionExpression").asText(null);
        if (keyCondition == null) {
            throw AwsServiceException.validation(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode item : table.items()) {
            if (item.has(schema.hashKey())
                    && Expressions.matches(
                            keyCondition,
                            request.get("ExpressionAttributeNames"),
                            request.get("ExpressionAttributeValues"),
                            item)) {
                matching.add(item);
            }
        }
        if (schema.rangeKey() != null) {
            matching = sortByRange(matching, schema);
        }
        if (!request.path("ScanIndexForward").asBoolean(true)) {
            matching = matching.reversed();
        }
        return page(matching, request);
    }

    private static List<ObjectNode> sortByRange(List<ObjectNode> items, Table.KeySchema schema) {
        List<ObjectNode> sorted = new ArrayList<>(items);
        sorted.sort((a, b) -> {
            Integer cmp = AttributeValues.compare(a.get(schema.rangeKey()), b.get(schema.rangeKey()));
            return cmp == null ? 0 : cmp;
        });
        return sorted;
    }

    private JsonNode scan(JsonNode request) {
        return page(new ArrayList<>(table(request).items()), request);
    }

    private static JsonNode page(List<ObjectNode> items, JsonNode request) {
        List<ObjectNode> filtered = new ArrayList<>();
        for (ObjectNode item : items) {
            if (!request.has("FilterExpression")
                    || Expressions.matches(
                            request.get("FilterExpression").asText(),
                            request.get("ExpressionAttributeNames"),
                            request.get("ExpressionAttributeValues"),
                            item)) {
                filtered.add(item);
            }
        }
        int limit = request.path("Limit").asInt(Integer.MAX_VALUE);
        List<ObjectNode> page = filtered.subList(0, Math.min(limit, filtered.size()));
        ObjectNode response = NODES.objectNode();
        response.put("Count", page.size());
        response.put("ScannedCount", items.size());
        if (!"COUNT".equals(request.path("Select").asText())) {
            ArrayNode out = response.putArray("Items");
            page.forEach(item -> out.add(project(item, request)));
        }
        return response;
    }

    private JsonNode batchGet(JsonNode request) {
        ObjectNode response = NODES.objectNode();
        ObjectNode responses = response.putObject("Responses");
        request.path("RequestItems").fields().forEachRemaining(entry -> {
            Table table = table(entry.getKey());
            ArrayNode found = responses.putArray(entry.getKey());
            entry.getValue().path("Keys").forEach(key -> {
                ObjectNode item = table.get(table.keyOf(key, true));
                if (item != null) {
                    found.add(project(item, entry.getValue()));
                }
            });
        });
        response.putObject("UnprocessedKeys");
        return response;
    }

    // ---- writes of many items -----------------------------------------------------------------------------------

    private JsonNode batchWrite(JsonNode request) {
        JsonNode requestItems = request.path("RequestItems");
        int count = 0;
        for (JsonNode writes : (Iterable<JsonNode>) requestItems::elements) {
            count += writes.size();
        }
        if (count == 0 || count > 25) {
            throw AwsServiceException.validation(
                    "Too many items requested for the BatchWriteItem call (1 to 25 allowed, got " + count + ")");
        }
        requestItems.fields().forEachRemaining(entry -> {
            Table table = table(entry.getKey());
            for (JsonNode write : entry.getValue()) {
                if (write.has("PutRequest")) {
                    ObjectNode item = (ObjectNode) write.get("PutRequest").get("Item");
                    table.put(table.keyOf(item, false), AttributeValues.copyItem(item));
                } else if (write.has("DeleteRequest")) {
                    table.delete(table.keyOf(write.get("DeleteRequest").get("Key"), true));
                }
            }
        });
        ObjectNode response = NODES.objectNode();
        response.putObject("UnprocessedItems");
        return response;
    }

    private JsonNode transactWrite(JsonNode request) {
        JsonNode actions = request.path("TransactItems");
        if (actions.isEmpty() || actions.size() > 100) {
            throw AwsServiceException.validation("TransactItems must have between 1 and 100 actions");
        }
        // Check every condition against the current state first: all actions apply, or none.
        List<String> reasons = new ArrayList<>();
        boolean cancelled = false;
        Map<String, Boolean> seenKeys = new HashMap<>();
        for (JsonNode action : actions) {
            String kind = action.fieldNames().next();
            JsonNode body = action.get(kind);
            Table table = table(body.path("TableName").asText());
            String key = table.keyOf(kind.equals("Put") ? body.path("Item") : body.path("Key"), !kind.equals("Put"));
            if (seenKeys.put(table.name() + "/" + key, true) != null) {
                throw AwsServiceException.validation(
                        "Transaction request cannot include multiple operations on one item");
            }
            boolean ok = !body.has("ConditionExpression")
                    || Expressions.matches(
                            body.get("ConditionExpression").asText(),
                            body.get("ExpressionAttributeNames"),
                            body.get("ExpressionAttributeValues"),
                            table.get(key));
            reasons.add(ok ? "None" : "ConditionalCheckFailed");
            cancelled |= !ok;
        }
        if (cancelled) {
            throw new TransactionCanceled(reasons);
        }
        for (JsonNode action : actions) {
            String kind = action.fieldNames().next();
            JsonNode body = action.get(kind);
            switch (kind) {
                case "Put" -> {
                    Table table = table(body.path("TableName").asText());
                    table.put(table.keyOf(body.get("Item"), false), AttributeValues.copyItem(body.get("Item")));
                }
                case "Update" -> updateItem(withoutCondition(body));
                case "Delete" -> deleteItem(withoutCondition(body));
                case "ConditionCheck" -> {}
                default -> throw AwsServiceException.validation("Unknown transaction action " + kind);
            }
        }
        return NODES.objectNode();
    }

    private static JsonNode withoutCondition(JsonNode body) {
        ObjectNode copy = body.deepCopy();
        copy.remove("ConditionExpression");
        return copy;
    }

    /** TransactionCanceledException with one reason per action, as the SDK parses it. */
    public static final class TransactionCanceled extends AwsServiceException {
        private final List<String> reasons;

        TransactionCanceled(List<String> reasons) {
            super(
                    "TransactionCanceledException",
                    400,
                    "Transaction cancelled, please refer cancellation reasons for specific reasons " + reasons);
            this.reasons = reasons;
        }

        public JsonNode cancellationReasons() {
            ArrayNode array = NODES.arrayNode();
            for (String reason : reasons) {
                ObjectNode node = array.addObject();
                node.put("Code", reason);
                if (!reason.equals("None")) {
                    node.put("Message", "The conditional request failed");
                }
            }
            return array;
        }
    }
}
