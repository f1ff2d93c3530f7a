package com.ccs.workflows.localrunner.diagram;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A state machine definition drawn as a Mermaid flowchart: one box per state, named as in the definition (Choice
 * a rhombus, Task a rectangle, Pass rounded, Succeed and Fail terminals), a Parallel state as a subgraph holding
 * one subgraph per branch (a Map's iteration likewise). Edges carry what takes them: a Choice rule its
 * {@code Comment} or else its condition, {@code otherwise} the Default, {@code catch} and the error names a
 * Catch takes. Rules and catches of one state that lead to the same state share one edge.
 */
public final class MermaidFlowchart {
    private static final int LONGEST_CONDITION = 72;
    /** Words Mermaid reads as its own (and the chart's start and finish nodes): never a state's id. */
    private static final Set<String> RESERVED = Set.of(
            "start",
            "finish",
            "end",
            "graph",
            "flowchart",
            "subgraph",
            "style",
            "class",
            "classdef",
            "click",
            "linkstyle",
            "direction",
            "default");

    private final StringBuilder out = new StringBuilder();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();
    private final List<String> edges = new ArrayList<>();
    private final List<String> failStates = new ArrayList<>();
    private final List<String> endStates = new ArrayList<>();

    private MermaidFlowchart() {}

    /** The flowchart of {@code definition}, an ASL document with StartAt and States. */
    public static String render(JsonNode definition) {
        MermaidFlowchart chart = new MermaidFlowchart();
        chart.out.append("flowchart TD\n");
        chart.out.append("  start((Start))\n");
        chart.nameAll(definition.path("States"));
        chart.edges.add("start --> " + chart.id(definition.path("StartAt").asText()));
        chart.boxes(definition.path("States"), "  ", true);
        chart.out.append("  finish((End))\n");
        chart.edges.forEach(edge -> chart.out.append("  ").append(edge).append('\n'));
        if (!chart.failStates.isEmpty()) {
            chart.out.append("  classDef failed fill:#fde2e2,stroke:#b42318\n");
            chart.out
                    .append("  class ")
                    .append(String.join(",", chart.failStates))
                    .append(" failed\n");
        }
        if (!chart.endStates.isEmpty()) {
            chart.out.append("  classDef succeeded fill:#e3f4e1,stroke:#2b7a0b\n");
            chart.out
                    .append("  class ")
                    .append(String.join(",", chart.endStates))
                    .append(" succeeded\n");
        }
        return chart.out.toString();
    }

    /** Gives every state, at any depth, an id derived from its name, so the chart's text reads as the machine. */
    private void nameAll(JsonNode states) {
        states.properties().forEach(e -> {
            String base = e.getKey()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "_")
                    .replaceAll("^_|_$", "");
            if (base.isEmpty() || Character.isDigit(base.charAt(0)) || RESERVED.contains(base)) {
                base = "s_" + base;
            }
            String id = base;
            for (int n = 2; !used.add(id); n++) {
                id = base + "_" + n;
            }
            ids.put(e.getKey(), id);
            branches(e.getValue()).forEach(branch -> nameAll(branch.path("States")));
        });
    }

    private String id(String state) {
        String id = ids.get(state);
        if (id == null) {
            throw new IllegalArgumentException("No state named \"" + state + "\"");
        }
        return id;
    }

    private void boxes(JsonNode states, String indent, boolean topLevel) {
        states.properties().forEach(e -> box(e.getKey(), e.getValue(), indent, topLevel));
    }

    private void box(String name, JsonNode state, String indent, boolean topLevel) {
        String id = id(name);
        String type = state.path("Type").asText();
        List<JsonNode> branches = branches(state);
        if (!branches.isEmpty()) {
            out.append(indent)
                    .append("subgraph ")
                    .append(id)
                    .append("[\"")
                    .append(text(name))
                    .append("\"]\n");
            for (int i = 0; i < branches.size(); i++) {
                JsonNode branch = branches.get(i);
                String branchId = id + "_" + (type.equals("Map") ? "iteration" : "branch_" + (i + 1));
                out.append(indent).append("  subgraph ").append(branchId).append("[\" \"]\n");
                boxes(branch.path("States"), indent + "    ", false);
                out.append(indent).append("  end\n");
            }
            out.append(indent).append("end\n");
        } else {
            out.append(indent).append(id).append(shape(type, name)).append('\n');
        }
        switch (type) {
            case "Choice" -> choiceEdges(id, state);
            case "Fail" -> failStates.add(id);
            case "Succeed" -> {
                endStates.add(id);
                if (topLevel) {
                    edges.add(id + " --> finish");
                }
            }
            default -> {
                if (state.has("Next")) {
                    edges.add(id + " --> " + id(state.get("Next").asText()));
                } else if (state.path("End").asBoolean() && topLevel) {
                    edges.add(id + " --> finish");
                }
                catchEdges(id, state);
            }
        }
    }

    private static List<JsonNode> branches(JsonNode state) {
        List<JsonNode> branches = new ArrayList<>();
        state.path("Branches").forEach(branches::add);
        JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
        if (processor != null) {
            branches.add(processor);
        }
        return branches;
    }

    private static String shape(String type, String name) {
        String label = text(name);
        return switch (type) {
            case "Choice" -> "{\"" + label + "\"}";
            case "Pass" -> "(\"" + label + "\")";
            case "Wait" -> "[/\"" + label + "\"/]";
            case "Succeed", "Fail" -> "([\"" + label + "\"])";
            default -> "[\"" + label + "\"]";
        };
    }

    private void choiceEdges(String id, JsonNode state) {
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        state.path("Choices")
                .forEach(rule -> byTarget.computeIfAbsent(rule.path("Next").asText(), t -> new ArrayList<>())
                        .add(rule.has("Comment") ? rule.get("Comment").asText() : condition(rule)));
        if (state.has("Default")) {
            byTarget.computeIfAbsent(state.get("Default").asText(), t -> new ArrayList<>())
                    .add("otherwise");
        }
        byTarget.forEach((target, labels) -> edges.add(labelled(id, target, labels)));
    }

    private void catchEdges(String id, JsonNode state) {
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        state.path("Catch").forEach(catcher -> {
            List<String> errors = new ArrayList<>();
            catcher.path("ErrorEquals").forEach(error -> errors.add(error.asText()));
            byTarget.computeIfAbsent(catcher.path("Next").asText(), t -> new ArrayList<>())
                    .add("catch " + String.join(", ", errors));
        });
        byTarget.forEach((target, labels) -> edges.add(labelled(id, target, labels)));
    }

    private String labelled(String from, String target, List<String> labels) {
        List<String> escaped = labels.stream().map(MermaidFlowchart::text).toList();
        return from + " -->|\"" + String.join("<br/>", escaped) + "\"| " + id(target);
    }

    /** A rule without a Comment, as its condition: JSONata as written (shortened), JSONPath as a comparison. */
    static String condition(JsonNode rule) {
        if (rule.has("Condition")) {
            String text = rule.get("Condition").asText().strip();
            if (text.startsWith("{%") && text.endsWith("%}")) {
                text = text.substring(2, text.length() - 2).strip();
            }
            return text.length() <= LONGEST_CONDITION ? text : text.substring(0, LONGEST_CONDITION - 1) + "…";
        }
        for (String operator : List.of("And", "Or")) {
            if (rule.has(operator)) {
                List<String> parts = new ArrayList<>();
                rule.get(operator).forEach(r -> parts.add("(" + condition(r) + ")"));
                return String.join(" " + operator.toLowerCase(Locale.ROOT) + " ", parts);
            }
        }
        if (rule.has("Not")) {
            return "not (" + condition(rule.get("Not")) + ")";
        }
        String variable = rule.path("Variable").asText();
        for (Map.Entry<String, JsonNode> field : rule.properties()) {
            String comparison = comparison(field.getKey(), field.getValue());
            if (comparison != null) {
                return variable + " " + comparison;
            }
        }
        return variable;
    }

    private static String comparison(String operator, JsonNode operand) {
        if (operator.startsWith("Is")) {
            String test = operator.substring(2).toLowerCase(Locale.ROOT);
            String what = test.equals("null") || test.equals("present")
                    ? test
                    : test.replace("numeric", "a number")
                            .replace("string", "a string")
                            .replace("boolean", "a boolean")
                            .replace("timestamp", "a timestamp");
            return (operand.asBoolean() ? "is " : "is not ") + what;
        }
        boolean path = operator.endsWith("Path");
        String base = path ? operator.substring(0, operator.length() - 4) : operator;
        String symbol;
        if (base.endsWith("GreaterThanEquals")) {
            symbol = ">=";
        } else if (base.endsWith("LessThanEquals")) {
            symbol = "<=";
        } else if (base.endsWith("GreaterThan")) {
            symbol = ">";
        } else if (base.endsWith("LessThan")) {
            symbol = "<";
        } else if (base.endsWith("Equals")) {
            symbol = "=";
        } else if (base.equals("StringMatches")) {
            symbol = "matches";
        } else {
            return null;
        }
        return symbol + " " + (path ? operand.asText() : operand.toString());
    }

    /** Label text as Mermaid reads it inside quotes: its own entity codes for what would end or mark up a label. */
    private static String text(String raw) {
        return raw.replace("#", "#35;")
                .replace("\"", "#quot;")
                .replace("<", "#lt;")
                .replace(">", "#gt;");
    }
}
