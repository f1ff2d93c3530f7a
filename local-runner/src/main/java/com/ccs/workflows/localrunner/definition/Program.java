package com.ccs.workflows.localrunner.definition;

import java.util.Map;

/**
 * A graph of states with its entry: the whole state machine, a Parallel branch or a Map item processor.
 *
 * @param states in definition order (unmodifiable)
 */
public record Program(String startAt, Map<String, State> states, QueryLanguage queryLanguage) {

    public State state(String name) {
        return states.get(name);
    }
}
