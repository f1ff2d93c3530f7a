package com.ccs.workflows.shared.observability;

import com.ccs.workflows.shared.event.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one invocation, written as one CloudWatch Embedded Metric Format line: CloudWatch Logs turns it
 * into metrics without an API call on the request path. One dimension, {@code Service} (the function), as
 * Powertools writes it, and the request and trace ids as properties to find the invocation behind a data point.
 */
final class EmfRecord {
    static final int MAX_METRICS = 100; // EMF's limit per record
    // Top-level keys of the record itself: a metric of the same name would overwrite them.
    private static final java.util.Set<String> RESERVED =
            java.util.Set.of("_aws", "Service", "function_request_id", "xray_trace_id");

    private final Map<String, MetricUnit> units = new LinkedHashMap<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    void add(String name, double value, MetricUnit unit) {
        if (name == null || name.isBlank() || name.length() > 255) {
            throw new IllegalArgumentException(
                    "metric name must be 1 to 255 characters, got " + (name == null ? "null" : name.length()));
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("metric name " + name + " is a reserved key of the record");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + name + ": value must be a finite number, got " + value);
        }
        MetricUnit known = units.get(name);
        if (known != null && known != unit) {
            throw new IllegalArgumentException(
                    "metric " + name + " is recorded in " + known.cloudWatchName() + ", not " + unit.cloudWatchName());
        }
        if (known == null && units.size() == MAX_METRICS) {
            throw new IllegalArgumentException("more than " + MAX_METRICS + " metrics in one invocation");
        }
        units.put(name, unit);
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    boolean isEmpty() {
        return units.isEmpty();
    }

    String toJson(String namespace, String service, long timestampMillis, Map<String, String> properties) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"_aws\":{\"Timestamp\":")
                .append(timestampMillis)
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        JsonText.appendQuoted(out, namespace);
        out.append(",\"Dimensions\":[[\"Service\"]],\"Metrics\":[");
        boolean first = true;
        for (Map.Entry<String, MetricUnit> metric : units.entrySet()) {
            out.append(first ? "" : ",").append("{\"Name\":");
            JsonText.appendQuoted(out, metric.getKey());
            out.append(",\"Unit\":\"")
                    .append(metric.getValue().cloudWatchName())
                    .append("\"}");
            first = false;
        }
        out.append("]}]},\"Service\":");
        JsonText.appendQuoted(out, service);
        properties.forEach((key, value) -> {
            if (value != null) {
                out.append(',');
                JsonText.appendQuoted(out, key);
                out.append(':');
                JsonText.appendQuoted(out, value);
            }
        });
        values.forEach((name, recorded) -> {
            out.append(',');
            JsonText.appendQuoted(out, name);
            out.append(':');
            JsonText.appendValue(out, recorded.size() == 1 ? recorded.get(0) : recorded);
        });
        return out.append('}').toString();
    }
}
