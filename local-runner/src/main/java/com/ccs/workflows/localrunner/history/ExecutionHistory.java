package com.ccs.workflows.localrunner.history;

import com.ccs.workflows.localrunner.clock.Clock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only event list of one execution; branches running concurrently append to it. A redrive appends
 * the events of its attempt after the earlier ones.
 */
public final class ExecutionHistory {
  private final Clock clock;
  private final List<HistoryEvent> events = new ArrayList<>();
  private boolean sealed;

  public ExecutionHistory(Clock clock) {
    this.clock = clock;
  }

  /** Appends an event and returns its id (ids start at 1); ignored once the execution's last event is in. */
  public synchronized long append(String type, long previousEventId, String detailsKey, ObjectNode details) {
    if (sealed) {
      return events.size(); // a branch still unwinding after a stop: AWS records nothing after the end
    }
    long id = events.size() + 1L;
    events.add(new HistoryEvent(id, previousEventId, clock.now(), type, detailsKey, details));
    return id;
  }

  /** Appends the execution's final event (succeeded, failed, aborted, timed out); later appends are dropped. */
  public synchronized long appendFinal(String type, long previousEventId, String detailsKey, ObjectNode details) {
    long id = append(type, previousEventId, detailsKey, details);
    sealed = true;
    return id;
  }

  /**
   * Appends the event that starts a redrive after the final event and lets the events of the new attempt follow
   * it (the earlier ones are kept). Returns its id.
   */
  public synchronized long reopen(String type, long previousEventId, String detailsKey, ObjectNode details) {
    sealed = false;
    return append(type, previousEventId, detailsKey, details);
  }

  public synchronized List<HistoryEvent> events() {
    return List.copyOf(events);
  }

  public synchronized int size() {
    return events.size();
  }
}
