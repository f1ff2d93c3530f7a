package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.clock.Clock;
import com.ccs.workflows.localrunner.clock.SystemClock;
import com.ccs.workflows.localrunner.tasks.CallbackRegistry;
import com.ccs.workflows.localrunner.tasks.MockConfig;
import com.ccs.workflows.localrunner.tasks.MockTaskInvoker;
import com.ccs.workflows.localrunner.tasks.RoutingTaskInvoker;
import com.ccs.workflows.localrunner.tasks.TaskInvoker;

/**
 * How an {@link Engine} runs: its clock, the task integrations, and the account/region used in ARNs.
 */
public record EngineConfig(Clock clock, TaskInvoker invoker, CallbackRegistry callbacks, String region,
    String accountId) {

  public static EngineConfig defaults() {
    return new EngineConfig(SystemClock.INSTANCE, new RoutingTaskInvoker(), new CallbackRegistry(), "us-east-1",
        "123456789012");
  }

  public EngineConfig withClock(Clock newClock) {
    return new EngineConfig(newClock, invoker, callbacks, region, accountId);
  }

  public EngineConfig withInvoker(TaskInvoker newInvoker) {
    return new EngineConfig(clock, newInvoker, callbacks, region, accountId);
  }

  /** Answers mocked states of executions started as {@code stateMachineArn#TestCase} from {@code mocks}. */
  public EngineConfig withMocks(MockConfig mocks) {
    return withInvoker(new MockTaskInvoker(mocks, invoker));
  }
}
