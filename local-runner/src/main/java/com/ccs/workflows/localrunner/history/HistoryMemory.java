package com.ccs.workflows.localrunner.history;

import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory bound of an engine's histories: the event data (inputs, outputs, errors, names) that the histories
 * of all its executions retain together, and what one execution may retain. The engine lets it reclaim the
 * histories of finished executions, oldest first; when a running execution would still pass either bound, that
 * execution fails with States.Runtime and the engine goes on serving the others. Counted in characters of event
 * text, which is what dominates the memory a history holds.
 */
public final class HistoryMemory {
    /** Fixed cost of one event besides its text (the event object, its details node and their fields). */
    static final long EVENT_OVERHEAD = 200;

    private static final long MIB = 1024 * 1024;
    /** The default for all histories: a quarter of the JVM's maximum heap, at most 1 GiB. */
    public static final long DEFAULT_TOTAL =
            Math.min(1024 * MIB, Runtime.getRuntime().maxMemory() / 4);

    /** What to do when the total is passed: drop finished executions' histories, returning the bytes freed. */
    @FunctionalInterface
    public interface Reclaimer {
        long reclaim(long wanted);
    }

    private final long total;
    private final long perExecution;
    private final AtomicLong used = new AtomicLong();
    private volatile Reclaimer reclaimer = wanted -> 0;

    /**
     * @param total what all histories may retain together, in characters of event text
     * @param perExecution what one execution's history may retain
     */
    public HistoryMemory(long total, long perExecution) {
        if (total <= 0 || perExecution <= 0 || perExecution > total) {
            throw new IllegalArgumentException(
                    "History memory bounds must be positive, per execution <= total: " + perExecution + " / " + total);
        }
        this.total = total;
        this.perExecution = perExecution;
    }

    /** The default bound: {@link #DEFAULT_TOTAL} for all histories, a quarter of it for one execution. */
    public static HistoryMemory defaults() {
        return new HistoryMemory(DEFAULT_TOTAL, DEFAULT_TOTAL / 4);
    }

    public long total() {
        return total;
    }

    public long perExecution() {
        return perExecution;
    }

    /** What the histories retain now. */
    public long used() {
        return used.get();
    }

    /** Set by the engine that owns the histories. */
    public void reclaimer(Reclaimer newReclaimer) {
        reclaimer = newReclaimer;
    }

    /**
     * Takes {@code bytes} for a history that already holds {@code held}.
     *
     * @throws StatesFailure States.Runtime when the execution's or the engine's bound would be passed
     */
    void take(long held, long bytes) {
        if (held + bytes > perExecution) {
            throw new StatesFailure(
                    StatesErrors.RUNTIME,
                    "The execution's history reached the local engine's memory" + " bound of " + mib(perExecution)
                            + " of event data for one execution.");
        }
        if (used.addAndGet(bytes) <= total) {
            return;
        }
        // Over the bound: finished executions' histories go first, down to three quarters so as not to thrash.
        reclaimer.reclaim(used.get() - total * 3 / 4);
        if (used.get() > total) {
            used.addAndGet(-bytes);
            throw new StatesFailure(
                    StatesErrors.RUNTIME,
                    "The local engine's memory bound for execution histories (" + mib(total)
                            + " of event data) is reached by running executions.");
        }
    }

    /** Takes {@code bytes} whatever the bounds (an execution's last event, which must be recorded). */
    void force(long bytes) {
        used.addAndGet(bytes);
    }

    /** Gives back what a dropped history held. */
    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    private static String mib(long bytes) {
        return bytes >= MIB ? (bytes / MIB) + " MiB" : bytes + " bytes";
    }
}
