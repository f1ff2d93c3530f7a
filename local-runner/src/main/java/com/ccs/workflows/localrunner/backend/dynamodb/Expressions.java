package com.ccs.workflows.localrunner.backend.dynamodb;

import com.ccs.workflows.localrunner.backend.AwsServiceException;
import com.ccs.workflows.localrunner.backend.dynamodb.ExpressionLexer.Kind;
import com.ccs.workflows.localrunner.backend.dynamodb.ExpressionLexer.Token;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates DynamoDB expressions (condition, key condition and update expressions) over an item in wire form.
 * Covers the grammar the AWS documentation gives for those expressions: comparisons, BETWEEN, IN, AND/OR/NOT,
 * attribute_exists / attribute_not_exists / attribute_type / begins_with / contains / size, and SET (with +, -,
 * if_not_exists, list_append), REMOVE, ADD and DELETE clauses.
 */
final class Expressions {
    private final List<Token> tokens;
    private final JsonNode names;
    private final JsonNode values;
    private int position;

    private Expressions(String expression, JsonNode names, JsonNode values) {
        this.tokens = ExpressionLexer.tokenize(expression);
        this.names = names;
        this.values = values;
    }

    /** True when {@code item} (null or empty when absent) satisfies the condition. */
    static boolean matches(String expression, JsonNode names, JsonNode values, ObjectNode item) {
        Expressions parser = new Expressions(expression, names, values);
        boolean result = parser.orCondition(item == null ? JsonNodeFactory.instance.objectNode() : item);
        parser.expectEnd();
        return result;
    }

    /** Applies an update expression to a copy of {@code item}; returns the updated copy and the top-level names touched. */
    static Update apply(String expression, JsonNode names, JsonNode values, ObjectNode item) {
        Expressions parser = new Expressions(expression, names, values);
        ObjectNode updated = AttributeValues.copyItem(item);
        Set<String> touched = new LinkedHashSet<>();
        Set<String> clauses = new LinkedHashSet<>();
        while (parser.peek().kind() != Kind.END) {
            String clause = parser.next().text().toUpperCase();
            if (!clauses.add(clause)) {
                throw AwsServiceException.validation("Invalid UpdateExpression: The \"" + clause
                        + "\" section can only be used once in an update expression");
            }
            do {
                switch (clause) {
                    case "SET" -> {
                        List<Object> path = parser.path();
                        parser.expect("=");
                        JsonNode value = parser.setValue(item);
                        put(updated, path, value);
                        touched.add((String) path.get(0));
                    }
                    case "REMOVE" -> {
                        List<Object> path = parser.path();
                        remove(updated, path);
                        touched.add((String) path.get(0));
                    }
                    case "ADD", "DELETE" -> {
                        List<Object> path = parser.path();
                        JsonNode operand = parser.operand(item);
                        put(
                                updated,
                                path,
                                clause.equals("ADD")
                                        ? add(resolve(updated, path), operand)
                                        : delete(resolve(updated, path), operand));
                        touched.add((String) path.get(0));
                    }
                    default ->
                        throw AwsServiceException.validation(
                                "Invalid UpdateExpression: Syntax error; token: \"" + clause + "\"");
                }
            } while (parser.accept(","));
        }
        return new Update(updated, touched);
    }

    record Update(ObjectNode item, Set<String> touched) {}

    /** Resolves a projection-free attribute path ("a.b[0]") against an item, or null. */
    static JsonNode resolve(ObjectNode item, List<Object> path) {
        JsonNode current = item.get((String) path.get(0));
        for (int i = 1; i < path.size() && current != null; i++) {
            Object segment = path.get(i);
            if (segment instanceof Integer index) {
                current = current.has("L") && index < current.get("L").size()
                        ? current.get("L").get(index)
                        : null;
            } else {
                current = current.has("M") ? current.get("M").get((String) segment) : null;
            }
        }
        return current;
    }

    // ---- conditions ---------------------------------------------------------------------------------------------

    private boolean orCondition(ObjectNode item) {
        boolean result = andCondition(item);
        while (accept("OR")) {
            result |= andCondition(item);
        }
        return result;
    }

    private boolean andCondition(ObjectNode item) {
        boolean result = notCondition(item);
        while (accept("AND")) {
            result &= notCondition(item);
        }
        return result;
    }

    private boolean notCondition(ObjectNode item) {
        if (accept("NOT")) {
            return !notCondition(item);
        }
        if (accept("(")) {
            boolean result = orCondition(item);
            expect(")");
            return result;
        }
        Token token = peek();
        if (token.kind() == Kind.NAME && tokens.get(position + 1).is("(")) {
            String function = token.text();
            switch (function) {
                case "attribute_exists", "attribute_not_exists" -> {
                    next();
                    expect("(");
                    List<Object> path = path();
                    expect(")");
                    boolean exists = resolve(item, path) != null;
                    return function.equals("attribute_exists") == exists;
                }
                case "attribute_type" -> {
                    next();
                    expect("(");
                    JsonNode value = resolve(item, path());
                    expect(",");
                    JsonNode type = operand(item);
                    expect(")");
                    return value != null
                            && type != null
                            && AttributeValues.type(value).equals(type.path("S").asText());
                }
                case "begins_with" -> {
                    next();
                    expect("(");
                    JsonNode value = operand(item);
                    expect(",");
                    JsonNode prefix = operand(item);
                    expect(")");
                    return value != null
                            && prefix != null
                            && value.has("S")
                            && prefix.has("S")
                            && value.get("S")
                                    .asText()
                                    .startsWith(prefix.get("S").asText());
                }
                case "contains" -> {
                    next();
                    expect("(");
                    JsonNode value = operand(item);
                    expect(",");
                    JsonNode part = operand(item);
                    expect(")");
                    return contains(value, part);
                }
                default -> {
                    // size(...) is an operand: fall through to the comparison below
                }
            }
        }
        JsonNode left = operand(item);
        if (accept("BETWEEN")) {
            JsonNode low = operand(item);
            expect("AND");
            JsonNode high = operand(item);
            Integer lowCmp = AttributeValues.compare(left, low);
            Integer highCmp = AttributeValues.compare(left, high);
            return lowCmp != null && highCmp != null && lowCmp >= 0 && highCmp <= 0;
        }
        if (accept("IN")) {
            expect("(");
            boolean found = false;
            do {
                found |= AttributeValues.equal(left, operand(item));
            } while (accept(","));
            expect(")");
            return found;
        }
        String comparator = next().text();
        JsonNode right = operand(item);
        return switch (comparator) {
            case "=" -> AttributeValues.equal(left, right);
            case "<>" -> left != null && right != null && !AttributeValues.equal(left, right);
            case "<", "<=", ">", ">=" -> {
                Integer cmp = AttributeValues.compare(left, right);
                yield cmp != null
                        && switch (comparator) {
                            case "<" -> cmp < 0;
                            case "<=" -> cmp <= 0;
                            case ">" -> cmp > 0;
                            default -> cmp >= 0;
                        };
            }
            default ->
                throw AwsServiceException.validation(
                        "Invalid ConditionExpression: Syntax error; token: \"" + comparator + "\"");
        };
    }

    private static boolean contains(JsonNode value, JsonNode part) {
        if (value == null || part == null) {
            return false;
        }
        String type = AttributeValues.type(value);
        return switch (type) {
            case "S" ->
                part.has("S") && value.get("S").asText().contains(part.get("S").asText());
            case "SS", "NS", "BS" -> {
                String element = part.fields().next().getValue().asText();
                for (JsonNode member : value.get(type)) {
                    if (member.asText().equals(element)) {
                        yield true;
                    }
                }
                yield false;
            }
            case "L" -> {
                for (JsonNode member : value.get("L")) {
                    if (AttributeValues.equal(member, part)) {
                        yield true;
                    }
                }
                yield false;
            }
            default -> false;
        };
    }

    // ---- operands -----------------------------------------------------------------------------------------------

    /** A path (resolved against the item, possibly null), a :value, or size(path). */
    private JsonNode operand(ObjectNode item) {
        Token token = peek();
        if (token.kind() == Kind.PLACEHOLDER_VALUE) {
            next();
            JsonNode value = values == null ? null : values.get(token.text());
            if (value == null) {
                throw AwsServiceException.validation(
                        "Invalid expression: An expression attribute value used in expression is not defined; attribute value: "
                                + token.text());
            }
            return value;
        }
        if (token.kind() == Kind.NAME
                && token.text().equals("size")
                && tokens.get(position + 1).is("(")) {
            next();
            expect("(");
            JsonNode value = resolve(item, path());
            expect(")");
            if (value == null) {
                return null;
            }
            String type = AttributeValues.type(value);
            int size = switch (type) {
                case "S" -> value.get("S").asText().length();
                case "M", "L", "SS", "NS", "BS" -> value.get(type).size();
                default -> value.get(type).asText().length();
            };
            return AttributeValues.ofNumber(BigDecimal.valueOf(size));
        }
        return resolve(item, path());
    }

    private JsonNode setValue(ObjectNode item) {
        JsonNode left = setOperand(item);
        if (accept("+")) {
            return AttributeValues.ofNumber(
                    AttributeValues.number(require(left)).add(AttributeValues.number(require(setOperand(item)))));
        }
        if (accept("-")) {
            return AttributeValues.ofNumber(
                    AttributeValues.number(require(left)).subtract(AttributeValues.number(require(setOperand(item)))));
        }
        return require(left);
    }

    private JsonNode setOperand(ObjectNode item) {
        Token token = peek();
        if (token.is("if_not_exists") && tokens.get(position + 1).is("(")) {
            next();
            expect("(");
            JsonNode existing = resolve(item, path());
            expect(",");
            JsonNode fallback = setValue(item);
            expect(")");
            return existing != null ? existing : fallback;
        }
        if (token.is("list_append") && tokens.get(position + 1).is("(")) {
            next();
            expect("(");
            JsonNode first = require(setValue(item));
            expect(",");
            JsonNode second = require(setValue(item));
            expect(")");
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            list.addAll((ArrayNode) first.get("L"));
            list.addAll((ArrayNode) second.get("L"));
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            result.set("L", list);
            return result;
        }
        return operand(item);
    }

    private static JsonNode require(JsonNode value) {
        if (value == null) {
            throw AwsServiceException.validation(
                    "The provided expression refers to an attribute that does not exist in the item");
        }
        return value;
    }

    private List<Object> path() {
        List<Object> path = new ArrayList<>();
        path.add(name(next()));
        while (true) {
            if (accept(".")) {
                path.add(name(next()));
            } else if (accept("[")) {
                Token index = next();
                if (index.kind() != Kind.NUMBER) {
                    throw AwsServiceException.validation(
                            "Invalid expression: list index must be a number, got " + index.text());
                }
                path.add(Integer.parseInt(index.text()));
                expect("]");
            } else {
                return path;
            }
        }
    }

    private String name(Token token) {
        return switch (token.kind()) {
            case NAME -> token.text();
            case PLACEHOLDER_NAME -> {
                JsonNode name = names == null ? null : names.get(token.text());
                if (name == null) {
                    throw AwsServiceException.validation(
                            "Invalid expression: An expression attribute name used in the document path is not defined; attribute name: "
                                    + token.text());
                }
                yield name.asText();
            }
            default ->
                throw AwsServiceException.validation(
                        "Invalid expression: Syntax error; token: \"" + token.text() + "\"");
        };
    }

    // ---- updates ------------------------------------------------------------------------------------------------

    private static void put(ObjectNode item, List<Object> path, JsonNode value) {
        if (path.size() == 1) {
            item.set((String) path.get(0), value);
            return;
        }
        JsonNode parent = resolve(item, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent != null && last instanceof String key && parent.has("M")) {
            ((ObjectNode) parent.get("M")).set(key, value);
        } else if (parent != null && last instanceof Integer index && parent.has("L")) {
            ArrayNode list = (ArrayNode) parent.get("L");
            if (index < list.size()) {
                list.set(index, value);
            } else {
                list.add(value);
            }
        } else {
            throw AwsServiceException.validation(
                    "The document path provided in the update expression is invalid for update");
        }
    }

    private static void remove(ObjectNode item, List<Object> path) {
        if (path.size() == 1) {
            item.remove((String) path.get(0));
            return;
        }
        JsonNode parent = resolve(item, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent != null && last instanceof String key && parent.has("M")) {
            ((ObjectNode) parent.get("M")).remove(key);
        } else if (parent != null
                && last instanceof Integer index
                && parent.has("L")
                && index < parent.get("L").size()) {
            ((ArrayNode) parent.get("L")).remove(index);
        }
    }

    private static JsonNode add(JsonNode current, JsonNode operand) {
        String type = AttributeValues.type(operand);
        if (type.equals("N")) {
            BigDecimal base = current == null ? BigDecimal.ZERO : AttributeValues.number(current);
            return AttributeValues.ofNumber(base.add(AttributeValues.number(operand)));
        }
        if (type.equals("SS") || type.equals("NS") || type.equals("BS")) {
            Set<String> members = new LinkedHashSet<>();
            if (current != null) {
                current.get(type).forEach(m -> members.add(m.asText()));
            }
            operand.get(type).forEach(m -> members.add(m.asText()));
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            ArrayNode array = result.putArray(type);
            members.forEach(array::add);
            return result;
        }
        throw AwsServiceException.validation(
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: "
                        + type);
    }

    private static JsonNode delete(JsonNode current, JsonNode operand) {
        String type = AttributeValues.type(operand);
        if (current == null) {
            return null;
        }
        Set<String> members = new LinkedHashSet<>();
        current.get(type).forEach(m -> members.add(m.asText()));
        operand.get(type).forEach(m -> members.remove(m.asText()));
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode array = result.putArray(type);
        members.forEach(array::add);
        return result;
    }

    // ---- tokens -------------------------------------------------------------------------------------------------

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() == Kind.END) {
            throw AwsServiceException.validation("Invalid expression: Syntax error; unexpected end of expression");
        }
        position++;
        return token;
    }

    private boolean accept(String symbol) {
        if (peek().is(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            throw AwsServiceException.validation(
                    "Invalid expression: Syntax error; expected \"" + symbol + "\" near \"" + peek().text() + "\"");
        }
    }

    private void expectEnd() {
        if (peek().kind() != Kind.END) {
            throw AwsServiceException.validation("Invalid expression: Syntax error; token: \"" + peek().text() + "\"");
        }
    }
}
