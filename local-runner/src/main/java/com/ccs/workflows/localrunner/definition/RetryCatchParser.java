package com.ccs.workflows.localrunner.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Parses the Retry and Catch lists of Task, Parallel and Map states, with AWS's defaults and limits. */
final class RetryCatchParser {
    private final FieldReader fields;

    RetryCatchParser(FieldReader fields) {
        this.fields = fields;
    }

    List<Retrier> retriers(JsonNode node, String at) {
        JsonNode retry = node.get("Retry");
        if (retry == null) {
            return List.of();
        }
        List<Retrier> out = new ArrayList<>();
        for (int i = 0; i < retry.size(); i++) {
            JsonNode r = retry.get(i);
            String rat = at + "/Retry[" + i + "]";
            List<String> errors = errorEquals(r, rat);
            int maxAttempts = r.path("MaxAttempts").asInt(3);
            double backoff = r.path("BackoffRate").asDouble(2.0);
            int interval = r.path("IntervalSeconds").asInt(1);
            if (interval < 1 || maxAttempts < 0 || backoff < 1.0) {
                fields.problem(
                        "SCHEMA_VALIDATION_FAILED: IntervalSeconds must be >= 1, MaxAttempts >= 0 and BackoffRate >= 1.0",
                        rat);
            }
            String jitter = r.path("JitterStrategy").asText("NONE");
            if (!jitter.equals("NONE") && !jitter.equals("FULL")) {
                fields.problem(
                        "SCHEMA_VALIDATION_FAILED: The value for the field 'JitterStrategy' must be one of [FULL, NONE]",
                        rat + "/JitterStrategy");
            }
            Integer maxDelay =
                    r.has("MaxDelaySeconds") ? r.get("MaxDelaySeconds").asInt() : null;
            out.add(new Retrier(errors, interval, maxAttempts, backoff, maxDelay, jitter.equals("FULL")));
        }
        checkStatesAllLast(out.stream().map(Retrier::errorEquals).toList(), at + "/Retry");
        return List.copyOf(out);
    }

    List<Catcher> catchers(JsonNode node, String at) {
        JsonNode catches = node.get("Catch");
        if (catches == null) {
            return List.of();
        }
        List<Catcher> out = new ArrayList<>();
        for (int i = 0; i < catches.size(); i++) {
            JsonNode c = catches.get(i);
            String cat = at + "/Catch[" + i + "]";
            List<String> errors = errorEquals(c, cat);
            if (!c.path("Next").isTextual()) {
                fields.problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Next]", cat);
            }
            out.add(new Catcher(
                    errors,
                    c.path("Next").asText(null),
                    fields.path(c, "ResultPath", cat, "$"),
                    c.get("Output"),
                    c.get("Assign")));
        }
        checkStatesAllLast(out.stream().map(Catcher::errorEquals).toList(), at + "/Catch");
        return List.copyOf(out);
    }

    private List<String> errorEquals(JsonNode node, String at) {
        JsonNode errors = node.get("ErrorEquals");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            fields.problem("SCHEMA_VALIDATION_FAILED: These fields are required: [ErrorEquals]", at);
            return List.of();
        }
        List<String> out = new ArrayList<>();
        errors.forEach(e -> out.add(e.asText()));
        if (out.contains("States.ALL") && out.size() > 1) {
            fields.problem(
                    "SCHEMA_VALIDATION_FAILED: States.ALL must appear alone in ErrorEquals", at + "/ErrorEquals");
        }
        return List.copyOf(out);
    }

    private void checkStatesAllLast(List<List<String>> entries, String at) {
        for (int i = 0; i < entries.size() - 1; i++) {
            if (entries.get(i).contains("States.ALL")) {
                fields.problem("SCHEMA_VALIDATION_FAILED: States.ALL must be the last entry", at + "[" + i + "]");
            }
        }
    }
}
