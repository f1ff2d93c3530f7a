package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.clock.Clock;
import com.ccs.workflows.localrunner.clock.SystemClock;
import com.ccs.workflows.localrunner.history.HistoryMemory;
import com.ccs.workflows.localrunner.integrations.ProjectTaskInvoker;
import com.ccs.workflows.localrunner.tasks.CallbackRegistry;
import com.ccs.workflows.localrunner.tasks.MockConfig;
import com.ccs.workflows.localrunner.tasks.MockTaskInvoker;
import com.ccs.workflows.localrunner.tasks.TaskInvoker;
import java.net.URI;

/**
 * How an {@link Engine} runs: its clock, the task integrations, the account/region used in ARNs, and the memory
 * its executions' histories may hold.
 *
 * @param historyBytes the event data all histories may retain together ({@link HistoryMemory}); one execution
 *     may retain a quarter of it
 */
public record EngineConfig(
        Clock clock,
        TaskInvoker invoker,
        CallbackRegistry callbacks,
        String region,
        String accountId,
        long historyBytes) {

    /** With the default history memory, {@link HistoryMemory#DEFAULT_TOTAL}. */
    public EngineConfig(Clock clock, TaskInvoker invoker, CallbackRegistry callbacks, String region, String accountId) {
        this(clock, invoker, callbacks, region, accountId, HistoryMemory.DEFAULT_TOTAL);
    }

    /**
     * Real time, and no AWS endpoint: {@code states:startExecution} runs in the engine, any other AWS Task fails
     * with States.Runtime saying to configure an endpoint ({@link #withEndpoint}) or mock the state.
     */
    public static EngineConfig defaults() {
        return new EngineConfig(
                SystemClock.INSTANCE,
                ProjectTaskInvoker.forEndpoint(null, "us-east-1"),
                new CallbackRegistry(),
                "us-east-1",
                "123456789012");
    }

    public EngineConfig withClock(Clock newClock) {
        return new EngineConfig(newClock, invoker, callbacks, region, accountId, historyBytes);
    }

    public EngineConfig withInvoker(TaskInvoker newInvoker) {
        return new EngineConfig(clock, newInvoker, callbacks, region, accountId, historyBytes);
    }

    /** The event data all histories may retain together (one execution: a quarter of it). */
    public EngineConfig withHistoryBytes(long bytes) {
        return new EngineConfig(clock, invoker, callbacks, region, accountId, bytes);
    }

    /** The bound {@link #historyBytes} sets, for one engine. */
    HistoryMemory historyMemory() {
        return new HistoryMemory(historyBytes, historyBytes / 4);
    }

    /**
     * Sends the AWS integrations (Lambda, DynamoDB, SNS, SQS, EventBridge, Secrets Manager, aws-sdk:*) to
     * {@code endpoint} (an emulator such as MiniStack, moto or LocalStack, or AWS) through signed calls, as Step
     * Functions makes them. Replaces the invoker: call it before {@link #withMocks}.
     */
    public EngineConfig withEndpoint(URI endpoint) {
        return withInvoker(ProjectTaskInvoker.forEndpoint(endpoint, region));
    }

    /** Answers mocked states of executions started as {@code stateMachineArn#TestCase} from {@code mocks}. */
    public EngineConfig withMocks(MockConfig mocks) {
        return withInvoker(new MockTaskInvoker(mocks, invoker));
    }
}
