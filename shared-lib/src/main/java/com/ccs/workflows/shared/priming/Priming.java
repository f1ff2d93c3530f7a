package com.ccs.workflows.shared.priming;

import com.ccs.workflows.shared.event.JsonText;
import com.ccs.workflows.shared.event.MiniJson;
import com.ccs.workflows.shared.observability.Observability;
import com.ccs.workflows.shared.observability.tracing.Tracing;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: registers with CRaC a run of a function's request path that happens before the snapshot is
 * taken, so the classes it needs are loaded and compiled in the snapshot. The run must work in memory only
 * (nothing reaching AWS or a third party, no metric) and must leave the function's own clients untouched: their
 * credentials and connections belong to the restored environment. Priming only saves latency after a restore,
 * so a failure is logged and never blocks the snapshot.
 */
public final class Priming implements Resource {
    /** How many times a function's request path runs before the snapshot. */
    public static final int ROUNDS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** Every kind of JSON value, for the reader and writer each invocation's event and answer go through. */
    static final String SAMPLE_EVENT = "{\"text\":\"Bogot\\u00e1 \\\"quoted\\\"\",\"integer\":-12,\"decimal\":1.5e3,"
            + "\"flag\":true,\"none\":null,\"list\":[1,{\"nested\":\"value\"}]}";
    // CRaC holds registered resources weakly: this map keeps the registered ones alive.
    private static final Map<String, Priming> REGISTERED = new HashMap<>();

    private final String name;
    private final IntFunction<?> prime;

    Priming(String name, IntFunction<?> prime) {
        this.name = name;
        this.prime = prime;
    }

    /**
     * Registers {@code prime} under {@code name} (a function, or one path of a module); called by the handler
     * Lambda constructs. {@code prime} runs the request path the given number of rounds and returns a report of
     * what it exercised, which is logged. A name registers its first {@code prime} only.
     */
    public static synchronized void register(String name, IntFunction<?> prime) {
        Core.getGlobalContext().register(REGISTERED.computeIfAbsent(name, key -> new Priming(key, prime)));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            Object report = prime.apply(ROUNDS);
            primeEventJson(ROUNDS);
            primeObservability();
            LOG.info("Request path of {} primed in memory: {}", name, report);
        } catch (RuntimeException e) {
            LOG.warn("Priming of {} failed; the first invocations after restore will load classes on demand", name, e);
        }
    }

    /** Reads and writes {@link #SAMPLE_EVENT} as the handler base does an event and its answer; returns the last text. */
    static String primeEventJson(int rounds) {
        String written = null;
        for (int round = 0; round < rounds; round++) {
            written = JsonText.document(MiniJson.parseObject(SAMPLE_EVENT));
        }
        return written;
    }

    /** Formats, without writing or sending, an EMF record and an X-Ray subsegment; returns them for tests. */
    static String primeObservability() {
        return Observability.primeMetricRecord() + "\n" + Tracing.primeDocument();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: priming keeps no client, credential, key or connection.
    }
}
