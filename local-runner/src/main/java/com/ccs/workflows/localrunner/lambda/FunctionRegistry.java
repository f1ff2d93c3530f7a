package com.ccs.workflows.localrunner.lambda;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The deployment's functions, found by logical id or by any FunctionName a Task may use. */
public final class FunctionRegistry implements AutoCloseable {
    private final Map<String, InProcessFunction> byLogicalId = new LinkedHashMap<>();

    public void add(InProcessFunction function) {
        byLogicalId.put(function.spec().logicalId(), function);
    }

    public Collection<InProcessFunction> all() {
        return byLogicalId.values();
    }

    public InProcessFunction byLogicalId(String logicalId) {
        InProcessFunction function = byLogicalId.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("template.yaml has no function " + logicalId);
        }
        return function;
    }

    /** The function a Task's FunctionName (name, ARN, alias ARN, partial ARN) refers to. */
    public Optional<InProcessFunction> find(String functionName) {
        return byLogicalId.values().stream()
                .filter(f -> f.spec().answersTo(functionName))
                .findFirst();
    }

    @Override
    public void close() {
        byLogicalId.values().forEach(InProcessFunction::close);
    }
}
