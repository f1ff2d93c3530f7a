package com.ccs.workflows.localrunner.backend.dynamodb;

import com.ccs.workflows.localrunner.backend.AwsServiceException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/** DynamoDB attribute values in their wire form ({"S": "x"}, {"N": "1"}, {"M": {...}}): type, comparison, numbers. */
final class AttributeValues {
    private AttributeValues() {}

    static String type(JsonNode value) {
        Iterator<String> names = value.fieldNames();
        if (!value.isObject() || !names.hasNext()) {
            throw AwsServiceException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        return names.next();
    }

    static BigDecimal number(JsonNode value) {
        if (!"N".equals(type(value))) {
            throw AwsServiceException.validation("An operand in the update expression has an incorrect data type");
        }
        try {
            return new BigDecimal(value.get("N").asText());
        } catch (NumberFormatException e) {
            throw AwsServiceException.validation("The parameter cannot be converted to a numeric value: "
                    + value.get("N").asText());
        }
    }

    static ObjectNode ofNumber(BigDecimal number) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("N", number.stripTrailingZeros().toPlainString());
        return node;
    }

    /** Equality as DynamoDB defines it: same type and same value (numbers by value, not by text). */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return false;
        }
        String type = type(a);
        if (!type.equals(type(b))) {
            return false;
        }
        return type.equals("N") ? number(a).compareTo(number(b)) == 0 : a.equals(b);
    }

    /** Ordering for <, <=, >, >=, BETWEEN: numbers, strings and binaries of the same type; otherwise no match. */
    static Integer compare(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return null;
        }
        String type = type(a);
        if (!type.equals(type(b))) {
            return null;
        }
        return switch (type) {
            case "N" -> number(a).compareTo(number(b));
            case "S", "B" -> a.get(type).asText().compareTo(b.get(type).asText());
            default -> null;
        };
    }

    static ObjectNode copyItem(JsonNode item) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            copy.set(field.getKey(), field.getValue().deepCopy());
        }
        return copy;
    }
}
