package com.ccs.workflows.shared.observability.tracing;

/**
 * The X-Ray trace header of the current invocation ({@code Root=1-...;Parent=...;Sampled=1}). Lambda's Java
 * runtime puts it in the {@code com.amazonaws.xray.traceHeader} system property for each invocation; the
 * {@code _X_AMZN_TRACE_ID} variable is the fallback, as in the X-Ray SDK.
 */
public record TraceHeader(String root, String parent, boolean sampled) {
    static final String PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String VARIABLE = "_X_AMZN_TRACE_ID";

    /** The current invocation's header, or null outside a traced Lambda invocation. */
    public static TraceHeader current() {
        return parse(currentText());
    }

    /** The current invocation's header as Lambda gave it, to forward to a service; null outside an invocation. */
    public static String currentText() {
        String header = System.getProperty(PROPERTY);
        return header != null ? header : System.getenv(VARIABLE);
    }

    /** The header's fields, or null when it has no root. */
    public static TraceHeader parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String root = null;
        String parent = null;
        boolean sampled = false;
        for (String part : header.split(";")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = part.substring(0, equals).strip();
            String value = part.substring(equals + 1).strip();
            switch (key) {
                case "Root" -> root = value;
                case "Parent" -> parent = value;
                case "Sampled" -> sampled = value.equals("1");
                default -> {
                    // Lineage and vendor fields are not needed for subsegments
                }
            }
        }
        return root == null || root.isEmpty() ? null : new TraceHeader(root, parent, sampled);
    }
}
