package com.ccs.workflows.shared.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.xray.entities.Subsegment;
import com.ccs.workflows.shared.config.FunctionEnvironment;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.tracing.TracingUtils;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place that wires logging, tracing and metrics for every function, so handlers stay thin:
 * <ul>
 *   <li>logs: one JSON object per line (Powertools' Lambda layout, see {@code log4j2.xml}) carrying the Lambda
 *   context and the correlation ids of the invocation ({@code execution_id}, {@code incident_id},
 *   {@code contract_id}) as fields, not inside messages;</li>
 *   <li>traces: an X-Ray subsegment per handler and per named block via Powertools' {@code TracingUtils} (no
 *   AspectJ weaving, so nothing is added to cold start); AWS SDK calls are traced by the X-Ray SDK v2
 *   interceptor that powertools-tracing brings. Outside Lambda (tests, the local runner) there is no segment
 *   to attach to, so blocks run untraced instead of logging context-missing errors;</li>
 *   <li>metrics: business counters as CloudWatch EMF (Powertools metrics), flushed once per invocation, namespace
 *   from {@code POWERTOOLS_METRICS_NAMESPACE} (default {@code CCS/Workflows}).</li>
 * </ul>
 */
public final class Observability {
    public static final String EXECUTION_ID = "execution_id";
    public static final String INCIDENT_ID = "incident_id";
    public static final String CONTRACT_ID = "contract_id";

    static final String DEFAULT_NAMESPACE = "CCS/Workflows";

    private static final boolean IN_LAMBDA = System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null
            && System.getenv("_X_AMZN_TRACE_ID") != null;

    static {
        if (!IN_LAMBDA && System.getProperty("com.amazonaws.xray.strategy.contextMissingStrategy") == null) {
            // No X-Ray segment outside Lambda: make the SDK interceptor stay silent rather than log per call.
            System.setProperty("com.amazonaws.xray.strategy.contextMissingStrategy", "IGNORE_ERROR");
        }
    }

    private static final Metrics METRICS = createMetrics();
    // Flush only invocations that recorded something: an empty EMF record is noise (and a warning).
    private static final ThreadLocal<Boolean> RECORDED = ThreadLocal.withInitial(() -> false);

    private Observability() {
    }

    private static Metrics createMetrics() {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        String namespace = FunctionEnvironment.variables().get("POWERTOOLS_METRICS_NAMESPACE");
        metrics.setNamespace(namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace);
        metrics.setRaiseOnEmptyMetrics(false);
        return metrics;
    }

    /**
     * Runs one handler invocation: logging context from {@code context} plus {@code correlationIds} (null values
     * are skipped), the body inside a subsegment named after {@code operation}, metrics flushed afterwards,
     * logging context cleared even when the body throws.
     */
    public static <T> T handle(Context context, String operation, Map<String, String> correlationIds, Supplier<T> body) {
        PowertoolsLogging.initializeLogging(context);
        correlationIds.forEach((key, value) -> {
            if (value != null) {
                MDC.put(key, value);
            }
        });
        try {
            return traced(operation, body);
        } finally {
            if (RECORDED.get()) {
                METRICS.flush();
                RECORDED.remove();
            }
            // Not PowertoolsLogging.clearState: it also clears the log buffer, which log4j2.xml does not configure,
            // and finding the buffering appenders walks the caller's stack on every invocation (most of a warm
            // invocation's p99). Clearing the MDC removes the Lambda context and the correlation ids.
            MDC.clear();
        }
    }

    /** Adds a correlation id discovered during the invocation (e.g. the contract id once it is allocated). */
    public static void correlate(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
            if (IN_LAMBDA) {
                TracingUtils.putAnnotation(key, value);
            }
        }
    }

    /** Runs {@code body} in an X-Ray subsegment (when running in Lambda) and returns its result. */
    public static <T> T traced(String name, Supplier<T> body) {
        if (!IN_LAMBDA) {
            return body.get();
        }
        Object[] result = new Object[1];
        RuntimeException[] failure = new RuntimeException[1];
        TracingUtils.withSubsegment("## " + name, (Subsegment subsegment) -> {
            try {
                result[0] = body.get();
            } catch (RuntimeException e) {
                subsegment.addException(e);
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** Counts one business event (e.g. ContractCreated, IncidentRecordingStarted) in the invocation's EMF record. */
    public static void count(String metric) {
        record(metric, 1, MetricUnit.COUNT);
    }

    /** Records a business value with its unit (e.g. PaymentAmount in NONE, ValidationScore). */
    public static void record(String metric, double value, MetricUnit unit) {
        METRICS.addMetric(metric, value, unit);
        RECORDED.set(true);
    }
}
