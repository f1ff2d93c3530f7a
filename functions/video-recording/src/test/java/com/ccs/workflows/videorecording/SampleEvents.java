package com.ccs.workflows.videorecording;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** The sample events under events/functions/video-recording, parsed as Lambda's serializer would (Map/List/String/Number). */
final class SampleEvents {
    private static final Path DIRECTORY = Path.of("../../events/functions/video-recording");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleEvents() {
    }

    static Map<String, Object> load(String name) {
        try {
            return JSON.readValue(DIRECTORY.resolve(name).toFile(), new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> parseJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
