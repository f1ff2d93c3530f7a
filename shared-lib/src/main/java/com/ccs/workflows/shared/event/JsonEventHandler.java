package com.ccs.workflows.shared.event;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.ccs.workflows.errors.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The functions' handler base: Lambda hands the event over as bytes, {@link MiniJson} reads it into the plain maps
 * {@link EventFields} works on, and {@link JsonText} writes the answer. A {@code RequestHandler<Map, Map>} would
 * have the runtime bind both with its own Jackson instead: about 970 classes and a quarter of a second on every
 * cold start (docs/performance.md) to produce the same maps.
 */
public abstract class JsonEventHandler implements RequestStreamHandler {
    /**
     * How deep an event may nest. Far above any event of these functions (Step Functions and API Gateway send a
     * handful of levels), so a value nested deep inside one field reaches the handler and is that field's problem,
     * named by {@link EventFields}; low enough that reading it stays well inside a thread's default stack.
     */
    static final int MAX_EVENT_DEPTH = 512;

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> answer = handle(read(input), context);
        output.write(JsonText.document(answer).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The function itself. The event holds maps, lists, strings, numbers ({@code Long}, {@code BigInteger} beyond
     * its range, {@code Double}), booleans and nulls; the answer may hold the same (any {@code Number}, any
     * {@code Iterable}). A null member of the answer is written as {@code null}, not left out.
     */
    public abstract Map<String, Object> handle(Map<String, Object> event, Context context);

    /** The event as a map; bytes that are not a JSON object are invalid input, with the reason and offset. */
    static Map<String, Object> read(InputStream input) throws IOException {
        String text = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        try {
            return MiniJson.parseObject(text, MAX_EVENT_DEPTH);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("$", "the event must be a JSON object (" + e.getMessage() + ")");
        } catch (StackOverflowError e) {
            // Only on a thread with a far smaller stack than the runtime's: the reader holds no lock and no state.
            throw new InvalidInputException("$", "the event is nested too deeply to read");
        }
    }
}
