package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.definition.ChoiceState;
import com.ccs.workflows.localrunner.definition.FailState;
import com.ccs.workflows.localrunner.definition.MapState;
import com.ccs.workflows.localrunner.definition.ParallelState;
import com.ccs.workflows.localrunner.definition.PassState;
import com.ccs.workflows.localrunner.definition.Program;
import com.ccs.workflows.localrunner.definition.State;
import com.ccs.workflows.localrunner.definition.SucceedState;
import com.ccs.workflows.localrunner.definition.TaskState;
import com.ccs.workflows.localrunner.definition.WaitState;
import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.history.HistoryCursor;
import com.ccs.workflows.localrunner.history.PooledJson;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.paths.ResultPaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Runs a program (a machine, branch or item processor) state by state, recording Entered/Exited events. */
public final class Interpreter {
    /** AWS's payload limit: 256 KiB of UTF-8. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private Interpreter() {}

    /**
     * Runs {@code program} on {@code input} and returns its output.
     *
     * @throws StatesFailure when it fails
     * @throws ExecutionStopped when its frame is cancelled
     */
    public static JsonNode run(Program program, JsonNode input, Frame frame) {
        return run(program, program.startAt(), input, frame, null);
    }

    /**
     * Runs {@code program} again from where {@code previous} (the same line in the execution's last attempt) stood:
     * its variables restored, the state it stood at entered again with the same input. A line that never started
     * runs from the beginning on {@code input}.
     */
    public static JsonNode resume(Program program, JsonNode input, Frame frame, Checkpoint previous) {
        if (previous == null || !previous.started()) {
            return run(program, input, frame);
        }
        frame.variables().assignAll(previous.ownVariables());
        return run(program, previous.state(), previous.input(), frame, previous.lines());
    }

    /** @param resumedLines the previous attempt's branches or iterations of the first state, or null */
    private static JsonNode run(
            Program program, String start, JsonNode input, Frame frame, List<Checkpoint> resumedLines) {
        String current = start;
        JsonNode data = input;
        List<Checkpoint> resumed = resumedLines;
        String[] text = new String[1]; // the JSON text of data once a state has written it, for the next Entered event
        while (true) {
            // Recorded before the stop check: a line stopped between two states resumes at the second one.
            frame.checkpoint().at(current, data, frame.variables());
            frame.cancellation().check();
            State state = program.state(current);
            StepResult result = step(state, data, text, frame, resumed);
            resumed = null;
            if (result.next() == null) {
                frame.checkpoint().succeeded(result.output());
                return result.output();
            }
            data = result.output();
            current = result.next();
        }
    }

    /** @param text in: the input's JSON text, or null; out: the output's */
    private static StepResult step(
            State state, JsonNode input, String[] text, Frame frame, List<Checkpoint> resumedLines) {
        HistoryCursor cursor = frame.cursor();
        ObjectNode entered = Json.object().put("name", state.name());
        entered.put("input", text[0] != null ? text[0] : PooledJson.write(input));
        entered.set("inputDetails", HistoryCursor.NOT_TRUNCATED);
        Instant enteredTime = frame.runtime().clock().now();
        long beforeEntered = cursor.last();
        long enteredId = cursor.append(state.type() + "StateEntered", "stateEnteredEventDetails", entered);
        StateRun run = new StateRun(frame, state, input, enteredId, enteredTime);
        run.resumedLines(resumedLines);
        StepResult result;
        try {
            result = dispatch(state, run);
            if (result.outputPath() != null) {
                String path = result.outputPath().isEmpty() ? null : result.outputPath();
                result = new StepResult(
                        ResultPaths.select(path, run.bindings(result.output())), result.next(), result.assigned());
            }
        } catch (ExecutionStopped e) {
            cursor.append(state.type() + "StateAborted");
            throw e;
        } catch (StatesFailure f) {
            StatesFailure located = run.locate(f);
            if (f instanceof RuntimeFailure rf && StatesErrors.QUERY_EVALUATION_ERROR.equals(f.error())) {
                ObjectNode details = Json.object().put("cause", located.cause()).put("error", located.error());
                if (rf.location() != null) {
                    details.put("location", rf.location());
                }
                // As recorded on AWS: EvaluationFailed chains to the event before the state's Entered event, except in
                // Wait states, where it follows the Entered event.
                if (!(state instanceof WaitState)) {
                    cursor.setLast(beforeEntered);
                }
                cursor.append("EvaluationFailed", "evaluationFailedEventDetails", details.put("state", state.name()));
            }
            throw located;
        }
        String outputText = PooledJson.write(result.output());
        text[0] = outputText;
        if (tooLarge(outputText)) {
            throw new StatesFailure(
                    StatesErrors.DATA_LIMIT_EXCEEDED,
                    "The state/task '" + state.name()
                            + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
        ObjectNode exited = Json.object();
        if (!result.assigned().isEmpty()) {
            ObjectNode vars = exited.putObject("assignedVariables");
            result.assigned().forEach((k, v) -> vars.put(k, Json.write(v)));
            exited.set("assignedVariablesDetails", HistoryCursor.NOT_TRUNCATED);
        }
        exited.put("name", state.name());
        exited.put("output", outputText);
        exited.set("outputDetails", HistoryCursor.NOT_TRUNCATED);
        cursor.append(state.type() + "StateExited", "stateExitedEventDetails", exited);
        return result;
    }

    /** Whether a payload's UTF-8 encoding exceeds the limit (without encoding it when it cannot). */
    public static boolean tooLarge(String text) {
        // A char encodes to at most 3 UTF-8 bytes: short texts need no encoding to know.
        return text.length() * 3L > MAX_PAYLOAD_BYTES
                && text.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES;
    }

    private static StepResult dispatch(State state, StateRun run) {
        return switch (state) {
            case PassState s -> PassHandler.execute(s, run);
            case TaskState s -> TaskHandler.execute(s, run);
            case ChoiceState s -> ChoiceHandler.execute(s, run);
            case WaitState s -> WaitHandler.execute(s, run);
            case SucceedState s -> TerminalHandlers.succeed(s, run);
            case FailState s -> TerminalHandlers.fail(s, run);
            case ParallelState s -> ParallelHandler.execute(s, run);
            case MapState s -> MapHandler.execute(s, run);
        };
    }
}
