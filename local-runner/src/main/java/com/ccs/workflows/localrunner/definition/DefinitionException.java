package com.ccs.workflows.localrunner.definition;

import java.util.List;

/** A definition AWS would refuse, with every problem found (AWS reports them all in one message). */
public final class DefinitionException extends RuntimeException {
    private final List<String> problems;

    public DefinitionException(List<String> problems) {
        super("Invalid State Machine Definition: '" + String.join("', '", problems) + "'");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
