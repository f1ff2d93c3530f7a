package com.ccs.workflows.localrunner.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fields most states share. Path fields hold the JSONPath text; {@code null} stands for an explicit JSON
 * {@code null} in the definition (which discards input or result), an absent field is {@code "$"}.
 * Fields a state type does not allow are rejected by the parser, so they are simply {@code "$"}/null here.
 *
 * @param next the following state, or null when {@code end} is set (or the state is terminal by type)
 * @param parameters {@code Parameters} (JSONPath) or {@code Arguments} (JSONata): the task/iteration payload
 * @param assign the {@code Assign} block or null
 * @param output the JSONata {@code Output} or null
 */
public record StateCommon(
        String name,
        String type,
        QueryLanguage queryLanguage,
        String next,
        boolean end,
        String inputPath,
        JsonNode parameters,
        JsonNode resultSelector,
        String resultPath,
        String outputPath,
        JsonNode assign,
        JsonNode output) {

    public boolean jsonata() {
        return queryLanguage == QueryLanguage.JSONATA;
    }
}
