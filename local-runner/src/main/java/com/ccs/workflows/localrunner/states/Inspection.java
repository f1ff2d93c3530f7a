package com.ccs.workflows.localrunner.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The intermediate data of a state's input and output processing, as TestState's inspectionData reports it:
 * {@code input}, {@code afterInputPath}, {@code afterParameters} (or {@code afterArguments} in JSONata),
 * {@code result}, {@code afterResultSelector}, {@code afterResultPath}, and the {@code variables} after the
 * state. Only collected when an execution is given one (TestState), for the one state under test (not the
 * states after it or nested in it); a retried step keeps its last value.
 */
public final class Inspection {
  private final String stateName;
  private final Map<String, JsonNode> data = new LinkedHashMap<>();

  public Inspection(String stateName) {
    this.stateName = stateName;
  }

  synchronized void record(StateRun run, String field, JsonNode value) {
    if (value != null && run.state().name().equals(stateName)) {
      data.put(field, value);
    }
  }

  /** What was recorded, in the order the steps happened. */
  public synchronized Map<String, JsonNode> data() {
    return new LinkedHashMap<>(data);
  }
}
