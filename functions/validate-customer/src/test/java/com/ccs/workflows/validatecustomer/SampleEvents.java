package com.ccs.workflows.validatecustomer;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sample events a user passes to {@code sam local invoke -e}, read with the Lambda Java runtime's own
 * serialisation (via aws-lambda-java-tests), so the handler sees exactly the map types it gets in Lambda.
 */
final class SampleEvents {
    static final Path DIR = Path.of("../../events/functions/validate-customer");

    private SampleEvents() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String name) {
        Path file = DIR.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("sample event not found: " + file.toAbsolutePath());
        }
        return EventLoader.loadEvent(file.toString(), Map.class);
    }
}
