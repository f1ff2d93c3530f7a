package com.ccs.workflows.localrunner.diagram;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The project's diagrams, drawn from its definitions so they cannot drift: {@code docs/diagrams/<machine>.md} for
 * every {@code statemachines/<machine>.asl.json}, and the section of README.md between {@link #BEGIN} and
 * {@link #END}. {@link #expected()} is what the files must hold, {@link #stale()} the ones that differ,
 * {@link #write()} brings them up to date.
 */
public final class WorkflowDiagrams {
    /** The command that regenerates the diagrams, named wherever they are found out of date. */
    public static final String COMMAND = "local-runner/run diagrams";

    static final String BEGIN = "<!-- diagrams: drawn from statemachines/*.asl.json by " + COMMAND
            + "; edit the definitions, not this section -->";
    static final String END = "<!-- end of diagrams -->";
    private static final String LEGEND = """
      Choice states are rhombuses, Tasks rectangles, Pass states rounded, Succeed and Fail states terminals (a Fail \
      state red); a Parallel state is a box holding one box per branch. An edge out of a Choice state carries its \
      rule (the rule's `Comment`, or else its condition; `otherwise` is the Default), an edge out of a Catch the \
      errors it takes.""";

    private final Path project;

    public WorkflowDiagrams(Path project) {
        this.project = project;
    }

    /** Every generated file, relative to the project, with the content it must have. */
    public Map<Path, String> expected() {
        Map<Path, String> files = new LinkedHashMap<>();
        StringBuilder readme = new StringBuilder();
        for (Path definition : definitions()) {
            String machine = definition.getFileName().toString().replace(".asl.json", "");
            JsonNode root = Json.parse(read(definition));
            String chart = "```mermaid\n" + MermaidFlowchart.render(root) + "```\n";
            String source = project.relativize(definition).toString().replace('\\', '/');
            Path page = Path.of("docs", "diagrams", machine + ".md");
            files.put(
                    page,
                    "# " + title(machine) + "\n\n"
                            + "Drawn from `" + source + "` by `" + COMMAND
                            + "`: change the definition, then run it; the build fails"
                            + " while this page and the definition differ.\n\n"
                            + (root.hasNonNull("Comment")
                                    ? "> " + root.get("Comment").asText() + "\n\n"
                                    : "")
                            + chart + "\n" + LEGEND + "\n");
            readme.append("### ")
                    .append(title(machine))
                    .append(" (`")
                    .append(source)
                    .append("`)\n\n")
                    .append(chart)
                    .append('\n');
        }
        files.put(
                Path.of("README.md"),
                withSection(
                        read(project.resolve("README.md")),
                        BEGIN + "\n\n" + readme + LEGEND
                                + " The same diagrams with each definition's summary: [docs/diagrams]"
                                + "(docs/diagrams).\n\n" + END));
        return files;
    }

    /** The generated files whose content differs from what the definitions give (missing ones included). */
    public List<Path> stale() {
        List<Path> stale = new ArrayList<>();
        expected().forEach((file, content) -> {
            Path path = project.resolve(file);
            if (!Files.isRegularFile(path) || !read(path).equals(content)) {
                stale.add(file);
            }
        });
        return stale;
    }

    /** Writes the files that differ; returns them. */
    public List<Path> write() {
        List<Path> written = new ArrayList<>();
        Map<Path, String> expected = expected();
        for (Path file : stale()) {
            Path path = project.resolve(file);
            try {
                Files.createDirectories(path.getParent());
                Files.writeString(path, expected.get(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written.add(file);
        }
        return written;
    }

    /** The definitions, in the order template.yaml names them (the README's order), then any others by name. */
    private List<Path> definitions() {
        Path templateFile = project.resolve("template.yaml");
        String template = Files.isRegularFile(templateFile) ? read(templateFile) : "";
        Comparator<Path> inTemplate = Comparator.comparingInt(f -> {
            int at = template.indexOf("statemachines/" + f.getFileName());
            return at < 0 ? Integer.MAX_VALUE : at;
        });
        try (Stream<Path> files = Files.list(project.resolve("statemachines"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".asl.json"))
                    .sorted(inTemplate.thenComparing(Comparator.naturalOrder()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String title(String machine) {
        return machine.substring(0, 1).toUpperCase(Locale.ROOT)
                + machine.substring(1).replace('-', ' ') + " workflow";
    }

    /** README.md with its diagrams section replaced; a README without the markers is an error, not a guess. */
    static String withSection(String readme, String section) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("README.md has no diagrams section: add the lines " + BEGIN + " and " + END
                    + " where the diagrams belong, then run " + COMMAND);
        }
        return readme.substring(0, begin) + section + readme.substring(end + END.length());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
