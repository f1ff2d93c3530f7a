package com.ccs.workflows.contract;

import java.util.Map;

/**
 * The size of a JSON value as Step Functions counts it against its 256 KiB quota: the UTF-8 bytes of its compact
 * text, strings escaped as JSON requires (quote, backslash, control characters) and nothing else. Counted, not
 * written, so measuring a large request makes no copy of it.
 */
final class JsonBytes {

    private JsonBytes() {}

    /** {@code value} as the plain maps, lists, strings, numbers, booleans and nulls a parsed event holds. */
    static long of(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = 2 + Math.max(0, map.size() - 1);
            for (Map.Entry<?, ?> member : map.entrySet()) {
                bytes += string(String.valueOf(member.getKey())) + 1 + of(member.getValue());
            }
            return bytes;
        }
        if (value instanceof Iterable<?> items) {
            long bytes = 2;
            boolean first = true;
            for (Object item : items) {
                bytes += (first ? 0 : 1) + of(item);
                first = false;
            }
            return bytes;
        }
        return String.valueOf(value).length(); // numbers and booleans are ASCII
    }

    private static long string(String text) {
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                bytes += 2;
            } else if (c < 0x20) {
                bytes += 6; // \\u00XX
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
