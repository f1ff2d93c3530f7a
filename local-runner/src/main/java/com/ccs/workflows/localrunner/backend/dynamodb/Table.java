package com.ccs.workflows.localrunner.backend.dynamodb;

import com.ccs.workflows.localrunner.backend.AwsServiceException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** One table: its key schema, its indexes and its items, kept in key order as DynamoDB returns them. */
final class Table {
    record KeySchema(String hashKey, String rangeKey) {}

    private final String name;
    private final KeySchema key;
    private final Map<String, KeySchema> indexes;
    private final Map<String, ObjectNode> items = new TreeMap<>();
    private final JsonNode description;

    Table(String name, KeySchema key, Map<String, KeySchema> indexes, JsonNode description) {
        this.name = name;
        this.key = key;
        this.indexes = indexes;
        this.description = description;
    }

    String name() {
        return name;
    }

    KeySchema key() {
        return key;
    }

    JsonNode description() {
        return description;
    }

    KeySchema index(String indexName) {
        KeySchema schema = indexes.get(indexName);
        if (schema == null) {
            throw AwsServiceException.validation("The table does not have the specified index: " + indexName);
        }
        return schema;
    }

    /** The storage key of an item or a Key parameter; validates that it holds exactly the key attributes. */
    String keyOf(JsonNode keyOrItem, boolean exact) {
        JsonNode hash = keyOrItem.get(key.hashKey());
        JsonNode range = key.rangeKey() == null ? null : keyOrItem.get(key.rangeKey());
        int expected = key.rangeKey() == null ? 1 : 2;
        if (hash == null || (key.rangeKey() != null && range == null) || (exact && keyOrItem.size() != expected)) {
            throw AwsServiceException.validation("The provided key element does not match the schema");
        }
        return hash + (range == null ? "" : "|" + range);
    }

    ObjectNode get(String storageKey) {
        return items.get(storageKey);
    }

    void put(String storageKey, ObjectNode item) {
        items.put(storageKey, item);
    }

    void delete(String storageKey) {
        items.remove(storageKey);
    }

    Collection<ObjectNode> items() {
        return items.values();
    }
}
