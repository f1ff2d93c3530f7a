package com.ccs.workflows.localrunner.deployment;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB items as plain JSON, as a run's report and side effects show them. */
final class DynamoItems {
    private DynamoItems() {}

    /** DynamoDB JSON ({"S": "x"}, {"N": "1"} ...) as plain JSON. */
    static JsonNode plain(JsonNode item) {
        ObjectNode result = Json.object();
        item.properties().forEach(e -> result.set(e.getKey(), plainValue(e.getValue())));
        return result;
    }

    private static JsonNode plainValue(JsonNode value) {
        if (!value.isObject() || value.size() != 1) {
            return value;
        }
        var entry = value.properties().iterator().next();
        JsonNode v = entry.getValue();
        return switch (entry.getKey()) {
            case "S", "B", "BOOL" -> v;
            case "N" -> Json.parse(v.asText());
            case "NULL" -> NullNode.getInstance();
            case "M" -> plain(v);
            case "L", "SS", "NS", "BS" -> {
                ArrayNode array = Json.array();
                v.forEach(x -> array.add(
                        entry.getKey().equals("L")
                                ? plainValue(x)
                                : entry.getKey().equals("NS") ? Json.parse(x.asText()) : x));
                yield array;
            }
            default -> value;
        };
    }

    /** An SDK item as plain JSON. */
    static JsonNode plain(Map<String, AttributeValue> item) {
        ObjectNode result = Json.object();
        item.forEach((k, v) -> result.set(k, plain(v)));
        return result;
    }

    private static JsonNode plain(AttributeValue v) {
        if (v.s() != null) {
            return Json.text(v.s());
        }
        if (v.n() != null) {
            return Json.parse(v.n());
        }
        if (v.bool() != null) {
            return Json.NODES.booleanNode(v.bool());
        }
        if (v.b() != null) {
            return Json.text(Base64.getEncoder().encodeToString(v.b().asByteArray()));
        }
        if (v.hasM()) {
            return plain(v.m());
        }
        ArrayNode array = Json.array();
        if (v.hasL()) {
            v.l().forEach(x -> array.add(plain(x)));
        } else if (v.hasSs()) {
            v.ss().forEach(array::add);
        } else if (v.hasNs()) {
            v.ns().forEach(n -> array.add(Json.parse(n)));
        } else if (v.hasBs()) {
            v.bs().forEach((SdkBytes b) -> array.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        } else {
            return NullNode.getInstance();
        }
        return array;
    }
}
