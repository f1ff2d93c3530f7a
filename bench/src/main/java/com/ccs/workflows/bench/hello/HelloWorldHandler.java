package com.ccs.workflows.bench.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The cold-start baseline the goal's ratio is measured against: the smallest Java function as it is usually
 * written, a {@code RequestHandler} taking a JSON object, so the runtime binds the event with its own JSON library.
 * The bench copies just this class into the baseline's task root.
 */
public final class HelloWorldHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "hello";
    }
}
