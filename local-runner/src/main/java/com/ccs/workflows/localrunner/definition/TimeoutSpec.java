package com.ccs.workflows.localrunner.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * TimeoutSeconds/HeartbeatSeconds: a literal (or JSONata expression) or a reference path; both null when unset.
 */
public record TimeoutSpec(JsonNode value, String path) {
    public static final TimeoutSpec NONE = new TimeoutSpec(null, null);

    public boolean isSet() {
        return value != null || path != null;
    }
}
