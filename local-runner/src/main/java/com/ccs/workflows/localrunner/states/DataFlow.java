package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.definition.StateCommon;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.jsonata.JsonataEvaluator;
import com.ccs.workflows.localrunner.paths.PayloadTemplate;
import com.ccs.workflows.localrunner.paths.ResultPaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input and output processing, in the order AWS applies it. JSONPath: InputPath, Parameters, (work),
 * ResultSelector, Assign, ResultPath, OutputPath (the last applied by the interpreter, outside Retry/Catch). JSONata: Arguments, (work), then Assign and Output evaluated
 * side by side against the variables as they were before the state.
 */
public final class DataFlow {
    private DataFlow() {}

    /** The effective input: after InputPath (JSONPath); the raw input in JSONata. */
    public static JsonNode effectiveInput(StateRun run) {
        StateCommon c = run.state().common();
        inspect(run, "input", run.input());
        if (c.jsonata()) {
            return run.input();
        }
        return inspect(run, "afterInputPath", ResultPaths.select(c.inputPath(), run.bindings(run.input())));
    }

    /** Parameters (JSONPath) or Arguments (JSONata) applied to the effective input. */
    public static JsonNode payload(StateRun run, JsonNode effectiveInput) {
        StateCommon c = run.state().common();
        if (c.parameters() == null) {
            return c.jsonata() ? effectiveInput : inspect(run, "afterParameters", effectiveInput);
        }
        if (c.jsonata()) {
            return inspect(
                    run,
                    "afterArguments",
                    JsonataEvaluator.template(c.parameters(), run.jsonata(null, null), "Arguments"));
        }
        return inspect(run, "afterParameters", PayloadTemplate.evaluate(c.parameters(), run.bindings(effectiveInput)));
    }

    /**
     * Turns a state's result into its output and assigns its variables.
     *
     * @param result what the work produced (for states without work: the effective input)
     * @param jsonataDefault the JSONata output when {@code Output} is absent (the result, or the input for Pass)
     */
    public static StepResult finish(StateRun run, JsonNode result, JsonNode jsonataDefault, String next) {
        StateCommon c = run.state().common();
        return finish(run, result, jsonataDefault, next, c.assign(), c.output(), c.resultPath());
    }

    static StepResult finish(
            StateRun run,
            JsonNode result,
            JsonNode jsonataDefault,
            String next,
            JsonNode assign,
            JsonNode output,
            String resultPath) {
        StateCommon c = run.state().common();
        inspect(run, "result", result);
        Map<String, JsonNode> assigned;
        JsonNode out;
        if (c.jsonata()) {
            var scope = run.jsonata(result, null);
            assigned = assign(assign, scope);
            out = output == null ? jsonataDefault : JsonataEvaluator.template(output, scope, "Output");
        } else {
            JsonNode selected = c.resultSelector() == null
                    ? result
                    : PayloadTemplate.evaluate(c.resultSelector(), run.bindings(result));
            assigned = assign == null ? Map.of() : fields(PayloadTemplate.evaluate(assign, run.bindings(selected)));
            inspect(run, "afterResultSelector", selected);
            out = inspect(run, "afterResultPath", ResultPaths.merge(run.input(), selected, resultPath));
            assignAll(run, assigned);
            return new StepResult(out, next, assigned, c.outputPath() == null ? "" : c.outputPath());
        }
        assignAll(run, assigned);
        return new StepResult(out, next, assigned);
    }

    /** For states without a result (Choice, Wait, Succeed): InputPath then OutputPath, or JSONata Output. */
    public static StepResult passThrough(StateRun run, String next, JsonNode assign, JsonNode output) {
        StateCommon c = run.state().common();
        if (c.jsonata()) {
            var scope = run.jsonata(null, null);
            Map<String, JsonNode> assigned = assign(assign, scope);
            JsonNode out = output == null ? run.input() : JsonataEvaluator.template(output, scope, "Output");
            assignAll(run, assigned);
            return new StepResult(out, next, assigned);
        }
        JsonNode effective = effectiveInput(run);
        Map<String, JsonNode> assigned =
                assign == null ? Map.of() : fields(PayloadTemplate.evaluate(assign, run.bindings(effective)));
        JsonNode out = ResultPaths.select(c.outputPath(), run.bindings(effective));
        assignAll(run, assigned);
        return new StepResult(out, next, assigned);
    }

    /** Assigns the state's variables; TestState also sees every variable visible after the state. */
    static void assignAll(StateRun run, Map<String, JsonNode> assigned) {
        run.frame().variables().assignAll(assigned);
        if (run.runtime().underTest() != null) {
            ObjectNode all = Json.object();
            run.frame().variables().visible().forEach(all::set);
            inspect(run, "variables", all);
        }
    }

    /** Records a step of the data flow when the execution is inspected (TestState); returns {@code value}. */
    static JsonNode inspect(StateRun run, String field, JsonNode value) {
        StateUnderTest underTest = run.runtime().underTest();
        if (underTest != null) {
            underTest.record(run, field, value);
        }
        return value;
    }

    static Map<String, JsonNode> assign(JsonNode assign, com.ccs.workflows.localrunner.jsonata.JsonataScope scope) {
        if (assign == null) {
            return Map.of();
        }
        return fields(JsonataEvaluator.template(assign, scope, "Assign"));
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
