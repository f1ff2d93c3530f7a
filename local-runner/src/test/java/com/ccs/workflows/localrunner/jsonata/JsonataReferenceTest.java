package com.ccs.workflows.localrunner.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine's JSONata against the JavaScript reference implementation ({@link JsonataReference}), on the
 * expressions of src/test/resources/jsonata/reference-corpus.json: the kinds the two workflows use, on their kinds
 * of input, and the cases where com.dashjoin:jsonata alone differed. Skipped when Node.js or the package is absent.
 */
class JsonataReferenceTest {
    private static final Path CORPUS = Path.of("src", "test", "resources", "jsonata", "reference-corpus.json");

    @Test
    void everyExpressionOfTheCorpusGivesWhatTheReferenceGives() throws Exception {
        String unavailable = JsonataReference.unavailable();
        assumeTrue(unavailable == null, "JSONata reference test skipped: " + unavailable);
        JsonNode corpus = Json.parse(Files.readString(CORPUS));
        List<JsonataReference.Case> cases = new ArrayList<>();
        corpus.get("cases").properties().forEach(group -> {
            JsonNode states = Json.object().set("input", corpus.get("inputs").get(group.getKey()));
            group.getValue().forEach(e -> cases.add(new JsonataReference.Case(e.asText(), states, Map.of())));
        });
        assertThat(cases).hasSizeGreaterThan(100);
        assertThat(JsonataReference.differences(cases))
                .as("expressions the engine answers differently")
                .isEmpty();
    }
}
