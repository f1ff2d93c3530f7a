package com.ccs.workflows.localrunner.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values are Jackson trees throughout the engine: they keep the integer/float distinction AWS keeps
 * (an output of {@code 0.0} stays {@code 0.0}) and serialise compactly the way Step Functions does.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? NullNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node == null ? NullNode.getInstance() : node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static JsonNode text(String s) {
        return s == null ? NullNode.getInstance() : NODES.textNode(s);
    }

    /** The type names AWS uses in its error messages. */
    public static String typeName(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return "unknown";
    }

    /** Plain Java value (Map/List/String/Number/Boolean/null), for JSONata. */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), toJava(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(n -> list.add(toJava(n)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            if (node.canConvertToInt()) {
                return node.intValue(); // Integer, so a value passed through JSONata comes back as the same node type
            }
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    /** Jackson tree of a plain Java value (as Jayway or JSONata return them). */
    public static JsonNode fromJava(Object value) {
        return convert(value, false);
    }

    /** Like {@link #fromJava} but integral doubles become integers, as JavaScript (so AWS's JSONata) prints them. */
    public static JsonNode fromJsonata(Object value) {
        return convert(value, true);
    }

    private static JsonNode convert(Object value, boolean collapseDoubles) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode n) {
            return n;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode obj = object();
            map.forEach((k, v) -> obj.set(String.valueOf(k), convert(v, collapseDoubles)));
            return obj;
        }
        if (value instanceof Iterable<?> list) {
            ArrayNode arr = array();
            list.forEach(v -> arr.add(convert(v, collapseDoubles)));
            return arr;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (value instanceof BigDecimal d) {
            return collapseDoubles ? number(d.doubleValue()) : NODES.numberNode(d);
        }
        if (value instanceof Number n) {
            return collapseDoubles ? number(n.doubleValue()) : NODES.numberNode(n.doubleValue());
        }
        return NODES.textNode(value.toString());
    }

    /** A double as JavaScript would print it: integral values without a fraction. */
    public static JsonNode number(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.007199254740992E15) {
            long l = (long) d;
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? NODES.numberNode((int) l) : NODES.numberNode(l);
        }
        return NODES.numberNode(d);
    }
}
