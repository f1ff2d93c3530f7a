package com.ccs.workflows.localrunner.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One Catch entry. {@code resultPath} is "$" when absent, null for an explicit JSON null; {@code output} and
 * {@code assign} are the JSONata/variables forms.
 */
public record Catcher(List<String> errorEquals, String next, String resultPath, JsonNode output, JsonNode assign) {}
