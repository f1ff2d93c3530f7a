package com.ccs.workflows.localrunner.testing;

import com.ccs.workflows.localrunner.deployment.DeploymentOptions;
import com.ccs.workflows.localrunner.deployment.LocalDeployment;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The project the tests deploy: the repository root (system property ccs.project.dir, set by the pom). */
public final class TestProject {
    private TestProject() {}

    public static Path dir() {
        String property = System.getProperty("ccs.project.dir");
        Path dir = property == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(property);
        if (!Files.isRegularFile(dir.resolve("template.yaml"))) {
            throw new IllegalStateException("No template.yaml in " + dir);
        }
        return dir;
    }

    public static String event(String relative) {
        try {
            return Files.readString(dir().resolve("events").resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The executable {@code command} in a directory of PATH, or null when there is none. */
    public static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** A deployment on the embedded backends; the functions' logs are dropped. */
    public static LocalDeployment deploy() {
        return LocalDeployment.start(
                DeploymentOptions.defaults(dir()).withFunctionLog(new PrintStream(OutputStream.nullOutputStream())));
    }

    /** A copy of what the diagrams are drawn from and into (template, definitions, README, docs/diagrams) in {@code target}. */
    public static void copyWorkflows(Path target) throws IOException {
        Files.createDirectories(target.resolve("statemachines"));
        Files.createDirectories(target.resolve("docs/diagrams"));
        for (String file : List.of(
                "README.md",
                "template.yaml",
                "statemachines/emergency.asl.json",
                "statemachines/business.asl.json",
                "docs/diagrams/emergency.md",
                "docs/diagrams/business.md")) {
            Files.copy(dir().resolve(file), target.resolve(file));
        }
    }
}
