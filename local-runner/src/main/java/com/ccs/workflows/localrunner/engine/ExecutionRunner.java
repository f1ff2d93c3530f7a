package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.clock.Clock;
import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.history.ExecutionHistory;
import com.ccs.workflows.localrunner.history.HistoryCursor;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.paths.ContextObject;
import com.ccs.workflows.localrunner.states.Cancellation;
import com.ccs.workflows.localrunner.states.ExecutionRuntime;
import com.ccs.workflows.localrunner.states.ExecutionStopped;
import com.ccs.workflows.localrunner.states.Frame;
import com.ccs.workflows.localrunner.states.Inspection;
import com.ccs.workflows.localrunner.states.Interpreter;
import com.ccs.workflows.localrunner.states.Variables;
import com.ccs.workflows.localrunner.tasks.NestedExecutions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** Runs one execution from ExecutionStarted to its final event. */
final class ExecutionRunner implements Runnable {
  /** A STANDARD execution runs for at most one year. */
  private static final long MAX_STANDARD = Duration.ofDays(365).toSeconds();

  private final StateMachine machine;
  private final Execution execution;
  private final ExecutionRuntime runtime;
  private final ExecutionHistory history;
  private final Clock clock;

  private final Map<String, JsonNode> variables;

  /**
   * @param variables variables defined before the first state (TestState's), empty for an execution
   * @param inspection collects the data flow (TestState), null otherwise
   */
  ExecutionRunner(EngineConfig config, StateMachine machine, String arn, String name, JsonNode input,
      String testCase, ExecutorService executor, NestedExecutions executions, Map<String, JsonNode> variables,
      Inspection inspection) {
    this.variables = variables;
    this.machine = machine;
    this.clock = config.clock();
    this.history = new ExecutionHistory(clock);
    Instant start = clock.now();
    Cancellation cancellation = Cancellation.root();
    this.execution = new Execution(arn, name, machine.arn(), input, start, history, cancellation);
    // No execution outlives its type's limit (a year, or 5 minutes for EXPRESS): so every execution ends,
    // even one waiting for an answer that never comes.
    long max = machine.type() == StateMachineType.EXPRESS ? ExpressRules.MAX_DURATION.toSeconds() : MAX_STANDARD;
    Integer declared = machine.definition().timeoutSeconds();
    int timeout = (int) (declared == null ? max : Math.min(declared, max));
    var info = new ContextObject.ExecutionInfo(arn, name, input, start, machine.roleArn(), machine.arn(),
        machine.name(), machine.type() == StateMachineType.EXPRESS ? null : 0);
    this.runtime = new ExecutionRuntime(info, clock, history, config.invoker(), config.callbacks(), executor,
        testCase, config.region(), start.plusSeconds(timeout), this::timedOut, null, executions, inspection);
  }

  Execution execution() {
    return execution;
  }

  /** Records ExecutionStarted; called before the execution is visible, so it is always the first event. */
  void recordStart() {
    ObjectNode started = HistoryCursor.payload(Json.object(), "input", execution.input());
    started.put("roleArn", machine.roleArn());
    history.append("ExecutionStarted", 0, "executionStartedEventDetails", started);
  }

  @Override
  public void run() {
    // AWS chains the first state's event to 0, not to ExecutionStarted.
    HistoryCursor cursor = new HistoryCursor(history, 0);
    Variables root = Variables.root();
    root.assignAll(variables);
    Frame frame = new Frame(runtime, root, cursor, execution.cancellation());
    try {
      JsonNode output = Interpreter.run(machine.definition().program(), execution.input(), frame);
      if (execution.finish(ExecutionStatus.SUCCEEDED, output, null, null, clock.now())) {
        history.appendFinal("ExecutionSucceeded", cursor.last(), "executionSucceededEventDetails",
            HistoryCursor.payload(Json.object(), "output", output));
      }
    } catch (StatesFailure f) {
      failed(cursor, f.error(), f.cause());
    } catch (ExecutionStopped e) {
      // the stop or time-out already recorded how the execution ended
    } catch (RuntimeException e) {
      failed(cursor, StatesErrors.RUNTIME, e.toString());
    } finally {
      execution.cancellation().cancel();
      clock.exit();
      execution.completed();
    }
  }

  private void failed(HistoryCursor cursor, String error, String cause) {
    if (execution.finish(ExecutionStatus.FAILED, null, error, cause, clock.now())) {
      ObjectNode details = Json.object();
      if (error != null) {
        details.put("error", error);
      }
      if (cause != null) {
        details.put("cause", cause);
      }
      history.appendFinal("ExecutionFailed", cursor.last(), "executionFailedEventDetails", details);
    }
  }

  private void timedOut() {
    if (execution.finish(ExecutionStatus.TIMED_OUT, null, StatesErrors.TIMEOUT, null, clock.now())) {
      history.appendFinal("ExecutionTimedOut", history.size(), "executionTimedOutEventDetails",
          Json.object().put("error", StatesErrors.TIMEOUT));
    }
    execution.cancellation().cancel();
  }

  static void abort(Execution execution, String error, String cause, Clock clock) {
    if (execution.finish(ExecutionStatus.ABORTED, null, error, cause, clock.now())) {
      ObjectNode details = Json.object();
      if (error != null) {
        details.put("error", error);
      }
      if (cause != null) {
        details.put("cause", cause);
      }
      execution.historyLog().appendFinal("ExecutionAborted", 0,
          "executionAbortedEventDetails", details);
    }
    execution.cancellation().cancel();
  }
}
