package com.ccs.workflows.shared.observability.tracing;

import com.ccs.workflows.shared.event.JsonText;
import com.ccs.workflows.shared.priming.RestoreSafeRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One X-Ray subsegment: a named, timed part of an invocation, sent on its own as a document of the X-Ray segment
 * format once it ends (type {@code subsegment} with the trace and parent ids, so X-Ray attaches it to the
 * function's segment that Lambda records).
 */
public final class Subsegment {
    private static final Pattern NAME_UNSAFE = Pattern.compile("[^\\p{L}\\p{N} _.:/%&#=+\\\\\\-@]");
    private static final Pattern KEY_UNSAFE = Pattern.compile("\\W");

    private final String id = newId();
    private final String name;
    private final String traceId;
    private final String parentId;
    private final String namespace;
    private final long startMillis = System.currentTimeMillis();
    private final Map<String, Object> annotations = new LinkedHashMap<>();
    private final Map<String, Object> aws = new LinkedHashMap<>();
    private long endMillis;
    private int httpStatus;
    private Throwable cause;
    private boolean error;
    private boolean fault;
    private boolean throttle;

    Subsegment(String name, String traceId, String parentId, String namespace) {
        this.name = clip(NAME_UNSAFE.matcher(name == null ? "unnamed" : name).replaceAll("_"), 200);
        this.traceId = traceId;
        this.parentId = parentId;
        this.namespace = namespace;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** A searchable key (letters, digits and underscores; X-Ray drops others) and value, as X-Ray indexes them. */
    public void annotate(String key, String value) {
        if (key != null && value != null && annotations.size() < 50) {
            annotations.put(clip(KEY_UNSAFE.matcher(key).replaceAll("_"), 500), clip(value, 1000));
        }
    }

    /** An {@code aws} field (operation, region, request id) of an AWS SDK call. */
    public void aws(String key, Object value) {
        if (value != null) {
            aws.put(key, value);
        }
    }

    public void httpStatus(int status) {
        this.httpStatus = status;
    }

    /**
     * Marks the subsegment failed by {@code thrown}: a throttle (429, or what the service calls throttling), a
     * client error (4xx) or a fault (the rest, and a failure without a status).
     */
    public void failed(Throwable thrown, int status, boolean throttled) {
        this.cause = thrown;
        if (status > 0) {
            this.httpStatus = status;
        }
        if (throttled || status == 429) {
            throttle = true;
            error = true;
        } else if (status >= 400 && status < 500) {
            error = true;
        } else {
            fault = true;
        }
    }

    void end() {
        endMillis = System.currentTimeMillis();
    }

    String toJson() {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"type\":\"subsegment\",\"id\":\"").append(id).append('"');
        out.append(",\"name\":");
        JsonText.appendQuoted(out, name);
        out.append(",\"trace_id\":");
        JsonText.appendQuoted(out, traceId);
        out.append(",\"parent_id\":");
        JsonText.appendQuoted(out, parentId);
        out.append(",\"start_time\":");
        seconds(out, startMillis);
        out.append(",\"end_time\":");
        seconds(out, endMillis);
        if (namespace != null) {
            out.append(",\"namespace\":\"").append(namespace).append('"');
        }
        if (!aws.isEmpty()) {
            out.append(",\"aws\":");
            JsonText.appendValue(out, aws);
        }
        if (httpStatus > 0) {
            out.append(",\"http\":{\"response\":{\"status\":")
                    .append(httpStatus)
                    .append("}}");
        }
        if (!annotations.isEmpty()) {
            out.append(",\"annotations\":");
            JsonText.appendValue(out, annotations);
        }
        if (error) {
            out.append(",\"error\":true");
        }
        if (throttle) {
            out.append(",\"throttle\":true");
        }
        if (fault) {
            out.append(",\"fault\":true");
        }
        if (cause != null) {
            out.append(",\"cause\":{\"exceptions\":[{\"id\":\"").append(newId()).append("\",\"type\":");
            JsonText.appendQuoted(out, cause.getClass().getName());
            out.append(",\"message\":");
            JsonText.appendQuoted(out, clip(String.valueOf(cause.getMessage()), 1000));
            out.append("}]}");
        }
        return out.append('}').toString();
    }

    private static void seconds(StringBuilder out, long millis) {
        long fraction = millis % 1000;
        out.append(millis / 1000)
                .append('.')
                .append(fraction < 100 ? (fraction < 10 ? "00" : "0") : "")
                .append(fraction);
    }

    /** 64 random bits as 16 hex digits, the form of a segment id. */
    static String newId() {
        String hex = Long.toHexString(RestoreSafeRandom.current().nextLong());
        return "0".repeat(16 - hex.length()) + hex;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
