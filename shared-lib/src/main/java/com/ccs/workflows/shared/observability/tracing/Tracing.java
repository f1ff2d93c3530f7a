package com.ccs.workflows.shared.observability.tracing;

import com.ccs.workflows.shared.config.FunctionEnvironment;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * X-Ray subsegments for the parts of an invocation (the handler, named blocks, each AWS SDK call), without the
 * X-Ray SDK: Lambda records the function's segment itself when the function has active tracing, and passes its
 * id in the trace header; a subsegment names that segment (or the enclosing subsegment) as its parent and goes to
 * the daemon when it ends. Nothing is recorded outside a sampled Lambda invocation (tests, the local runner, a
 * request X-Ray did not sample), so the cost there is one system property read per block.
 */
public final class Tracing {
    private static final ThreadLocal<Deque<Subsegment>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);
    private static volatile XRayDaemon daemon;
    private static volatile boolean daemonLooked;

    private Tracing() {}

    /** Runs {@code body} in a subsegment named {@code name} when the invocation is traced, and returns its result. */
    public static <T> T traced(String name, Supplier<T> body) {
        Subsegment subsegment = begin(name, null);
        if (subsegment == null) {
            return body.get();
        }
        Deque<Subsegment> open = OPEN.get();
        open.push(subsegment);
        try {
            return body.get();
        } catch (RuntimeException | Error e) {
            subsegment.failed(e, 0, false);
            throw e;
        } finally {
            open.remove(subsegment);
            end(subsegment);
        }
    }

    /** Adds a searchable annotation to the innermost open subsegment, if any. */
    public static void annotate(String key, String value) {
        Subsegment current = OPEN.get().peek();
        if (current != null) {
            current.annotate(key, value);
        }
    }

    /**
     * Starts a subsegment under the innermost open one (or the function's segment) without making it the parent
     * of later ones: for leaf calls such as an SDK request. Null when the invocation is not traced.
     */
    public static Subsegment begin(String name, String namespace) {
        TraceHeader header = TraceHeader.current();
        if (header == null || !header.sampled() || header.parent() == null || daemon() == null) {
            return null;
        }
        Subsegment parent = OPEN.get().peek();
        return new Subsegment(name, header.root(), parent != null ? parent.id() : header.parent(), namespace);
    }

    /** Ends {@code subsegment} and sends it; ignores null (an untraced invocation). */
    public static void end(Subsegment subsegment) {
        if (subsegment != null) {
            subsegment.end();
            XRayDaemon target = daemon();
            if (target != null) {
                target.send(subsegment.toJson());
            }
        }
    }

    /**
     * Builds and formats a sample subsegment of an AWS call, as {@link #end} would before sending it, and returns
     * the document without sending it: SnapStart priming, so the first traced call after a restore finds this code
     * loaded.
     */
    public static String primeDocument() {
        Subsegment sample =
                new Subsegment("DynamoDB", "1-00000000-000000000000000000000000", "0000000000000000", "aws");
        sample.aws("operation", "GetItem");
        sample.httpStatus(200);
        sample.end();
        return sample.toJson();
    }

    private static XRayDaemon daemon() {
        if (!daemonLooked) {
            synchronized (Tracing.class) {
                if (!daemonLooked) {
                    daemon = XRayDaemon.at(FunctionEnvironment.variables().get("AWS_XRAY_DAEMON_ADDRESS"));
                    daemonLooked = true;
                }
            }
        }
        return daemon;
    }

    /** Forgets the daemon so the next subsegment looks it up again (tests that point it at their own socket). */
    static void reset() {
        synchronized (Tracing.class) {
            daemon = null;
            daemonLooked = false;
        }
    }
}
