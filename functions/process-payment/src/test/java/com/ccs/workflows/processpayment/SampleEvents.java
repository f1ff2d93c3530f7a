package com.ccs.workflows.processpayment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The sample events users pass to {@code sam local invoke -e}, read as Lambda hands them to the handler. */
final class SampleEvents {
    static final Path DIRECTORY = Path.of("../../events/functions/process-payment");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleEvents() {
    }

    static Map<String, Object> load(String name) throws IOException {
        return JSON.readValue(DIRECTORY.resolve(name).toFile(), new TypeReference<>() {
        });
    }
}
