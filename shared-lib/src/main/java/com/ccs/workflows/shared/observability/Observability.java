package com.ccs.workflows.shared.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.observability.tracing.TraceHeader;
import com.ccs.workflows.shared.observability.tracing.Tracing;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one place that wires logging, tracing and metrics for every function, so handlers stay thin:
 * <ul>
 *   <li>logs: one JSON object per line (shared-lib's SLF4J backend, {@code com.ccs.workflows.shared.logging},
 *   with Powertools' field names) carrying the Lambda context and the correlation ids of the invocation
 *   ({@code execution_id}, {@code incident_id}, {@code contract_id}) as fields, not inside messages;</li>
 *   <li>traces: an X-Ray subsegment per handler and per named block, and one per AWS SDK call
 *   ({@code AwsClients} adds the interceptor), sent to Lambda's X-Ray daemon when the invocation is sampled;
 *   correlation ids are also annotations, to search traces by contract or incident;</li>
 *   <li>metrics: business counters as one CloudWatch EMF line per invocation that recorded any, namespace from
 *   {@code POWERTOOLS_METRICS_NAMESPACE} (default {@code CCS/Workflows}), dimension {@code Service}.</li>
 * </ul>
 * These replace Powertools' logging, metrics and tracing modules with the same output: Log4j, Jackson, Powertools and
 * the X-Ray SDK were half of a function's zip and about 2,000 of the classes of its cold start (docs/performance.md).
 */
public final class Observability {
    public static final String EXECUTION_ID = "execution_id";
    public static final String INCIDENT_ID = "incident_id";
    public static final String CONTRACT_ID = "contract_id";

    static final String DEFAULT_NAMESPACE = "CCS/Workflows";

    private static final Logger LOG = LoggerFactory.getLogger(Observability.class);
    private static final AtomicBoolean COLD = new AtomicBoolean(true);
    private static final ThreadLocal<EmfRecord> METRICS = new ThreadLocal<>();

    private Observability() {}

    /**
     * Runs one handler invocation: logging context from {@code context} plus {@code correlationIds} (null values
     * are skipped), the body inside a subsegment named after {@code operation}, metrics flushed afterwards,
     * logging context cleared even when the body throws.
     */
    public static <T> T handle(
            Context context, String operation, Map<String, String> correlationIds, Supplier<T> body) {
        putLambdaContext(context);
        correlationIds.forEach(Observability::putIfPresent);
        try {
            return traced(operation, () -> {
                correlationIds.forEach(Tracing::annotate);
                return body.get();
            });
        } finally {
            flushMetrics();
            MDC.clear();
        }
    }

    /** Adds a correlation id discovered during the invocation (e.g. the contract id once it is allocated). */
    public static void correlate(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
            Tracing.annotate(key, value);
        }
    }

    /** Runs {@code body} in an X-Ray subsegment (when the invocation is traced) and returns its result. */
    public static <T> T traced(String name, Supplier<T> body) {
        return Tracing.traced("## " + name, body);
    }

    /** Counts one business event (e.g. ContractCreated, IncidentRecordingStarted) in the invocation's EMF record. */
    public static void count(String metric) {
        record(metric, 1, MetricUnit.COUNT);
    }

    /**
     * Records a business value with its unit (e.g. PaymentAmount in NONE, ValidationScore). A value EMF cannot
     * carry (not finite, a reserved or overlong name, a unit changed within the invocation) is logged and dropped:
     * a metric never fails the invocation whose work it counts.
     */
    public static void record(String metric, double value, MetricUnit unit) {
        EmfRecord record = METRICS.get();
        if (record == null) {
            record = new EmfRecord();
            METRICS.set(record);
        }
        try {
            record.add(metric, value, unit);
        } catch (IllegalArgumentException e) {
            LOG.warn("Metric not recorded: {}", e.getMessage());
        }
    }

    /**
     * Formats a sample EMF record as the end of an invocation would and returns it without writing it: SnapStart
     * priming, so the first metric after a restore finds this code loaded while no metric is emitted.
     */
    public static String primeMetricRecord() {
        EmfRecord sample = new EmfRecord();
        sample.add("Primed", 1, MetricUnit.COUNT);
        return sample.toJson(DEFAULT_NAMESPACE, "priming", 0L, Map.of("function_request_id", "priming"));
    }

    private static void putLambdaContext(Context context) {
        MDC.put("cold_start", Boolean.toString(COLD.getAndSet(false)));
        if (context != null) {
            putIfPresent("function_name", context.getFunctionName());
            putIfPresent("function_version", context.getFunctionVersion());
            putIfPresent("function_arn", context.getInvokedFunctionArn());
            putIfPresent("function_memory_size", Integer.toString(context.getMemoryLimitInMB()));
            putIfPresent("function_request_id", context.getAwsRequestId());
        }
        TraceHeader trace = TraceHeader.current();
        if (trace != null) {
            MDC.put("xray_trace_id", trace.root());
        }
    }

    private static void putIfPresent(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }

    // Only invocations that recorded something write a record: an empty EMF record is noise. The request and trace
    // ids are the ones putLambdaContext put in the MDC for this invocation.
    private static void flushMetrics() {
        EmfRecord record = METRICS.get();
        METRICS.remove();
        if (record == null || record.isEmpty()) {
            return;
        }
        Map<String, String> env = FunctionEnvironment.variables();
        String namespace = env.get("POWERTOOLS_METRICS_NAMESPACE");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("function_request_id", MDC.get("function_request_id"));
        properties.put("xray_trace_id", MDC.get("xray_trace_id"));
        System.out.println(record.toJson(
                namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace,
                FunctionEnvironment.serviceName(),
                System.currentTimeMillis(),
                properties));
    }
}
