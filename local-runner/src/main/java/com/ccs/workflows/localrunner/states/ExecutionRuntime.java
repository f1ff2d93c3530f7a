package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.clock.Clock;
import com.ccs.workflows.localrunner.history.ExecutionHistory;
import com.ccs.workflows.localrunner.paths.ContextObject;
import com.ccs.workflows.localrunner.tasks.CallbackRegistry;
import com.ccs.workflows.localrunner.tasks.NestedExecutions;
import com.ccs.workflows.localrunner.tasks.TaskInvoker;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every state of one execution shares: its facts for the context object, the clock, the history, the task
 * integrations and the executor that runs Parallel branches and Map iterations.
 *
 * @param testCase the mock test case named at start ({@code arn#TestCase}), or null
 * @param region the region reported in TaskScheduled events
 * @param deadline when the machine's TimeoutSeconds expires, or null
 * @param onTimeout records the time-out and cancels the execution
 * @param executions the engine, for Tasks that start executions of their own
 * @param underTest the state TestState runs, with its mock and what it reports; null for an execution
 */
public record ExecutionRuntime(
        ContextObject.ExecutionInfo info,
        Clock clock,
        ExecutionHistory history,
        TaskInvoker invoker,
        CallbackRegistry callbacks,
        ExecutorService executor,
        String testCase,
        String region,
        Instant deadline,
        Runnable onTimeout,
        Map<String, AtomicInteger> invocations,
        NestedExecutions executions,
        StateUnderTest underTest) {

    public ExecutionRuntime {
        invocations = invocations == null ? new ConcurrentHashMap<>() : invocations;
    }

    /** 0 for the first call of this Task state in the execution, then 1, 2... (what mocks count). */
    public int nextInvocation(String stateName) {
        return invocations.computeIfAbsent(stateName, k -> new AtomicInteger()).getAndIncrement();
    }
}
