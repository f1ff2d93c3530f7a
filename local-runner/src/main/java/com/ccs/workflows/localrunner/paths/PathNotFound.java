package com.ccs.workflows.localrunner.paths;

/** A definite JSONPath that selects nothing; the message is the one AWS quotes ("No results for path: ..."). */
public final class PathNotFound extends RuntimeException {
    public PathNotFound(String message) {
        super(message, null, false, false);
    }
}
