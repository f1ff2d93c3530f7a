package com.ccs.workflows.localrunner.conformance;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One recorded AWS execution under {@code shared/conformance/cases/<name>}. */
record ConformanceCase(
        String name,
        String folder,
        String category,
        List<String> flags,
        String definition,
        String input,
        JsonNode expected,
        JsonNode history) {

    static List<ConformanceCase> load(Path casesDir) {
        JsonNode index = read(casesDir.resolve("INDEX.json"));
        List<ConformanceCase> cases = new ArrayList<>();
        for (JsonNode row : index) {
            String category = row.get("category").asText();
            if (!category.equals("pure") && !category.equals("stubbable")) {
                continue;
            }
            Path dir = casesDir.resolve(row.get("name").asText());
            List<String> flags = new ArrayList<>();
            row.path("flags").forEach(f -> flags.add(f.asText()));
            Path historyFile = dir.resolve("history.json");
            cases.add(new ConformanceCase(
                    row.get("name").asText(),
                    row.get("folder").asText(),
                    category,
                    List.copyOf(flags),
                    text(dir.resolve("definition.json")),
                    text(dir.resolve("input.json")),
                    read(dir.resolve("expected.json")),
                    Files.exists(historyFile) ? read(historyFile) : null));
        }
        return cases;
    }

    boolean flagged(String flag) {
        return flags.contains(flag);
    }

    private static JsonNode read(Path file) {
        return Json.parse(text(file));
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
