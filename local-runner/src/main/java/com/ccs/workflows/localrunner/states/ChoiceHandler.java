package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.definition.ChoiceState;
import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.paths.Bindings;
import com.fasterxml.jackson.databind.JsonNode;

/** Choice: the first matching branch names the next state; its Assign/Output apply. */
final class ChoiceHandler {
    private ChoiceHandler() {}

    static StepResult execute(ChoiceState state, StateRun run) {
        boolean jsonata = state.common().jsonata();
        Bindings bindings = jsonata ? null : run.bindings(DataFlow.effectiveInput(run));
        var scope = jsonata ? run.jsonata(null, null) : null;
        for (ChoiceState.Branch branch : state.choices()) {
            if (ChoiceEvaluator.matches(branch.rule(), bindings, scope)) {
                return DataFlow.passThrough(
                        run,
                        branch.next(),
                        merge(state.common().assign(), branch.assign()),
                        branch.output() != null
                                ? branch.output()
                                : state.common().output());
            }
        }
        if (state.defaultNext() != null) {
            return DataFlow.passThrough(
                    run,
                    state.defaultNext(),
                    state.common().assign(),
                    state.common().output());
        }
        throw new StatesFailure(StatesErrors.NO_CHOICE_MATCHED, "No Matches!");
    }

    private static JsonNode merge(JsonNode stateAssign, JsonNode branchAssign) {
        return branchAssign != null ? branchAssign : stateAssign;
    }
}
