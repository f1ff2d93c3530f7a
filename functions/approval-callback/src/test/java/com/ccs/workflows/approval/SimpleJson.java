package com.ccs.workflows.approval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses sample events into the Map/List/String/Number/Boolean shape Lambda's serializer gives a handler. */
final class SimpleJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SimpleJson() {}

    static Map<String, Object> parseObject(String json) throws IOException {
        return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    }
}
