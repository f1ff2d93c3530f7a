package com.ccs.workflows.shared.event;

import java.util.Map;

/**
 * Writes the small JSON documents the functions produce (device commands, task outputs, HTTP bodies) by hand:
 * without a data-binding library, Jackson's class loading stays off the cold-start path. Every character JSON
 * forbids raw in a string (quote, backslash, U+0000-U+001F) is escaped, and so are DEL, the line/paragraph
 * separators and unpaired surrogates, which are legal JSON but break naive parsers or would not survive UTF-8
 * encoding, and {@code < > &}, so the output can be embedded in an HTML page as it is.
 */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /** A flat JSON object; values are strings (or anything, as its text), booleans, numbers or null. */
    public static String object(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            appendQuoted(out, key);
            out.append(':');
            if (value == null) {
                out.append("null");
            } else if (value instanceof Boolean || value instanceof Number) {
                out.append(value);
            } else {
                appendQuoted(out, value.toString());
            }
        });
        return out.append('}').toString();
    }

    /**
     * Appends {@code value} as JSON: null, booleans and finite numbers as they are, maps as objects and iterables
     * as arrays (recursively), anything else as the quoted text of {@code toString()}. For log fields and metric
     * records, whose values are the functions' own small maps and lists.
     */
    public static void appendValue(StringBuilder out, Object value) {
        append(out, value, false);
    }

    /**
     * {@code value} as a JSON document, for a function's answer: only null, booleans, finite numbers, strings,
     * maps and iterables of those. Anything else is an {@link IllegalArgumentException}, so an answer can never
     * carry a {@code toString()} where the state machine expects a structure.
     */
    public static String document(Object value) {
        StringBuilder out = new StringBuilder(256);
        append(out, value, true);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value, boolean strict) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            out.append(value);
        } else if (value instanceof CharSequence text) {
            appendQuoted(out, text.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                if (strict && !(entry.getKey() instanceof String)) {
                    throw new IllegalArgumentException(
                            "a JSON member name must be a string, got " + typeOf(entry.getKey()));
                }
                appendQuoted(out, String.valueOf(entry.getKey()));
                out.append(':');
                append(out, entry.getValue(), strict);
            }
            out.append('}');
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                append(out, item, strict);
            }
            out.append(']');
        } else if (strict) {
            throw new IllegalArgumentException("no JSON form for a value of type " + typeOf(value));
        } else {
            appendQuoted(out, value.toString());
        }
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /** {@code value} as a quoted JSON string literal. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        appendQuoted(out, value);
        return out.toString();
    }

    public static void appendQuoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20
                            || c == 0x7f
                            || c == '<'
                            || c == '>'
                            || c == '&'
                            || c == '\u2028'
                            || c == '\u2029'
                            || isUnpairedSurrogate(value, i)) {
                        appendUnicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isUnpairedSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
        }
        return false;
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
