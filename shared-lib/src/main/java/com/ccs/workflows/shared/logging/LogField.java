package com.ccs.workflows.shared.logging;

/**
 * A log argument that becomes a field of the JSON line ({@code "score":92}) rather than text of the message, for
 * values a query filters or aggregates on. When the message has a {@code {}} for it, it also reads
 * {@code key=value} there.
 */
public record LogField(String key, Object value) {
    public LogField {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a log field needs a name");
        }
    }

    /** The field {@code key} with {@code value} (a string, number, boolean, list or map). */
    public static LogField entry(String key, Object value) {
        return new LogField(key, value);
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
