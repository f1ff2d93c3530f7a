package com.ccs.workflows.createcontract;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** The sample events of events/functions/create-contract, parsed to plain maps as Lambda's serializer does. */
final class SampleEvents {
    private static final Path DIR = Path.of("../../events/functions/create-contract");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleEvents() {
    }

    static Map<String, Object> load(String name) {
        try {
            return JSON.readValue(DIR.resolve(name).toFile(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample event " + name, e);
        }
    }
}
