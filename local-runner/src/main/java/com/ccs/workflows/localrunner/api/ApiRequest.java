package com.ccs.workflows.localrunner.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The members of one request body, read with the checks AWS applies before an operation runs: a wrong JSON type
 * is a SerializationException, a missing or out-of-range member a ValidationException naming the member.
 */
final class ApiRequest {
    private final ObjectNode body;

    ApiRequest(ObjectNode body) {
        this.body = body;
    }

    String requiredString(String member) {
        String value = optionalString(member);
        if (value == null) {
            throw ApiErrors.missing(member);
        }
        return value;
    }

    /** A required string of {@code min..max} characters. */
    String requiredString(String member, int min, int max) {
        return checkLength(member, requiredString(member), min, max);
    }

    String optionalString(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiErrors.serialization("Unexpected value type for '" + member + "': expected a string, found "
                    + node.getNodeType().name().toLowerCase());
        }
        return node.textValue();
    }

    String optionalString(String member, int min, int max) {
        String value = optionalString(member);
        return value == null ? null : checkLength(member, value, min, max);
    }

    /** An optional member that must be one of {@code allowed}. */
    String optionalEnum(String member, List<String> allowed) {
        String value = optionalString(member);
        if (value != null && !allowed.contains(value)) {
            throw ApiErrors.constraint(value, member, "Member must satisfy enum value set: " + allowed);
        }
        return value;
    }

    /** An optional integer in {@code min..max}, {@code fallback} when absent. */
    int optionalInt(String member, int min, int max, int fallback) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ApiErrors.serialization(
                    "Unexpected value type for '" + member + "': expected an integer, found " + node);
        }
        int value = node.intValue();
        if (value < min) {
            throw ApiErrors.constraint(value, member, "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw ApiErrors.constraint(value, member, "Member must have value less than or equal to " + max);
        }
        return value;
    }

    boolean optionalBoolean(String member, boolean fallback) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw ApiErrors.serialization(
                    "Unexpected value type for '" + member + "': expected a boolean, found " + node);
        }
        return node.booleanValue();
    }

    /** An optional structure member, read with the same checks; null when absent. */
    ApiRequest optionalStructure(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiErrors.serialization("Unexpected value type for '" + member + "': expected an object, found "
                    + node.getNodeType().name().toLowerCase());
        }
        return new ApiRequest((ObjectNode) node);
    }

    /** An optional list of structures, each read with the same checks; null when absent. */
    List<ApiRequest> optionalStructures(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiErrors.serialization("Unexpected value type for '" + member + "': expected a list, found "
                    + node.getNodeType().name().toLowerCase());
        }
        List<ApiRequest> items = new java.util.ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw ApiErrors.serialization("Unexpected value type in '" + member + "': expected an object, found "
                        + item.getNodeType().name().toLowerCase());
            }
            items.add(new ApiRequest((ObjectNode) item));
        }
        return items;
    }

    /** An optional integer in {@code min..max}, null when absent. */
    Integer optionalInteger(String member, int min, int max) {
        return has(member) ? optionalInt(member, min, max, 0) : null;
    }

    boolean has(String member) {
        JsonNode node = body.get(member);
        return node != null && !node.isNull();
    }

    private static String checkLength(String member, String value, int min, int max) {
        if (value.length() < min) {
            throw ApiErrors.constraint(value, member, "Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw ApiErrors.constraint(shorten(value), member, "Member must have length less than or equal to " + max);
        }
        return value;
    }

    private static String shorten(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
