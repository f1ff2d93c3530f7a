package com.ccs.workflows.localrunner.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workflow variables. A Parallel branch or Map iteration gets a child scope: it reads its parents' variables,
 * and what it assigns stays inside it.
 */
public final class Variables {
    private final Variables parent;
    private final Map<String, JsonNode> values = new ConcurrentHashMap<>();

    private Variables(Variables parent) {
        this.parent = parent;
    }

    public static Variables root() {
        return new Variables(null);
    }

    public Variables child() {
        return new Variables(this);
    }

    /** The value, or null when undefined. */
    public JsonNode get(String name) {
        JsonNode v = values.get(name);
        return v != null || parent == null ? v : parent.get(name);
    }

    public void assignAll(Map<String, JsonNode> assignments) {
        values.putAll(assignments);
    }

    /** The variables assigned in this scope itself. */
    public Map<String, JsonNode> own() {
        return Map.copyOf(values);
    }

    /** Every variable visible here, inner scopes shadowing outer ones. */
    public Map<String, JsonNode> visible() {
        Map<String, JsonNode> all = parent == null ? new LinkedHashMap<>() : parent.visible();
        all.putAll(values);
        return all;
    }
}
