package com.ccs.workflows.localrunner.api;

import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat.
 *
 * <p>AWS answers a token whose task is closed (answered, timed out, or its execution ended) with TaskTimedOut,
 * and a token it never issued with InvalidToken. The engine forgets a token once its task closes, so the two
 * are told apart by shape: a token of the engine's form that is no longer waiting was issued and has closed.
 */
final class CallbackOperations {
    /** The shape of the tokens the engine issues. */
    private static final Pattern ISSUED_FORM = Pattern.compile("[0-9a-f]{64}");

    private static final int MAX_TOKEN = 2048;

    private final Engine engine;

    CallbackOperations(Engine engine) {
        this.engine = engine;
    }

    ObjectNode success(ApiRequest request) {
        String token = request.requiredString("taskToken", 1, MAX_TOKEN);
        String output = request.requiredString("output", 0, ExecutionOperations.MAX_INPUT);
        answer(token, () -> engine.sendTaskSuccess(token, output));
        return Json.object();
    }

    ObjectNode failure(ApiRequest request) {
        String token = request.requiredString("taskToken", 1, MAX_TOKEN);
        String error = request.optionalString("error", 0, 256);
        String cause = request.optionalString("cause", 0, 32_768);
        answer(token, () -> engine.sendTaskFailure(token, error, cause));
        return Json.object();
    }

    ObjectNode heartbeat(ApiRequest request) {
        String token = request.requiredString("taskToken", 1, MAX_TOKEN);
        answer(token, () -> engine.sendTaskHeartbeat(token));
        return Json.object();
    }

    private static void answer(String token, Runnable call) {
        try {
            call.run();
        } catch (EngineException e) {
            if (!e.code().equals("TaskDoesNotExist") && !e.code().equals("InvalidToken")) {
                throw e;
            }
            if (ISSUED_FORM.matcher(token).matches()) {
                throw new EngineException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
            }
            throw new EngineException(ApiErrors.INVALID_TOKEN, "Invalid Token: 'Invalid token'");
        }
    }
}
