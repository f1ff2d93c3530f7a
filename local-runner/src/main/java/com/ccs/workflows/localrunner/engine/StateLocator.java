package com.ccs.workflows.localrunner.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Finds a state by name anywhere in a machine's definition (nested in Parallel branches and Map item processors
 * too), as TestState's {@code stateName} names it, with the query language it runs in there made explicit.
 */
final class StateLocator {
    /**
     * The state's name and its definition, copied, with its QueryLanguage set; and the language of the machine it
     * is in, which the states of its branches or item processor take.
     */
    record Located(String name, ObjectNode state, String machineLanguage) {}

    private StateLocator() {}

    /**
     * @param program an object with {@code States} (a machine, a branch, an item processor)
     * @param inherited the machine's query language, which every program's states that do not name one take
     * @return the state, or null when no state of that name is there
     */
    static Located find(JsonNode program, String name, String inherited) {
        String language = program.path("QueryLanguage").asText(inherited);
        for (Map.Entry<String, JsonNode> entry : program.path("States").properties()) {
            JsonNode state = entry.getValue();
            if (!state.isObject()) {
                continue;
            }
            String own = state.path("QueryLanguage").asText(language);
            if (entry.getKey().equals(name)) {
                ObjectNode copy = ((ObjectNode) state).deepCopy();
                copy.put("QueryLanguage", own);
                return new Located(name, copy, language);
            }
            for (JsonNode branch : state.path("Branches")) {
                Located found = find(branch, name, language);
                if (found != null) {
                    return found;
                }
            }
            JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
            if (processor != null) {
                Located found = find(processor, name, language);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
