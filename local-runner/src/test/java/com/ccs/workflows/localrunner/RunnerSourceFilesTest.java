package com.ccs.workflows.localrunner;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.testing.TestProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The runner stays readable one file at a time: a file that grows past the bound is split by what it does. */
class RunnerSourceFilesTest {
    private static final int MAX_LINES = 500;

    @Test
    void noMainSourceFileOfTheRunnerIsLongerThanFiveHundredLines() throws IOException {
        Path sources = TestProject.dir().resolve("local-runner/src/main/java");
        Map<String, Long> tooLong = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                long lines = lines(f);
                if (lines > MAX_LINES) {
                    tooLong.put(sources.relativize(f).toString(), lines);
                }
            });
        }
        assertThat(tooLong).as("files over %d lines", MAX_LINES).isEmpty();
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
