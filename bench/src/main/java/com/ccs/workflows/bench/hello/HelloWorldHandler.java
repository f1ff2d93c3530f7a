package com.ccs.workflows.bench.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/**
 * The cold-start baseline: the smallest Java function, with the same input type as the project's handlers (a JSON
 * object) so that the runtime's own work, JSON included, is the same. Its package holds nothing else: the bench
 * copies just this class into the baseline's task root.
 */
public final class HelloWorldHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "hello";
    }
}
