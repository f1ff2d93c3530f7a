package com.ccs.workflows.testing;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sample events under {@code events/functions/<module>/}, read with Lambda's own serialiser (the files a user
 * passes to {@code sam local invoke -e} are the ones the tests use), and small JSON documents parsed the same way.
 */
public final class SampleEvents {
    private SampleEvents() {}

    /** {@code events/functions/<module>/<name>}, from a function module's directory (Maven's working directory). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(String module, String name) {
        Path file = Path.of("../../events/functions", module, name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "sample event not found: " + file.toAbsolutePath().normalize());
        }
        return EventLoader.loadEvent(file.toString(), Map.class);
    }

    /** A JSON object document (a command, a task output, an EMF record) as maps and lists. */
    public static Map<String, Object> parseJson(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + json, e);
        }
    }
}
