package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.history.HistoryMemory;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The executions the engine knows, by ARN, for as long as it keeps them: a finished one is forgotten when the
 * histories' memory runs short. The public documentation of each operation is on {@link Engine}.
 */
final class ExecutionRegistry {
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final HistoryMemory memory;

    ExecutionRegistry(HistoryMemory memory) {
        this.memory = memory;
    }

    /** Adds the execution unless its ARN is taken; returns the one holding the ARN already, or null. */
    Execution putIfAbsent(Execution execution) {
        return executions.putIfAbsent(execution.arn(), execution);
    }

    Execution describe(String arn) {
        Execution execution = executions.get(arn);
        if (execution == null) {
            throw new EngineException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
        }
        return execution;
    }

    /**
     * A machine's executions, newest first; {@code qualified} (a version or alias ARN, null for all) keeps those
     * started through it, {@code status} and {@code redriven} (null for all) those that match.
     */
    List<Execution> list(String machineArn, String qualified, ExecutionStatus status, Boolean redriven) {
        return executions.values().stream()
                .filter(e -> e.stateMachineArn().equals(machineArn))
                .filter(e -> qualified == null || qualified.equals(e.versionArn()) || qualified.equals(e.aliasArn()))
                .filter(e -> status == null || e.status() == status)
                .filter(e -> redriven == null || (e.redriveCount() > 0) == redriven)
                .sorted(Comparator.comparing(Execution::startDate).reversed())
                .toList();
    }

    void forEach(Consumer<Execution> action) {
        executions.values().forEach(action);
    }

    /**
     * Frees the memory bound by forgetting finished executions, those that ended first first, until {@code wanted}
     * bytes of history are freed: DescribeExecution answers ExecutionDoesNotExist for them afterwards, as AWS does
     * once an execution's retention has passed. Returns what was freed.
     */
    synchronized long forgetFinished(long wanted) {
        List<Execution> finished = executions.values().stream()
                .filter(e ->
                        e.status() != ExecutionStatus.RUNNING && e.completion().isDone())
                .sorted(Comparator.comparingLong(Execution::endOrder))
                .toList();
        long freed = 0;
        for (Execution e : finished) {
            if (freed >= wanted) {
                break;
            }
            freed += forget(e);
        }
        return freed;
    }

    /** Removes an execution and gives its history's memory back; returns what it held. */
    long forget(Execution execution) {
        if (!executions.remove(execution.arn(), execution)) {
            return 0;
        }
        long held = execution.historyLog().retained();
        memory.release(held);
        return held;
    }
}
