package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.history.ExecutionHistory;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.states.Cancellation;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One execution: what DescribeExecution reports, its history, and a future completing when it ends. */
public final class Execution {
  private final String arn;
  private final String name;
  private final String stateMachineArn;
  private final JsonNode input;
  private final Instant startDate;
  private final ExecutionHistory history;
  private final Cancellation cancellation;
  private final CompletableFuture<Execution> done = new CompletableFuture<>();
  private ExecutionStatus status = ExecutionStatus.RUNNING;
  private Instant stopDate;
  private JsonNode output;
  private String error;
  private String cause;

  Execution(String arn, String name, String stateMachineArn, JsonNode input, Instant startDate,
      ExecutionHistory history, Cancellation cancellation) {
    this.arn = arn;
    this.name = name;
    this.stateMachineArn = stateMachineArn;
    this.input = input;
    this.startDate = startDate;
    this.history = history;
    this.cancellation = cancellation;
  }

  /** Records the end once; later calls (a stop racing a failure) are ignored. Returns whether it applied. */
  synchronized boolean finish(ExecutionStatus newStatus, JsonNode newOutput, String newError, String newCause,
      Instant when) {
    if (status != ExecutionStatus.RUNNING) {
      return false;
    }
    status = newStatus;
    output = newOutput;
    error = newError;
    cause = newCause;
    stopDate = when;
    return true;
  }

  void completed() {
    done.complete(this);
  }

  ExecutionHistory historyLog() {
    return history;
  }

  Cancellation cancellation() {
    return cancellation;
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

  public JsonNode input() {
    return input;
  }

  public Instant startDate() {
    return startDate;
  }

  public synchronized ExecutionStatus status() {
    return status;
  }

  public synchronized Instant stopDate() {
    return stopDate;
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

  public List<HistoryEvent> history() {
    return history.events();
  }

  /** Completes when the execution has ended (every execution ends). */
  public CompletableFuture<Execution> completion() {
    return done;
  }
}
