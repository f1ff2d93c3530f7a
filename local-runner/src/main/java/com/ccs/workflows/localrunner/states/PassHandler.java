package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.definition.PassState;
import com.fasterxml.jackson.databind.JsonNode;

/** Pass: the result is {@code Result}, or the (Parameters-shaped) effective input. */
final class PassHandler {
    private PassHandler() {}

    static StepResult execute(PassState state, StateRun run) {
        String next = state.common().next();
        if (state.common().jsonata()) {
            return DataFlow.finish(run, run.input(), run.input(), next);
        }
        JsonNode effective = DataFlow.effectiveInput(run);
        JsonNode result = state.result() != null ? state.result() : DataFlow.payload(run, effective);
        return DataFlow.finish(run, result, result, next);
    }
}
