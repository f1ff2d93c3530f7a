package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.definition.MapState;
import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.jsonata.JsonataEvaluator;
import com.ccs.workflows.localrunner.paths.Bindings;
import com.ccs.workflows.localrunner.paths.ContextObject;
import com.ccs.workflows.localrunner.paths.PathNotFound;
import com.ccs.workflows.localrunner.paths.PayloadTemplate;
import com.ccs.workflows.localrunner.paths.ReferencePaths;
import com.ccs.workflows.localrunner.paths.ResultPaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Map (inline; a distributed map without an ItemReader runs the same way): one iteration of the item processor
 * per item, at most MaxConcurrency at a time, failing when the failures exceed the tolerated count/percentage.
 * Redriven, it runs again only the iterations that did not succeed (failed, aborted or never started).
 */
final class MapHandler {
    private MapHandler() {}

    static StepResult execute(MapState state, StateRun run) {
        return Recovery.run(run, state.retry(), state.catchers(), () -> attempt(state, run));
    }

    private static StepResult attempt(MapState state, StateRun run) {
        StateUnderTest.Mock mock = run.runtime().underTest() == null
                ? null
                : run.runtime().underTest().mockFor(run);
        boolean readsItems = state.distributed() != null && state.distributed().has("ItemReader");
        if (readsItems && mock == null) {
            throw RuntimeFailure.runtime(
                    "ItemReader (distributed Map reading from S3) is not supported by the local" + " runner");
        }
        boolean jsonata = state.common().jsonata();
        JsonNode effective = DataFlow.effectiveInput(run);
        ArrayNode items = readsItems ? readItems(run) : items(state, run, effective);
        int maxConcurrency = (int)
                number(state.maxConcurrency(), state.maxConcurrencyPath(), "MaxConcurrency", run, effective, true);
        DataFlow.inspect(run, "maxConcurrency", Json.NODES.numberNode(maxConcurrency));

        List<JsonNode> inputs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            ContextObject.MapItem item = new ContextObject.MapItem(i, items.get(i));
            if (state.itemSelector() == null) {
                inputs.add(items.get(i));
            } else if (jsonata) {
                inputs.add(
                        JsonataEvaluator.template(state.itemSelector(), run.jsonata(null, null, item), "ItemSelector"));
            } else {
                var bindings =
                        new Bindings(effective, run.context(item), run.frame().variables()::get);
                inputs.add(PayloadTemplate.evaluate(state.itemSelector(), bindings));
            }
        }
        if (state.itemSelector() != null && run.runtime().underTest() != null) {
            ArrayNode selected = Json.array();
            inputs.forEach(selected::add);
            DataFlow.inspect(run, "afterItemSelector", selected);
        }

        var cursor = run.frame().cursor();
        cursor.append(
                "MapStateStarted", "mapStateStartedEventDetails", Json.object().put("length", items.size()));
        // AWS reads the tolerated failures once the map has started (its failure follows MapStateStarted).
        Double toleratedCount = optionalNumber(
                state.toleratedFailureCount(),
                state.toleratedFailureCountPath(),
                "ToleratedFailureCount",
                run,
                effective,
                true);
        Double toleratedPercentage = optionalNumber(
                state.toleratedFailurePercentage(),
                state.toleratedFailurePercentagePath(),
                "ToleratedFailurePercentage",
                run,
                effective,
                false);
        if (toleratedCount != null) {
            DataFlow.inspect(run, "toleratedFailureCount", Json.NODES.numberNode(toleratedCount.intValue()));
        }
        if (toleratedPercentage != null) {
            DataFlow.inspect(run, "toleratedFailurePercentage", Json.NODES.numberNode(toleratedPercentage));
        }
        if (mock != null) {
            return mocked(state, run, mock, items.size(), toleratedCount, toleratedPercentage);
        }
        if (state.distributedMode()) {
            cursor.append(
                    "MapRunStarted",
                    "mapRunStartedEventDetails",
                    Json.object()
                            .put(
                                    "mapRunArn",
                                    run.runtime().info().stateMachineArn().replace(":stateMachine:", ":mapRun:") + "/"
                                            + state.name() + ":" + UUID.randomUUID()));
        }
        Cancellation group = run.frame().cancellation().child();
        List<Checkpoint> before = run.takeResumedLines();
        List<Checkpoint> lines = run.frame().checkpoint().fork(inputs.size());
        List<Supplier<JsonNode>> jobs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            int index = i;
            Checkpoint line = lines.get(i);
            Checkpoint previous = before == null || before.size() != inputs.size() ? null : before.get(i);
            if (previous != null && previous.hasSucceeded()) {
                // A redrive runs only the iterations that did not succeed; the others keep their output.
                JsonNode kept = previous.output();
                line.succeeded(kept);
                jobs.add(() -> kept);
            } else {
                jobs.add(() -> iteration(state, run, group, index, inputs.get(index), line, previous));
            }
        }
        boolean tolerant = toleratedCount != null || toleratedPercentage != null;
        int total = inputs.size();
        List<Fanout.Outcome> outcomes = Fanout.run(
                jobs,
                maxConcurrency,
                group,
                run.runtime().executor(),
                run.runtime().clock(),
                failures -> exceeded(failures, total, toleratedCount, toleratedPercentage));
        run.checkCancelled();
        int failures = (int) outcomes.stream().filter(o -> o.failure() != null).count();
        if (failures > 0 && exceeded(failures, total, toleratedCount, toleratedPercentage)) {
            if (state.distributedMode()) {
                cursor.append("MapRunFailed");
            }
            cursor.append("MapStateFailed");
            if (tolerant) {
                throw new StatesFailure(
                        StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                        "The specified tolerated failure threshold was exceeded");
            }
            throw Fanout.firstFailure(outcomes);
        }
        ArrayNode results = Json.array();
        for (Fanout.Outcome o : outcomes) {
            if (o.failure() != null) {
                ObjectNode error = results.addObject();
                error.put("Error", o.failure().error());
                error.put("Cause", o.failure().cause());
            } else {
                results.add(o.output());
            }
        }
        if (state.distributedMode()) {
            cursor.append("MapRunSucceeded");
        }
        cursor.append("MapStateSucceeded");
        return DataFlow.finish(run, results, results, state.common().next());
    }

    /**
     * TestState's mock in place of the iterations: their outputs, or a failure of one of them; with the iterations
     * said to have failed ({@code mapIterationFailureCount}) over the tolerated failures, the threshold's failure.
     */
    private static StepResult mocked(
            MapState state,
            StateRun run,
            StateUnderTest.Mock mock,
            int total,
            Double toleratedCount,
            Double toleratedPercentage) {
        if (mock.fails()) {
            throw new StatesFailure(mock.error(), mock.cause());
        }
        Integer failed = run.runtime().underTest().situation().mapIterationFailureCount();
        boolean tolerant = toleratedCount != null || toleratedPercentage != null;
        if (tolerant && failed != null && failed > 0 && exceeded(failed, total, toleratedCount, toleratedPercentage)) {
            throw new StatesFailure(
                    StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                    "The specified tolerated failure threshold was exceeded");
        }
        return DataFlow.finish(run, mock.result(), mock.result(), state.common().next());
    }

    /** The items an ItemReader would have read: TestState's {@code mapItemReaderData}. */
    private static ArrayNode readItems(StateRun run) {
        JsonNode data = run.runtime().underTest().situation().mapItemReaderData();
        if (data == null || !data.isArray()) {
            throw RuntimeFailure.runtime("The ItemReader's items are not read by the local runner: give them as a JSON"
                    + " array in stateConfiguration.mapItemReaderData");
        }
        return (ArrayNode) data;
    }

    /** @param previous the iteration in the attempt a redrive resumes, or null */
    private static JsonNode iteration(
            MapState state,
            StateRun run,
            Cancellation group,
            int index,
            JsonNode input,
            Checkpoint line,
            Checkpoint previous) {
        if (state.distributedMode()) {
            return Interpreter.resume(state.processor(), input, run.frame().forkDetached(group, line), previous);
        }
        Frame frame = run.frame().fork(group, line);
        ObjectNode details = Json.object().put("index", index).put("name", state.name());
        frame.cursor().append("MapIterationStarted", "mapIterationStartedEventDetails", details);
        try {
            JsonNode out = Interpreter.resume(state.processor(), input, frame, previous);
            frame.cursor().append("MapIterationSucceeded", "mapIterationSucceededEventDetails", details.deepCopy());
            return out;
        } catch (StatesFailure f) {
            frame.cursor().append("MapIterationFailed", "mapIterationFailedEventDetails", details.deepCopy());
            throw f;
        } catch (ExecutionStopped e) {
            frame.cursor().append("MapIterationAborted", "mapIterationAbortedEventDetails", details.deepCopy());
            throw e;
        }
    }

    private static boolean exceeded(int failures, int total, Double count, Double percentage) {
        if (count == null && percentage == null) {
            return failures > 0;
        }
        boolean overCount = count != null && failures > count;
        boolean overPercentage = percentage != null && total > 0 && failures * 100.0 / total > percentage;
        return overCount || overPercentage;
    }

    private static ArrayNode items(MapState state, StateRun run, JsonNode effective) {
        if (state.common().jsonata()) {
            JsonNode items = state.items();
            if (items == null) {
                items = run.input();
                if (!items.isArray()) {
                    throw RuntimeFailure.query("Map state input must be an array but was: " + Json.write(items));
                }
                return (ArrayNode) items;
            }
            if (JsonataEvaluator.isExpression(items)) {
                JsonNode value = JsonataEvaluator.required(items.textValue(), run.jsonata(null, null), "Items");
                if (!value.isArray()) {
                    throw RuntimeFailure.query("The JSONata expression '" + JsonataEvaluator.body(items.textValue())
                            + "' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '"
                            + Json.typeName(value) + "' for value: " + Json.write(value));
                }
                return (ArrayNode) value;
            }
            JsonNode value = JsonataEvaluator.template(items, run.jsonata(null, null), "Items");
            if (!value.isArray()) {
                throw RuntimeFailure.query("Map state input must be an array but was: " + Json.write(value));
            }
            return (ArrayNode) value;
        }
        JsonNode value =
                DataFlow.inspect(run, "afterItemsPath", ResultPaths.select(state.itemsPath(), run.bindings(effective)));
        if (!value.isArray()) {
            throw RuntimeFailure.query("Map state input must be an array but was: " + Json.write(value));
        }
        return (ArrayNode) value;
    }

    /** The tolerated failures in range, or AWS's words for why not. */
    private static void checkRange(String field, double value) {
        if (field.equals("ToleratedFailureCount") && value < 0) {
            throw RuntimeFailure.runtime("ToleratedFailureCount cannot be negative.");
        }
        if (field.equals("ToleratedFailurePercentage") && (value < 0 || value > 100)) {
            throw RuntimeFailure.runtime("ToleratedFailurePercentage must be between 0 and 100.");
        }
    }

    /** A number, or a string holding one (AWS accepts "1" from a path), else null. */
    private static JsonNode numeric(JsonNode value) {
        if (value.isNumber()) {
            return value;
        }
        if (value.isTextual()) {
            try {
                JsonNode parsed = Json.parse(value.textValue().trim());
                return parsed.isNumber() ? parsed : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static double number(
            JsonNode literal, String path, String field, StateRun run, JsonNode effective, boolean integer) {
        Double v = optionalNumber(literal, path, field, run, effective, integer);
        return v == null ? 0 : v;
    }

    private static Double optionalNumber(
            JsonNode literal, String path, String field, StateRun run, JsonNode effective, boolean integer) {
        JsonNode value = literal;
        if (path != null) {
            try {
                value = ReferencePaths.read(path, run.bindings(effective));
            } catch (PathNotFound e) {
                throw RuntimeFailure.runtime("The " + field + "Path field does not reference an input value: " + path);
            }
            JsonNode number = numeric(value);
            boolean maxConcurrency = field.equals("MaxConcurrency");
            if (number == null
                    || (integer && !number.isIntegralNumber())
                    || (maxConcurrency && number.doubleValue() < 0)) {
                throw RuntimeFailure.runtime("The " + field + "Path field refers to value \""
                        + (value.isTextual() ? value.textValue() : Json.write(value)) + "\" which is not a valid "
                        + (integer ? "integer" : "float") + ": " + path);
            }
            checkRange(field, number.doubleValue());
            return number.doubleValue();
        }
        if (value == null) {
            return null;
        }
        if (JsonataEvaluator.isExpression(value)) {
            value = JsonataEvaluator.required(value.textValue(), run.jsonata(null, null), field);
            if (!value.isNumber()) {
                throw RuntimeFailure.query("The JSONata expression '" + JsonataEvaluator.body(literal.textValue())
                        + "' specified for the field '" + field + "' returned an unexpected result type. Expected '"
                        + (integer ? "integer" : "number") + "', but was '" + Json.typeName(value) + "' for value: "
                        + Json.write(value));
            }
        }
        return value.doubleValue();
    }
}
