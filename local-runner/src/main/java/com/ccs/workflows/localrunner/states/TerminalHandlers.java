package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.definition.FailState;
import com.ccs.workflows.localrunner.definition.SucceedState;
import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.jsonata.JsonataEvaluator;
import com.ccs.workflows.localrunner.paths.PayloadTemplate;
import com.fasterxml.jackson.databind.JsonNode;

/** Succeed and Fail: the states that end a program. */
final class TerminalHandlers {
    private TerminalHandlers() {}

    static StepResult succeed(SucceedState state, StateRun run) {
        return DataFlow.passThrough(
                run, null, state.common().assign(), state.common().output());
    }

    /** Always throws: the failure named by Error/Cause (or their paths and expressions). */
    static StepResult fail(FailState state, StateRun run) {
        String error = value(run, state.error(), state.errorPath(), "Error", "ErrorPath");
        String cause = value(run, state.cause(), state.causePath(), "Cause", "CausePath");
        throw new StatesFailure(error, cause);
    }

    private static String value(StateRun run, String literal, String path, String field, String pathField) {
        if (run.state().common().jsonata() && literal != null && JsonataEvaluator.isExpression(literal)) {
            JsonNode v = JsonataEvaluator.required(literal, run.jsonata(null, null), field);
            if (!v.isTextual()) {
                throw RuntimeFailure.query("The JSONata expression '" + JsonataEvaluator.body(literal)
                        + "' specified for the field '" + field
                        + "' returned an unexpected result type. Expected 'string', but"
                        + " was '" + Json.typeName(v) + "' for value: " + Json.write(v));
            }
            return v.textValue();
        }
        if (path != null) {
            JsonNode v = PayloadTemplate.expression(pathField, path, run.bindings(run.input()));
            return v.isTextual() ? v.textValue() : Json.write(v);
        }
        return literal;
    }
}
