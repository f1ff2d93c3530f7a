package com.ccs.workflows.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Random numbers in the functions' code come from one place, shared-lib's RestoreSafeRandom, which reseeds after a
 * SnapStart restore: a generator of its own (ThreadLocalRandom, a Random, a SplittableRandom, a SecureRandom
 * instance) would be copied by the snapshot into every restored environment, and with it the jitter and ids it draws.
 */
class SnapStartRandomnessTest {
    private static final Path ROOT = Path.of(System.getProperty("ccs.projectRoot", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Pattern OWN_GENERATOR = Pattern.compile(
            "ThreadLocalRandom|new (java\\.util\\.)?Random\\(|new SplittableRandom\\(|new SecureRandom\\(|Math\\.random\\(");

    @Test
    void noFunctionCodeDrawsFromAGeneratorOfItsOwn() throws IOException {
        List<Path> sources;
        try (Stream<Path> files =
                Stream.concat(Files.walk(ROOT.resolve("functions")), Files.walk(ROOT.resolve("shared-lib")))) {
            sources = files.filter(
                            f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                    .toList();
        }
        assertThat(sources).hasSizeGreaterThan(100);
        List<String> offenders = sources.stream()
                .filter(f -> !f.getFileName().toString().equals("RestoreSafeRandom.java"))
                .filter(f -> OWN_GENERATOR.matcher(read(f)).find())
                .map(f -> ROOT.relativize(f).toString())
                .toList();
        assertThat(offenders).as("use RestoreSafeRandom.current() or .secure()").isEmpty();
        assertThat(OWN_GENERATOR
                        .matcher(read(ROOT.resolve(
                                "shared-lib/src/main/java/com/ccs/workflows/shared/priming/RestoreSafeRandom.java")))
                        .find())
                .as("the pattern finds a generator where there is one")
                .isTrue();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
