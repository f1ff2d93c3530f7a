package com.ccs.workflows.localrunner.history;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;

/**
 * JSON text on the engine's hot paths (history payloads, execution input, API bodies): {@link Json}'s
 * configuration, with Jackson's work buffers pooled across threads. Every execution, branch and API request runs
 * on a virtual thread of its own, where Jackson's default per-thread buffers would be allocated anew each time.
 */
public final class PooledJson {
    private static final ObjectMapper MAPPER = Json.MAPPER.copyWith(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build());

    private PooledJson() {}

    /** As {@link Json#write}. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node == null ? NullNode.getInstance() : node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As {@link Json#parse}: null for empty text, IllegalArgumentException for invalid JSON. */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? NullNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A request body; null when empty. */
    public static JsonNode read(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }
}
