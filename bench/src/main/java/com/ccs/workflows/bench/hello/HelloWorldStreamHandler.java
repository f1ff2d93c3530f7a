package com.ccs.workflows.bench.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The second baseline, shown for reference: the smallest stream handler, the shape the project's handlers have
 * (shared-lib {@code JsonEventHandler}). The runtime binds no JSON for it, so it starts well below
 * {@link HelloWorldHandler}; the goal's ratio is to the latter, the hello-world a Java function is usually
 * written as.
 */
public final class HelloWorldStreamHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write("\"hello\"".getBytes(StandardCharsets.UTF_8));
    }
}
