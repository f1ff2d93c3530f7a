package com.ccs.workflows.localrunner.definition;

/** The two ASL query languages; a state inherits the machine's unless it sets its own. */
public enum QueryLanguage {
    JSONPATH,
    JSONATA;

    public static QueryLanguage parse(String text) {
        return switch (text) {
            case "JSONPath" -> JSONPATH;
            case "JSONata" -> JSONATA;
            default -> throw new IllegalArgumentException(text);
        };
    }
}
