package com.ccs.workflows.localrunner.history;

import com.ccs.workflows.localrunner.clock.Clock;
import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The append-only event list of one execution; branches running concurrently append to it. A redrive appends
 * the events of its attempt after the earlier ones.
 *
 * <p>Bounded as AWS bounds it: an execution's history holds at most {@link #MAX_EVENTS} events, the last of them
 * the ExecutionFailed event of a States.Runtime failure; an append that would take the 25,000th place throws that
 * failure instead, which fails the state and then the execution. Its event data counts against the engine's
 * {@link HistoryMemory} too.
 */
public final class ExecutionHistory {
    /** AWS's hard quota of events in one execution's history. */
    public static final int MAX_EVENTS = 25_000;

    static final String FULL = "The execution reached the maximum number of history events (" + MAX_EVENTS + ").";

    /** Event types and details keys: a few dozen names. */
    private static final ConcurrentHashMap<String, String> NAMES = new ConcurrentHashMap<>();

    private final Clock clock;
    private final HistoryMemory memory;
    /** The events, or null for a history that only counts them (a distributed Map's child executions). */
    private final List<HistoryEvent> events;

    private int count;
    private volatile long bytes;
    private volatile boolean sealed;

    /** A history retaining its events without a memory bound. */
    public ExecutionHistory(Clock clock) {
        this(clock, null, true);
    }

    /** A history retaining its events within {@code memory}. */
    public ExecutionHistory(Clock clock, HistoryMemory memory) {
        this(clock, memory, true);
    }

    private ExecutionHistory(Clock clock, HistoryMemory memory, boolean retained) {
        this.clock = clock;
        this.memory = memory;
        this.events = retained ? new ArrayList<>() : null;
    }

    /**
     * A history that numbers and bounds its events without keeping them: the child executions of a distributed
     * Map, whose events AWS keeps apart from the parent's.
     */
    public static ExecutionHistory counting(Clock clock) {
        return new ExecutionHistory(clock, null, false);
    }

    /**
     * Appends an event and returns its id (ids start at 1); ignored once the execution's last event is in.
     *
     * @throws StatesFailure States.Runtime when the history is full (25,000 events, or its memory bound)
     */
    public long append(String type, long previousEventId, String detailsKey, ObjectNode details) {
        if (sealed) {
            return count; // a branch still unwinding after a stop: AWS records nothing after the end
        }
        long size = events == null ? 0 : size(details);
        if (memory != null) {
            memory.take(bytes, size); // outside the lock: the engine may reclaim other executions' histories
        }
        synchronized (this) {
            if (!sealed && count < MAX_EVENTS - 1) {
                return add(type, previousEventId, detailsKey, details, size);
            }
            if (memory != null) {
                memory.release(size);
            }
            if (sealed) {
                return count;
            }
        }
        throw new StatesFailure(StatesErrors.RUNTIME, FULL);
    }

    /** Appends the execution's final event (succeeded, failed, aborted, timed out); later appends are dropped. */
    public long appendFinal(String type, long previousEventId, String detailsKey, ObjectNode details) {
        long size = events == null ? 0 : size(details);
        synchronized (this) {
            if (sealed) {
                return count;
            }
            if (memory != null) {
                memory.force(size);
            }
            sealed = true;
            return add(type, previousEventId, detailsKey, details, size);
        }
    }

    /**
     * Appends the event that starts a redrive after the final event and lets the events of the new attempt follow
     * it (the earlier ones are kept). Returns its id.
     */
    public long reopen(String type, long previousEventId, String detailsKey, ObjectNode details) {
        long size = events == null ? 0 : size(details);
        synchronized (this) {
            if (memory != null) {
                memory.force(size);
            }
            sealed = false;
            return add(type, previousEventId, detailsKey, details, size);
        }
    }

    /** Records the execution's first event: always, whatever the bounds (its input was checked on the way in). */
    public long appendFirst(String type, String detailsKey, ObjectNode details) {
        long size = events == null ? 0 : size(details);
        synchronized (this) {
            if (memory != null) {
                memory.force(size);
            }
            return add(type, 0, detailsKey, details, size);
        }
    }

    private long add(String type, long previousEventId, String detailsKey, ObjectNode details, long size) {
        long id = ++count;
        if (events != null) {
            events.add(new HistoryEvent(
                    id, previousEventId, clock.now(), canonical(type), canonical(detailsKey), details));
            bytes += size;
        }
        return id;
    }

    /**
     * One instance of each event type and details key ("PassStateEntered" ...): callers build them by concatenation,
     * and every retained event would otherwise hold copies of its own.
     */
    static String canonical(String name) {
        return name == null ? null : NAMES.computeIfAbsent(name, n -> n);
    }

    public synchronized List<HistoryEvent> events() {
        return events == null ? List.of() : List.copyOf(events);
    }

    public synchronized int size() {
        return count;
    }

    /** The event data this history retains, as its memory bound counts it. */
    public long retained() {
        return bytes;
    }

    /** The text an event retains: its details' strings (inputs, outputs, names), one level of nesting deep. */
    static long size(ObjectNode details) {
        long[] size = {HistoryMemory.EVENT_OVERHEAD};
        if (details == null) {
            return size[0];
        }
        // forEachEntry, not properties(): an entry set would stay cached in every retained details object.
        details.forEachEntry((key, value) -> {
            size[0] += key.length();
            if (value.isTextual()) {
                size[0] += value.textValue().length();
            } else if (value.isObject()) {
                value.forEachEntry((innerKey, inner) -> size[0] += innerKey.length()
                        + (inner.isTextual() ? inner.textValue().length() : 8));
            }
        });
        return size[0];
    }
}
