package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.history.ExecutionHistory;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.states.Cancellation;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One execution: what DescribeExecution reports, its history, and a future completing when it ends. A redrive
 * runs it again under the same ARN: a new attempt, with the history and the start of the first one.
 */
public final class Execution {
    /** AWS answers a repeated clientToken of one of the last 10 redrives, for 15 minutes, with that redrive. */
    private static final int KEPT_TOKENS = 10;

    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    /** Orders ends that the (virtual) clock sees at the same instant. */
    private static final AtomicLong ENDS = new AtomicLong();

    private final String arn;
    private final String name;
    private final String stateMachineArn;
    private final StateMachineType type;
    private final JsonNode input;
    private final Instant startDate;
    private final ExecutionHistory history;
    private final Map<String, Instant> redriveTokens = new LinkedHashMap<>();
    private ExecutionRunner attempt;
    private volatile String versionArn;
    private volatile String aliasArn;
    private ExecutionStatus status = ExecutionStatus.RUNNING;
    private Instant stopDate;
    private long endOrder;
    private JsonNode output;
    private String error;
    private String cause;
    private int redriveCount;
    private Instant redriveDate;

    Execution(
            String arn,
            String name,
            String stateMachineArn,
            StateMachineType type,
            JsonNode input,
            Instant startDate,
            ExecutionHistory history) {
        this.arn = arn;
        this.name = name;
        this.stateMachineArn = stateMachineArn;
        this.type = type;
        this.input = input;
        this.startDate = startDate;
        this.history = history;
    }

    /** The version, and alias, an execution started by a qualified ARN runs; set once, before it starts. */
    void startedBy(String version, String alias) {
        versionArn = version;
        aliasArn = alias;
    }

    /** The version it runs, null when started by the machine's own ARN. */
    public String versionArn() {
        return versionArn;
    }

    /** The alias it was started by, null for none. */
    public String aliasArn() {
        return aliasArn;
    }

    /** The first attempt, set once by the runner that creates the execution. */
    synchronized void attempt(ExecutionRunner first) {
        attempt = first;
    }

    /**
     * Records the end once, with the final event {@code finalEvent} appends, and stops what is left of the attempt;
     * later calls (a stop racing a failure) are ignored. Returns whether it applied.
     */
    synchronized boolean finish(
            ExecutionStatus newStatus,
            JsonNode newOutput,
            String newError,
            String newCause,
            Instant when,
            Runnable finalEvent) {
        if (status != ExecutionStatus.RUNNING) {
            return false;
        }
        status = newStatus;
        output = newOutput;
        error = newError;
        cause = newCause;
        stopDate = when;
        endOrder = ENDS.incrementAndGet();
        finalEvent.run();
        attempt.cancellation().cancel();
        return true;
    }

    /**
     * Starts a new attempt if {@code check} allows it: counts the redrive, appends ExecutionRedriven and runs on
     * from the state the last attempt did not get past. Under the execution's lock, so that a stop or another
     * redrive cannot come in between. Returns the attempt to run, or null when {@code clientToken} repeats a
     * redrive already made.
     *
     * @throws EngineException ExecutionNotRedrivable with {@code check}'s reason
     */
    synchronized ExecutionRunner redrive(Function<Execution, RedriveStatus> check, Instant when, String clientToken) {
        if (clientToken != null) {
            Instant first = redriveTokens.get(clientToken);
            if (first != null && when.isBefore(first.plus(TOKEN_LIFETIME))) {
                return null;
            }
        }
        RedriveStatus redrivable = check.apply(this);
        if (!redrivable.redrivable()) {
            throw new EngineException("ExecutionNotRedrivable", redrivable.reason());
        }
        if (!attempt.completion().isDone()) {
            // Stopped, but the last attempt is still unwinding: its events must not follow the new ones.
            throw new EngineException("ExecutionNotRedrivable", "Execution is still ending and cannot be redriven yet");
        }
        redriveCount++;
        redriveDate = when;
        status = ExecutionStatus.RUNNING;
        stopDate = null;
        output = null;
        error = null;
        cause = null;
        long redriven = history.reopen(
                "ExecutionRedriven",
                history.size(),
                "executionRedrivenEventDetails",
                Json.object().put("redriveCount", redriveCount));
        attempt = attempt.redriven(redriven);
        if (clientToken != null) {
            redriveTokens.remove(clientToken);
            redriveTokens.put(clientToken, when);
            Iterator<String> oldest = redriveTokens.keySet().iterator();
            while (redriveTokens.size() > KEPT_TOKENS) {
                oldest.next();
                oldest.remove();
            }
        }
        return attempt;
    }

    ExecutionHistory historyLog() {
        return history;
    }

    /** The stop signal of the current attempt. */
    synchronized Cancellation cancellation() {
        return attempt.cancellation();
    }

    public String arn() {
        return arn;
    }

    public String name() {
        return name;
    }

    public String stateMachineArn() {
        return stateMachineArn;
    }

    public StateMachineType type() {
        return type;
    }

    public JsonNode input() {
        return input;
    }

    /** When the execution first started (a redrive keeps it). */
    public Instant startDate() {
        return startDate;
    }

    public synchronized ExecutionStatus status() {
        return status;
    }

    public synchronized Instant stopDate() {
        return stopDate;
    }

    /** Which execution ended before which (0 while running). */
    synchronized long endOrder() {
        return endOrder;
    }

    /** The output when SUCCEEDED, else null. */
    public synchronized JsonNode output() {
        return output;
    }

    public synchronized String error() {
        return error;
    }

    public synchronized String cause() {
        return cause;
    }

    /** How many times the execution was redriven (0 when never). */
    public synchronized int redriveCount() {
        return redriveCount;
    }

    /** When it was last redriven, null when never. */
    public synchronized Instant redriveDate() {
        return redriveDate;
    }

    public List<HistoryEvent> history() {
        return history.events();
    }

    /**
     * Completes when the current attempt has ended (every attempt ends): the execution's end, until a redrive
     * starts another attempt with a future of its own.
     */
    public synchronized CompletableFuture<Execution> completion() {
        return attempt.completion();
    }
}
