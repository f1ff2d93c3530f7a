package com.ccs.workflows.shared.event;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader (RFC 8259) for short answers (the company registry's, Stripe's), so a function
 * needs no data-binding library on its cold-start path. Objects become {@code Map<String, Object>} (insertion order, a repeated key
 * is rejected), arrays {@code List<Object>}, strings {@code String}, numbers {@code Long} when integral and in
 * range, {@code BigInteger} when integral and larger, otherwise {@code Double}, literals {@code Boolean} or {@code null}. Nesting is limited so that a
 * hostile answer cannot exhaust the stack.
 */
public final class MiniJson {
    static final int MAX_DEPTH = 32;

    private final String text;
    private final int maxDepth;
    private int pos;

    private MiniJson(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    /** Parses a document whose top level is an object; anything else is an {@link IllegalArgumentException}. */
    public static Map<String, Object> parseObject(String text) {
        return parseObject(text, MAX_DEPTH);
    }

    /** Same, with another nesting limit (a function's event: what the service that sent it accepted). */
    public static Map<String, Object> parseObject(String text, int maxDepth) {
        MiniJson reader = new MiniJson(text, maxDepth);
        reader.skipWhitespace();
        if (reader.peek() != '{') {
            throw reader.error("expected a JSON object");
        }
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("unexpected content after the JSON value");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    private Object value(int depth) {
        if (depth > maxDepth) {
            throw error("nested deeper than " + maxDepth + " levels");
        }
        skipWhitespace();
        char c = peek();
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        pos++; // '{'
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(object);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name in quotes");
            }
            String key = string();
            if (object.containsKey(key)) {
                throw error("repeated member \"" + key + "\"");
            }
            skipWhitespace();
            expect(':');
            object.put(key, value(depth + 1));
            skipWhitespace();
            char next = next();
            if (next == '}') {
                return Collections.unmodifiableMap(object);
            }
            if (next != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        pos++; // '['
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(array);
        }
        while (true) {
            array.add(value(depth + 1));
            skipWhitespace();
            char next = next();
            if (next == ']') {
                return Collections.unmodifiableList(array);
            }
            if (next != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("unescaped control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> {
                    pos--;
                    throw error("invalid escape");
                }
            }
        }
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(pos + i);
            // Character.digit would also take full-width and other non-ASCII digits, which JSON does not.
            int digit = c >= '0' && c <= '9'
                    ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                throw error("invalid \\u escape");
            }
            code = code * 16 + digit;
        }
        pos += 4;
        return (char) code;
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else {
            digits();
        }
        boolean integral = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            digits();
            integral = false;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            digits();
            integral = false;
        }
        String literal = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooLarge) {
                // JSON integers have no size limit: kept exact, as Jackson keeps them, so an error can quote them
                return new BigInteger(literal);
            }
        }
        return Double.parseDouble(literal);
    }

    private void digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            throw error("expected a digit");
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected characters");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (next() != c) {
            pos--;
            throw error("expected '" + c + "'");
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + what);
    }
}
