package com.ccs.workflows.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.ccs.workflows.shared.event.JsonText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Invokes a handler the way the runtime does: the event as JSON bytes in, the answer parsed from the bytes out. */
public final class StreamInvocation {
    private StreamInvocation() {}

    public static Map<String, Object> invoke(RequestStreamHandler handler, Map<String, Object> event, Context context) {
        return SampleEvents.parseJson(invokeRaw(handler, JsonText.document(event), context));
    }

    /** {@code json} as the event, sent as it is (it need not be valid); the answer's text. */
    public static String invokeRaw(RequestStreamHandler handler, String json, Context context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
