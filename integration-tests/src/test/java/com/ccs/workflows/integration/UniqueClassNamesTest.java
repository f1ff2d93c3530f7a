package com.ccs.workflows.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One name, one class: a newcomer who searches for a class name finds one file among all modules' main sources. */
class UniqueClassNamesTest {
    private static final Path ROOT = Path.of(System.getProperty("ccs.projectRoot", ".."))
            .toAbsolutePath()
            .normalize();

    @Test
    void noTwoMainClassesShareASimpleName() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(ROOT)) {
            sources = files.filter(
                            f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .filter(f -> !f.toString().contains("/target/")
                            && !f.toString().contains("/.tools/")
                            && !f.toString().contains("/.aws-sam/"))
                    .filter(f -> !f.getFileName().toString().equals("package-info.java"))
                    .toList();
        }
        assertThat(sources).hasSizeGreaterThan(200);
        Map<String, List<String>> byName = sources.stream()
                .collect(Collectors.groupingBy(
                        f -> f.getFileName().toString(),
                        TreeMap::new,
                        Collectors.mapping(f -> ROOT.relativize(f).toString(), Collectors.toList())));
        Map<String, List<String>> shared = new TreeMap<>(byName);
        shared.values().removeIf(paths -> paths.size() < 2);
        assertThat(shared).as("simple names used by more than one main class").isEmpty();
    }
}
